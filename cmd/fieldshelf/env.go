package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"fieldshelf/app/fetch"
	"fieldshelf/app/library"
	"fieldshelf/app/pdf"
	"fieldshelf/assets"
	"fieldshelf/storage"
)

// env is what a command works with: output streams and, opened on first
// use, the library in the data directory.
type env struct {
	stdout, stderr io.Writer
	dataFlag       string
	store          *storage.Store
	lib            *library.Library
	engine         *pdf.Engine // the PDF worker, started on first use (see pdf.go)
	// laterUpkeep leaves the daily upkeep (backup, trash) to the caller:
	// the GUI runs it once its window is up.
	laterUpkeep bool
	// indexLater, when set, becomes the library's IndexLater before the
	// demo is installed: the GUI indexes new files in the background.
	indexLater func(docID int64)
}

// library opens the library in the data directory, creating it on first
// use with the demo catalogue.
func (e *env) library(ctx context.Context) (*library.Library, error) {
	if e.lib != nil {
		return e.lib, nil
	}
	dir, err := dataDir(e.dataFlag)
	if err != nil {
		return nil, err
	}
	st, err := storage.Open(ctx, filepath.Join(dir, "library.db"))
	if err != nil {
		return nil, err
	}
	e.store = st
	e.lib = library.New(st, fetch.New(fetch.Options{}), dir)
	e.lib.OpenText = e.openText
	e.lib.IndexLater = e.indexLater
	if _, err := e.lib.InstallDemo(ctx, assets.DemoCatalog(), assets.DemoFiles()); err != nil {
		fmt.Fprintln(e.stderr, "fieldshelf: warning: "+oneLine(err))
	}
	if !e.laterUpkeep {
		e.upkeep(ctx)
	}
	return e.lib, nil
}

func (e *env) close() {
	if e.engine != nil {
		e.engine.Close()
	}
	if e.store != nil {
		e.store.Close()
	}
}

// dataDir resolves the data directory: the flag, else $FIELDSHELF_DATA, else
// the platform's per-user data directory. It returns an absolute path.
func dataDir(flagValue string) (string, error) {
	dir := flagValue
	if dir == "" {
		dir = os.Getenv("FIELDSHELF_DATA")
	}
	if dir == "" {
		base, err := platformDataHome()
		if err != nil {
			return "", fmt.Errorf("find the data directory (use --data DIR): %w", err)
		}
		dir = filepath.Join(base, "fieldshelf")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("data directory %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return "", fmt.Errorf("create the data directory: %w", err)
	}
	return abs, nil
}

// platformDataHome is XDG_DATA_HOME (or ~/.local/share) on Linux and the BSDs,
// Application Support on macOS and the local application data on Windows.
func platformDataHome() (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LocalAppData"); d != "" {
			return d, nil
		}
		return os.UserConfigDir()
	case "darwin":
		home, err := os.UserHomeDir()
		return filepath.Join(home, "Library", "Application Support"), err
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return d, nil
	}
	home, err := os.UserHomeDir()
	return filepath.Join(home, ".local", "share"), err
}

// parseFlags parses flags that may come before, between or after the
// positional arguments, and returns the positional ones.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

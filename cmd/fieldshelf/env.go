package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"

	"fieldshelf/app/fetch"
	"fieldshelf/app/library"
	"fieldshelf/app/pdf"
	"fieldshelf/app/ui"
	"fieldshelf/assets"
	"fieldshelf/storage"
)

// env is what a command works with: output streams and, opened on first
// use, the library in the data directory and the PDF engine.
type env struct {
	stdout, stderr io.Writer
	dataFlag       string
	verbose        bool // --verbose: errors and the logger's lines in full
	store          *storage.Store
	lib            *library.Library
	engineMu       sync.Mutex  // guards engine: downloads index text from several goroutines
	engine         *pdf.Engine // the PDF worker, started on first use (see pdf.go)
}

// library opens the library for a command, with the daily upkeep done.
func (e *env) library(ctx context.Context) (*library.Library, error) {
	if e.lib != nil {
		return e.lib, nil
	}
	lib, err := e.open(ctx, library.Options{OpenText: e.openText, Passwords: systemKeyring{}})
	if err == nil && !e.store.ReadOnly() {
		e.upkeep(ctx)
	}
	return lib, err
}

// open opens the library in the data directory with the options o and,
// on first use, installs the demo catalogue in it.
func (e *env) open(ctx context.Context, o library.Options) (*library.Library, error) {
	dir, err := dataDir(e.dataFlag)
	if err != nil {
		return nil, err
	}
	st, err := storage.Open(ctx, filepath.Join(dir, "library.db"))
	if err != nil {
		return nil, err
	}
	e.store = st
	e.lib = library.New(st, fetch.New(fetch.Options{}), dir, o)
	if st.ReadOnly() {
		return e.lib, nil
	}
	if _, err := e.lib.InstallDemo(ctx, assets.DemoCatalog(), assets.DemoFilesFor(ui.SystemLanguage().Code)); err != nil {
		fmt.Fprintln(e.stderr, "fieldshelf: warning: "+oneLine(err))
	}
	return e.lib, nil
}

// readOnlyNotice is what a command says, once, when the library could be
// opened only read-only.
const readOnlyNotice = "the library's folder cannot be written (it is read-only, or the disk is full): " +
	"reading works, changes cannot be saved"

// readOnly reports whether the library was opened read-only.
func (e *env) readOnly() bool { return e.store != nil && e.store.ReadOnly() }

func (e *env) close() {
	if e.engine != nil {
		e.engine.Close()
	}
	if e.store != nil {
		e.store.Close()
	}
}

// dataDir resolves the data directory: the flag, else $FIELDSHELF_DATA, else
// the portable copy's data folder (see portableDataDir), else the
// platform's per-user data directory. It returns an absolute path.
func dataDir(flagValue string) (string, error) {
	dir := flagValue
	if dir == "" {
		dir = os.Getenv("FIELDSHELF_DATA")
	}
	if dir == "" {
		dir = portableDataDir()
	}
	if dir == "" {
		base, err := platformDataHome()
		if err != nil {
			return "", fmt.Errorf("find the data directory (use --data DIR): %w", err)
		}
		dir = filepath.Join(base, dataDirName())
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
// positional arguments, and returns the positional ones. After "--" every
// argument is positional.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil // the flag package stopped at "--"
		}
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	return pos, nil
}

// positional returns the arguments of a command that takes no flags: all
// of them but a first "--".
func positional(args []string) []string {
	for i, a := range args {
		if a == "--" {
			return append(args[:i:i], args[i+1:]...)
		}
	}
	return args
}

// parseID reads the id of a document, source, bookmark, note or highlight.
func parseID(s, what string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s id %q is not a number", what, s)
	}
	if id <= 0 {
		return 0, fmt.Errorf("%s id %q is not valid: ids start at 1", what, s)
	}
	return id, nil
}

// parseIDs reads ids of one kind.
func parseIDs(args []string, what string) ([]int64, error) {
	ids := make([]int64, 0, len(args))
	for _, a := range args {
		id, err := parseID(a, what)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

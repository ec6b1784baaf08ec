// Command fieldshelf is the Fieldshelf offline document reader. With no
// command it opens the desktop application; the commands run the same
// library headless, so a sync can run from a script whenever a connection
// appears:
//
//	fieldshelf [--data DIR]
//	fieldshelf [--data DIR] FILE.pdf
//	fieldshelf [--data DIR] [--verbose] COMMAND [ARGS]
//
// The commands (`fieldshelf help` lists them with their arguments):
// sources, sync, ls, search, show, download, remove, pin, unpin, storage
// and config for the catalogue and the offline files; bookmarks, notes,
// highlights, trash, annotations, layers, backup and restore for the user's
// data; publish and serve to share catalogues with people nearby;
// render, text, toc, find and index for the documents' pages.
//
// The data directory is --data, else $FIELDSHELF_DATA, else the platform's
// data directory ($XDG_DATA_HOME/fieldshelf or ~/.local/share/fieldshelf on
// Linux). Every command exits 0 on success and 1 with a one-line reason on
// standard error on failure: a plain sentence, with the technical chain of
// errors behind it under --verbose. An argument "--" ends the options:
// every argument after it is positional.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"

	// Before Fyne reads the locale: see the package comment.
	_ "fieldshelf/app/syslocale"

	"fieldshelf/app"
	"fieldshelf/storage"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		os.Exit(1)
	}
}

// readOnlyError is a change that a read-only library refused (SQLite's own
// error): it is app.ErrReadOnly for errors.Is.
type readOnlyError struct{ error }

func (e readOnlyError) Unwrap() error { return e.error }

func (e readOnlyError) Is(target error) bool { return target == app.ErrReadOnly }

// errUsage reports bad arguments; the usage was printed already.
var errUsage = errors.New("usage")

// oneLine flattens an error (errors.Join gives several lines) into one.
func oneLine(err error) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " ")
}

// command is one subcommand.
type command struct {
	name    string
	usage   string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// commands are the subcommands, in the order help lists them.
var commands = []command{
	{"sources", "sources add URL [--name NAME] [--user U --password-env VAR] | sources list [--json] | sources remove ID",
		"manage catalogue sources", cmdSources},
	{"sync", "sync [SOURCE_ID...]", "sync catalogues into the library", cmdSync},
	{"ls", "ls [--tag T] [--type T] [--region R] [--year Y] [--publisher P] [--offline] [--withdrawn] [--sort newest|title|recent] [--json]",
		"list the library", cmdLs},
	{"search", "search QUERY [--json]", "full-text search, best matches first", cmdSearch},
	{"show", "show ID [--json]", "show one document", cmdShow},
	{"download", "download ID... | --tag T | --all [--pin] [--parallel N]",
		"fetch files for offline reading (resumes unfinished downloads)", cmdDownload},
	{"remove", "remove ID...", "delete local copies; catalogue entries and notes stay", cmdRemove},
	{"pin", "pin ID...", "keep files even over the cache limit", cmdPin(true)},
	{"unpin", "unpin ID...", "let the cache limit remove files again", cmdPin(false)},
	{"storage", "storage [--json]", "space used by offline files", cmdStorage},
	{"config", "config set KEY VALUE | config get KEY | config list",
		"settings: cache-limit (e.g. 2GB, none), author", cmdConfig},
	{"bookmarks", "bookmarks list [ID] [--json] | bookmarks add ID PAGE [--label L] | bookmarks remove BID",
		"bookmark pages", cmdBookmarks},
	{"notes", "notes list [ID] [--json] | notes add ID [--page N] TEXT | notes edit NID TEXT | notes remove NID",
		"Markdown notes on documents and pages", cmdNotes},
	{"highlights", "highlights list [ID] [--json] | highlights add ID PAGE --quote TEXT [--note TEXT] [--color C] | highlights remove HID",
		"highlight passages of offline documents", cmdHighlights},
	{"trash", "trash list [--json] | trash restore [KIND:ID...]",
		"removed annotations, kept 30 days (e.g. note:12, bookmark:3, highlight:5)", cmdTrash},
	{"annotations", "annotations export [ID] --format md|w3c [-o FILE] | annotations import FILE",
		"share annotations: Markdown to read, W3C Web Annotations to import elsewhere", cmdAnnotations},
	{"layers", "layers list [--json] | layers hide ID... | layers show ID... | layers copy ANNOTATION_ID",
		"annotations published with a catalogue: list, hide or show them, copy one into your own", cmdLayers},
	{"publish", "publish DIR -o OUT [--title T] [--base-url URL] [--annotations FILE_OR_DIR]... [--page-size N]",
		"turn a folder of PDFs (and its catalogue.csv) into a catalogue others can sync", cmdPublish},
	{"serve", "serve DIR [--addr HOST:PORT] | serve --library [DIR] [--notes] [--addr HOST:PORT]",
		"serve a published catalogue, or your offline documents, to people nearby (127.0.0.1:8421 unless told)", cmdServe},
	{"backup", "backup FILE", "write a copy of the library database (one is also made every day)", cmdBackup},
	{"restore", "restore FILE", "replace the library database with a backup (the current one is kept)", cmdRestore},
	{"render", "render ID PAGES [--dpi N] [--night] [--format png|ppm] [--password-env VAR] -o OUT",
		"draw pages of a cached PDF (PAGES: N, or N-M into the folder OUT as pNNNNN.png)", cmdRender},
	{"text", "text ID PAGE [--password-env VAR]", "print the text of a page", cmdText},
	{"toc", "toc ID [--password-env VAR] [--json]", "print a document's table of contents", cmdTOC},
	{"find", "find ID QUERY [--password-env VAR] [--json]", "find text in a document: pages and rectangles", cmdFind},
	{"index", "index [ID...]", "extract the page text of cached documents for search", cmdIndex},
}

// run parses the global flags, dispatches to a subcommand and prints its
// failure.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	g, args, err := takeGlobalFlags(args)
	if err != nil {
		fmt.Fprintln(stderr, "fieldshelf: "+err.Error())
		return errUsage
	}
	e := &env{stdout: stdout, stderr: stderr, dataFlag: g.data, verbose: g.verbose}
	defer e.close()
	err = dispatch(ctx, e, args)
	if storage.IsReadOnly(err) && !errors.Is(err, app.ErrReadOnly) {
		err = readOnlyError{err}
	}
	switch {
	case err != nil && !errors.Is(err, errUsage):
		fmt.Fprintln(stderr, "fieldshelf: "+describe(err, g.verbose))
	case err == nil && e.readOnly():
		fmt.Fprintln(stderr, "fieldshelf: note: "+readOnlyNotice)
	}
	return err
}

// dispatch runs the command args name, or the desktop application.
func dispatch(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return runGUI(ctx, e, "")
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(e.stdout)
		return nil
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		defer quietLog(e)()
		err := c.run(ctx, e, args[1:])
		if errors.Is(err, errUsage) {
			fmt.Fprintf(e.stderr, "usage: fieldshelf %s\n", c.usage)
		}
		return err
	}
	if len(args) == 1 && isPDFFile(args[0]) {
		return runGUI(ctx, e, args[0]) // a file opened from the file manager (the .desktop entry's %f)
	}
	fmt.Fprintf(e.stderr, "fieldshelf: unknown command %q (see fieldshelf help)\n", args[0])
	return errUsage
}

// quietLog sends the lines of the standard logger, which net/http writes
// to ("Unsolicited response received on idle HTTP channel" when a server
// sends more than it announced), to standard error only under --verbose:
// a command's standard error holds its progress and one line of reason.
// It returns the function that puts the logger back.
func quietLog(e *env) func() {
	out, flags, prefix := log.Writer(), log.Flags(), log.Prefix()
	log.SetFlags(0)
	log.SetPrefix("fieldshelf: detail: ")
	if e.verbose {
		log.SetOutput(e.stderr)
	} else {
		log.SetOutput(io.Discard)
	}
	return func() {
		log.SetOutput(out)
		log.SetFlags(flags)
		log.SetPrefix(prefix)
	}
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "Fieldshelf: an offline reader for catalogues of reports, handbooks and guidance.")
	fmt.Fprintln(w, "\nusage: fieldshelf [--data DIR] [--verbose] [COMMAND [ARGS] | FILE.pdf]  (no command, or a PDF file, opens the desktop application)")
	for _, c := range commands {
		fmt.Fprintf(w, "\n  %-8s %s\n           fieldshelf %s\n", c.name, c.summary, c.usage)
	}
	fmt.Fprintln(w, "\nThe data directory is --data, else $FIELDSHELF_DATA, else the platform's data directory.")
	fmt.Fprintln(w, "--verbose shows the technical detail of an error; after --, every argument is positional.")
}

// globalFlags are the flags every command takes, anywhere on the line.
type globalFlags struct {
	data    string // --data DIR
	verbose bool   // --verbose: errors with their technical chain
}

// takeGlobalFlags removes the global flags from anywhere in args before a
// "--" (which it keeps for the command).
func takeGlobalFlags(args []string) (globalFlags, []string, error) {
	var g globalFlags
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return g, append(rest, args[i:]...), nil
		case a == "--verbose" || a == "-verbose":
			g.verbose = true
		case a == "--data" || a == "-data":
			if i+1 >= len(args) {
				return g, nil, errors.New("--data needs a directory")
			}
			g.data = args[i+1]
			i++
		case strings.HasPrefix(a, "--data=") || strings.HasPrefix(a, "-data="):
			g.data = a[strings.IndexByte(a, '=')+1:]
		default:
			rest = append(rest, a)
		}
	}
	return g, rest, nil
}

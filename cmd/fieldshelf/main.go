// Command fieldshelf is the Fieldshelf offline document reader. With no
// command it opens the desktop application; the subcommands run the same
// library headless, so a sync can run from a script whenever a connection
// appears:
//
//	fieldshelf [--data DIR]
//	fieldshelf [--data DIR] FILE.pdf
//	fieldshelf [--data DIR] sources add URL [--name NAME] [--user U --password-env VAR]
//	fieldshelf [--data DIR] sources list [--json]
//	fieldshelf [--data DIR] sources remove ID
//	fieldshelf [--data DIR] sync [SOURCE_ID...]
//	fieldshelf [--data DIR] ls [--tag T] [--year Y] [--publisher P] [--offline] [--withdrawn] [--json]
//	fieldshelf [--data DIR] search QUERY [--json]
//	fieldshelf [--data DIR] show ID [--json]
//	fieldshelf [--data DIR] download ID... | --tag T | --all [--pin]
//	fieldshelf [--data DIR] remove ID...
//	fieldshelf [--data DIR] storage [--json]
//	fieldshelf [--data DIR] config set cache-limit 2GB
//
// The data directory is --data, else $FIELDSHELF_DATA, else the platform's
// data directory ($XDG_DATA_HOME/fieldshelf or ~/.local/share/fieldshelf on
// Linux). Every command exits 0 on success and 1 with a one-line reason on
// standard error on failure.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	// Before Fyne reads the locale: see the package comment.
	_ "fieldshelf/app/syslocale"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "fieldshelf: "+oneLine(err))
		}
		os.Exit(1)
	}
}

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

// commands are the subcommands in the order help lists them. Files that
// add a group of commands append theirs in an init function.
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
}

// run parses the global flags and dispatches to a subcommand.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	dataFlag, args, err := takeDataFlag(args)
	if err != nil {
		fmt.Fprintln(stderr, "fieldshelf: "+err.Error())
		return errUsage
	}
	if len(args) == 0 {
		e := &env{stdout: stdout, stderr: stderr, dataFlag: dataFlag}
		defer e.close()
		return runGUI(ctx, e, "")
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(stdout)
		return nil
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		e := &env{stdout: stdout, stderr: stderr, dataFlag: dataFlag}
		defer e.close()
		err := c.run(ctx, e, args[1:])
		if errors.Is(err, errUsage) {
			fmt.Fprintf(stderr, "usage: fieldshelf %s\n", c.usage)
		}
		return err
	}
	if len(args) == 1 && isPDFFile(args[0]) {
		// A file opened from the file manager (the .desktop entry's %f).
		e := &env{stdout: stdout, stderr: stderr, dataFlag: dataFlag}
		defer e.close()
		return runGUI(ctx, e, args[0])
	}
	fmt.Fprintf(stderr, "fieldshelf: unknown command %q (see fieldshelf help)\n", args[0])
	return errUsage
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "Fieldshelf: an offline reader for catalogues of reports, handbooks and guidance.")
	fmt.Fprintln(w, "\nusage: fieldshelf [--data DIR] [COMMAND [ARGS] | FILE.pdf]  (no command, or a PDF file, opens the desktop application)")
	for _, c := range commands {
		fmt.Fprintf(w, "\n  %-8s %s\n           fieldshelf %s\n", c.name, c.summary, c.usage)
	}
	fmt.Fprintln(w, "\nThe data directory is --data, else $FIELDSHELF_DATA, else the platform's data directory.")
}

// takeDataFlag removes the global --data flag from anywhere in args.
func takeDataFlag(args []string) (string, []string, error) {
	var rest []string
	data := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			rest = append(rest, args[i:]...)
			return data, rest, nil
		case a == "--data" || a == "-data":
			if i+1 >= len(args) {
				return "", nil, errors.New("--data needs a directory")
			}
			data = args[i+1]
			i++
		case strings.HasPrefix(a, "--data=") || strings.HasPrefix(a, "-data="):
			data = a[strings.IndexByte(a, '=')+1:]
		default:
			rest = append(rest, a)
		}
	}
	return data, rest, nil
}

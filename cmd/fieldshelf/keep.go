package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/library"
)

// Keeping the user's data: the trash, export and import of annotations,
// and backups of the database.

func cmdTrash(ctx context.Context, e *env, args []string) error {
	verb, args := subcommand(args)
	switch verb {
	case "list":
		fs := flag.NewFlagSet("trash list", flag.ContinueOnError)
		asJSON := fs.Bool("json", false, "print JSON")
		if pos, err := parseFlags(fs, args); err != nil || len(pos) != 0 {
			return errUsage
		}
		return withLibrary(ctx, e, func(lib *library.Library) error {
			items, err := lib.Trash(ctx)
			if err != nil {
				return err
			}
			return printTrash(e, items, *asJSON)
		})
	case "restore":
		return withLibrary(ctx, e, func(lib *library.Library) error { return restoreTrash(ctx, e, lib, positional(args)) })
	}
	return errUsage
}

// trashJSON is a trash item in --json output; "ref" is the KIND:ID form
// that trash restore takes.
type trashJSON struct {
	Ref        string             `json:"ref"`
	Kind       app.AnnotationKind `json:"kind"`
	ID         int64              `json:"id"`
	DocumentID int64              `json:"document_id"`
	Title      string             `json:"title"`
	Page       int                `json:"page"`
	Text       string             `json:"text"`
	Deleted    string             `json:"deleted"`
}

func printTrash(e *env, items []app.TrashItem, asJSON bool) error {
	if asJSON {
		out := make([]trashJSON, len(items))
		for i, it := range items {
			out[i] = trashJSON{Ref: fmt.Sprintf("%s:%d", it.Kind, it.ID), Kind: it.Kind, ID: it.ID,
				DocumentID: it.DocumentID, Title: it.Title, Page: it.Page, Text: it.Text,
				Deleted: it.Deleted.UTC().Format(time.RFC3339)}
		}
		return writeJSON(e, out)
	}
	if len(items) == 0 {
		fmt.Fprintln(e.stdout, "the trash is empty")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "REF\tDOCUMENT\tPAGE\tTEXT\tREMOVED\t")
	for _, it := range items {
		fmt.Fprintf(tw, "%s:%d\t%s\t%d\t%s\t%s\t\n", it.Kind, it.ID, app.Clip(it.Title, 40), it.Page,
			app.Clip(it.Text, 50), it.Deleted.Local().Format("2006-01-02 15:04"))
	}
	return tw.Flush()
}

// restoreTrash restores the items named KIND:ID, or everything in the
// trash when none is named.
func restoreTrash(ctx context.Context, e *env, lib *library.Library, refs []string) error {
	type ref struct {
		kind app.AnnotationKind
		id   int64
	}
	var todo []ref
	for _, r := range refs {
		k, id, ok := strings.Cut(r, ":")
		n, err := parseID(id, k)
		if !ok || err != nil {
			return fmt.Errorf("%q: name an item as KIND:ID, e.g. note:12 (see fieldshelf trash list)", r)
		}
		todo = append(todo, ref{app.AnnotationKind(k), n})
	}
	if len(refs) == 0 {
		items, err := lib.Trash(ctx)
		if err != nil {
			return err
		}
		for _, it := range items {
			todo = append(todo, ref{it.Kind, it.ID})
		}
	}
	for _, r := range todo {
		if err := lib.RestoreAnnotation(ctx, r.kind, r.id); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "restored %d\n", len(todo))
	return nil
}

func cmdAnnotations(ctx context.Context, e *env, args []string) error {
	verb, args := subcommand(args)
	switch verb {
	case "export":
		return exportAnnotations(ctx, e, args)
	case "import":
		if args = positional(args); len(args) != 1 {
			return errUsage
		}
		return importAnnotations(ctx, e, args[0])
	}
	return errUsage
}

func exportAnnotations(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("annotations export", flag.ContinueOnError)
	format := fs.String("format", "w3c", "md (Markdown, to read) or w3c (W3C Web Annotations, to import)")
	out := fs.String("o", "-", "the file to write; - for standard output")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) > 1 {
		return errUsage
	}
	var docID int64
	if len(pos) == 1 {
		if docID, err = parseID(pos[0], "document"); err != nil {
			return err
		}
	}
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	formats := map[string]app.ExportFormat{"md": app.FormatMarkdown, "markdown": app.FormatMarkdown,
		"w3c": app.FormatW3C, "json": app.FormatW3C}
	f, ok := formats[*format]
	if !ok {
		return fmt.Errorf("unknown format %q: use md or w3c", *format)
	}
	if *out == "-" {
		_, err = lib.Export(ctx, docID, f, e.stdout)
		return err
	}
	n, err := lib.ExportFile(ctx, docID, f, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %d annotations to %s\n", n, *out)
	return nil
}

func importAnnotations(ctx context.Context, e *env, path string) error {
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	rep, err := lib.ImportFile(ctx, path)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "imported %d annotations (%d already here)", rep.Added, rep.Existing)
	if rep.Reanchored.Checked > 0 {
		fmt.Fprintf(e.stdout, "; %d placed in this edition, %d to review", rep.Reanchored.Checked-rep.Reanchored.NeedsReview,
			rep.Reanchored.NeedsReview)
	}
	fmt.Fprintln(e.stdout)
	if s := rep.SkippedText(); s != "" {
		fmt.Fprintln(e.stderr, "fieldshelf: "+s)
	}
	if rep.Unmatched > 0 {
		fmt.Fprintf(e.stderr, "fieldshelf: %d annotations skipped: not in this library: %s (sync their catalogue, then import again)\n",
			rep.Unmatched, strings.Join(rep.Missing, "; "))
	}
	return nil
}

func cmdBackup(ctx context.Context, e *env, args []string) error {
	if args = positional(args); len(args) != 1 {
		return errUsage
	}
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	path, err := filepath.Abs(args[0])
	if err != nil {
		return err
	}
	if err := lib.Backup(ctx, path); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up the library to %s\n", path)
	return nil
}

// cmdRestore swaps the database before anything opens it.
func cmdRestore(ctx context.Context, e *env, args []string) error {
	if args = positional(args); len(args) != 1 {
		return errUsage
	}
	dir, err := dataDir(e.dataFlag)
	if err != nil {
		return err
	}
	from, err := filepath.Abs(args[0])
	if err != nil {
		return err
	}
	safety, err := library.RestoreDatabase(ctx, filepath.Join(dir, "library.db"), from)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "restored the library from %s\n", from)
	if safety != "" {
		fmt.Fprintf(e.stdout, "the database it replaced is kept in %s\n", safety)
	}
	return nil
}

// upkeep runs the daily chores once the library is open: today's backup of
// the database and emptying the trash of what is older than 30 days. A
// failure is a warning; the command goes on.
func (e *env) upkeep(ctx context.Context) {
	if _, err := e.lib.BackupIfDue(ctx); err != nil {
		fmt.Fprintln(e.stderr, "fieldshelf: warning: daily backup: "+oneLine(err))
	}
	if _, err := e.lib.PurgeTrash(ctx); err != nil {
		fmt.Fprintln(e.stderr, "fieldshelf: warning: empty the trash: "+oneLine(err))
	}
}

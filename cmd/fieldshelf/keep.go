package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/library"
)

// Keeping the user's data: the trash, export and import of annotations,
// and backups of the database.

func init() {
	commands = append(commands,
		command{"annotations", "annotations export [ID] --format md|w3c [-o FILE] | annotations import FILE",
			"share annotations: Markdown to read, W3C Web Annotations to import elsewhere", cmdAnnotations},
		command{"backup", "backup FILE", "write a copy of the library database (one is also made every day)", cmdBackup},
		command{"restore", "restore FILE", "replace the library database with a backup (the current one is kept)", cmdRestore},
	)
}

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
		return withLibrary(ctx, e, func(lib *library.Library) error { return restoreTrash(ctx, e, lib, args) })
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
		fmt.Fprintf(tw, "%s:%d\t%s\t%d\t%s\t%s\t\n", it.Kind, it.ID, clip(it.Title, 40), it.Page,
			clip(strings.Join(strings.Fields(it.Text), " "), 50), it.Deleted.Local().Format("2006-01-02 15:04"))
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
		if err := lib.Restore(ctx, r.kind, r.id); err != nil {
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
		if len(args) != 1 {
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
	var buf bytes.Buffer
	var n int
	switch *format {
	case "md", "markdown":
		n, err = lib.ExportMarkdown(ctx, docID, &buf)
	case "w3c", "json":
		n, err = lib.ExportW3C(ctx, docID, &buf)
	default:
		return fmt.Errorf("unknown format %q: use md or w3c", *format)
	}
	if err != nil {
		return err
	}
	if *out == "-" {
		_, err = e.stdout.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %d annotations to %s\n", n, *out)
	return nil
}

func importAnnotations(ctx context.Context, e *env, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	rep, err := lib.Import(ctx, f)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "imported %d annotations (%d already here)", rep.Added, rep.Existing)
	if rep.Reanchored.Checked > 0 {
		fmt.Fprintf(e.stdout, "; %d placed in this edition, %d to review", rep.Reanchored.Checked-rep.Reanchored.NeedsReview,
			rep.Reanchored.NeedsReview)
	}
	fmt.Fprintln(e.stdout)
	if rep.Unmatched > 0 {
		fmt.Fprintf(e.stderr, "fieldshelf: %d annotations skipped: not in this library: %s (sync their catalogue, then import again)\n",
			rep.Unmatched, strings.Join(rep.Missing, "; "))
	}
	return nil
}

// writeFileAtomic writes b to a temporary file beside path, syncs it and
// renames it into place.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	_, err = tmp.Write(b)
	if err = errors.Join(err, tmp.Sync(), tmp.Close()); err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func cmdBackup(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
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
	if len(args) != 1 {
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

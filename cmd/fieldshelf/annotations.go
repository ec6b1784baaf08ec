package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/library"
)

func init() {
	commands = append(commands,
		command{"bookmarks", "bookmarks list [ID] [--json] | bookmarks add ID PAGE [--label L] | bookmarks remove BID",
			"bookmark pages", cmdBookmarks},
		command{"notes", "notes list [ID] [--json] | notes add ID [--page N] TEXT | notes edit NID TEXT | notes remove NID",
			"Markdown notes on documents and pages", cmdNotes},
		command{"highlights", "highlights list [ID] [--json] | highlights add ID PAGE --quote TEXT [--note TEXT] [--color C] | highlights remove HID",
			"highlight passages of offline documents", cmdHighlights},
		command{"trash", "trash list [--json] | trash restore [KIND:ID...]",
			"removed annotations, kept 30 days (e.g. note:12, bookmark:3, highlight:5)", cmdTrash},
	)
}

// annotationJSON is a bookmark, note or highlight in --json output.
type annotationJSON struct {
	Kind        app.AnnotationKind `json:"kind"`
	ID          int64              `json:"id"`
	UID         string             `json:"uid"`
	DocumentID  int64              `json:"document_id"`
	SourceURL   string             `json:"source_url"`
	EntryID     string             `json:"entry_id"`
	FileSHA256  string             `json:"file_sha256"`
	Page        int                `json:"page"`
	Label       string             `json:"label,omitempty"`
	Text        string             `json:"text,omitempty"`
	Quote       string             `json:"quote,omitempty"`
	Color       string             `json:"color,omitempty"`
	Rects       []app.Rect         `json:"rects,omitempty"`
	Author      string             `json:"author"`
	Created     string             `json:"created"`
	Updated     string             `json:"updated"`
	NeedsReview bool               `json:"needs_review"`
}

func annotationBase(kind app.AnnotationKind, a app.Annotation, page int) annotationJSON {
	return annotationJSON{Kind: kind, ID: a.ID, UID: a.UID, DocumentID: a.DocumentID, SourceURL: a.SourceURL,
		EntryID: a.EntryKey, FileSHA256: a.FileSHA256, Page: page, Author: a.Author,
		Created: a.Created.UTC().Format(time.RFC3339), Updated: a.Updated.UTC().Format(time.RFC3339),
		NeedsReview: a.NeedsReview}
}

// subcommand splits "list ..." into its verb and the rest.
func subcommand(args []string) (string, []string) {
	if len(args) == 0 {
		return "", nil
	}
	return args[0], args[1:]
}

// listArgs parses the arguments of a list verb: an optional document id and --json.
func listArgs(args []string) (docID int64, asJSON bool, err error) {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	j := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) > 1 {
		return 0, false, errUsage
	}
	if len(pos) == 1 {
		if docID, err = parseID(pos[0], "document"); err != nil {
			return 0, false, err
		}
	}
	return docID, *j, nil
}

func cmdBookmarks(ctx context.Context, e *env, args []string) error {
	verb, args := subcommand(args)
	switch verb {
	case "list":
		return listAnnotations(ctx, e, args, func(lib *library.Library, docID int64) ([]annotationJSON, error) {
			bs, err := lib.Bookmarks(ctx, docID)
			out := make([]annotationJSON, len(bs))
			for i, b := range bs {
				out[i] = annotationBase(app.KindBookmark, b.Annotation, b.Page)
				out[i].Label = b.Label
			}
			return out, err
		})
	case "add":
		fs := flag.NewFlagSet("bookmarks add", flag.ContinueOnError)
		label := fs.String("label", "", "a label for the bookmark")
		pos, err := parseFlags(fs, args)
		if err != nil || len(pos) != 2 {
			return errUsage
		}
		docID, page, err := docAndPage(pos[0], pos[1])
		if err != nil {
			return err
		}
		return withLibrary(ctx, e, func(lib *library.Library) error {
			b, err := lib.AddBookmark(ctx, docID, page, *label)
			return reportAdded(e, app.KindBookmark, b.ID, err)
		})
	case "remove":
		return removeAnnotation(ctx, e, args, func(lib *library.Library, id int64) error {
			return lib.RemoveBookmark(ctx, id)
		})
	}
	return errUsage
}

func cmdNotes(ctx context.Context, e *env, args []string) error {
	verb, args := subcommand(args)
	switch verb {
	case "list":
		return listAnnotations(ctx, e, args, func(lib *library.Library, docID int64) ([]annotationJSON, error) {
			ns, err := lib.Notes(ctx, docID)
			out := make([]annotationJSON, len(ns))
			for i, n := range ns {
				out[i] = annotationBase(app.KindNote, n.Annotation, n.Page)
				out[i].Text = n.Body
			}
			return out, err
		})
	case "add":
		fs := flag.NewFlagSet("notes add", flag.ContinueOnError)
		page := fs.Int("page", 0, "the page the note is on; none for the whole document")
		pos, err := parseFlags(fs, args)
		if err != nil || len(pos) < 2 {
			return errUsage
		}
		docID, err := parseID(pos[0], "document")
		if err != nil {
			return err
		}
		return withLibrary(ctx, e, func(lib *library.Library) error {
			n, err := lib.AddNote(ctx, docID, *page, strings.Join(pos[1:], " "))
			return reportAdded(e, app.KindNote, n.ID, err)
		})
	case "edit":
		if len(args) < 2 {
			return errUsage
		}
		id, err := parseID(args[0], "note")
		if err != nil {
			return err
		}
		return withLibrary(ctx, e, func(lib *library.Library) error {
			_, err := lib.EditNote(ctx, id, strings.Join(args[1:], " "))
			return err
		})
	case "remove":
		return removeAnnotation(ctx, e, args, func(lib *library.Library, id int64) error {
			return lib.RemoveNote(ctx, id)
		})
	}
	return errUsage
}

func cmdHighlights(ctx context.Context, e *env, args []string) error {
	verb, args := subcommand(args)
	switch verb {
	case "list":
		return listAnnotations(ctx, e, args, func(lib *library.Library, docID int64) ([]annotationJSON, error) {
			hs, err := lib.Highlights(ctx, docID)
			out := make([]annotationJSON, len(hs))
			for i, h := range hs {
				out[i] = annotationBase(app.KindHighlight, h.Annotation, h.Page)
				out[i].Quote, out[i].Text, out[i].Color, out[i].Rects = h.Quote, h.Note, h.Color, h.Rects
			}
			return out, err
		})
	case "add":
		return addHighlight(ctx, e, args)
	case "remove":
		return removeAnnotation(ctx, e, args, func(lib *library.Library, id int64) error {
			return lib.RemoveHighlight(ctx, id)
		})
	}
	return errUsage
}

func addHighlight(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("highlights add", flag.ContinueOnError)
	quote := fs.String("quote", "", "the text to highlight, as it reads on the page")
	note := fs.String("note", "", "a note on the passage")
	color := fs.String("color", "", "the colour (yellow when unset)")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 2 || *quote == "" {
		return errUsage
	}
	docID, page, err := docAndPage(pos[0], pos[1])
	if err != nil {
		return err
	}
	return withLibrary(ctx, e, func(lib *library.Library) error {
		h, err := lib.AddHighlight(ctx, docID, page, *quote, *note, *color)
		return reportAdded(e, app.KindHighlight, h.ID, err)
	})
}

func docAndPage(doc, page string) (int64, int, error) {
	docID, err := parseID(doc, "document")
	if err != nil {
		return 0, 0, err
	}
	p, err := strconv.Atoi(page)
	if err != nil || p < 1 {
		return 0, 0, fmt.Errorf("page %q is not a page number", page)
	}
	return docID, p, nil
}

func withLibrary(ctx context.Context, e *env, fn func(lib *library.Library) error) error {
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	return fn(lib)
}

func reportAdded(e *env, kind app.AnnotationKind, id int64, err error) error {
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added %s %d\n", kind, id)
	return nil
}

func removeAnnotation(ctx context.Context, e *env, args []string, rm func(*library.Library, int64) error) error {
	if len(args) == 0 {
		return errUsage
	}
	return withLibrary(ctx, e, func(lib *library.Library) error {
		for _, a := range args {
			id, err := parseID(a, "annotation")
			if err != nil {
				return err
			}
			if err := rm(lib, id); err != nil {
				return err
			}
		}
		fmt.Fprintln(e.stdout, "moved to the trash (fieldshelf trash restore undoes it for 30 days)")
		return nil
	})
}

// listAnnotations runs a list verb: [ID] [--json], then the annotations
// that list gives.
func listAnnotations(ctx context.Context, e *env, args []string,
	list func(lib *library.Library, docID int64) ([]annotationJSON, error)) error {
	docID, asJSON, err := listArgs(args)
	if err != nil {
		return err
	}
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	out, err := list(lib, docID)
	if err != nil {
		return err
	}
	return printAnnotations(e, out, asJSON)
}

func printAnnotations(e *env, out []annotationJSON, asJSON bool) error {
	if asJSON {
		return writeJSON(e, out)
	}
	if len(out) == 0 {
		fmt.Fprintln(e.stdout, "none")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDOC\tPAGE\tTEXT\tAUTHOR\t")
	for _, a := range out {
		text := strings.TrimSpace(strings.Join([]string{a.Label, quoted(a.Quote), a.Text}, " "))
		if a.NeedsReview {
			text = "[needs review] " + text
		}
		page := "—"
		if a.Page > 0 {
			page = strconv.Itoa(a.Page)
		}
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t\n", a.ID, a.DocumentID, page,
			clip(strings.Join(strings.Fields(text), " "), 70), orDash(a.Author))
	}
	return tw.Flush()
}

func quoted(s string) string {
	if s == "" {
		return ""
	}
	return "“" + s + "”"
}

// hitPlace says where a search hit other than the catalogue entry is:
// "note 12, page 3: ".
func hitPlace(h app.SearchHit) string {
	var parts []string
	if h.Kind != "" && h.Kind != "metadata" && h.Kind != "page" {
		parts = append(parts, fmt.Sprintf("%s %d", h.Kind, h.AnnotationID))
	}
	if h.Page > 0 {
		parts = append(parts, fmt.Sprintf("page %d", h.Page))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, ", ") + ": "
}

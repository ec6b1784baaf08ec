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
	Layer       *layerRef          `json:"layer"` // null for the user's own
	Created     string             `json:"created"`
	Updated     string             `json:"updated"`
	NeedsReview bool               `json:"needs_review"`
}

// toAnnotationJSON lays an annotation out for --json: a bookmark's text
// is its label; an annotation of a layer names its layer.
func toAnnotationJSON(it app.AnnotationItem, layers map[int64]app.Layer) annotationJSON {
	a := it.Annotation
	j := annotationJSON{Kind: it.Kind, ID: a.ID, UID: a.UID, DocumentID: a.DocumentID, SourceURL: a.SourceURL,
		EntryID: a.EntryKey, FileSHA256: a.FileSHA256, Page: it.Page, Text: it.Text, Quote: it.Quote,
		Color: it.Color, Rects: it.Rects, Author: a.Author,
		Created: a.Created.UTC().Format(time.RFC3339), Updated: a.Updated.UTC().Format(time.RFC3339),
		NeedsReview: a.NeedsReview}
	if it.Kind == app.KindBookmark {
		j.Label, j.Text = it.Text, ""
	}
	if it.Layer != 0 {
		j.Layer = newLayerRef(layers[it.Layer])
	}
	return j
}

// items lays a list of bookmarks, notes or highlights out as annotations.
func items[T interface{ Item() app.AnnotationItem }](list []T, err error) ([]app.AnnotationItem, error) {
	out := make([]app.AnnotationItem, len(list))
	for i, x := range list {
		out[i] = x.Item()
	}
	return out, err
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
		return listAnnotations(ctx, e, args, app.KindBookmark, func(lib *library.Library, docID int64) ([]app.AnnotationItem, error) {
			return items(lib.Bookmarks(ctx, docID))
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
		return removeAnnotation(ctx, e, args, app.KindBookmark)
	}
	return errUsage
}

func cmdNotes(ctx context.Context, e *env, args []string) error {
	verb, args := subcommand(args)
	switch verb {
	case "list":
		return listAnnotations(ctx, e, args, app.KindNote, func(lib *library.Library, docID int64) ([]app.AnnotationItem, error) {
			return items(lib.Notes(ctx, docID))
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
		if args = positional(args); len(args) < 2 {
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
		return removeAnnotation(ctx, e, args, app.KindNote)
	}
	return errUsage
}

func cmdHighlights(ctx context.Context, e *env, args []string) error {
	verb, args := subcommand(args)
	switch verb {
	case "list":
		return listAnnotations(ctx, e, args, app.KindHighlight, func(lib *library.Library, docID int64) ([]app.AnnotationItem, error) {
			return items(lib.Highlights(ctx, docID))
		})
	case "add":
		return addHighlight(ctx, e, args)
	case "remove":
		return removeAnnotation(ctx, e, args, app.KindHighlight)
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

func removeAnnotation(ctx context.Context, e *env, args []string, kind app.AnnotationKind) error {
	if args = positional(args); len(args) == 0 {
		return errUsage
	}
	ids, err := parseIDs(args, string(kind))
	if err != nil {
		return err
	}
	return withLibrary(ctx, e, func(lib *library.Library) error {
		for _, id := range ids {
			if err := lib.RemoveAnnotation(ctx, kind, id); err != nil {
				return err
			}
		}
		fmt.Fprintln(e.stdout, "moved to the trash (fieldshelf trash restore undoes it for 30 days)")
		return nil
	})
}

// listAnnotations runs a list verb: [ID] [--json], then the user's own
// annotations that list gives and those of kind that the layers shown hold.
func listAnnotations(ctx context.Context, e *env, args []string, kind app.AnnotationKind,
	list func(lib *library.Library, docID int64) ([]app.AnnotationItem, error)) error {
	docID, asJSON, err := listArgs(args)
	if err != nil {
		return err
	}
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	its, err := list(lib, docID)
	if err != nil {
		return err
	}
	theirs, err := lib.LayerItems(ctx, docID, kind)
	if err != nil {
		return err
	}
	layers, err := layersByID(ctx, lib)
	if err != nil {
		return err
	}
	out := make([]annotationJSON, 0, len(its)+len(theirs))
	for _, it := range append(its, theirs...) {
		out = append(out, toAnnotationJSON(it, layers))
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
	fmt.Fprintln(tw, "ID\tDOC\tPAGE\tTEXT\tAUTHOR\tLAYER\t")
	for _, a := range out {
		text := strings.TrimSpace(strings.Join([]string{a.Label, quoted(a.Quote), a.Text}, " "))
		if a.NeedsReview {
			text = "[needs review] " + text
		}
		page := "—"
		if a.Page > 0 {
			page = strconv.Itoa(a.Page)
		}
		layer := "yours"
		if a.Layer != nil {
			layer = fmt.Sprintf("%d (%s)", a.Layer.ID, app.Clip(a.Layer.Source, 24))
		}
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\t\n", a.ID, a.DocumentID, page,
			app.Clip(text, 70), orDash(a.Author), layer)
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

package main

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"sort"

	"fieldshelf/app"
	"fieldshelf/app/library"
	"fieldshelf/app/pdf"
	"fieldshelf/app/ui"
)

// The GUI's adapters: the PDF engine as the reader's page source and the
// library list's cover thumbnails, and the library's annotations and
// reading positions as the reader's panel.

// pdfOpener opens a cached document's file with the engine for the reader.
func pdfOpener(lib *library.Library, eng *pdf.Engine) ui.Opener {
	return func(ctx context.Context, d app.Document, password string) (ui.PageSource, error) {
		if d.File == nil {
			return nil, fmt.Errorf("%q is not offline: download it first", d.Title)
		}
		doc, err := eng.Open(ctx, filepath.Join(lib.DataDir(), d.File.Path), password)
		switch {
		case errors.Is(err, pdf.ErrPassword) && password != "":
			return nil, fmt.Errorf("the password is not right: %w", ui.ErrPassword)
		case errors.Is(err, pdf.ErrPassword):
			return nil, ui.ErrPassword
		case errors.Is(err, pdf.ErrBroken):
			return nil, fmt.Errorf("the file is damaged or not a PDF Fieldshelf can read: %w", pdf.ErrBroken)
		case err != nil:
			return nil, err
		}
		return pdfPages{doc}, nil
	}
}

// pdfPages is an open document as the reader's page source.
type pdfPages struct{ doc *pdf.Doc }

func (p pdfPages) NumPages() int { return p.doc.NumPages() }

func (p pdfPages) PageSize(page int) (w, h float64, err error) {
	s, err := p.doc.PageSize(context.Background(), page)
	return s.W, s.H, err
}

func (p pdfPages) Render(ctx context.Context, page, w, h int) (*image.RGBA, error) {
	return p.doc.Render(ctx, page, pdf.RenderOptions{Width: w, Height: h})
}

func (p pdfPages) Outline(ctx context.Context) ([]ui.OutlineItem, error) {
	hs, err := p.doc.Outline(ctx)
	return outlineItems(hs), err
}

// outlineItems converts headings; one pointing outside the document (a
// URI) keeps its title with no page.
func outlineItems(hs []pdf.Heading) []ui.OutlineItem {
	if len(hs) == 0 {
		return nil
	}
	out := make([]ui.OutlineItem, len(hs))
	for i, h := range hs {
		out[i] = ui.OutlineItem{Title: h.Title, Page: h.Page, Children: outlineItems(h.Children)}
	}
	return out
}

// Find lists every occurrence, in page order: the engine gives a page's
// occurrences together, the reader steps through them one by one.
func (p pdfPages) Find(ctx context.Context, query string) ([]ui.FindHit, error) {
	hits, err := p.doc.Search(ctx, query)
	var out []ui.FindHit
	for _, h := range hits {
		for _, occ := range h.Rects {
			out = append(out, ui.FindHit{Page: h.Page, Rects: occ})
		}
	}
	return out, err
}

func (p pdfPages) Close() error { return p.doc.Close() }

// SelectText returns the text lines of a page inside r (ui.TextSelector).
func (p pdfPages) SelectText(ctx context.Context, page int, r app.Rect) (string, []app.Rect, error) {
	return p.doc.Selection(ctx, page, r)
}

var _ ui.TextSelector = pdfPages{}

// pdfCovers draws the first page of offline documents as covers, kept as
// PNG files in the data directory's thumbs/ folder (named after the
// document, its file's SHA-256 and the width), so a cover is drawn once
// per file version and size.
type pdfCovers struct {
	lib *library.Library
	eng *pdf.Engine
}

var _ ui.Covers = pdfCovers{}

// Cover returns d's first page width pixels wide: from its thumbnail file
// when there is one (without opening the PDF), else drawn and saved.
func (c pdfCovers) Cover(ctx context.Context, d app.Document, width int) (image.Image, error) {
	if d.File == nil {
		return nil, fmt.Errorf("cover of document %d: %w", d.ID, app.ErrNotFound)
	}
	path := pdf.ThumbPath(c.lib.DataDir(), d.ID, d.File.SHA256, 1, width)
	if img, err := readThumb(path); err == nil {
		return img, nil
	}
	doc, err := c.eng.Open(ctx, filepath.Join(c.lib.DataDir(), d.File.Path), "")
	if err != nil {
		return nil, fmt.Errorf("cover of document %d: %w", d.ID, err)
	}
	defer doc.Close()
	img, err := pdf.Thumbnail(ctx, doc, path, 1, width)
	if err != nil {
		return nil, fmt.Errorf("cover of document %d: %w", d.ID, err)
	}
	return img, nil
}

// readThumb decodes a saved thumbnail.
func readThumb(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}

// annotationsOf adapts the library's annotations to the reader's panel.
// The value also keeps reading positions (ui.Positions).
func annotationsOf(lib *library.Library) ui.Annotations { return libraryNotes{lib} }

// libraryNotes is the library as ui.Annotations and ui.Positions.
type libraryNotes struct{ lib *library.Library }

var (
	_ ui.Positions   = libraryNotes{}
	_ ui.Highlighter = libraryNotes{}
)

// AddHighlight saves a highlight drawn in the reader (ui.Highlighter).
func (n libraryNotes) AddHighlight(ctx context.Context, docID int64, page int, rects []app.Rect, quote, note, color string) (ui.Annotation, error) {
	h, err := n.lib.AddHighlightRects(ctx, docID, page, rects, quote, note, color)
	a := uiAnnotation(h.Annotation, ui.KindHighlight, h.Page, h.Note)
	a.Quote, a.Color, a.Rects = h.Quote, h.Color, h.Rects
	return a, err
}

// kindOrder sorts a page's bookmarks before its notes and highlights.
var kindOrder = map[ui.AnnotationKind]int{ui.KindBookmark: 0, ui.KindNote: 1, ui.KindHighlight: 2}

// List returns the document's annotations by page (document notes first),
// then kind, then age.
func (n libraryNotes) List(ctx context.Context, docID int64) ([]ui.Annotation, error) {
	bms, err := n.lib.Bookmarks(ctx, docID)
	if err != nil {
		return nil, err
	}
	notes, err := n.lib.Notes(ctx, docID)
	if err != nil {
		return nil, err
	}
	hls, err := n.lib.Highlights(ctx, docID)
	if err != nil {
		return nil, err
	}
	type item struct {
		ui.Annotation
		created int64
	}
	var items []item
	for _, b := range bms {
		items = append(items, item{uiAnnotation(b.Annotation, ui.KindBookmark, b.Page, b.Label), b.Created.UnixNano()})
	}
	for _, x := range notes {
		items = append(items, item{uiAnnotation(x.Annotation, ui.KindNote, x.Page, x.Body), x.Created.UnixNano()})
	}
	for _, h := range hls {
		a := uiAnnotation(h.Annotation, ui.KindHighlight, h.Page, h.Note)
		a.Quote, a.Color, a.Rects = h.Quote, h.Color, h.Rects
		items = append(items, item{a, h.Created.UnixNano()})
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.Page != b.Page {
			return a.Page < b.Page
		}
		if a.Kind != b.Kind {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		return a.created < b.created
	})
	out := make([]ui.Annotation, len(items))
	for i, it := range items {
		out[i] = it.Annotation
	}
	return out, nil
}

func uiAnnotation(a app.Annotation, kind ui.AnnotationKind, page int, text string) ui.Annotation {
	return ui.Annotation{ID: a.ID, Kind: kind, Page: page, Text: text, Author: a.Author,
		Updated: a.Updated, NeedsReview: a.NeedsReview}
}

func (n libraryNotes) AddBookmark(ctx context.Context, docID int64, page int, label string) (ui.Annotation, error) {
	b, err := n.lib.AddBookmark(ctx, docID, page, label)
	return uiAnnotation(b.Annotation, ui.KindBookmark, b.Page, b.Label), err
}

func (n libraryNotes) AddNote(ctx context.Context, docID int64, page int, text string) (ui.Annotation, error) {
	x, err := n.lib.AddNote(ctx, docID, page, text)
	return uiAnnotation(x.Annotation, ui.KindNote, x.Page, x.Body), err
}

// Edit saves an annotation's text: a bookmark's label, a note's body or a
// highlight's note (and colour).
func (n libraryNotes) Edit(ctx context.Context, a ui.Annotation) error {
	var err error
	switch a.Kind {
	case ui.KindBookmark:
		_, err = n.lib.EditBookmark(ctx, a.ID, a.Text)
	case ui.KindNote:
		_, err = n.lib.EditNote(ctx, a.ID, a.Text)
	case ui.KindHighlight:
		_, err = n.lib.EditHighlight(ctx, a.ID, a.Text, a.Color)
	default:
		err = fmt.Errorf("unknown annotation kind %q", a.Kind)
	}
	return err
}

// Delete moves an annotation to the trash, from where Undelete restores it.
func (n libraryNotes) Delete(ctx context.Context, a ui.Annotation) error {
	switch a.Kind {
	case ui.KindBookmark:
		return n.lib.RemoveBookmark(ctx, a.ID)
	case ui.KindNote:
		return n.lib.RemoveNote(ctx, a.ID)
	case ui.KindHighlight:
		return n.lib.RemoveHighlight(ctx, a.ID)
	}
	return fmt.Errorf("unknown annotation kind %q", a.Kind)
}

func (n libraryNotes) Undelete(ctx context.Context, a ui.Annotation) error {
	return n.lib.Restore(ctx, app.AnnotationKind(a.Kind), a.ID)
}

// Export writes the annotations to path through a temporary file, so a
// failure never leaves half a file.
func (n libraryNotes) Export(ctx context.Context, docID int64, format, path string) error {
	write := n.lib.ExportW3C
	if format == "md" {
		write = n.lib.ExportMarkdown
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".fieldshelf-export-*")
	if err != nil {
		return fmt.Errorf("export the annotations: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := write(ctx, docID, tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export the annotations: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export the annotations: %w", err)
	}
	return nil
}

// Import reads a W3C annotations file and returns how many it added.
func (n libraryNotes) Import(ctx context.Context, path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("import annotations: %w", err)
	}
	defer f.Close()
	rep, err := n.lib.Import(ctx, io.Reader(f))
	return rep.Added, err
}

// Position returns where the reader left a document: the ui's zoom -1
// (fit page) is the library's ZoomFitPage.
func (n libraryNotes) Position(ctx context.Context, docID int64) (ui.Position, error) {
	p, err := n.lib.ReadingPosition(ctx, docID)
	return ui.Position{Page: p.Page, Zoom: p.Zoom}, err
}

func (n libraryNotes) SetPosition(ctx context.Context, docID int64, p ui.Position) error {
	zoom := p.Zoom
	if zoom < 0 {
		zoom = library.ZoomFitPage
	}
	return n.lib.SetReadingPosition(ctx, docID, max(p.Page, 1), zoom)
}

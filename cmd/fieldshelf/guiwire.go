package main

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"

	"fieldshelf/app"
	"fieldshelf/app/library"
	"fieldshelf/app/pdf"
	"fieldshelf/app/ui"
)

// The GUI's adapter of the PDF engine: the reader's page source and the
// library list's cover thumbnails.

// pdfOpener opens a cached document's file with the engine for the reader.
func pdfOpener(lib *library.Library, eng *pdf.Engine) ui.Opener {
	return func(ctx context.Context, d app.Document, password string) (ui.PageSource, error) {
		path, err := lib.CachedFile(ctx, d)
		if err != nil {
			return nil, err
		}
		doc, err := eng.Open(ctx, path, password)
		switch {
		case errors.Is(err, pdf.ErrPassword) && password != "":
			return nil, fmt.Errorf("the password is not right: %w", ui.ErrPassword)
		case errors.Is(err, pdf.ErrPassword):
			return nil, ui.ErrPassword
		case err != nil:
			return nil, openFailure(d, path, engineError(err))
		}
		return pdfPages{doc}, nil
	}
}

// openFailure says why the engine could not open a document's file: it is
// missing, or damaged (what MuPDF cannot read).
func openFailure(d app.Document, path string, err error) error {
	f := &app.Failure{Op: app.OpOpen, Subject: app.QuotedTitle(d), Kind: app.FailOther, Err: err}
	if _, serr := os.Stat(path); errors.Is(serr, fs.ErrNotExist) {
		f.Kind, f.Err = app.FailMissing, fmt.Errorf("%w (%w)", err, serr)
	} else if errors.Is(err, app.ErrDamaged) {
		f.Kind = app.FailDamaged
	}
	return f
}

// engineError marks the engine's "cannot read this file" as
// app.ErrDamaged, which the library and the reader understand.
func engineError(err error) error {
	if errors.Is(err, pdf.ErrBroken) {
		return fmt.Errorf("%w: %w", app.ErrDamaged, err)
	}
	return err
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
		out[i] = ui.OutlineItem{Title: h.Title, Page: h.Page, Y: h.Y, Children: outlineItems(h.Children)}
	}
	return out
}

// Find lists every occurrence, in page order, searching page by page so
// that the reader can show the progress and stop: the engine gives a
// page's occurrences together, the reader steps through them one by one.
func (p pdfPages) Find(ctx context.Context, query string, progress func(done, total int, found []ui.FindHit)) ([]ui.FindHit, error) {
	var out []ui.FindHit
	n := p.doc.NumPages()
	for page := 1; page <= n; page++ {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		occs, err := p.doc.Find(ctx, page, query)
		if err != nil {
			return out, err
		}
		for _, occ := range occs {
			out = append(out, ui.FindHit{Page: page, Rects: occ})
		}
		if progress != nil {
			progress(page, n, out)
		}
	}
	return out, nil
}

// Links returns a page's links.
func (p pdfPages) Links(ctx context.Context, page int) ([]app.PageLink, error) {
	return p.doc.Links(ctx, page)
}

// FileNotes returns the sticky notes and form fields the file carries.
func (p pdfPages) FileNotes(ctx context.Context) ([]app.FileNote, error) {
	return p.doc.FileNotes(ctx)
}

func (p pdfPages) Close() error { return p.doc.Close() }

// SelectText returns the text lines of a page inside r.
func (p pdfPages) SelectText(ctx context.Context, page int, r app.Rect) (string, []app.Rect, error) {
	return p.doc.Selection(ctx, page, r)
}

var _ ui.PageSource = pdfPages{}

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

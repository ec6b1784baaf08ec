package ui

import (
	"context"
	"errors"
	"image"

	"fieldshelf/app"
)

// PageSource is an open document's pages, as the reader needs them. The
// PDF engine provides it through a small adapter; tests use a fake that
// draws numbered pages. Its methods may be called from any goroutine, one
// at a time.
type PageSource interface {
	// NumPages returns the number of pages.
	NumPages() int
	// PageSize returns the size of a page (from 1) in points.
	PageSize(page int) (w, h float64, err error)
	// Render draws a page at exactly w x h pixels into a new image that
	// the caller owns and never writes.
	Render(ctx context.Context, page, w, h int) (*image.RGBA, error)
	// Outline returns the table of contents; none when there is none.
	Outline(ctx context.Context) ([]OutlineItem, error)
	// Find returns every occurrence of query, page by page, with the
	// rectangles to highlight in page coordinates (points). It calls
	// progress (when not nil) after each page with the pages searched so
	// far and the hits found so far (which progress copies to keep them);
	// when ctx ends it returns the hits found so far with ctx's error.
	Find(ctx context.Context, query string, progress func(done, total int, found []FindHit)) ([]FindHit, error)
	// Links returns the links of a page (from 1).
	Links(ctx context.Context, page int) ([]app.PageLink, error)
	// FileNotes returns the sticky notes and form fields the file itself
	// carries, page by page.
	FileNotes(ctx context.Context) ([]app.FileNote, error)
	// SelectText returns the text of the characters of a page whose boxes
	// meet r, a line per text line, and one rectangle per line, all in
	// points: what a drag over the page highlights.
	SelectText(ctx context.Context, page int, r app.Rect) (text string, rects []app.Rect, err error)
	// Close releases the document.
	Close() error
}

// OutlineItem is an entry of a document's table of contents.
type OutlineItem struct {
	Title    string
	Page     int     // from 1; 0 when the entry points nowhere
	Y        float64 // the place on the page, in points from its top
	Children []OutlineItem
}

// FindHit is one occurrence of a searched text.
type FindHit struct {
	Page  int
	Rects []app.Rect
}

// Opener opens a cached document's pages. password is empty unless the
// user typed one after the opener returned ErrPassword.
type Opener func(ctx context.Context, d app.Document, password string) (PageSource, error)

// ErrPassword reports a protected document; the opener wraps it (also when
// the password given was wrong) and the reader asks for one.
var ErrPassword = errors.New("the document is password-protected")

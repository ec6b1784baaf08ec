package library

import (
	"context"

	"fieldshelf/app"
)

// TextDoc is the text of a cached PDF, page by page, with positions: what
// search inside documents and re-anchoring annotations need. app/pdf
// provides it; tests use fakes.
type TextDoc interface {
	// NumPages returns the number of pages.
	NumPages() int
	// PageText returns the plain text of a page, counted from 1.
	PageText(ctx context.Context, page int) (string, error)
	// Find returns the rectangles covering each occurrence of quote on a
	// page, in page coordinates; none when it is not there. Matching
	// ignores case and runs of white space.
	Find(ctx context.Context, page int, quote string) ([][]app.Rect, error)
	// PageSize returns a page's width and height in points.
	PageSize(ctx context.Context, page int) (width, height float64, err error)
	// Close releases the document.
	Close() error
}

// TextOpener opens the text of a cached file (path is absolute). password
// is empty for an unprotected file.
type TextOpener func(ctx context.Context, path, password string) (TextDoc, error)

// fileChanged brings what depends on a document's file up to date once a
// new version of it is committed: the annotations made on another version
// are re-anchored in it, then its page text is indexed (queued for
// RunIndexer when the library indexes in the background). Both need the
// PDF engine. A failure leaves the annotations on their old version and
// the page text as it was, recorded; the next download, Reanchor or
// IndexText tries again, and nothing is lost either way.
func (l *Library) fileChanged(ctx context.Context, d app.Document, f app.File) {
	if l.open == nil {
		return
	}
	d.File = &f
	_, _ = l.reanchor(ctx, d)
	if l.queue != nil {
		l.queue.add(d.ID)
		return
	}
	_ = l.IndexText(context.WithoutCancel(ctx), d.ID, nil)
}

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
	// Close releases the document.
	Close() error
}

// TextOpener opens the text of a cached file (path is absolute). password
// is empty for an unprotected file.
type TextOpener func(ctx context.Context, path, password string) (TextDoc, error)

// fileHooks run after a new file version is committed (old is the version
// it replaced, nil for a first download): the files that implement page
// text indexing and annotation re-anchoring register theirs in init.
var fileHooks []func(l *Library, ctx context.Context, d app.Document, f app.File, old *app.File)

// fileChanged runs the file hooks.
func (l *Library) fileChanged(ctx context.Context, d app.Document, f app.File, old *app.File) {
	for _, h := range fileHooks {
		h(l, ctx, d, f, old)
	}
}

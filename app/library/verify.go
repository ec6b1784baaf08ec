package library

import (
	"context"
	"errors"
	"fmt"

	"fieldshelf/app"
)

// checkReadable opens a newly downloaded file with the PDF engine and
// counts its pages, so that a file the engine cannot read (cut short on
// the server, or not really a PDF) is caught before it is called offline.
// MuPDF repairs what it can, so a damaged but repairable file passes, and
// so do single pages that cannot be read (the others can). A protected
// file passes too (it opened far enough to ask for its password), and so
// does every file when the engine is not there or fails to start: only an
// open failing with app.ErrDamaged, or no pages, refuse a file.
func (l *Library) checkReadable(ctx context.Context, path string) error {
	if l.open == nil {
		return nil
	}
	td, err := l.open(ctx, path, "")
	if err != nil {
		if errors.Is(err, app.ErrDamaged) {
			return fmt.Errorf("library: check the downloaded file: %w", err)
		}
		return nil
	}
	defer td.Close()
	if td.NumPages() <= 0 {
		return fmt.Errorf("library: check the downloaded file: it has no pages: %w", app.ErrDamaged)
	}
	return nil
}

package library

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"fieldshelf/app"
)

// Export writes the annotations of a document (of every document for 0)
// in a format (app.FormatMarkdown or app.FormatW3C) and returns how many it wrote.
func (l *Library) Export(ctx context.Context, docID int64, format app.ExportFormat, w io.Writer) (int, error) {
	switch format {
	case app.FormatMarkdown:
		return l.ExportMarkdown(ctx, docID, w)
	case app.FormatW3C:
		return l.ExportW3C(ctx, docID, w)
	}
	return 0, fmt.Errorf("library: unknown export format %q: use %s or %s", format, app.FormatMarkdown, app.FormatW3C)
}

// ExportFile exports annotations (see Export) to the file at path,
// replacing it atomically: they are written to a temporary file beside
// it, synced to disk, then renamed into place, so a failure or a crash
// leaves either the old file or the whole new one.
func (l *Library) ExportFile(ctx context.Context, docID int64, format app.ExportFormat, path string) (int, error) {
	if err := CheckParent(path); err != nil {
		return 0, fmt.Errorf("library: export to %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return 0, fmt.Errorf("library: export to %s: %w", path, err)
	}
	n, err := l.Export(ctx, docID, format, tmp)
	if err = errors.Join(err, tmp.Sync(), tmp.Close()); err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return 0, fmt.Errorf("library: export to %s: %w", path, err)
	}
	return n, nil
}

// ImportFile imports the W3C Web Annotations in the file at path (see
// Import).
func (l *Library) ImportFile(ctx context.Context, path string) (app.ImportReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return app.ImportReport{}, fmt.Errorf("library: import: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > MaxImportBytes {
		return app.ImportReport{}, fmt.Errorf("library: import %s: %w", filepath.Base(path), errTooLargeImport)
	}
	return l.Import(ctx, f)
}

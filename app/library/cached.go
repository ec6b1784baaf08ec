package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"fieldshelf/app"
)

// CachedFile returns the path of a document's offline file, once it has
// checked that the file is there, whole. A file deleted or cut short
// outside Fieldshelf is forgotten: the document is no longer offline (its
// annotations and reading position stay), and the error, which wraps
// app.ErrNotOffline, says to download it again.
func (l *Library) CachedFile(ctx context.Context, d app.Document) (string, error) {
	if d.File == nil {
		return "", fmt.Errorf("%q is not offline: download it first: %w", d.Title, app.ErrNotOffline)
	}
	path := filepath.Join(l.dataDir, d.File.Path)
	if l.intact(d) {
		return path, nil
	}
	_ = l.Remove(context.WithoutCancel(ctx), []int64{d.ID}) // a read-only library keeps the row; no matter
	return "", fmt.Errorf("the offline copy of %q is missing (deleted outside Fieldshelf): download it again: %w",
		d.Title, app.ErrNotOffline)
}

// intact reports whether a document's offline file is there with the size
// it was recorded with.
func (l *Library) intact(d app.Document) bool {
	st, err := os.Stat(filepath.Join(l.dataDir, d.File.Path))
	return err == nil && st.Mode().IsRegular() && st.Size() == d.File.Size
}

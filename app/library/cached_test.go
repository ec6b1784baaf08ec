package library_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fieldshelf/app"
)

// Cached files deleted by hand: reading and downloading notice, the
// document is no longer offline, and a download fetches it again.
func TestDeletedCachedFileIsFetchedAgain(t *testing.T) {
	_, _, l, _, _, _ := offline(t, 1)
	ctx := context.Background()
	if _, err := l.AddNote(ctx, 1, 1, "keep me"); err != nil {
		t.Fatal(err)
	}
	d, _ := l.Document(ctx, 1)
	sha := d.File.SHA256
	path := filepath.Join(l.DataDir(), d.File.Path)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	// Reading notices.
	_, err := l.AddHighlight(ctx, 1, 3, "debt bondage", "", "")
	if !errors.Is(err, app.ErrNotOffline) || !strings.Contains(err.Error(), "download it again") {
		t.Fatalf("highlight on a deleted file: %v", err)
	}
	if d, _ := l.Document(ctx, 1); d.File != nil {
		t.Fatal("the document still says offline")
	}
	if notes, _ := l.Notes(ctx, 1); len(notes) != 1 {
		t.Fatal("the note went with the file")
	}
	res, err := l.Download(ctx, []int64{1}, app.DownloadOptions{})
	if err != nil || res[0].Skipped != "" || res[0].File == nil || res[0].File.SHA256 != sha {
		t.Fatalf("download again: %+v, %v", res, err)
	}
	// A file cut short by hand is not whole: downloaded again too.
	if err := os.Truncate(path, 100); err != nil {
		t.Fatal(err)
	}
	res, err = l.Download(ctx, []int64{1}, app.DownloadOptions{})
	if err != nil || res[0].Skipped != "" || res[0].File == nil {
		t.Fatalf("download of a truncated file: %+v, %v", res, err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() != res[0].File.Size {
		t.Fatalf("file after download: %v, %v", st, err)
	}
	if res, _ := l.Download(ctx, []int64{1}, app.DownloadOptions{}); res[0].Skipped != "already offline" {
		t.Fatalf("a whole file downloaded again: %+v", res[0])
	}
}

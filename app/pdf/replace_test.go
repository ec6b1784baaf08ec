package pdf

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fieldshelf/app/pdf/pdftest"
	"fieldshelf/app/replace"
)

// TestOpenFileReplacedAndRemoved: while the worker has a document open
// (the reader, the indexer, a cover render), an update renames its new
// version over the file and the cache limit deletes it; both succeed, on
// Windows too, and the open document still reads and draws the old
// file's pages.
func TestOpenFileReplacedAndRemoved(t *testing.T) {
	dir := scratchDir(t)
	path := filepath.Join(dir, "7-current.pdf")
	if err := os.WriteFile(path, pdftest.Sample(), 0o600); err != nil {
		t.Fatal(err)
	}
	update := pdftest.Pages(2)
	next := filepath.Join(dir, "7-update.pdf.part")
	if err := os.WriteFile(next, update, 0o600); err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, Timeouts{})
	d, err := e.Open(testCtx(t), path, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if _, err := d.Render(testCtx(t), 1, RenderOptions{Width: 200, Height: 260}); err != nil {
		t.Fatal(err)
	}

	if err := replace.Rename(next, path); err != nil {
		t.Fatalf("renaming the update over the open document: %v", err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, update) {
		t.Fatalf("after the rename %s holds %d bytes, not the update's %d", path, len(got), len(update))
	}
	nd, err := e.Open(testCtx(t), path, "")
	if err != nil {
		t.Fatalf("opening the update: %v", err)
	}
	t.Cleanup(func() { nd.Close() })
	if nd.NumPages() != 2 {
		t.Errorf("the update has %d pages, want 2", nd.NumPages())
	}

	if err := replace.Remove(path); err != nil {
		t.Fatalf("deleting the open documents' file: %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("after the deletion, stat %s: %v, want not found", path, err)
	}

	// The first document still reads its own file, pages MuPDF had not
	// loaded yet included.
	if d.NumPages() != 3 {
		t.Fatalf("the open document has %d pages, want the old file's 3", d.NumPages())
	}
	img, err := d.Render(testCtx(t), 3, RenderOptions{Width: 200, Height: 260})
	if err != nil {
		t.Fatalf("rendering page 3 of the replaced document: %v", err)
	}
	if !hasInk(img.Pix) {
		t.Error("page 3 of the replaced document rendered blank")
	}
	text, err := d.Text(testCtx(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Fieldshelf sample") {
		t.Errorf("page 1 of the replaced document reads %q, want the old file's text", text)
	}
}

// hasInk reports whether RGBA pixels hold anything but white.
func hasInk(pix []byte) bool {
	for i := 0; i+2 < len(pix); i += 4 {
		if pix[i] < 200 || pix[i+1] < 200 || pix[i+2] < 200 {
			return true
		}
	}
	return false
}

// scratchDir returns a new folder that the end of the test removes file
// by file. Under wine 8, where .ci/windows/test.sh runs this test,
// os.RemoveAll (so t.TempDir) fails with "Invalid function": it deletes
// with POSIX semantics, which wine lacks, and does not fall back.
func scratchDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "fieldshelf-pdf-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				t.Error(err)
			}
		}
		if err := os.Remove(dir); err != nil {
			t.Error(err)
		}
	})
	return dir
}

package library_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/library"
)

func TestAddLocalFileKeepsItOfflineUnderItsOwnCatalogue(t *testing.T) {
	ctx := context.Background()
	l := newLibrary(t)
	outside := t.TempDir()
	path := filepath.Join(outside, "field_safety-handbook 2024.pdf")
	body := pdfBytes(7, 40000)
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := l.AddLocalFile(ctx, path, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "field safety handbook 2024" || d.File == nil || !d.File.Pinned {
		t.Fatalf("document = %q, file %+v; want the name as title, offline and pinned", d.Title, d.File)
	}
	cached, err := os.ReadFile(filepath.Join(l.DataDir(), d.File.Path))
	if err != nil || !bytes.Equal(cached, body) {
		t.Fatalf("cached copy differs from the file (err %v)", err)
	}
	sources, _ := l.Sources(ctx)
	var local app.Source
	for _, s := range sources {
		if s.Name == library.LocalSourceName {
			local = s
		}
	}
	if local.ID != d.SourceID {
		t.Fatalf("sources %+v: the document (source %d) is not under %q", sources, d.SourceID, library.LocalSourceName)
	}

	// The same file again, even moved and offered with a title, is the
	// same document; a sync of every catalogue keeps it.
	moved := filepath.Join(outside, "copy.pdf")
	if err := os.Rename(path, moved); err != nil {
		t.Fatal(err)
	}
	again, err := l.AddLocalFile(ctx, moved, "Field Safety Handbook")
	if err != nil || again.ID != d.ID {
		t.Fatalf("second add = %d, %v; want document %d", again.ID, err, d.ID)
	}
	if _, err := l.Sync(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	after, err := l.Document(ctx, d.ID)
	if err != nil || after.Withdrawn || after.File == nil || after.UpdateAvailable {
		t.Fatalf("after sync: %+v, %v; want it listed and offline", after, err)
	}

	// A second file with a title of its own.
	other := filepath.Join(outside, "b.pdf")
	os.WriteFile(other, pdfBytes(8, 30000), 0o644)
	d2, err := l.AddLocalFile(ctx, other, "  Water and Sanitation Guide ")
	if err != nil || d2.ID == d.ID || d2.Title != "Water and Sanitation Guide" {
		t.Fatalf("second file = %+v, %v", d2, err)
	}
	if n, _ := l.CountDocuments(ctx, app.Filter{SourceID: local.ID}); n != 2 {
		t.Fatalf("local documents = %d, want 2", n)
	}
}

func TestAddLocalFileRefusesWhatIsNotAPDF(t *testing.T) {
	l := newLibrary(t)
	path := filepath.Join(t.TempDir(), "notes.pdf")
	os.WriteFile(path, []byte("just some text"), 0o644)
	if _, err := l.AddLocalFile(context.Background(), path, ""); err == nil {
		t.Fatal("a text file named .pdf was added")
	}
	if _, err := l.AddLocalFile(context.Background(), filepath.Join(t.TempDir(), "absent.pdf"), ""); err == nil {
		t.Fatal("a missing file was added")
	}
	if srcs, _ := l.Sources(context.Background()); len(srcs) != 0 {
		t.Fatalf("sources = %+v, want none after failures", srcs)
	}
}

func TestEditBookmarkAndFitPagePosition(t *testing.T) {
	ctx := context.Background()
	l := newLibrary(t)
	path := filepath.Join(t.TempDir(), "a.pdf")
	os.WriteFile(path, pdfBytes(9, 20000), 0o644)
	d, err := l.AddLocalFile(ctx, path, "")
	if err != nil {
		t.Fatal(err)
	}
	b, err := l.AddBookmark(ctx, d.ID, 2, "Page 2")
	if err != nil {
		t.Fatal(err)
	}
	if e, err := l.EditBookmark(ctx, b.ID, " Checklist "); err != nil || e.Label != "Checklist" || e.UID != b.UID {
		t.Fatalf("edited bookmark = %+v, %v", e, err)
	}
	if err := l.SetReadingPosition(ctx, d.ID, 2, app.ZoomFitPage); err != nil {
		t.Fatal(err)
	}
	if p, _ := l.ReadingPosition(ctx, d.ID); p.Zoom != app.ZoomFitPage {
		t.Fatalf("zoom = %g, want fit page", p.Zoom)
	}
	if err := l.SetReadingPosition(ctx, d.ID, 2, -3); err == nil {
		t.Fatal("a negative zoom other than fit page was accepted")
	}
}

// TestAddLocalFileAcceptsLeadingJunk takes a PDF with bytes before its
// signature, as MuPDF reads it and a download verifies it.
func TestAddLocalFileAcceptsLeadingJunk(t *testing.T) {
	l := newLibrary(t)
	path := filepath.Join(t.TempDir(), "scan")
	body := append(bytes.Repeat([]byte("junk "), 200), pdfBytes(10, 20000)...)
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := l.AddLocalFile(context.Background(), path, "")
	if err != nil || d.File == nil || d.File.Size != int64(len(body)) {
		t.Fatalf("added %+v, %v; want it offline, %d bytes", d.File, err, len(body))
	}
}

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fieldshelf/app/fetch"
	"fieldshelf/app/library"
	"fieldshelf/app/pdf"
	"fieldshelf/app/pdf/pdftest"
	"fieldshelf/app/ui"
	"fieldshelf/storage"
)

// wireLibrary returns a library in a temporary directory with the PDF file
// at path added as a local document, and that document's id.
func wireLibrary(t *testing.T, path string) (*library.Library, int64) {
	t.Helper()
	dir := t.TempDir()
	st, err := storage.Open(context.Background(), filepath.Join(dir, "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	lib := library.New(st, fetch.New(fetch.Options{}), dir, library.Options{})
	d, err := lib.AddLocalFile(context.Background(), path, "")
	if err != nil {
		t.Fatal(err)
	}
	return lib, d.ID
}

func TestPDFOpenerAdapter(t *testing.T) {
	ctx := context.Background()
	eng, err := pdf.NewEngine(pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	lib, id := wireLibrary(t, pdftest.WriteFile(t, "sample.pdf", pdftest.Sample()))
	d, err := lib.Document(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	src, err := pdfOpener(lib, eng)(ctx, d, "")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if n := src.NumPages(); n != 3 {
		t.Fatalf("pages = %d, want 3", n)
	}
	w, h, err := src.PageSize(1)
	if err != nil || w != 612 || h != 792 {
		t.Fatalf("page size = %gx%g, %v", w, h, err)
	}
	img, err := src.Render(ctx, 1, 306, 396)
	if err != nil || img.Bounds().Dx() != 306 || img.Bounds().Dy() != 396 {
		t.Fatalf("render = %v, %v; want 306x396", img.Bounds(), err)
	}
	var searched []int
	hits, err := src.Find(ctx, pdftest.SampleWord, func(done, total int, found []ui.FindHit) {
		searched = append(searched, done, total, len(found))
	})
	if err != nil || len(hits) == 0 || hits[0].Page != 1 || len(hits[0].Rects) == 0 {
		t.Fatalf("find = %+v, %v", hits, err)
	}
	if fmt.Sprint(searched) != fmt.Sprintf("[1 3 %[1]d 2 3 %[1]d 3 3 %[1]d]", len(hits)) {
		t.Fatalf("find progress %v, want each of the 3 pages reported with the hits so far (all on page 1)", searched)
	}
	stopped, cancel := context.WithCancel(ctx)
	cancel()
	if hits, err := src.Find(stopped, pdftest.SampleWord, nil); !errors.Is(err, context.Canceled) || len(hits) != 0 {
		t.Fatalf("find after a stop = %+v, %v; want none and context.Canceled", hits, err)
	}
	outline, err := src.Outline(ctx)
	if err != nil || len(outline) == 0 || outline[0].Page < 1 {
		t.Fatalf("outline = %+v, %v", outline, err)
	}
	if s := outline[1].Children; len(s) != 1 || s[0].Page != 3 || s[0].Y < 291 || s[0].Y > 293 {
		t.Fatalf("outline %+v: want Section 2.1 at 292 points down page 3", outline)
	}
	links, err := src.Links(ctx, 1)
	var internal, external bool
	for _, l := range links {
		internal = internal || l.Page == 3 && l.Y > 291 && l.Y < 293 && l.Rect.X0 == 72
		external = external || l.URI == "https://example.org/guide"
	}
	if err != nil || !internal || !external {
		t.Fatalf("links of page 1 = %+v, %v; want one to page 3 at y=292 and one to https://example.org/guide", links, err)
	}
	fileNotes, err := src.FileNotes(ctx)
	if err != nil || len(fileNotes) != 2 || fileNotes[0].Page != 1 {
		t.Fatalf("file notes = %+v, %v; want the sticky note and the field of page 1", fileNotes, err)
	}
	for _, n := range fileNotes {
		if !n.Field && (n.Author != pdftest.NoteAuthor || n.Text != pdftest.NoteText) || n.Field && (n.Name != "name" || n.Value != "Filled in") {
			t.Fatalf("file notes = %+v", fileNotes)
		}
	}

	lib2, id2 := wireLibrary(t, filepath.Join("..", "..", "app", "pdf", "testdata", "encrypted.pdf"))
	d2, _ := lib2.Document(ctx, id2)
	open := pdfOpener(lib2, eng)
	if _, err := open(ctx, d2, ""); !errors.Is(err, ui.ErrPassword) {
		t.Fatalf("protected file without password: %v, want ui.ErrPassword", err)
	}
	if _, err := open(ctx, d2, "wrong"); !errors.Is(err, ui.ErrPassword) {
		t.Fatalf("protected file, wrong password: %v, want ui.ErrPassword", err)
	}
	p, err := open(ctx, d2, "secret")
	if err != nil {
		t.Fatalf("protected file with its password: %v", err)
	}
	p.Close()
}

func TestCoversAdapterDrawsOnceThenReadsTheThumbnail(t *testing.T) {
	ctx := context.Background()
	eng, err := pdf.NewEngine(pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	lib, id := wireLibrary(t, pdftest.WriteFile(t, "sample.pdf", pdftest.Sample()))
	d, err := lib.Document(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	covers := pdfCovers{lib, eng}
	img, err := covers.Cover(ctx, d, 76)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 76 || b.Dy() < 90 || b.Dy() > 100 {
		t.Fatalf("cover is %v, want 76 px wide in the page's proportions", b)
	}
	path := pdf.ThumbPath(lib.DataDir(), d.ID, d.File.SHA256, 1, 76)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no thumbnail saved: %v", err)
	}
	d.File.Path = "files/gone.pdf" // the saved thumbnail is enough
	if _, err := covers.Cover(ctx, d, 76); err != nil {
		t.Fatalf("second cover: %v, want it read from %s", err, path)
	}
	d.File = nil
	if _, err := covers.Cover(ctx, d, 76); err == nil {
		t.Fatal("a document with no file has a cover")
	}
}

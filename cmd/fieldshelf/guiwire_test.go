package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
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
	lib := library.New(st, fetch.New(fetch.Options{}), dir)
	d, err := lib.AddLocalFile(context.Background(), path, "")
	if err != nil {
		t.Fatal(err)
	}
	return lib, d.ID
}

func TestAnnotationsAdapter(t *testing.T) {
	ctx := context.Background()
	lib, id := wireLibrary(t, pdftest.WriteFile(t, "sample.pdf", pdftest.Sample()))
	an := annotationsOf(lib)
	if _, err := an.AddBookmark(ctx, id, 3, "Page 3"); err != nil {
		t.Fatal(err)
	}
	if _, err := an.AddNote(ctx, id, 2, "Check the referral list"); err != nil {
		t.Fatal(err)
	}
	if _, err := an.AddNote(ctx, id, 0, "Whole document"); err != nil {
		t.Fatal(err)
	}
	items, err := an.List(ctx, id)
	if err != nil || len(items) != 3 {
		t.Fatalf("list = %+v, %v", items, err)
	}
	if items[0].Page != 0 || items[1].Page != 2 || items[2].Kind != ui.KindBookmark {
		t.Fatalf("order = %+v, want the document note, page 2, then the page 3 bookmark", items)
	}
	bm := items[2]
	bm.Text = "Checklist"
	if err := an.Edit(ctx, bm); err != nil {
		t.Fatal(err)
	}
	deleted := items[1]
	if err := an.Delete(ctx, deleted); err != nil {
		t.Fatal(err)
	}
	if items, _ = an.List(ctx, id); len(items) != 2 || items[1].Text != "Checklist" {
		t.Fatalf("after edit and delete: %+v", items)
	}
	if err := an.Undelete(ctx, deleted); err != nil {
		t.Fatal(err)
	}
	if items, _ = an.List(ctx, id); len(items) != 3 || items[1].Text != deleted.Text {
		t.Fatalf("after undelete: %+v", items)
	}

	out := filepath.Join(t.TempDir(), "notes.md")
	if err := an.Export(ctx, id, "md", out); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); !strings.Contains(string(b), "Checklist") {
		t.Fatalf("Markdown export:\n%s", b)
	}
	w3c := filepath.Join(t.TempDir(), "notes.json")
	if err := an.Export(ctx, id, "w3c", w3c); err != nil {
		t.Fatal(err)
	}
	if n, err := an.Import(ctx, w3c); err != nil || n != 0 {
		t.Fatalf("re-import of our own export added %d, %v; want 0", n, err)
	}

	pos := an.(ui.Positions)
	for _, want := range []ui.Position{{Page: 2, Zoom: -1}, {Page: 3, Zoom: 1.5}, {Page: 1, Zoom: 0}} {
		if err := pos.SetPosition(ctx, id, want); err != nil {
			t.Fatal(err)
		}
		if got, err := pos.Position(ctx, id); err != nil || got != want {
			t.Fatalf("position = %+v, %v; want %+v", got, err, want)
		}
	}
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
	hits, err := src.Find(ctx, pdftest.SampleWord)
	if err != nil || len(hits) == 0 || hits[0].Page != 1 || len(hits[0].Rects) == 0 {
		t.Fatalf("find = %+v, %v", hits, err)
	}
	outline, err := src.Outline(ctx)
	if err != nil || len(outline) == 0 || outline[0].Page < 1 {
		t.Fatalf("outline = %+v, %v", outline, err)
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

package library_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fieldshelf/app"
)

// TestAnnotationUseCases goes through what the reader's panel does with a
// document's annotations: one list in page order, edit and remove by
// kind, undo, export to a file and import it back, reading positions.
func TestAnnotationUseCases(t *testing.T) {
	ctx := context.Background()
	l := newLibrary(t)
	path := filepath.Join(t.TempDir(), "sample.pdf")
	os.WriteFile(path, pdfBytes(11, 20000), 0o644)
	d, err := l.AddLocalFile(ctx, path, "")
	if err != nil {
		t.Fatal(err)
	}
	id := d.ID
	if _, err := l.AddBookmark(ctx, id, 3, "Page 3"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.AddNote(ctx, id, 2, "Check the referral list"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.AddNote(ctx, id, 0, "Whole document"); err != nil {
		t.Fatal(err)
	}
	items, err := l.Annotations(ctx, id)
	if err != nil || len(items) != 3 {
		t.Fatalf("list = %+v, %v", items, err)
	}
	if items[0].Page != 0 || items[1].Page != 2 || items[2].Kind != app.KindBookmark {
		t.Fatalf("order = %+v, want the document note, page 2, then the page 3 bookmark", items)
	}
	bm := items[2]
	if err := l.EditAnnotation(ctx, bm.Kind, bm.ID, "Checklist", ""); err != nil {
		t.Fatal(err)
	}
	deleted := items[1]
	if err := l.RemoveAnnotation(ctx, deleted.Kind, deleted.ID); err != nil {
		t.Fatal(err)
	}
	if items, _ = l.Annotations(ctx, id); len(items) != 2 || items[1].Text != "Checklist" {
		t.Fatalf("after edit and delete: %+v", items)
	}
	if err := l.RestoreAnnotation(ctx, deleted.Kind, deleted.ID); err != nil {
		t.Fatal(err)
	}
	if items, _ = l.Annotations(ctx, id); len(items) != 3 || items[1].Text != deleted.Text {
		t.Fatalf("after undelete: %+v", items)
	}

	out := filepath.Join(t.TempDir(), "notes.md")
	if n, err := l.ExportFile(ctx, id, app.FormatMarkdown, out); err != nil || n != 3 {
		t.Fatalf("Markdown export wrote %d, %v; want 3", n, err)
	}
	if b, _ := os.ReadFile(out); !strings.Contains(string(b), "Checklist") {
		t.Fatalf("Markdown export:\n%s", b)
	}
	w3c := filepath.Join(t.TempDir(), "notes.json")
	if _, err := l.ExportFile(ctx, id, app.FormatW3C, w3c); err != nil {
		t.Fatal(err)
	}
	if rep, err := l.ImportFile(ctx, w3c); err != nil || rep.Added != 0 {
		t.Fatalf("re-import of our own export added %d, %v; want 0", rep.Added, err)
	}
	if _, err := l.ExportFile(ctx, id, "pdf", filepath.Join(t.TempDir(), "x")); err == nil {
		t.Fatal("an unknown export format was accepted")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*")); len(leftovers) != 0 {
		t.Fatalf("export left temporary files: %v", leftovers)
	}

	for _, want := range []app.ReadingPosition{{Page: 2, Zoom: app.ZoomFitPage}, {Page: 3, Zoom: 1.5}, {Page: 1, Zoom: 0}} {
		if err := l.SetReadingPosition(ctx, id, want.Page, want.Zoom); err != nil {
			t.Fatal(err)
		}
		if got, err := l.ReadingPosition(ctx, id); err != nil || got.Page != want.Page || got.Zoom != want.Zoom {
			t.Fatalf("position = %+v, %v; want page %d zoom %g", got, err, want.Page, want.Zoom)
		}
	}
}

package main

import (
	"context"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/pdf"
	"fieldshelf/app/pdf/pdftest"
)

// TestDrawnHighlightAdapters selects text through the engine's page source
// and saves it through the library, as a drag in the reader does.
func TestDrawnHighlightAdapters(t *testing.T) {
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
	text, rects, err := src.SelectText(ctx, 1, app.Rect{X0: 60, Y0: 112, X1: 600, Y1: 138})
	if err != nil || text != "Indicators of trafficking in persons" || len(rects) != 1 {
		t.Fatalf("selection = %q %+v, %v", text, rects, err)
	}
	h, err := lib.AddHighlightRects(ctx, id, 1, rects, text, "a note", "blue")
	if a := h.Item(); err != nil || a.Kind != app.KindHighlight || a.Quote != text || a.Color != "blue" {
		t.Fatalf("highlight = %+v, %v", a, err)
	}
	items, err := lib.Annotations(ctx, id)
	if err != nil || len(items) != 1 || len(items[0].Rects) != 1 || items[0].Rects[0] != rects[0] || items[0].Text != "a note" {
		t.Fatalf("list = %+v, %v", items, err)
	}
}

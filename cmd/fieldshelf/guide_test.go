package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/pdf"
)

// TestUserGuideLinksGoToTheirHeadings reads the demo user guide that
// make guide writes: the list "In this guide" on its first page links
// to every section and to the Reading section's subheadings, each to the
// place of its heading, and the sections keep their pages (the e2e run
// searches "withdrawn" on page 2).
func TestUserGuideLinksGoToTheirHeadings(t *testing.T) {
	ctx := context.Background()
	eng, err := pdf.NewEngine(pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	doc, err := eng.Open(ctx, filepath.Join("..", "..", "assets", "demo", "user-guide.pdf"), "")
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	text := func(page int) string {
		s, err := doc.Text(ctx, page)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if p2 := text(2); !strings.Contains(p2, "Adding a catalogue") || !strings.Contains(p2, "withdrawn") {
		t.Fatalf("page 2 is not the section Adding a catalogue with the word withdrawn:\n%s", p2)
	}
	links, err := doc.Links(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(links) != 10 {
		t.Fatalf("%d links on page 1, want the 10 entries of In this guide: %+v", len(links), links)
	}
	inPage := 0
	for _, l := range links {
		if l.Page < 2 || l.URI != "" {
			t.Fatalf("link %+v: want a later page of the guide", l)
		}
		mid := (l.Rect.Y0 + l.Rect.Y1) / 2
		quote, _, err := doc.Selection(ctx, 1, app.Rect{X0: l.Rect.X0, Y0: mid - 1, X1: l.Rect.X1, Y1: mid + 1})
		if err != nil {
			t.Fatal(err)
		}
		// The heading sits just below the link's target place.
		size, _ := doc.PageSize(ctx, l.Page)
		at, _, err := doc.Selection(ctx, l.Page, app.Rect{X0: 0, Y0: l.Y, X1: size.W, Y1: l.Y + 26})
		if err != nil {
			t.Fatal(err)
		}
		if quote = strings.TrimSpace(quote); quote == "" || !strings.Contains(at, quote) {
			t.Fatalf("the entry %q goes to page %d at y=%.0f, where the text is %q", quote, l.Page, l.Y, at)
		}
		if l.Y > 100 {
			inPage++
		}
	}
	if inPage == 0 {
		t.Fatal("no link goes to a place down a page: the subheadings' links should")
	}
}

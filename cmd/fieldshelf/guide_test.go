package main

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/pdf"
)

// userGuides are the demo library's user guides that make guide writes,
// each with its second section's title and a word on its page 2 only.
var userGuides = []struct {
	lang, file, section2, word string
}{
	{"en", "user-guide.pdf", "Adding a catalogue", "withdrawn"},
	{"fr", "user-guide.fr.pdf", "Ajouter un catalogue", "retirées"},
	{"es", "user-guide.es.pdf", "Añadir un catálogo", "retiradas"},
}

// TestUserGuideLinksGoToTheirHeadings reads the demo user guides that
// make guide writes, in every language: the list "In this guide" on the
// first page links to every section and to the Reading section's
// subheadings, each to the place of its heading, and the sections keep
// their pages (the e2e run searches "withdrawn" on page 2), the same
// pages as in English.
func TestUserGuideLinksGoToTheirHeadings(t *testing.T) {
	ctx := context.Background()
	eng, err := pdf.NewEngine(pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	var english []int // the pages the English guide's links go to
	for _, g := range userGuides {
		t.Run(g.lang, func(t *testing.T) {
			pages := guideLinks(ctx, t, eng, g.file, g.section2, g.word)
			if g.lang == "en" {
				english = pages
				return
			}
			if english != nil && !slices.Equal(pages, english) {
				t.Fatalf("the links go to pages %v, want %v as in English", pages, english)
			}
		})
	}
}

// guideLinks checks the links of one guide's contents list, and returns
// the pages they go to.
func guideLinks(ctx context.Context, t *testing.T, eng *pdf.Engine, file, section2, word string) []int {
	t.Helper()
	doc, err := eng.Open(ctx, filepath.Join("..", "..", "assets", "demo", file), "")
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
	if p2 := text(2); !strings.Contains(p2, section2) || !strings.Contains(p2, word) {
		t.Fatalf("page 2 is not the section %s with the word %s:\n%s", section2, word, p2)
	}
	links, err := doc.Links(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(links) != 10 {
		t.Fatalf("%d links on page 1, want the 10 entries of the contents list: %+v", len(links), links)
	}
	inPage := 0
	var pages []int
	for _, l := range links {
		if l.Page < 2 || l.URI != "" {
			t.Fatalf("link %+v: want a later page of the guide", l)
		}
		pages = append(pages, l.Page)
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
	return pages
}

package library_test

import (
	"context"
	"strings"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/library"
)

func TestSearchPublicationsListsEachPublicationOnce(t *testing.T) {
	ctx := context.Background()
	_, _, l, _, _ := syncedWithFiles(t, 3)
	fake := &textFake{pages: []string{"Introduction", "Shelters in this handbook", "Referral", "Shelters again", "The handbook's annex"}}
	l = library.Reopen(l, library.Options{OpenText: fake.open})
	if _, err := l.Download(ctx, []int64{1, 2}, app.DownloadOptions{}); err != nil {
		t.Fatal(err)
	}
	// Page text only: one row per publication, at its best page, with
	// the pages counted.
	pubs, err := l.SearchPublications(ctx, "shelters", 50)
	if err != nil {
		t.Fatal(err)
	}
	if len(pubs) != 2 {
		t.Fatalf("SearchPublications(shelters) gave %d publications, want 2: %+v", len(pubs), pubs)
	}
	for _, p := range pubs {
		if p.Kind != "page" || p.Pages != 2 || (p.Page != 2 && p.Page != 4) || !strings.Contains(p.Snippet, "[Shelters]") {
			t.Errorf("publication %d: %+v; want a page hit on page 2 or 4, 2 pages, a marked snippet", p.Document.ID, p)
		}
	}
	// A note ranks its publication above those where only pages match.
	if _, err := l.AddNote(ctx, 2, 3, "Call the shelters first"); err != nil {
		t.Fatal(err)
	}
	if pubs, _ = l.SearchPublications(ctx, "shelters", 50); len(pubs) != 2 || pubs[0].Document.ID != 2 ||
		pubs[0].Kind != "note" || pubs[0].Page != 3 || len(pubs[0].Annotations) != 1 || pubs[0].Pages != 2 {
		t.Fatalf("with a note on document 2: %+v; want it first, opening at the note's page 3", pubs)
	}
	// A title match ranks above page text, and opens where the reader
	// left off; the page count is kept.
	pubs, err = l.SearchPublications(ctx, "handbook", 50)
	if err != nil {
		t.Fatal(err)
	}
	if len(pubs) != 3 {
		t.Fatalf("SearchPublications(handbook) gave %d publications, want the 3 titles once each", len(pubs))
	}
	for _, p := range pubs {
		wantPages := map[int64]int{1: 2, 2: 2, 3: 0}[p.Document.ID]
		if p.Kind != "metadata" || p.Page != 0 || p.Pages != wantPages {
			t.Errorf("publication %d: kind %s page %d pages %d; want metadata, 0, %d", p.Document.ID, p.Kind, p.Page, p.Pages, wantPages)
		}
	}
	if pubs, _ := l.SearchPublications(ctx, "handbook", 2); len(pubs) != 2 {
		t.Errorf("limit 2 gave %d publications", len(pubs))
	}
	// The pages of one publication, in page order.
	hits, total, err := l.PageHits(ctx, 1, "shelters", 0)
	if err != nil || total != 2 || len(hits) != 2 || hits[0].Page != 2 || hits[1].Page != 4 {
		t.Fatalf("PageHits=%+v, %d, %v; want pages 2 and 4", hits, total, err)
	}
}

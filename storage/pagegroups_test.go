package storage_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fieldshelf/app"
	"fieldshelf/storage"
)

// savePages stores the page texts of a document's file.
func savePages(t *testing.T, s *storage.Store, docID int64, pages ...string) {
	t.Helper()
	ctx := context.Background()
	sha := fmt.Sprint("sha", docID)
	if _, err := s.BeginPageText(ctx, docID, sha, len(pages)); err != nil {
		t.Fatal(err)
	}
	for i, p := range pages {
		pageTextOK(t, s.SavePageText(ctx, docID, sha, i+1, p))
	}
}

func TestSearchPageGroupsCountsPagesPerDocument(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	src := addSource(t, s, "http://a.test/feed")
	if _, err := s.ApplySync(ctx, src.ID, batch("http://a.test/feed", true, entry("1", "Manual", 2021), entry("2", "Guide", 2020))); err != nil {
		t.Fatal(err)
	}
	docs, err := s.Documents(ctx, app.Filter{Sort: app.SortTitle})
	if err != nil {
		t.Fatal(err)
	}
	guide, manual := docs[0].ID, docs[1].ID
	var pages []string
	for i := 1; i <= 300; i++ {
		pages = append(pages, fmt.Sprintf("Page %d draws a picture with tikz and some other words", i))
	}
	savePages(t, s, manual, pages...)
	savePages(t, s, guide, "Nothing here", "A tikz tikz tikz example", "The end")

	groups, err := s.SearchPageGroups(ctx, "tikz", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 2 {
		t.Fatalf("SearchPageGroups gave %d groups, want one per document: %+v", len(groups), groups)
	}
	g := groups[0]
	if g.Best.Document.ID != guide || g.Pages != 1 || g.Best.Page != 2 || !strings.Contains(g.Best.Snippet, "[tikz]") {
		t.Errorf("best group=%+v, want the guide's page 2 (the densest), 1 page, a marked snippet", g)
	}
	if g := groups[1]; g.Best.Document.Title != "Manual" || g.Pages != 300 || g.Best.Page < 1 {
		t.Errorf("second group=%+v, want the manual with its 300 pages counted", g)
	}

	hits, total, err := s.DocumentPageHits(ctx, manual, "tikz", 50)
	if err != nil {
		t.Fatal(err)
	}
	if total != 300 || len(hits) != 50 {
		t.Fatalf("DocumentPageHits gave %d hits of %d, want 50 of 300", len(hits), total)
	}
	for i, h := range hits {
		if h.Page != i+1 || h.Kind != "page" || !strings.Contains(h.Snippet, "[tikz]") {
			t.Fatalf("hit %d=%+v, want page %d in order with a marked snippet", i, h, i+1)
		}
	}
	if hits, total, err := s.DocumentPageHits(ctx, guide, "absent", 50); err != nil || total != 0 || len(hits) != 0 {
		t.Errorf("DocumentPageHits(absent)=%v, %d, %v; want none", hits, total, err)
	}
}

package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fieldshelf/app"
	"fieldshelf/storage"
)

func TestPageTextIndexAndSearch(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	src := addSource(t, s, "http://a.test/feed")
	if _, err := s.ApplySync(ctx, src.ID, batch("http://a.test/feed", true, entry("1", "Alpha", 2021), entry("2", "Beta", 2020))); err != nil {
		t.Fatal(err)
	}
	docs, err := s.Documents(ctx, app.Filter{Sort: app.SortTitle})
	if err != nil {
		t.Fatal(err)
	}
	a, b := docs[0].ID, docs[1].ID
	st, err := s.BeginPageText(ctx, a, "sha1", 2)
	if err != nil || st.PagesDone != 0 || st.State != storage.PageTextPending {
		t.Fatalf("BeginPageText=%+v, %v; want pending, 0 done", st, err)
	}
	pageTextOK(t, s.SavePageText(ctx, a, "sha1", 1, "Shelters and safe houses for survivors"))
	// Resuming the same version keeps the progress.
	if st, _ := s.BeginPageText(ctx, a, "sha1", 2); st.PagesDone != 1 {
		t.Fatalf("resumed PagesDone=%d, want 1", st.PagesDone)
	}
	pageTextOK(t, s.SavePageText(ctx, a, "sha1", 2, "Referral pathways: a shelter network"))
	pageTextOK(t, s.SavePageText(ctx, a, "sha1", 2, "Referral pathways: a shelter network map")) // rewritten page
	if st, _ := s.PageTextStatus(ctx, a); st.State != storage.PageTextDone {
		t.Fatalf("State=%s, want done", st.State)
	}
	if _, err := s.BeginPageText(ctx, b, "shaB", 1); err != nil {
		t.Fatal(err)
	}
	pageTextOK(t, s.SavePageText(ctx, b, "shaB", 1, "Nothing relevant here"))

	hits, err := s.SearchPages(ctx, "shelter", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 || hits[0].Kind != "page" || hits[0].Document.ID != a || hits[0].Document.Title != "Alpha" {
		t.Fatalf("SearchPages=%+v, want 2 page hits in Alpha", hits)
	}
	for _, h := range hits {
		if h.Page < 1 || !strings.Contains(strings.ToLower(h.Snippet), "[shelter") {
			t.Errorf("hit page %d snippet %q, want a page and a marked word", h.Page, h.Snippet)
		}
	}
	checkPageFTS(t, s)

	// A new file version replaces the text; removing the file deletes it.
	if _, err := s.BeginPageText(ctx, a, "sha2", 1); err != nil {
		t.Fatal(err)
	}
	if hits, _ := s.SearchPages(ctx, "shelter", 10); len(hits) != 0 {
		t.Errorf("after a new version: %d hits, want 0", len(hits))
	}
	pageTextOK(t, s.DeletePageText(ctx, a))
	if _, err := s.PageTextStatus(ctx, a); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("status after delete: %v, want ErrNotFound", err)
	}
	checkPageFTS(t, s)
}

func pageTextOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func checkPageFTS(t *testing.T, s *storage.Store) {
	t.Helper()
	if _, err := s.DB().Exec(`INSERT INTO page_texts_fts(page_texts_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("page fts integrity-check: %v", err)
	}
}

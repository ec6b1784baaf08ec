package storage_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fieldshelf/app"
	"fieldshelf/storage"
)

// oldPublications are the publications of the old library below.
var oldPublications = []struct{ id, title, pdf string }{
	{"urn:p", "Referral handbook", "http://a.test/p.pdf"},
	{"urn:q", "Shelter guidance", "http://a.test/q.pdf"},
	{"urn:p", "Debt bondage report", "http://a.test/r.pdf"}, // another publication under urn:p
	{"", "Untitled checklist", "http://a.test/s.pdf"},       // no id
}

// oldLibrary writes a library as Fieldshelf stored it before one document
// per publication (schema version 3): every listing of a publication after
// the first under a fallback key. Documents 1, 4, 6 and 8 are the ones
// the publications are kept as; 2, 3, 5, 7 and 9 are repeats.
func oldLibrary(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "library.db")
	db, err := storage.OpenAtVersion(ctx, path, 3)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, q, r, u := oldPublications[0], oldPublications[1], oldPublications[2], oldPublications[3]
	docs := []struct {
		key string
		pub int
	}{
		{p.id, 0}, {storage.FallbackKey(p.id, p.title, p.pdf), 0}, {storage.FallbackKey(p.id, p.title, p.pdf) + "-2", 0},
		{q.id, 1}, {storage.FallbackKey(q.id, q.title, q.pdf), 1},
		{storage.FallbackKey(r.id, r.title, r.pdf), 2}, {storage.FallbackKey(r.id, r.title, r.pdf) + "-2", 2},
		{storage.FallbackKey(u.id, u.title, u.pdf), 3}, {storage.FallbackKey(u.id, u.title, u.pdf) + "-2", 3},
	}
	stmts := []string{`INSERT INTO sources (id, url, created_at) VALUES (1, 'http://a.test/feed', 'x')`,
		`INSERT INTO source_pages (source_id, url, etag, body_sha256, links, entries, fetched_at)
			VALUES (1, 'http://a.test/feed', '"e1"', 'abc', '["http://a.test/p2"]', 9, 'x')`}
	for i, d := range docs {
		pub := oldPublications[d.pub]
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO documents (id, source_id, entry_key, entry_id, title, pdf_url,
			meta_hash, page_url, first_seen_at, changed_at) VALUES (%d, 1, '%s', '%s', '%s', '%s', 'h', 'http://a.test/feed',
			'2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`, i+1, d.key, pub.id, pub.title, pub.pdf))
	}
	stmts = append(stmts, `INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')`)
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return path
}

// annotateRepeats puts the user's things on the repeats: a bookmark, a
// note, a highlight, a newer reading position than the kept document's,
// and cached files (publication q has one on both documents, the repeat's
// later).
func annotateRepeats(t *testing.T, s *storage.Store) {
	t.Helper()
	ctx := context.Background()
	clock := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	steps := []error{
		s.SetReadingPosition(ctx, app.ReadingPosition{DocumentID: 1, Page: 3}),
		s.SetReadingPosition(ctx, app.ReadingPosition{DocumentID: 2, Page: 17}),
	}
	_, err := s.AddBookmark(ctx, app.Bookmark{Annotation: app.Annotation{DocumentID: 2}, Page: 17, Label: "kept"})
	steps = append(steps, err)
	_, err = s.AddNote(ctx, app.Note{Annotation: app.Annotation{DocumentID: 3}, Page: 2, Body: "screening questions"})
	steps = append(steps, err)
	_, err = s.AddHighlight(ctx, app.Highlight{Annotation: app.Annotation{DocumentID: 5}, Page: 1, Quote: "intake form"})
	steps = append(steps, err)
	for _, f := range []app.File{{DocumentID: 3, Path: "files/3-a.pdf"}, {DocumentID: 4, Path: "files/4-a.pdf"},
		{DocumentID: 5, Path: "files/5-a.pdf", Pinned: true}} {
		_, err = s.PutFile(ctx, app.File{DocumentID: f.DocumentID, Path: f.Path, Size: 10, SHA256: "s", URL: "u",
			Pinned: f.Pinned}, storage.FileVersion{})
		steps = append(steps, err)
	}
	if err := errors.Join(steps...); err != nil {
		t.Fatal(err)
	}
}

func TestOldRepeatsFoldIntoOneDocument(t *testing.T) {
	ctx := context.Background()
	s, err := storage.Open(ctx, oldLibrary(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pages, err := s.Pages(ctx, 1)
	if p := pages["http://a.test/feed"]; err != nil || p.ETag != "" || p.BodySHA256 != "" || len(p.Links) != 0 {
		t.Fatalf("page after migration = %+v, %v: want its validators cleared, so the next sync reads it", p, err)
	}
	annotateRepeats(t, s)

	// The next sync lists each publication once (p and r share an id).
	var entries []storage.SyncEntry
	for i, pub := range oldPublications {
		key := pub.id
		if i >= 2 {
			key = storage.FallbackKey(pub.id, pub.title, pub.pdf)
		}
		e := entry(pub.id, pub.title, 2020)
		e.Links[0].Href = pub.pdf
		entries = append(entries, storage.SyncEntry{Key: key, Page: "http://a.test/feed", Entry: e})
	}
	st, err := s.BeginStage(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Add(ctx, entries); err != nil {
		t.Fatal(err)
	}
	stats, err := st.Apply(ctx, storage.SyncBatch{Pages: []storage.Page{{URL: "http://a.test/feed"}}, Complete: true})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Withdrawn != 0 || stats.Entries != 4 {
		t.Errorf("sync = %+v, want 4 publications and nothing withdrawn", stats)
	}
	all, _ := s.Documents(ctx, app.Filter{Withdrawn: true})
	var ids []int64
	for _, d := range all {
		ids = append(ids, d.ID)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []int64{1, 4, 6, 8}) {
		t.Fatalf("documents %v, want 1, 4, 6 and 8 (no repeat left, withdrawn or not)", ids)
	}
	checkFolded(t, s)
	if got := st.DroppedFiles(); !slices.Equal(got, []string{"files/4-a.pdf"}) {
		t.Errorf("dropped files %v, want the older copy of q's file", got)
	}
	checkFTS(t, s)
}

// checkFolded asserts that the user's things on the repeats moved to the
// kept documents.
func checkFolded(t *testing.T, s *storage.Store) {
	t.Helper()
	ctx := context.Background()
	set, err := s.Annotations(ctx, 0, true)
	if err != nil || set.Len() != 3 {
		t.Fatalf("annotations = %+v, %v", set, err)
	}
	if b := set.Bookmarks[0]; b.DocumentID != 1 || b.EntryKey != "urn:p" || b.Label != "kept" {
		t.Errorf("bookmark = %+v, want it on document 1 under urn:p", b)
	}
	if n := set.Notes[0]; n.DocumentID != 1 || n.EntryKey != "urn:p" {
		t.Errorf("note = %+v, want it on document 1", n)
	}
	if h := set.Highlights[0]; h.DocumentID != 4 || h.EntryKey != "urn:q" {
		t.Errorf("highlight = %+v, want it on document 4", h)
	}
	if hits, _ := s.SearchAnnotations(ctx, "screening", 5); len(hits) != 1 || hits[0].Document.ID != 1 {
		t.Errorf("note search = %+v, want the note found on document 1", hits)
	}
	if p, err := s.ReadingPosition(ctx, 1); err != nil || p.Page != 17 {
		t.Errorf("reading position = %+v, %v, want the repeat's later page 17", p, err)
	}
	if d, _ := s.Document(ctx, 1); d.File == nil || d.File.Path != "files/3-a.pdf" {
		t.Errorf("document 1 file = %+v, want the repeat's", d.File)
	}
	if d, _ := s.Document(ctx, 4); d.File == nil || d.File.Path != "files/5-a.pdf" || !d.File.Pinned {
		t.Errorf("document 4 file = %+v, want the repeat's later, pinned copy", d.File)
	}
	if _, err := s.Document(ctx, 2); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("repeat 2 still there: %v", err)
	}
}

// TestFallbackKeyKeepsItsFormat pins the fallback key to the form older
// syncs stored, which healing and stable keys depend on.
func TestFallbackKeyKeepsItsFormat(t *testing.T) {
	sum := sha256.Sum256([]byte("urn:p\x00Referral handbook\x00http://a.test/p.pdf"))
	want := "urn:fieldshelf:entry:" + hex.EncodeToString(sum[:8])
	if got := storage.FallbackKey("urn:p", "Referral handbook", "http://a.test/p.pdf"); got != want {
		t.Fatalf("FallbackKey = %s, want %s", got, want)
	}
}

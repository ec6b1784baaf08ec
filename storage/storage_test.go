package storage_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"fieldshelf/app"
	"fieldshelf/storage"
)

func openStore(tb testing.TB) *storage.Store {
	tb.Helper()
	s, err := storage.Open(context.Background(), filepath.Join(tb.TempDir(), "library.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func addSource(tb testing.TB, s *storage.Store, url string) app.Source {
	tb.Helper()
	src, err := s.AddSource(context.Background(), app.Source{URL: url, Name: "Test"})
	if err != nil {
		tb.Fatal(err)
	}
	return src
}

func entry(id, title string, year int, tags ...string) app.Entry {
	e := app.Entry{ID: id, Title: title, Year: year, Authors: []string{"A. Author"}, Publisher: "Org",
		Summary: "About " + title,
		Links: []app.Link{{Href: "http://files.test/" + id + ".pdf", Rel: "http://opds-spec.org/acquisition",
			Type: "application/pdf", Length: 1000}}}
	for _, t := range tags {
		e.Tags = append(e.Tags, app.Tag{Term: t, Label: t, Kind: app.TagRegion})
	}
	return e
}

func batch(page string, complete bool, entries ...app.Entry) storage.SyncBatch {
	b := storage.SyncBatch{Pages: []storage.Page{{URL: page, ETag: `"1"`, Entries: len(entries)}}, Complete: complete}
	for _, e := range entries {
		b.Entries = append(b.Entries, storage.SyncEntry{Key: e.ID, Page: page, Entry: e})
	}
	return b
}

func TestOpenIsIdempotentAndRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "library.db")
	s, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	src := addSource(t, s, "http://a.test/feed")
	s.Close()

	s, err = storage.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	if got, err := s.Source(ctx, src.ID); err != nil || got.URL != src.URL {
		t.Fatalf("source after reopen = %+v, %v", got, err)
	}
	if _, err := s.DB().Exec(fmt.Sprintf("PRAGMA user_version = %d", storage.SchemaVersion()+1)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = storage.Open(ctx, path)
	if !errors.Is(err, app.ErrNewerSchema) {
		t.Fatalf("open newer schema: err = %v, want ErrNewerSchema", err)
	}
}

func TestPragmasOnEveryConnection(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	// Hold several connections at once so the pool opens more than one.
	var conns []interface{ Close() error }
	for i := 0; i < 3; i++ {
		c, err := s.DB().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var fk, busy int
		var mode string
		if err := c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if fk != 1 || busy < 1000 || mode != "wal" {
			t.Errorf("conn %d: foreign_keys=%d busy_timeout=%d journal_mode=%s", i, fk, busy, mode)
		}
	}
	for _, c := range conns {
		c.Close()
	}
}

func TestApplySyncCounts(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	src := addSource(t, s, "http://a.test/feed")
	p := "http://a.test/feed"

	st, err := s.ApplySync(ctx, src.ID, batch(p, true,
		entry("1", "Alpha", 2021, "Asia"), entry("2", "Beta", 2019), entry("3", "Gamma", 0)))
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 3 || st.Entries != 3 {
		t.Fatalf("first sync = %+v, want 3 added", st)
	}

	changed := entry("2", "Beta, second edition", 2019)
	st, err = s.ApplySync(ctx, src.ID, batch(p, true, entry("1", "Alpha", 2021, "Asia"), changed))
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 0 || st.Updated != 1 || st.Unchanged != 1 || st.Withdrawn != 1 {
		t.Fatalf("second sync = %+v, want 1 updated, 1 unchanged, 1 withdrawn", st)
	}
	docs, err := s.Documents(ctx, app.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("listed %d documents, want 2 (Gamma withdrawn)", len(docs))
	}
	all, _ := s.Documents(ctx, app.Filter{Withdrawn: true})
	if len(all) != 3 {
		t.Fatalf("with withdrawn: %d documents, want 3", len(all))
	}

	// An incomplete crawl withdraws nothing.
	st, err = s.ApplySync(ctx, src.ID, batch(p, false, entry("1", "Alpha", 2021, "Asia")))
	if err != nil {
		t.Fatal(err)
	}
	if st.Withdrawn != 0 {
		t.Fatalf("incomplete crawl withdrew %d", st.Withdrawn)
	}
	// A withdrawn entry that comes back is listed again.
	st, err = s.ApplySync(ctx, src.ID, batch(p, true, entry("1", "Alpha", 2021, "Asia"), changed, entry("3", "Gamma", 0)))
	if err != nil {
		t.Fatal(err)
	}
	if st.Updated != 1 || st.Unchanged != 2 {
		t.Fatalf("return sync = %+v, want Gamma updated", st)
	}
}

func TestUnchangedPagesKeepTheirDocuments(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	src := addSource(t, s, "http://a.test/feed")
	b := batch("http://a.test/p1", true, entry("1", "Alpha", 2021))
	b2 := batch("http://a.test/p2", true, entry("2", "Beta", 2020))
	b.Pages = append(b.Pages, b2.Pages...)
	b.Entries = append(b.Entries, b2.Entries...)
	if _, err := s.ApplySync(ctx, src.ID, b); err != nil {
		t.Fatal(err)
	}
	// Page 1 answered 304, page 2 changed and lost its entry.
	again := storage.SyncBatch{Pages: b.Pages, Unchanged: []string{"http://a.test/p1"}, Complete: true}
	st, err := s.ApplySync(ctx, src.ID, again)
	if err != nil {
		t.Fatal(err)
	}
	if st.Unchanged != 1 || st.Withdrawn != 1 || st.Entries != 1 {
		t.Fatalf("sync = %+v, want 1 unchanged (from the 304 page), 1 withdrawn", st)
	}
	pages, err := s.Pages(ctx, src.ID)
	if err != nil || len(pages) != 2 || pages["http://a.test/p1"].ETag != `"1"` {
		t.Fatalf("pages = %+v, %v", pages, err)
	}
}

func TestFiltersAndTags(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	src := addSource(t, s, "http://a.test/feed")
	e1 := entry("1", "Alpha", 2021, "Asia")
	e1.Tags = append(e1.Tags, app.Tag{Term: "guidance", Label: "Guidance", Kind: app.TagType})
	e2 := entry("2", "Beta", 2019, "Europe")
	e2.Publisher = "Other Body"
	if _, err := s.ApplySync(ctx, src.ID, batch("http://a.test/feed", true, e1, e2)); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		f    app.Filter
		want []string
	}{
		{app.Filter{}, []string{"Alpha", "Beta"}},
		{app.Filter{Tag: "asia"}, []string{"Alpha"}},
		{app.Filter{Type: "Guidance"}, []string{"Alpha"}},
		{app.Filter{Region: "Guidance"}, nil},
		{app.Filter{Region: "Europe"}, []string{"Beta"}},
		{app.Filter{Year: 2019}, []string{"Beta"}},
		{app.Filter{Publisher: "other"}, []string{"Beta"}},
		{app.Filter{Publisher: "100%"}, nil},
		{app.Filter{Offline: true}, nil},
		{app.Filter{Sort: app.SortTitle, Limit: 1, Offset: 1}, []string{"Beta"}},
	}
	for _, c := range cases {
		docs, err := s.Documents(ctx, c.f)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range docs {
			got = append(got, d.Title)
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("Documents(%+v) = %v, want %v", c.f, got, c.want)
		}
	}
	d, err := s.Document(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Tags) != 2 || d.Tags[1].Kind != app.TagType || d.FileURL != "http://files.test/1.pdf" || d.FileSize != 1000 {
		t.Fatalf("document = %+v", d)
	}
	if _, err := s.Document(ctx, 99); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("missing document: %v", err)
	}
}

func TestSearchRanksAndSnippets(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	src := addSource(t, s, "http://a.test/feed")
	e1 := entry("1", "Forced labour handbook", 2019)
	e1.Summary = "A handbook for parliamentarians on eliminating forced labour."
	e2 := entry("2", "Annual report", 2022)
	e2.Summary = "Mentions labour once, in passing."
	e3 := entry("3", "Crises", 2015)
	e3.Summary = "Trafficking after earthquakes."
	if _, err := s.ApplySync(ctx, src.ID, batch("http://a.test/feed", true, e1, e2, e3)); err != nil {
		t.Fatal(err)
	}
	hits, err := s.Search(ctx, "labour", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 || hits[0].Document.Title != "Forced labour handbook" {
		t.Fatalf("hits = %+v", hits)
	}
	if hits[0].Snippet == "" || hits[0].Kind != "metadata" {
		t.Fatalf("snippet = %q kind = %q", hits[0].Snippet, hits[0].Kind)
	}
	// Prefix match on the last word, operators in input are harmless.
	for _, q := range []string{"earthq", `"traff*`, "NEAR(a b)", "éarthquakes"} {
		hits, err := s.Search(ctx, q, 10)
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		if q != "NEAR(a b)" && (len(hits) != 1 || hits[0].Document.Title != "Crises") {
			t.Errorf("search %q = %d hits", q, len(hits))
		}
	}
	// The index follows changes: a new title is found, the old one is not.
	e3.Title, e3.Summary = "Typhoon response", "Shelters after storms."
	if _, err := s.ApplySync(ctx, src.ID, batch("http://a.test/feed", true, e1, e2, e3)); err != nil {
		t.Fatal(err)
	}
	if hits, _ := s.Search(ctx, "earthquakes", 10); len(hits) != 0 {
		t.Errorf("old text still indexed: %d hits", len(hits))
	}
	if hits, _ := s.Search(ctx, "typhoon", 10); len(hits) != 1 {
		t.Errorf("new text not indexed: %d hits", len(hits))
	}
	checkFTS(t, s)
	if hits, _ := s.Search(ctx, "  ", 10); len(hits) != 0 {
		t.Errorf("blank search gave %d hits", len(hits))
	}
}

func TestRemoveSourceKeepsReferencedDocuments(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	src := addSource(t, s, "http://a.test/feed")
	if _, err := s.ApplySync(ctx, src.ID, batch("http://a.test/feed", true, entry("1", "Alpha", 2021), entry("2", "Beta", 2020))); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`INSERT INTO notes (uid, document_id, source_url, entry_key, body, created_at, updated_at)
		VALUES ('n1', 1, 'http://a.test/feed', '1', 'keep me', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveSource(ctx, src.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Source(ctx, src.ID); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("removed source still there: %v", err)
	}
	d, err := s.Document(ctx, 1)
	if err != nil || !d.Withdrawn {
		t.Fatalf("document with a note: %+v, %v", d, err)
	}
	if _, err := s.Document(ctx, 2); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("unreferenced document kept: %v", err)
	}
	checkFTS(t, s)
	again, err := s.AddSource(ctx, app.Source{URL: "http://a.test/feed"})
	if err != nil || again.ID != src.ID {
		t.Fatalf("re-add = %+v, %v", again, err)
	}
	if _, err := s.AddSource(ctx, app.Source{URL: "http://a.test/feed"}); err == nil {
		t.Fatal("adding the same URL twice succeeded")
	}
}

func TestFailedApplyLeavesCatalogueIntact(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	src := addSource(t, s, "http://a.test/feed")
	if _, err := s.ApplySync(ctx, src.ID, batch("http://a.test/feed", true, entry("1", "Alpha", 2021))); err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.ApplySync(cctx, src.ID, batch("http://a.test/feed", true, entry("2", "Beta", 2020))); err == nil {
		t.Fatal("apply with a cancelled context succeeded")
	}
	docs, _ := s.Documents(ctx, app.Filter{})
	if len(docs) != 1 || docs[0].Title != "Alpha" {
		t.Fatalf("after failed apply: %+v", docs)
	}
}

// checkFTS runs FTS5's integrity check of the metadata index against its
// content table.
func checkFTS(t *testing.T, s *storage.Store) {
	t.Helper()
	if _, err := s.DB().Exec(`INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("fts integrity-check: %v", err)
	}
}

func TestOlderDatabaseIsMigratedLosingNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "library.db")
	db, err := storage.OpenAtVersion(ctx, path, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO sources (id, url, name, created_at) VALUES (1, 'http://a.test/feed', 'Old', '2025-01-01T00:00:00.000Z')`,
		`INSERT INTO documents (id, source_id, entry_key, title, meta_hash, first_seen_at, changed_at)
			VALUES (1, 1, 'urn:1', 'Kept handbook', 'h', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`,
		`INSERT INTO notes (uid, document_id, source_url, entry_key, page, body, created_at, updated_at)
			VALUES ('n1', 1, 'http://a.test/feed', 'urn:1', 4, 'See the referral chart', '2025-01-02T00:00:00.000Z', '2025-01-02T00:00:00.000Z')`,
		`INSERT INTO reading_positions (document_id, page, zoom, updated_at) VALUES (1, 12, 1.5, '2025-01-03T00:00:00.000Z')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	s, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatalf("open the old database: %v", err)
	}
	defer s.Close()
	var version int
	s.DB().QueryRow(`PRAGMA user_version`).Scan(&version)
	if version != storage.SchemaVersion() || version < 2 {
		t.Fatalf("schema version %d after migration, want %d", version, storage.SchemaVersion())
	}
	var body string
	var page int
	if err := s.DB().QueryRow(`SELECT n.body, r.page FROM notes n JOIN reading_positions r USING (document_id)`).Scan(&body, &page); err != nil {
		t.Fatal(err)
	}
	if body != "See the referral chart" || page != 12 {
		t.Fatalf("user data after migration: %q page %d", body, page)
	}
	if d, err := s.Document(ctx, 1); err != nil || d.Title != "Kept handbook" {
		t.Fatalf("document after migration: %+v, %v", d, err)
	}
}

package storage_test

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"testing"
	"time"

	"fieldshelf/app"
	"fieldshelf/storage"
)

// stageEntries stages entries listed on page, in one Add.
func stageEntries(t *testing.T, st *storage.Stage, page string, entries ...app.Entry) {
	t.Helper()
	var se []storage.SyncEntry
	for _, e := range entries {
		se = append(se, storage.SyncEntry{Key: e.ID, Page: page, Entry: e})
	}
	if err := st.Add(context.Background(), se); err != nil {
		t.Fatal(err)
	}
}

// setEarlyLimit sets storage.EarlyLimit for the test.
func setEarlyLimit(t *testing.T, d time.Duration) {
	old := storage.EarlyLimit
	storage.EarlyLimit = d
	t.Cleanup(func() { storage.EarlyLimit = old })
}

// bothWays runs a test of a first sync with its rows written while the
// crawl runs, and with them written by Apply.
func bothWays(t *testing.T, test func(t *testing.T)) {
	t.Run("early", func(t *testing.T) { setEarlyLimit(t, time.Minute); test(t) })
	t.Run("by Apply", func(t *testing.T) { setEarlyLimit(t, 0); test(t) })
}

// dumpRows returns the rows of a query as text, one string per row.
func dumpRows(t *testing.T, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%q", vals))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

const docColumns = `entry_key, entry_id, title, authors, authors_text, publisher, year, language, summary, tags_text,
	cover_url, pdf_url, pdf_type, pdf_size, links, upstream_updated, meta_hash, page_url, withdrawn_at`

// TestFirstSyncWritesWhatAMergeWrites checks that a source's first sync,
// which writes its entries straight from memory, stores exactly what the
// merge of the same entries into a source with documents stores: every
// column, the tags, and a consistent full-text index.
func TestFirstSyncWritesWhatAMergeWrites(t *testing.T) { bothWays(t, firstSyncWritesWhatAMergeWrites) }

func firstSyncWritesWhatAMergeWrites(t *testing.T) {
	ctx := context.Background()
	const page = "http://a.test/feed"
	e1 := entry("urn:1", `Ünïcödé & <Escaping> "Test": 東京`, 2021, "Asia", "Europe")
	e1.Tags = append(e1.Tags, app.Tag{Term: "guidance", Label: "Guidance", Scheme: "http://a.test/types", Kind: app.TagType})
	e1.Language, e1.Cover = "ar", "http://a.test/c.png"
	e2 := entry("urn:2", "تقرير عن الاتجار 📚", 0)
	e2.Authors = nil
	e3 := entry("urn:3", "Handbook", 1999, "Africa")

	cold := openStore(t)
	coldSrc := addSource(t, cold, page)
	st, err := cold.ApplySync(ctx, coldSrc.ID, batch(page, true, e1, e2, e3))
	if err != nil || st.Added != 3 || st.Entries != 3 {
		t.Fatalf("first sync = %+v, %v", st, err)
	}

	warm := openStore(t)
	warmSrc := addSource(t, warm, page)
	other := entry("urn:other", "Already there", 2000)
	if _, err := warm.ApplySync(ctx, warmSrc.ID, batch(page, false, other)); err != nil {
		t.Fatal(err)
	}
	st, err = warm.ApplySync(ctx, warmSrc.ID, batch(page, false, other, e1, e2, e3))
	if err != nil || st.Added != 3 || st.Unchanged != 1 {
		t.Fatalf("merge = %+v, %v", st, err)
	}

	q := `SELECT ` + docColumns + ` FROM documents WHERE entry_key <> 'urn:other' ORDER BY entry_key`
	if got, want := dumpRows(t, cold.DB(), q), dumpRows(t, warm.DB(), q); !reflect.DeepEqual(got, want) {
		t.Errorf("first sync stored\n%s\nthe merge stored\n%s", got, want)
	}
	tq := `SELECT d.entry_key, t.position, t.term, t.label, t.scheme, t.kind FROM document_tags t
		JOIN documents d ON d.id = t.document_id WHERE d.entry_key <> 'urn:other' ORDER BY 1, 2`
	if got, want := dumpRows(t, cold.DB(), tq), dumpRows(t, warm.DB(), tq); !reflect.DeepEqual(got, want) ||
		len(got) != 4 {
		t.Errorf("first sync stored tags\n%s\nthe merge stored\n%s", got, want)
	}
	checkFTS(t, cold)
	hits, err := cold.Search(ctx, "Escaping", 10)
	if err != nil || len(hits) != 1 || hits[0].Document.Title != e1.Title {
		t.Errorf("search after the first sync = %+v, %v", hits, err)
	}

	// The next sync of the same entries finds them unchanged.
	st, err = cold.ApplySync(ctx, coldSrc.ID, batch(page, true, e1, e2, e3))
	if err != nil || st.Unchanged != 3 || st.Added+st.Updated+st.Withdrawn != 0 {
		t.Fatalf("second sync = %+v, %v", st, err)
	}
}

// TestFirstSyncKeepsStagingOrder checks that the documents of a first sync
// get their ids in the order their keys were first staged, and that a key
// staged again keeps its place with the later entry.
func TestFirstSyncKeepsStagingOrder(t *testing.T) { bothWays(t, firstSyncKeepsStagingOrder) }

func firstSyncKeepsStagingOrder(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	src := addSource(t, s, "http://a.test/feed")
	before := addSource(t, s, "http://b.test/feed")
	if _, err := s.ApplySync(ctx, before.ID, batch("http://b.test/feed", true, entry("urn:b", "Other source", 2000))); err != nil {
		t.Fatal(err)
	}
	st, err := s.BeginStage(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stageEntries(t, st, "http://a.test/1", entry("urn:c", "C", 2001), entry("urn:a", "A, first listing", 2001, "Asia"))
	stageEntries(t, st, "http://a.test/2", entry("urn:b", "B", 2001), entry("urn:a", "A, second listing", 2002, "Europe"))
	stats, err := st.Apply(ctx, storage.SyncBatch{Complete: true,
		Pages: []storage.Page{{URL: "http://a.test/1"}, {URL: "http://a.test/2"}}})
	if err != nil || stats.Added != 3 {
		t.Fatalf("apply = %+v, %v", stats, err)
	}
	got := dumpRows(t, s.DB(), `SELECT entry_key, title, year, page_url FROM documents WHERE source_id = ? ORDER BY id`, src.ID)
	want := []string{
		fmt.Sprintf("%q", []any{"urn:c", "C", int64(2001), "http://a.test/1"}),
		fmt.Sprintf("%q", []any{"urn:a", "A, second listing", int64(2002), "http://a.test/2"}),
		fmt.Sprintf("%q", []any{"urn:b", "B", int64(2001), "http://a.test/2"}),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("documents in id order:\n%s\nwant\n%s", got, want)
	}
	tags := dumpRows(t, s.DB(), `SELECT d.entry_key, t.label FROM document_tags t JOIN documents d ON d.id = t.document_id
		WHERE d.source_id = ?`, src.ID)
	if want := []string{fmt.Sprintf("%q", []any{"urn:a", "Europe"})}; !reflect.DeepEqual(tags, want) {
		t.Errorf("tags = %s, want %s", tags, want)
	}
	pages, err := s.Pages(ctx, src.ID)
	if err != nil || pages["http://a.test/1"].Entries != 1 || pages["http://a.test/2"].Entries != 2 {
		t.Errorf("pages = %+v, %v", pages, err)
	}
	checkFTS(t, s)
}

// TestFirstSyncMeetsDocumentsStoredMeanwhile checks a first sync whose
// source got documents while its crawl ran (another sync of it finished
// first, the crawl not writing early): the staged entries are merged with them, as in any later sync.
func TestFirstSyncMeetsDocumentsStoredMeanwhile(t *testing.T) {
	setEarlyLimit(t, 0) // else the crawl keeps the write lock
	ctx := context.Background()
	s := openStore(t)
	src := addSource(t, s, "http://a.test/feed")
	const page = "http://a.test/feed"
	st, err := s.BeginStage(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stageEntries(t, st, page, entry("urn:1", "One", 2001), entry("urn:2", "Two, new title", 2002))

	if _, err := s.ApplySync(ctx, src.ID, batch(page, true, entry("urn:2", "Two", 2002), entry("urn:3", "Three", 2003))); err != nil {
		t.Fatal(err)
	}
	stats, err := st.Apply(ctx, storage.SyncBatch{Complete: true, Pages: []storage.Page{{URL: page}}})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Added != 1 || stats.Updated != 1 || stats.Withdrawn != 1 {
		t.Errorf("apply = %+v, want 1 added, 1 updated, 1 withdrawn", stats)
	}
	got := dumpRows(t, s.DB(), `SELECT entry_key, title, withdrawn_at IS NOT NULL FROM documents ORDER BY entry_key`)
	want := []string{
		fmt.Sprintf("%q", []any{"urn:1", "One", int64(0)}),
		fmt.Sprintf("%q", []any{"urn:2", "Two, new title", int64(0)}),
		fmt.Sprintf("%q", []any{"urn:3", "Three", int64(1)}),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("documents:\n%s\nwant\n%s", got, want)
	}
	checkFTS(t, s)
	st.Close()
	checkForeignKeysOn(t, s)
}

// checkForeignKeysOn checks that every connection of the store enforces
// foreign keys (a first sync turns them off for its transaction).
func checkForeignKeysOn(t *testing.T, s *storage.Store) {
	t.Helper()
	ctx := context.Background()
	var held []*sql.Conn
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	for range s.DB().Stats().OpenConnections {
		c, err := s.DB().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
		var on bool
		if err := c.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&on); err != nil || !on {
			t.Errorf("foreign_keys on a connection = %v, %v", on, err)
		}
	}
}

// TestFirstSyncOfAMissingSource checks that a first sync, whose
// transaction runs without foreign keys, still writes nothing for a source
// that is not in the library: the row of its source was deleted while its
// crawl ran (the application only ever marks a source removed).
func TestFirstSyncOfAMissingSource(t *testing.T) {
	ctx := context.Background()
	setEarlyLimit(t, 0) // the row is deleted between Add and Apply
	s := openStore(t)
	src := addSource(t, s, "http://a.test/feed")
	st, err := s.BeginStage(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	stageEntries(t, st, "http://a.test/feed", entry("urn:1", "One", 2001, "Asia"))
	if _, err := s.DB().Exec(`DELETE FROM sources WHERE id = ?`, src.ID); err != nil {
		t.Fatal(err)
	}
	if stats, err := st.Apply(ctx, storage.SyncBatch{Complete: true,
		Pages: []storage.Page{{URL: "http://a.test/feed"}}}); err == nil {
		t.Fatalf("apply for a missing source = %+v, no error", stats)
	}
	st.Close()
	for _, table := range []string{"documents", "document_tags", "documents_fts", "source_pages"} {
		if got := dumpRows(t, s.DB(), `SELECT count(*) FROM `+table); got[0] != fmt.Sprintf("%q", []any{int64(0)}) {
			t.Errorf("%s after the failed sync: %s", table, got)
		}
	}
	checkForeignKeysOn(t, s)
}

// TestListedOnSeesDocumentsStoredMeanwhile checks ListedOn for entries
// staged while the source had no documents, once it has some.
func TestListedOnSeesDocumentsStoredMeanwhile(t *testing.T) {
	setEarlyLimit(t, 0) // else the crawl keeps the write lock
	ctx := context.Background()
	s := openStore(t)
	src := addSource(t, s, "http://a.test/feed")
	st, err := s.BeginStage(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stageEntries(t, st, "http://a.test/by-title", entry("urn:1", "One", 2001))
	if listed, err := st.ListedOn(ctx, []string{"http://a.test/by-tag"}); err != nil || listed {
		t.Fatalf("listed before any document = %v, %v", listed, err)
	}
	if _, err := s.ApplySync(ctx, src.ID, batch("http://a.test/by-tag", true, entry("urn:1", "One", 2001))); err != nil {
		t.Fatal(err)
	}
	if listed, err := st.ListedOn(ctx, []string{"http://a.test/by-tag"}); err != nil || !listed {
		t.Fatalf("listed on the page of a stored document = %v, %v", listed, err)
	}
	stageEntries(t, st, "http://a.test/by-title", entry("urn:2", "Two", 2002))
	stats, err := st.Apply(ctx, storage.SyncBatch{Complete: true,
		Pages: []storage.Page{{URL: "http://a.test/by-title"}, {URL: "http://a.test/by-tag"}}})
	if err != nil || stats.Added != 1 || stats.Unchanged != 1 {
		t.Fatalf("apply = %+v, %v", stats, err)
	}
	checkFTS(t, s)
}

// TestFirstSyncIndexesAgain checks that a first sync into a new library,
// which builds the documents' indexes again after writing its rows, leaves
// the same indexes, consistent with the table.
func TestFirstSyncIndexesAgain(t *testing.T) { bothWays(t, firstSyncIndexesAgain) }

func firstSyncIndexesAgain(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	src := addSource(t, s, "http://a.test/feed")
	const q = `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'documents' ORDER BY name`
	before := dumpRows(t, s.DB(), q)
	if len(before) < 4 {
		t.Fatalf("indexes of documents: %s", before)
	}
	var entries []app.Entry
	for i := range 50 {
		entries = append(entries, entry(fmt.Sprintf("urn:%d", i), fmt.Sprintf("Title %d", 50-i), 1990+i%7))
	}
	if st, err := s.ApplySync(ctx, src.ID, batch("http://a.test/feed", true, entries...)); err != nil || st.Added != 50 {
		t.Fatalf("first sync = %+v, %v", st, err)
	}
	if after := dumpRows(t, s.DB(), q); !reflect.DeepEqual(after, before) {
		t.Errorf("indexes after the first sync:\n%s\nbefore:\n%s", after, before)
	}
	if got := dumpRows(t, s.DB(), `PRAGMA integrity_check`); len(got) != 1 || got[0] != fmt.Sprintf("%q", []any{"ok"}) {
		t.Errorf("integrity_check: %s", got)
	}
	docs, err := s.Documents(ctx, app.Filter{Year: 1992})
	if err != nil || len(docs) != 7 {
		t.Errorf("documents of 1992: %d, %v", len(docs), err)
	}
}

// TestFirstSyncGivesTheLockUp checks that a first sync writing while its
// crawl runs gives the write lock up once it has waited storage.EarlyIdle
// for entries, so that the library can be written meanwhile, and that
// Apply still writes every entry, the ones staged again included.
func TestFirstSyncGivesTheLockUp(t *testing.T) {
	setEarlyLimit(t, time.Minute)
	ctx := context.Background()
	s := openStore(t)
	src := addSource(t, s, "http://a.test/feed")
	other := addSource(t, s, "http://b.test/feed")
	st, err := s.BeginStage(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stageEntries(t, st, "http://a.test/1", entry("urn:1", "One", 2001, "Asia"), entry("urn:2", "Two", 2002))
	// Another connection does not see what the stage wrote.
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM documents`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("documents seen by another connection = %d, %v", n, err)
	}
	if err := st.Yield(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(storage.EarlyIdle + 50*time.Millisecond)
	if err := st.Yield(); err != nil {
		t.Fatal(err)
	}
	// The lock is free: another sync writes at once.
	if _, err := s.ApplySync(ctx, other.ID, batch("http://b.test/feed", true, entry("urn:b", "Other", 2000))); err != nil {
		t.Fatalf("another sync after Yield: %v", err)
	}
	stageEntries(t, st, "http://a.test/2", entry("urn:1", "One, again", 2001, "Europe"), entry("urn:3", "Three", 2003))
	stats, err := st.Apply(ctx, storage.SyncBatch{Complete: true,
		Pages: []storage.Page{{URL: "http://a.test/1"}, {URL: "http://a.test/2"}}})
	if err != nil || stats.Added != 3 {
		t.Fatalf("apply = %+v, %v", stats, err)
	}
	got := dumpRows(t, s.DB(), `SELECT entry_key, title, tags_text FROM documents WHERE source_id = ? ORDER BY id`, src.ID)
	want := []string{
		fmt.Sprintf("%q", []any{"urn:1", "One, again", "Europe"}),
		fmt.Sprintf("%q", []any{"urn:2", "Two", ""}),
		fmt.Sprintf("%q", []any{"urn:3", "Three", ""}),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("documents:\n%s\nwant\n%s", got, want)
	}
	checkFTS(t, s)
}

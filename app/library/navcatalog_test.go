package library_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/library"
	_ "modernc.org/sqlite" // the library's own database, opened beside it
)

// serveNavCatalog serves testdata/navcatalog (a catalogue shaped like
// calibre's content server) and returns the URL of its root.
func serveNavCatalog(t *testing.T, srv *feedServer) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "navcatalog", "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("navcatalog fixture: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		path := "/" + strings.TrimSuffix(filepath.Base(f), ".xml")
		path = strings.ReplaceAll(strings.ReplaceAll(path, "_", "/"), "@", "?offset=")
		srv.set(path, "application/atom+xml;profile=opds-catalog", string(b))
	}
	return srv.url("/opds")
}

// navCatalogue lists the fixture's publications: id → the tags each must
// end with (its own, or those of the tag subsections listing it).
var navCatalogue = map[string][]string{
	"urn:uuid:6f1c2a10-0001-4b7e-9d1e-5a0c1f2e3d01": {"Handbook"},
	"urn:uuid:6f1c2a10-0002-4b7e-9d1e-5a0c1f2e3d02": {"Handbook", "Training"},
	"urn:uuid:6f1c2a10-0003-4b7e-9d1e-5a0c1f2e3d03": {"Training"},
	"urn:uuid:6f1c2a10-0004-4b7e-9d1e-5a0c1f2e3d04": {"Policy brief"}, // its own, not Handbook or Training
	"urn:uuid:6f1c2a10-0005-4b7e-9d1e-5a0c1f2e3d05": {"Checklist"},
	"urn:uuid:6f1c2a10-0006-4b7e-9d1e-5a0c1f2e3d06": nil,
	"urn:uuid:6f1c2a10-0007-4b7e-9d1e-5a0c1f2e3d07": {"Checklist"}, // listed only under By Tags → Checklist
}

// checkNavCatalogue asserts one document per publication, with its tags,
// and returns the documents by entry id.
func checkNavCatalogue(t *testing.T, l *library.Library, want map[string][]string) map[string]app.Document {
	t.Helper()
	docs := docsByEntry(t, l)
	all, err := l.Documents(context.Background(), app.Filter{Withdrawn: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(want) || len(docs) != len(want) {
		t.Fatalf("%d documents (%d listed), want %d: %v", len(all), len(docs), len(want), titlesOf(all))
	}
	for id, tags := range want {
		d, ok := docs[id]
		if !ok {
			t.Fatalf("no document for %s", id)
		}
		var got []string
		for _, tg := range d.Tags {
			got = append(got, tg.Label)
		}
		if !slices.Equal(got, tags) {
			t.Errorf("%s (%s): tags %v, want %v", id, d.Title, got, tags)
		}
	}
	return docs
}

func titlesOf(docs []app.Document) []string {
	var out []string
	for _, d := range docs {
		out = append(out, d.Title)
	}
	return out
}

func TestSyncNavigationCatalogueOneEntryPerPublication(t *testing.T) {
	srv := newFeedServer(t)
	l := newLibrary(t)
	src := addSource(t, l, serveNavCatalog(t, srv))

	st := syncOK(t, l, src)
	if st.Added != 7 || st.Entries != 7 || st.Pages != 21 {
		t.Fatalf("first sync = %+v, want 7 added from 21 pages", st)
	}
	first := checkNavCatalogue(t, l, navCatalogue)
	if d := first["urn:uuid:6f1c2a10-0003-4b7e-9d1e-5a0c1f2e3d03"]; d.Title != `Ünïcödé & <Escaping> "Test": 東京` {
		t.Errorf("title sent as text = %q", d.Title)
	}
	if d := first["urn:uuid:6f1c2a10-0001-4b7e-9d1e-5a0c1f2e3d01"]; !strings.HasSuffix(d.FileURL, "/get/pdf/1/Library") {
		t.Errorf("file link = %q", d.FileURL)
	}

	// Nothing changed: every page answers 304, nothing moves.
	st = syncOK(t, l, src)
	if st.Unchanged != 7 || st.Added+st.Updated+st.Withdrawn != 0 || st.NotModified != 21 {
		t.Fatalf("unchanged re-sync = %+v", st)
	}
	sameDocuments(t, first, checkNavCatalogue(t, l, navCatalogue))

	// One page changes (a new publication on the last page of By Newest):
	// the pages that did not change list the same publications, so the
	// sync reads them all again rather than lose what they say.
	newest := filepath.Join("testdata", "navcatalog", "opds_newest@3.xml")
	b, err := os.ReadFile(newest)
	if err != nil {
		t.Fatal(err)
	}
	added := `<entry><title>Cross-border Cooperation Guide</title><id>urn:uuid:new-8</id>
  <updated>2024-04-01T09:00:00+00:00</updated>
  <link type="application/pdf" href="/get/pdf/8/Library" rel="http://opds-spec.org/acquisition"/></entry>
</feed>`
	srv.set("/opds/newest?offset=3", "application/atom+xml;profile=opds-catalog",
		strings.Replace(string(b), "</feed>", added, 1))
	st = syncOK(t, l, src)
	if st.Added != 1 || st.Updated != 0 || st.Withdrawn != 0 || st.Entries != 8 || st.Pages != 2*21 {
		t.Fatalf("re-sync after a change = %+v, want 1 added and 7 unchanged, every page read twice", st)
	}
	want := withEntries(navCatalogue, "urn:uuid:new-8")
	sameDocuments(t, first, checkNavCatalogue(t, l, want))
}

// withEntries returns a copy of m with the extra keys (no tags).
func withEntries(m map[string][]string, extra ...string) map[string][]string {
	out := map[string][]string{}
	for k, v := range m {
		out[k] = v
	}
	for _, k := range extra {
		out[k] = nil
	}
	return out
}

// sameDocuments fails when a document of before has another row id or
// key in after.
func sameDocuments(t *testing.T, before, after map[string]app.Document) {
	t.Helper()
	for id, d := range before {
		if a := after[id]; a.ID != d.ID || a.EntryID != d.EntryID {
			t.Errorf("%s: document %d (%s) became %d (%s)", id, d.ID, d.EntryID, a.ID, a.EntryID)
		}
	}
}

func TestSyncRepeatedIDOfDifferentPublicationsKeepsBoth(t *testing.T) {
	srv := newFeedServer(t)
	// One id on two pages: the same publication once (same title, another
	// file link), another publication once (another title and file).
	p1 := atomFeed("urn:p1", "/catalog/2.xml", []genEntry{
		{id: "urn:dup", title: "Safe Migration Guide", pdf: srv.URL + "/a.pdf", year: 2020},
		{id: "urn:other", title: "Other", pdf: srv.URL + "/o.pdf", year: 2020}})
	p2 := atomFeed("urn:p2", "", []genEntry{
		{id: "urn:dup", title: "Safe Migration Guide", pdf: srv.URL + "/a-mirror.pdf", year: 2020},
		{id: "urn:dup", title: "Debt Bondage Report", pdf: srv.URL + "/b.pdf", year: 2021}})
	srv.set("/catalog/1.xml", atomType, p1)
	srv.set("/catalog/2.xml", atomType, p2)
	l := newLibrary(t)
	src := addSource(t, l, srv.url("/catalog/1.xml"))
	if st := syncOK(t, l, src); st.Added != 3 {
		t.Fatalf("sync = %+v, want 3 publications", st)
	}
	docs, _ := l.Documents(context.Background(), app.Filter{Sort: app.SortTitle})
	got := strings.Join(titlesOf(docs), ", ")
	if got != "Debt Bondage Report, Other, Safe Migration Guide" {
		t.Fatalf("titles = %s", got)
	}
	keys := map[string]int64{}
	for _, d := range docs {
		keys[d.Title] = d.ID
	}
	// Read again from scratch (the pages changed): the same keys.
	srv.set("/catalog/1.xml", atomType, strings.Replace(p1, "Generated catalogue", "Catalogue", 1))
	srv.set("/catalog/2.xml", atomType, strings.Replace(p2, "Generated catalogue", "Catalogue", 1))
	if st := syncOK(t, l, src); st.Unchanged != 3 || st.Added+st.Withdrawn != 0 {
		t.Fatalf("re-sync = %+v", st)
	}
	docs, _ = l.Documents(context.Background(), app.Filter{Sort: app.SortTitle})
	for _, d := range docs {
		if keys[d.Title] != d.ID {
			t.Errorf("%s moved from document %d to %d", d.Title, keys[d.Title], d.ID)
		}
	}
}

// TestSyncHealsRepeatsOfAnOlderSync makes the library look as an older
// Fieldshelf left it (each listing of a publication after the first a
// document of its own, under a fallback key, with the user's things on
// them; migration 4 cleared the page validators) and syncs again.
func TestSyncHealsRepeatsOfAnOlderSync(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t)
	l := newLibrary(t)
	src := addSource(t, l, serveNavCatalog(t, srv))
	syncOK(t, l, src)
	kept := docsByEntry(t, l)["urn:uuid:6f1c2a10-0001-4b7e-9d1e-5a0c1f2e3d01"]

	db, err := sql.Open("sqlite", filepath.Join(l.DataDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const key = "urn:fieldshelf:entry:00c0ffee00c0ffee" // any fallback key: the entry id names the publication
	for i, q := range []string{
		`INSERT INTO documents (id, source_id, entry_key, entry_id, title, authors, authors_text, publisher, summary,
			tags_text, pdf_url, links, meta_hash, page_url, first_seen_at, changed_at)
			SELECT 100 + n, source_id, ? || suffix, entry_id, title, authors, authors_text, publisher, summary, '',
				pdf_url, links, 'old', page_url, first_seen_at, changed_at
			FROM documents, (SELECT 1 AS n, '' AS suffix UNION ALL SELECT 2, '-2') WHERE id = ?`,
		`INSERT INTO documents_fts (rowid, title, summary, authors_text, publisher, tags_text)
			SELECT id, title, summary, authors_text, publisher, tags_text FROM documents WHERE id > 100`,
		`INSERT INTO files (document_id, path, size, sha256, url, downloaded_at)
			VALUES (?2, 'files/kept.pdf', 1, 'a', 'u', '2025-01-01T00:00:00.000Z'),
			(101, 'files/repeat.pdf', 1, 'b', 'u', '2025-02-01T00:00:00.000Z')`,
		`UPDATE source_pages SET etag = '', last_modified = '', body_sha256 = ''`,
	} {
		if _, err := db.ExecContext(ctx, q, key, kept.ID); err != nil {
			t.Fatalf("statement %d: %v", i, err)
		}
	}
	for _, name := range []string{"kept.pdf", "repeat.pdf"} {
		if err := os.MkdirAll(filepath.Join(l.DataDir(), "files"), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(l.DataDir(), "files", name), []byte("%PDF-"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := l.AddBookmark(ctx, 102, 4, "from a repeat"); err != nil {
		t.Fatal(err)
	}
	if err := l.SetReadingPosition(ctx, 101, 9, 0); err != nil {
		t.Fatal(err)
	}

	st := syncOK(t, l, src)
	if st.Withdrawn != 0 || st.Entries != 7 {
		t.Fatalf("healing sync = %+v", st)
	}
	checkNavCatalogue(t, l, navCatalogue)
	d, err := l.Document(ctx, kept.ID)
	if err != nil || d.File == nil || d.File.Path != "files/repeat.pdf" {
		t.Fatalf("kept document = %+v, %v: want the repeat's later file", d.File, err)
	}
	if _, err := os.Stat(filepath.Join(l.DataDir(), "files", "kept.pdf")); !os.IsNotExist(err) {
		t.Errorf("the older copy is still in the cache: %v", err)
	}
	if b, _ := l.Bookmarks(ctx, kept.ID); len(b) != 1 || b[0].EntryKey != kept.EntryID {
		t.Errorf("bookmarks of the kept document = %+v", b)
	}
	if p, err := l.ReadingPosition(ctx, kept.ID); err != nil || p.Page != 9 {
		t.Errorf("reading position = %+v, %v", p, err)
	}
}

// TestSyncRereadsWhenAnUnchangedPageListsAStagedEntry: an id first listed
// on page 1 turns up on page 2 for another publication while page 1 does
// not change. Reading page 2 alone would give the id to the newcomer; the
// sync reads page 1 again, and the first publication keeps its document.
func TestSyncRereadsWhenAnUnchangedPageListsAStagedEntry(t *testing.T) {
	srv := newFeedServer(t)
	alpha := genEntry{id: "urn:x", title: "Alpha", pdf: srv.URL + "/a.pdf", year: 2020}
	other := genEntry{id: "urn:y", title: "Other", pdf: srv.URL + "/o.pdf", year: 2020}
	srv.set("/catalog/1.xml", atomType, atomFeed("urn:p1", "/catalog/2.xml", []genEntry{alpha}))
	srv.set("/catalog/2.xml", atomType, atomFeed("urn:p2", "", []genEntry{other}))
	l := newLibrary(t)
	src := addSource(t, l, srv.url("/catalog/1.xml"))
	syncOK(t, l, src)
	before := docsByEntry(t, l)["urn:x"]

	beta := genEntry{id: "urn:x", title: "Beta", pdf: srv.URL + "/b.pdf", year: 2021}
	srv.set("/catalog/2.xml", atomType, atomFeed("urn:p2", "", []genEntry{other, beta}))
	st := syncOK(t, l, src)
	if st.Added != 1 || st.Updated != 0 || st.Pages != 4 {
		t.Fatalf("sync = %+v, want Beta added and both pages read again", st)
	}
	if d := docsByEntry(t, l)["urn:x"]; d.ID != before.ID || d.Title != "Alpha" {
		all, _ := l.Documents(context.Background(), app.Filter{Withdrawn: true})
		t.Fatalf("document %d is now %q (%v)", before.ID, d.Title, titlesOf(all))
	}
}

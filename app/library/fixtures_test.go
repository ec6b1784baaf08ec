package library_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/library"
	"fieldshelf/storage"
)

// fixtureDir holds real OPDS feeds captured from public projects; see its
// PROVENANCE.md. The tests only read it.
const fixtureDir = "../../../shared/fixtures/opds"

// fixture returns a captured feed. When the shared fixtures are not beside
// the repository the test is skipped, except in CI (CI set), where it
// fails: a CI run must not pass on tests it skipped.
func fixture(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, name))
	if os.IsNotExist(err) {
		msg := fmt.Sprintf("../shared fixtures absent (%s): put the shared folder beside the repository to run this test", fixtureDir)
		if os.Getenv("CI") != "" {
			tb.Fatal(msg + "; CI is set, so the fixture tests must run")
		}
		tb.Skip(msg)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func docsByEntry(tb testing.TB, l *library.Library) map[string]app.Document {
	tb.Helper()
	docs, err := l.Documents(context.Background(), app.Filter{})
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]app.Document{}
	for _, d := range docs {
		out[d.EntryID] = d
	}
	return out
}

// syncFixture serves one fixture at path on a loopback server and syncs it.
func syncFixture(t *testing.T, name, path, contentType string, extra map[string]string) (*feedServer, *library.Library, app.SyncStats) {
	t.Helper()
	body := fixture(t, name)
	srv := newFeedServer(t)
	srv.set(path, contentType, body)
	for p, b := range extra {
		srv.set(p, atomType, strings.ReplaceAll(b, "{{SERVER}}", srv.URL))
	}
	l := newLibrary(t)
	src := addSource(t, l, srv.url(path))
	return srv, l, syncOK(t, l, src)
}

func TestFixtureGutenbergAcquisition2014(t *testing.T) {
	_, l, st := syncFixture(t, "opds1_gutenberg_acquisition_2014.xml", "/ebooks/42474.opds", "application/atom+xml", nil)
	if st.Added != 2 {
		t.Fatalf("sync = %+v, want the two editions", st)
	}
	docs := docsByEntry(t, l)
	noImg, img := docs["urn:gutenberg:42474:2"], docs["urn:gutenberg:42474:3"]
	if noImg.Title != "1000 Mythological Characters Briefly Described" || img.Title != noImg.Title {
		t.Fatalf("titles %q / %q", noImg.Title, img.Title)
	}
	// No PDF is offered: the first acquisition link is kept as the file link.
	if noImg.FileURL != "http://www.gutenberg.org/ebooks/42474.epub.noimages" || noImg.FileSize != 144227 {
		t.Errorf("no-images file = %s (%d)", noImg.FileURL, noImg.FileSize)
	}
	if img.FileURL != "http://www.gutenberg.org/ebooks/42474.epub.images" || len(img.Links) != 2 {
		t.Errorf("protocol-relative link = %s, %d links", img.FileURL, len(img.Links))
	}
	if len(noImg.Authors) == 0 || !strings.Contains(noImg.Authors[0], "Ellis") {
		t.Errorf("authors = %v", noImg.Authors)
	}
}

func TestFixtureGutenbergAcquisition2021(t *testing.T) {
	_, l, st := syncFixture(t, "opds1_gutenberg_acquisition_2021.xml", "/ebooks/42474.opds", "application/atom+xml", nil)
	if st.Added != 2 {
		t.Fatalf("sync = %+v", st)
	}
	d := docsByEntry(t, l)["urn:gutenberg:42474:3"]
	if d.FileURL != "https://www.gutenberg.org/ebooks/42474.epub.images" {
		t.Errorf("file link = %s", d.FileURL)
	}
	var schemes []string
	for _, tg := range d.Tags {
		schemes = append(schemes, tg.Scheme)
	}
	if !strings.Contains(strings.Join(schemes, " "), "LCSH") {
		t.Errorf("tag schemes = %v, want the LCSH subjects kept", schemes)
	}
}

func TestFixtureFeedbooksTestCatalogPaged(t *testing.T) {
	srv, l, st := syncFixture(t, "opds1_feedbooks_testcatalog_paged_relative.xml", "/test/main.xml", "application/atom+xml", nil)
	if st.Entries != 17 || st.Pages != 1 {
		t.Fatalf("sync = %+v, want 17 entries (page2.xml is 404: the listing ends)", st)
	}
	if srv.requests.Load() < 2 {
		t.Errorf("rel=next page2.xml was not requested")
	}
	docs := docsByEntry(t, l)
	pp := docs["http://feedbooks.github.io/test/1"]
	if pp.Title != "Pride and Prejudice" || pp.Year != 1813 {
		t.Errorf("entry 1 = %q (%d)", pp.Title, pp.Year)
	}
	for id, d := range docs {
		for _, ln := range d.Links {
			if !strings.HasPrefix(ln.Href, "http://") && !strings.HasPrefix(ln.Href, "https://") {
				t.Errorf("%s: link %q not absolute", id, ln.Href)
			}
		}
	}
}

func TestFixtureFlibustaFollowsEncodedNextAndBareLinks(t *testing.T) {
	next := atomFeed("urn:next", "", []genEntry{{id: "tag:next:1", title: "Книга", year: 2001, pdf: "{{SERVER}}/b.pdf"}})
	author := atomFeed("urn:author", "", []genEntry{{id: "tag:author:1", title: "Сочинения", year: 1999, pdf: "{{SERVER}}/a.pdf"}})
	_, l, st := syncFixture(t, "opds1_flibusta_authors_paged.xml", "/opds/authors", "application/atom+xml",
		map[string]string{"/opds/authors/%D0%A1%D0%B0%D0%BD%D0%B4/1": next, "/opds/author/75357": author})
	if st.Entries != 2 {
		t.Fatalf("sync = %+v, want the entries of the next page and of the author's feed", st)
	}
	got := strings.Join(titles(t, l, app.Filter{Sort: app.SortTitle}), ", ")
	if got != "Книга, Сочинения" {
		t.Fatalf("titles = %s", got)
	}
}

func TestFixtureOtherHostsGoNowhere(t *testing.T) {
	// Navigation feeds whose links name public hosts: nothing is fetched
	// from them, the sync succeeds with no entries.
	for _, name := range []string{"opds1_gutenberg_navigation_2014.xml", "opds1_feedbooks_publicdomain_navigation_2014.xml",
		"opds1_feedbooks_root_2018.xml", "opds1_cbeta_single_quotes_wrong_ns.xml"} {
		t.Run(name, func(t *testing.T) {
			srv, _, st := syncFixture(t, name, "/catalog", "application/atom+xml;profile=opds-catalog;kind=navigation", nil)
			if st.Entries != 0 {
				t.Errorf("sync = %+v", st)
			}
			if n := srv.requests.Load(); n > 5 {
				t.Errorf("%d requests to the loopback server", n)
			}
		})
	}
}

func TestFixtureEntryWithIndirectPDF(t *testing.T) {
	_, l, st := syncFixture(t, "opds1_librarysimplified_entry_indirect.xml", "/works/1", "application/atom+xml;type=entry", nil)
	if st.Added != 1 {
		t.Fatalf("sync = %+v", st)
	}
	for _, d := range docsByEntry(t, l) {
		if !strings.HasSuffix(d.FileURL, "/borrow") || d.Publisher == "" {
			t.Errorf("doc = %q %q publisher %q", d.Title, d.FileURL, d.Publisher)
		}
		if len(d.Links) == 0 || !app.IsPDF(d.Links[0]) {
			t.Errorf("first link %+v is not the indirect PDF", d.Links)
		}
		if strings.Contains(d.Summary, "&#") || strings.Contains(d.Summary, "<") {
			t.Errorf("summary not sanitised: %q", d.Summary)
		}
	}
}

func TestFixtureSpecFacets(t *testing.T) {
	_, l, st := syncFixture(t, "opds1_spec_acquisition_facets.xml", "/opds-catalogs/vampire.farming.xml", "application/atom+xml", nil)
	if st.Added != 2 {
		t.Fatalf("sync = %+v", st)
	}
	years := map[int]bool{}
	for _, d := range docsByEntry(t, l) {
		years[d.Year] = true
		if d.FileURL == "" || !strings.HasPrefix(d.FileURL, "http://127.0.0.1") {
			t.Errorf("%s: root-relative file link resolved to %q", d.Title, d.FileURL)
		}
	}
	if !years[1917] || !years[2009] {
		t.Errorf("years = %v, want 1917 and 2009", years)
	}
}

func TestFixtureOPDS2(t *testing.T) {
	cases := []struct {
		name    string
		min     int
		checkFn func(t *testing.T, docs map[string]app.Document)
	}{
		{"opds2_palace_groups.json", 200, func(t *testing.T, docs map[string]app.Document) {
			for _, d := range docs {
				if len(d.Authors) == 0 && d.Title == "" {
					t.Errorf("empty document %+v", d.EntryID)
				}
			}
		}},
		{"opds2_cantook_epl_home.json", 10, nil},
		{"opds2_readium2_feedbooks_publications.json", 5, func(t *testing.T, docs map[string]app.Document) {
			want := map[string]int{"urn:uuid:36d5078e-ff7d-468e-a5f3-f47c14b91f2f": 2014,
				"http://www.gutenberg.org/ebooks/25545": 2008, "urn:isbn:9780316000000": 0,
				"code.google.com.epub-samples.cc-shared-culture": 0}
			for id, year := range want {
				if d := docs[id]; d.Year != year || d.FileURL != "" {
					t.Errorf("%s: year %d, want %d (Go's zero time means unknown); file %q (none offered)",
						id, d.Year, year, d.FileURL)
				}
			}
		}},
		{"opds2_readium_groups_relative.json", 1, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, l, st := syncFixture(t, c.name, "/opds2/home.json", "application/opds+json", nil)
			if st.Entries < c.min {
				t.Fatalf("sync = %+v, want at least %d entries", st, c.min)
			}
			docs := docsByEntry(t, l)
			if len(docs) != st.Entries {
				t.Errorf("%d documents listed, sync counted %d", len(docs), st.Entries)
			}
			if c.checkFn != nil {
				c.checkFn(t, docs)
			}
		})
	}
}

func TestFixtureOpenSearchIsNotAFeed(t *testing.T) {
	body := fixture(t, "opensearch_gutenberg_osd.xml")
	srv := newFeedServer(t)
	srv.set("/osd.xml", "application/opensearchdescription+xml", body)
	l := newLibrary(t)
	src := addSource(t, l, srv.url("/osd.xml"))
	if _, err := l.SyncSource(context.Background(), src, nil); err == nil {
		t.Fatal("an OpenSearch description synced as a catalogue")
	}
}

// rawDB opens the database file at path for a test to look into or change
// directly, closed with the test.
func rawDB(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// applySync stores a crawl's result as a sync does: staged, then applied.
func applySync(tb testing.TB, st *storage.Store, sourceID int64, b storage.SyncBatch) {
	tb.Helper()
	ctx := context.Background()
	stage, err := st.BeginStage(ctx, sourceID)
	if err != nil {
		tb.Fatal(err)
	}
	defer stage.Close()
	if err := stage.Add(ctx, b.Entries); err != nil {
		tb.Fatal(err)
	}
	if _, err := stage.Apply(ctx, b); err != nil {
		tb.Fatal(err)
	}
}

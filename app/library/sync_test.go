package library_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/fetch"
	"fieldshelf/app/library"
	"fieldshelf/storage"
)

// testClient is a fetch client with short timeouts and quick retries.
func testClient() *fetch.Client {
	return fetch.New(fetch.Options{ReadTimeout: 400 * time.Millisecond, ConnectTimeout: time.Second,
		Retries: 2, Backoff: time.Millisecond, MaxBody: 4 << 20})
}

func newLibrary(tb testing.TB) *library.Library {
	tb.Helper()
	dir := tb.TempDir()
	st, err := storage.Open(context.Background(), filepath.Join(dir, "library.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return library.New(st, testClient(), dir, library.Options{})
}

func addSource(tb testing.TB, l *library.Library, url string) app.Source {
	tb.Helper()
	src, err := l.AddSource(context.Background(), app.Source{URL: url})
	if err != nil {
		tb.Fatal(err)
	}
	return src
}

func syncOK(tb testing.TB, l *library.Library, src app.Source) app.SyncStats {
	tb.Helper()
	st, err := l.SyncSource(context.Background(), src, nil)
	if err != nil {
		tb.Fatalf("sync: %v", err)
	}
	return st
}

func titles(tb testing.TB, l *library.Library, f app.Filter) []string {
	tb.Helper()
	docs, err := l.Documents(context.Background(), f)
	if err != nil {
		tb.Fatal(err)
	}
	out := []string{}
	for _, d := range docs {
		out = append(out, d.Title)
	}
	return out
}

func TestSyncIncremental(t *testing.T) {
	srv := newFeedServer(t)
	entries := genCatalogue(250, srv.URL)
	first := servePaged(srv, entries, 100)
	l := newLibrary(t)
	src := addSource(t, l, first)

	st := syncOK(t, l, src)
	if st.Added != 250 || st.Entries != 250 || st.Pages != 3 {
		t.Fatalf("cold sync = %+v, want 250 added from 3 pages", st)
	}

	// Unchanged: every page answers 304, nothing is sent or changed.
	sentBefore := srv.sent.Load()
	st = syncOK(t, l, src)
	if st.Unchanged != 250 || st.Added+st.Updated+st.Withdrawn != 0 || st.NotModified != 3 {
		t.Fatalf("unchanged re-sync = %+v", st)
	}
	if sent := srv.sent.Load() - sentBefore; sent != 0 {
		t.Fatalf("unchanged re-sync transferred %d body bytes", sent)
	}

	// One title changes on page 2, one entry disappears from page 3, one is added.
	entries[150].title = "A revised handbook"
	entries = append(entries[:240], entries[241:]...)
	entries = append(entries, genEntry{id: "urn:gen:new", title: "Brand new guidance", year: 2026,
		pdf: srv.URL + "/files/new.pdf", publisher: "New Org"})
	servePaged(srv, entries, 100)
	st = syncOK(t, l, src)
	if st.Added != 1 || st.Updated != 1 || st.Withdrawn != 1 || st.Unchanged != 248 || st.NotModified != 1 {
		t.Fatalf("changed re-sync = %+v, want 1 added, 1 updated, 1 withdrawn, 248 unchanged, page 1 not modified", st)
	}
	if got := titles(t, l, app.Filter{Year: 2026}); len(got) != 2 {
		// Years cycle 1995..2025 in the generator; 2026 holds only the new entry and none else.
		if len(got) != 1 || got[0] != "Brand new guidance" {
			t.Fatalf("year 2026 = %v", got)
		}
	}
	withdrawn, _ := l.Documents(context.Background(), app.Filter{Withdrawn: true})
	if len(withdrawn) != 251 {
		t.Fatalf("with withdrawn: %d documents, want 251", len(withdrawn))
	}
}

func TestSyncFlagsUpdateAvailable(t *testing.T) {
	srv := newFeedServer(t)
	entries := genCatalogue(3, srv.URL)
	l := newLibrary(t)
	src := addSource(t, l, servePaged(srv, entries, 10))
	syncOK(t, l, src)
	// Pretend document 1 was downloaded: record its file as the store will.
	ctx := context.Background()
	d, err := l.Document(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rawDB(t, l.Store().Path()).Exec(`INSERT INTO files (document_id, path, size, sha256, url, upstream_size,
		upstream_updated, downloaded_at) VALUES (?, 'files/1.pdf', 10, 'x', ?, ?, ?, '2026-01-01T00:00:00.000Z')`,
		d.ID, d.FileURL, d.FileSize, d.Updated.UTC().Format(time.RFC3339Nano)); err != nil {
		t.Fatal(err)
	}
	syncOK(t, l, src)
	if d, _ = l.Document(ctx, 1); d.UpdateAvailable {
		t.Fatal("update available without a change")
	}
	entries[0].size = 999999
	entries[0].updated = "2026-02-01T00:00:00Z"
	entries[1].summary = "Only the summary changed."
	servePaged(srv, entries, 10)
	syncOK(t, l, src)
	if d, _ = l.Document(ctx, 1); !d.UpdateAvailable {
		t.Fatal("changed file size and stamp did not flag an update")
	}
	if d, _ = l.Document(ctx, 2); d.UpdateAvailable {
		t.Fatal("an uncached document was flagged")
	}
}

func TestSyncFaultsKeepPreviousCatalogue(t *testing.T) {
	cases := []struct {
		name  string
		fault func(w http.ResponseWriter, r *http.Request) bool
		set   func(srv *feedServer)
		want  string
	}{
		{name: "malformed XML", set: func(srv *feedServer) {
			srv.set("/catalog/2.xml", atomType, `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</entry>`)
		}, want: "malformed"},
		{name: "malformed JSON", set: func(srv *feedServer) {
			srv.set("/catalog/2.xml", "application/opds+json", `{"metadata": {"title": "x"}, "publications": [`)
		}, want: "malformed"},
		{name: "HTML error page", set: func(srv *feedServer) {
			srv.set("/catalog/2.xml", "text/html", `<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>`)
		}, want: "HTML"},
		{name: "500 in the middle of pagination", fault: func(w http.ResponseWriter, r *http.Request) bool {
			if strings.HasSuffix(r.URL.Path, "/2.xml") {
				http.Error(w, "boom", http.StatusInternalServerError)
				return true
			}
			return false
		}, want: "500"},
		{name: "dropped connection", fault: func(w http.ResponseWriter, r *http.Request) bool {
			if strings.HasSuffix(r.URL.Path, "/2.xml") {
				w.Header().Set("Content-Length", "100000")
				w.WriteHeader(http.StatusOK)
				w.Write([]byte("<feed"))
				panic(http.ErrAbortHandler)
			}
			return false
		}, want: "fetch"},
		{name: "stalled server", fault: func(w http.ResponseWriter, r *http.Request) bool {
			if strings.HasSuffix(r.URL.Path, "/2.xml") {
				w.WriteHeader(http.StatusOK)
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
				case <-time.After(10 * time.Second):
				}
				return true
			}
			return false
		}, want: "fetch"},
		{name: "feed over the size cap", set: func(srv *feedServer) {
			big := atomFeed("urn:big", "", genCatalogue(9000, srv.URL))
			srv.set("/catalog/2.xml", atomType, big)
		}, want: "larger than"},
		{name: "redirect loop", fault: func(w http.ResponseWriter, r *http.Request) bool {
			if strings.HasSuffix(r.URL.Path, "/2.xml") {
				http.Redirect(w, r, "/catalog/2.xml", http.StatusFound)
				return true
			}
			return false
		}, want: "redirect"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := newFeedServer(t)
			entries := genCatalogue(30, srv.URL)
			l := newLibrary(t)
			src := addSource(t, l, servePaged(srv, entries, 10))
			syncOK(t, l, src)
			before := titles(t, l, app.Filter{Sort: app.SortTitle})

			// Change the catalogue, then break page 2.
			entries[0].title = "Changed title that must not land"
			servePaged(srv, entries[:25], 10)
			if c.set != nil {
				c.set(srv)
			}
			srv.setFault(c.fault)
			_, err := l.SyncSource(context.Background(), src, nil)
			if err == nil {
				t.Fatal("sync succeeded")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not mention %q", err, c.want)
			}
			if strings.Count(err.Error(), "\n") > 0 {
				t.Errorf("error is not one line: %q", err)
			}
			after := titles(t, l, app.Filter{Sort: app.SortTitle})
			if strings.Join(after, "|") != strings.Join(before, "|") {
				t.Fatalf("catalogue changed by a failed sync: %d titles before, %d after", len(before), len(after))
			}
			got, err := l.Store().Source(context.Background(), src.ID)
			if err != nil || got.LastError == "" || got.LastSync.IsZero() {
				t.Fatalf("source after failure = %+v, %v (want the error recorded and the last good sync kept)", got, err)
			}
		})
	}
}

func TestSyncNavigationBoundedToOwnHost(t *testing.T) {
	srv := newFeedServer(t)
	other := newFeedServer(t)
	other.set("/elsewhere.xml", atomType, atomFeed("urn:x", "", genCatalogue(5, other.URL)))
	nav := `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:nav</id><title>Root</title><updated>2026-01-01T00:00:00Z</updated>
<entry><id>urn:nav:a</id><title>Section A</title><updated>2026-01-01T00:00:00Z</updated>
 <link rel="subsection" href="a.xml" type="application/atom+xml;profile=opds-catalog;kind=acquisition"/></entry>
<entry><id>urn:nav:b</id><title>Section B</title><updated>2026-01-01T00:00:00Z</updated>
 <link rel="subsection" href="/deeper/b.xml" type="application/atom+xml;profile=opds-catalog;kind=navigation"/></entry>
<entry><id>urn:nav:loop</id><title>Back to the start</title><updated>2026-01-01T00:00:00Z</updated>
 <link rel="subsection" href="root.xml" type="application/atom+xml;profile=opds-catalog;kind=navigation"/></entry>
<entry><id>urn:nav:away</id><title>Elsewhere</title><updated>2026-01-01T00:00:00Z</updated>
 <link rel="subsection" href="` + other.URL + `/elsewhere.xml" type="application/atom+xml;profile=opds-catalog;kind=acquisition"/></entry>
</feed>`
	srv.set("/root.xml", "application/atom+xml;profile=opds-catalog;kind=navigation", nav)
	a := genCatalogue(4, srv.URL)
	srv.set("/a.xml", atomType, atomFeed("urn:a", "", a))
	deeper := strings.ReplaceAll(nav, `href="a.xml"`, `href="/deeper/c.xml"`)
	srv.set("/deeper/b.xml", "application/atom+xml;profile=opds-catalog;kind=navigation", deeper)
	c := genCatalogue(8, srv.URL)[4:]
	srv.set("/deeper/c.xml", atomType, atomFeed("urn:c", "", c))

	l := newLibrary(t)
	src := addSource(t, l, srv.url("/root.xml"))
	st := syncOK(t, l, src)
	if st.Entries != 8 {
		t.Fatalf("sync = %+v, want the 8 entries of sections A and C", st)
	}
	if n := other.requests.Load(); n != 0 {
		t.Fatalf("the crawler sent %d requests to another host", n)
	}

	// A depth bound stops the crawl before section C and withdraws nothing.
	l = library.Reopen(l, library.Options{Limits: library.Limits{MaxDepth: 1, MaxPages: library.DefaultLimits.MaxPages}})
	st = syncOK(t, l, src)
	if st.Withdrawn != 0 || st.Entries != 4 {
		t.Fatalf("bounded sync = %+v, want section A's 4 entries and nothing withdrawn", st)
	}
	if got := titles(t, l, app.Filter{}); len(got) != 8 {
		t.Fatalf("after a bounded sync %d documents are listed, want all 8 kept", len(got))
	}
}

func TestSyncFileSourceAndDemo(t *testing.T) {
	dir := t.TempDir()
	feed := atomFeed("urn:file", "", genCatalogue(3, "http://files.test"))
	path := filepath.Join(dir, "catalog.xml")
	if err := os.WriteFile(path, []byte(feed), 0o644); err != nil {
		t.Fatal(err)
	}
	l := newLibrary(t)
	src := addSource(t, l, "file://"+path)
	if st := syncOK(t, l, src); st.Added != 3 {
		t.Fatalf("file sync = %+v", st)
	}
	if st := syncOK(t, l, src); st.Unchanged != 3 {
		t.Fatalf("file re-sync = %+v", st)
	}
}

func TestSyncCredentials(t *testing.T) {
	srv := newFeedServer(t)
	servePaged(srv, genCatalogue(2, srv.URL), 10)
	srv.setFault(func(w http.ResponseWriter, r *http.Request) bool {
		u, p, ok := r.BasicAuth()
		if !ok || u != "trainer" || p != "s3cret-pass" {
			w.Header().Set("WWW-Authenticate", `Basic realm="catalogue"`)
			http.Error(w, "unauthorised", http.StatusUnauthorized)
			return true
		}
		return false
	})
	l := newLibrary(t)
	env := map[string]string{"FS_PASS": "s3cret-pass"}
	l = library.Reopen(l, library.Options{Getenv: func(k string) string { return env[k] }})
	src, err := l.AddSource(context.Background(), app.Source{URL: srv.url("/catalog/1.xml"), Username: "trainer", PasswordEnv: "FS_PASS"})
	if err != nil {
		t.Fatal(err)
	}
	if st := syncOK(t, l, src); st.Added != 2 {
		t.Fatalf("sync = %+v", st)
	}
	env["FS_PASS"] = "wrong"
	_, err = l.SyncSource(context.Background(), src, nil)
	if err == nil || !strings.Contains(err.Error(), "401") {
		t.Fatalf("wrong password: %v", err)
	}
	if strings.Contains(err.Error(), "wrong") || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("error leaks the password: %v", err)
	}
	delete(env, "FS_PASS")
	if _, err = l.SyncSource(context.Background(), src, nil); err == nil || !strings.Contains(err.Error(), "FS_PASS") {
		t.Fatalf("missing variable: %v", err)
	}
}

func TestAddSourceChecksURL(t *testing.T) {
	l := newLibrary(t)
	for _, u := range []string{"ftp://x.test/feed", "not a url", "http://", "http://user:pw@x.test/feed"} {
		if _, err := l.AddSource(context.Background(), app.Source{URL: u}); err == nil {
			t.Errorf("AddSource(%q) succeeded", u)
		}
	}
}

func TestSyncCancelled(t *testing.T) {
	srv := newFeedServer(t)
	l := newLibrary(t)
	src := addSource(t, l, servePaged(srv, genCatalogue(50, srv.URL), 10))
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err := l.SyncSource(ctx, src, func(app.SyncProgress) {
		if n++; n == 3 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled sync: %v", err)
	}
	if got := titles(t, l, app.Filter{}); len(got) != 0 {
		t.Fatalf("a cancelled first sync stored %d documents", len(got))
	}
}

package library_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/fetch"
	"fieldshelf/app/fetch/fetchtest"
	"fieldshelf/app/library"
	"fieldshelf/storage"
)

// A catalogue's credentials reach its own origin only, whatever its feed
// links to; and a catalogue reaches no further than it should. The
// servers record every request and whether it carried Authorization.

const catalogueUser, cataloguePass = "trainer", "s3cret-pass"

// libraryWith opens a library over client whose sources' password
// variable FS_PASS holds cataloguePass.
func libraryWith(t *testing.T, client *fetch.Client) *library.Library {
	t.Helper()
	dir := t.TempDir()
	st, err := storage.Open(context.Background(), filepath.Join(dir, "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	env := map[string]string{"FS_PASS": cataloguePass}
	return library.New(st, client, dir, library.Options{Getenv: func(k string) string { return env[k] }})
}

// requireAuth makes srv answer 401 to requests without the catalogue's
// credentials that when selects.
func requireAuth(srv *feedServer, when func(r *http.Request) bool) {
	srv.setFault(func(w http.ResponseWriter, r *http.Request) bool {
		if u, p, ok := r.BasicAuth(); when(r) && (!ok || u != catalogueUser || p != cataloguePass) {
			w.Header().Set("WWW-Authenticate", `Basic realm="catalogue"`)
			http.Error(w, "unauthorised", http.StatusUnauthorized)
			return true
		}
		return false
	})
}

func addWithPassword(t *testing.T, l *library.Library, u string) app.Source {
	t.Helper()
	src, err := l.AddSource(context.Background(), app.Source{URL: u, Username: catalogueUser, PasswordEnv: "FS_PASS"})
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// downloadAll downloads every document of the library and returns the
// results by title.
func downloadAll(t *testing.T, l *library.Library) map[string]app.DownloadResult {
	t.Helper()
	docs, err := l.Documents(context.Background(), app.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	res, _ := l.Download(context.Background(), ids, app.DownloadOptions{})
	out := map[string]app.DownloadResult{}
	for _, r := range res {
		out[r.Document.Title] = r
	}
	return out
}

func TestCredentialsStayWithTheCatalogue(t *testing.T) {
	catalogue, other := newFeedServer(t), newFeedServer(t) // another port: another host
	pdf := string(pdfBytes(1, 4096))
	catalogue.set("/files/own.pdf", "application/pdf", pdf)
	other.set("/files/far.pdf", "application/pdf", pdf)
	catalogue.set("/catalog.xml", atomType, atomFeed("urn:c", "", []genEntry{
		{id: "urn:own", title: "Own", pdf: catalogue.url("/files/own.pdf")},
		{id: "urn:far", title: "Far", pdf: other.url("/files/far.pdf")},
	}))
	requireAuth(catalogue, func(*http.Request) bool { return true })
	l := libraryWith(t, testClient())
	syncOK(t, l, addWithPassword(t, l, catalogue.url("/catalog.xml")))
	for title, r := range downloadAll(t, l) {
		if r.Err != nil || r.File == nil {
			t.Errorf("%s: %v", title, r.Err)
		}
	}
	if got := strings.Join(catalogue.requestsSeen(), ", "); got != "/catalog.xml auth, /files/own.pdf auth" {
		t.Errorf("the catalogue saw %s", got)
	}
	if got := strings.Join(other.requestsSeen(), ", "); got != "/files/far.pdf" {
		t.Errorf("the other host saw %s", got)
	}
}

func TestHTTPSCataloguePasswordNeverInClear(t *testing.T) {
	srv := newFeedServer(t)
	d := fetchtest.NewDual(http.HandlerFunc(srv.serve)) // http and https on one host and port
	t.Cleanup(d.Close)
	pdf := string(pdfBytes(2, 4096))
	srv.set("/files/a.pdf", "application/pdf", pdf)
	srv.set("/files/b.pdf", "application/pdf", pdf)
	// Page 1 sends the crawl down to http for page 2, and links one file
	// over http and one over https, all on the same host and port.
	srv.set("/catalog.xml", atomType, atomFeed("urn:c", d.URL+"/page2.xml", []genEntry{
		{id: "urn:a", title: "Clear", pdf: d.URL + "/files/a.pdf"},
		{id: "urn:b", title: "Secure", pdf: d.HTTPS + "/files/b.pdf"},
	}))
	srv.set("/page2.xml", atomType, atomFeed("urn:c2", "", []genEntry{{id: "urn:c", title: "Page two"}}))
	requireAuth(srv, func(r *http.Request) bool { return r.TLS != nil })
	client := fetch.New(fetch.Options{RootCAs: d.CertPool(), Retries: -1})
	t.Cleanup(client.CloseIdleConnections)
	l := libraryWith(t, client)
	syncOK(t, l, addWithPassword(t, l, d.HTTPS+"/catalog.xml"))
	if got := titles(t, l, app.Filter{}); len(got) != 2 {
		t.Fatalf("library %v: the http page was followed", got)
	}
	res := downloadAll(t, l)
	if res["Clear"].Err != nil || res["Secure"].Err != nil {
		t.Fatalf("downloads: %v / %v", res["Clear"].Err, res["Secure"].Err)
	}
	want := "https /catalog.xml auth, /files/a.pdf, https /files/b.pdf auth"
	seen := srv.requestsSeen()
	if got := strings.Join(sortedCopy(seen), ", "); got != want {
		t.Fatalf("server saw %s, want %s", got, want)
	}
}

func TestNetworkCatalogueCannotReadLocalFiles(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.pdf")
	if err := os.WriteFile(secret, pdfBytes(3, 4096), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := newFeedServer(t)
	srv.set("/catalog.xml", atomType, atomFeed("urn:c", "", []genEntry{
		{id: "urn:s", title: "Secret", pdf: "file://" + filepath.ToSlash(secret)},
	}))
	l := newLibrary(t)
	syncOK(t, l, addSource(t, l, srv.url("/catalog.xml")))
	r := downloadAll(t, l)["Secret"]
	if !errors.Is(r.Err, fetch.ErrOutOfScope) || r.File != nil {
		t.Fatalf("download: file %v, err %v", r.File, r.Err)
	}
	entries, _ := os.ReadDir(filepath.Join(l.DataDir(), "files"))
	if len(entries) != 0 {
		t.Fatalf("the cache holds %v", entries)
	}
}

func TestFileCatalogueStaysInItsFolder(t *testing.T) {
	root := t.TempDir()
	shelf := filepath.Join(root, "shelf")
	if err := os.Mkdir(shelf, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(path, body string) {
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	fileURL := func(p string) string { return "file://" + filepath.ToSlash(p) }
	pdf := string(pdfBytes(4, 4096))
	write(filepath.Join(shelf, "in.pdf"), pdf)
	write(filepath.Join(root, "out.pdf"), pdf)
	write(filepath.Join(root, "outside.xml"), atomFeed("urn:o", "", []genEntry{{id: "urn:o1", title: "Outside page"}}))
	write(filepath.Join(shelf, "catalog.xml"), atomFeed("urn:c", fileURL(filepath.Join(root, "outside.xml")), []genEntry{
		{id: "urn:in", title: "In", pdf: fileURL(filepath.Join(shelf, "in.pdf"))},
		{id: "urn:out", title: "Out", pdf: fileURL(filepath.Join(root, "out.pdf"))},
	}))
	l := newLibrary(t)
	syncOK(t, l, addSource(t, l, fileURL(filepath.Join(shelf, "catalog.xml"))))
	if got := titles(t, l, app.Filter{}); len(got) != 2 {
		t.Fatalf("library %v: the page outside the folder was read", got)
	}
	res := downloadAll(t, l)
	if res["In"].Err != nil || !errors.Is(res["Out"].Err, fetch.ErrOutOfScope) {
		t.Fatalf("in: %v, out: %v", res["In"].Err, res["Out"].Err)
	}
}

// sortedCopy sorts a log of requests by path (downloads run in parallel).
func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Slice(out, func(i, j int) bool {
		return strings.TrimPrefix(out[i], "https ") < strings.TrimPrefix(out[j], "https ")
	})
	return out
}

func TestAddFileSourceCheckedAtOnce(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "catalog.xml")
	if err := os.WriteFile(feed, []byte(atomFeed("urn:c", "", nil)), 0o600); err != nil {
		t.Fatal(err)
	}
	l := newLibrary(t)
	for u, want := range map[string]string{
		"file://evil.com/x": "not file://evil.com/",
		"file://" + filepath.ToSlash(dir) + "/missing.xml":  "there is no file",
		"file://" + filepath.ToSlash(dir):                   "is not a catalogue file",
		"file://localhost" + filepath.ToSlash(dir) + "/../": "is not a catalogue file",
	} {
		if _, err := l.AddSource(context.Background(), app.Source{URL: u}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("AddSource(%s) = %v, want %q", u, err, want)
		}
	}
	if _, err := l.AddSource(context.Background(), app.Source{URL: "file://localhost" + filepath.ToSlash(feed)}); err != nil {
		t.Fatalf("an existing catalogue file: %v", err)
	}
}

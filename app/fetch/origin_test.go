package fetch_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fieldshelf/app/fetch"
	"fieldshelf/app/fetch/fetchtest"
)

// The catalogue's password goes to the catalogue's own origin only.
// Servers on loopback record whether each request carried an
// Authorization header: another port stands for another host, and a Dual
// answers http and https on one port, so that only the scheme differs.

const user, password = "ann", "s3cret-pw"

// authOf lists, per request a server saw, "path:auth" or "path:-".
func authOf(s *fetchtest.Server) []string {
	var out []string
	for _, r := range s.Requests() {
		mark := "-"
		if r.HasAuth {
			mark = "auth"
		}
		if r.TLS {
			mark += "/tls"
		}
		out = append(out, r.Path+":"+mark)
	}
	return out
}

func TestCredentialsNotSentToAnotherOrigin(t *testing.T) {
	catalogue := newServer(t, feed)
	other := newServer(t, fetchtest.PDFBytes(4096, 1)) // another port: another host
	c, _ := newClient(t, fetch.Options{})
	ctx := context.Background()
	source := catalogue.URL + "/catalog.xml"
	if _, err := c.Get(ctx, fetch.Request{URL: source, Source: source, Username: user, Password: password}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(ctx, fetch.Request{URL: other.URL + "/next.xml", Source: source, Username: user, Password: password}); err != nil {
		t.Fatal(err)
	}
	dest := destIn(t)
	if _, err := c.Download(ctx, fetch.DownloadRequest{URL: other.URL + "/doc.pdf", Source: source,
		Username: user, Password: password, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(authOf(catalogue), " "); got != "/catalog.xml:auth" {
		t.Errorf("catalogue saw %s", got)
	}
	if got := strings.Join(authOf(other), " "); got != "/next.xml:- /doc.pdf:-" {
		t.Errorf("the other host saw %s", got)
	}
}

func TestCredentialsRecheckedAfterEveryRedirect(t *testing.T) {
	catalogue := newServer(t, fetchtest.PDFBytes(4096, 2))
	other := newServer(t, feed)
	source := catalogue.URL + "/catalog.xml"
	// catalogue -> other -> catalogue: the credentials leave with the
	// first redirect and come back with the second, to their own origin.
	catalogue.Queue(fetchtest.Fault{Redirect: other.URL + "/away"})
	other.Queue(fetchtest.Fault{Redirect: catalogue.URL + "/back.pdf"})
	c, _ := newClient(t, fetch.Options{})
	if _, err := c.Download(context.Background(), fetch.DownloadRequest{URL: catalogue.URL + "/doc.pdf", Source: source,
		Username: user, Password: password, Dest: destIn(t)}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(authOf(catalogue), " "); got != "/doc.pdf:auth /back.pdf:auth" {
		t.Errorf("catalogue saw %s", got)
	}
	if got := strings.Join(authOf(other), " "); got != "/away:-" {
		t.Errorf("the other host saw %s", got)
	}
	// A link to the other host that redirects into the catalogue's origin
	// gets them only there.
	other.Queue(fetchtest.Fault{Redirect: catalogue.URL + "/in.xml"})
	if _, err := c.Get(context.Background(), fetch.Request{URL: other.URL + "/link.xml", Source: source,
		Username: user, Password: password}); err != nil {
		t.Fatal(err)
	}
	if got := authOf(other); got[len(got)-1] != "/link.xml:-" {
		t.Errorf("the other host saw %v", got)
	}
}

// dual starts a server answering http and https on one port, recording
// what it saw, and a client that trusts its test certificate.
func dual(t *testing.T, body []byte) (*fetchtest.Server, *fetchtest.Dual, *fetch.Client) {
	t.Helper()
	rec := newServer(t, body)
	d := fetchtest.NewDual(rec)
	t.Cleanup(d.Close)
	c, _ := newClient(t, fetch.Options{RootCAs: d.CertPool()})
	return rec, d, c
}

func TestHTTPSCredentialsNeverSentOverHTTP(t *testing.T) {
	rec, d, c := dual(t, fetchtest.PDFBytes(4096, 3))
	ctx := context.Background()
	source := d.HTTPS + "/catalog.xml"
	// The same host and port over http is another origin: a file link
	// there is fetched, without the password.
	if _, err := c.Download(ctx, fetch.DownloadRequest{URL: d.URL + "/doc.pdf", Source: source,
		Username: user, Password: password, Dest: destIn(t)}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Download(ctx, fetch.DownloadRequest{URL: d.HTTPS + "/doc.pdf", Source: source,
		Username: user, Password: password, Dest: destIn(t)}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(authOf(rec), " "); got != "/doc.pdf:- /doc.pdf:auth/tls" {
		t.Fatalf("server saw %s", got)
	}
}

func TestHTTPSRedirectDownToHTTP(t *testing.T) {
	rec, d, c := dual(t, fetchtest.PDFBytes(4096, 4))
	ctx := context.Background()
	source := d.HTTPS + "/catalog.xml"
	// A catalogue page is never fetched in clear once on https.
	rec.Queue(fetchtest.Fault{Redirect: d.URL + "/page2.xml"})
	_, err := c.Get(ctx, fetch.Request{URL: d.HTTPS + "/page1.xml", Source: source, Username: user, Password: password})
	if err == nil || !strings.Contains(err.Error(), "redirect from https to http: not allowed") {
		t.Fatalf("err = %v", err)
	}
	// A file is followed down to http, without the password.
	rec.Queue(fetchtest.Fault{Redirect: d.URL + "/plain.pdf"})
	if _, err := c.Download(ctx, fetch.DownloadRequest{URL: d.HTTPS + "/doc.pdf", Source: source,
		Username: user, Password: password, Dest: destIn(t)}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(authOf(rec), " "); got != "/page1.xml:auth/tls /doc.pdf:auth/tls /plain.pdf:-" {
		t.Fatalf("server saw %s", got)
	}
}

func TestNetworkCatalogueCannotNameLocalFiles(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.pdf")
	if err := os.WriteFile(secret, fetchtest.PDFBytes(2048, 5), 0o600); err != nil {
		t.Fatal(err)
	}
	c, _ := newClient(t, fetch.Options{})
	ctx := context.Background()
	for _, link := range []string{"file://" + filepath.ToSlash(secret), secret, "file://localhost" + filepath.ToSlash(secret)} {
		dest := destIn(t)
		_, err := c.Download(ctx, fetch.DownloadRequest{URL: link, Source: "https://catalogue.test/feed.xml", Dest: dest})
		if !errors.Is(err, fetch.ErrOutOfScope) || !strings.Contains(err.Error(), "a catalogue on the network may not name a file") {
			t.Errorf("%s: err = %v", link, err)
		}
		checkNoDest(t, dest)
		checkNoPart(t, dest)
		if _, err := c.Get(ctx, fetch.Request{URL: link, Source: "http://catalogue.test/feed.xml"}); !errors.Is(err, fetch.ErrOutOfScope) {
			t.Errorf("Get %s: err = %v", link, err)
		}
	}
}

func TestFileCatalogueReachesOnlyItsFolder(t *testing.T) {
	root := t.TempDir()
	shelf := filepath.Join(root, "shelf")
	if err := os.MkdirAll(filepath.Join(shelf, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	body := fetchtest.PDFBytes(2048, 6)
	for _, p := range []string{filepath.Join(shelf, "sub", "in.pdf"), filepath.Join(root, "out.pdf")} {
		if err := os.WriteFile(p, body, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// A link inside the folder that points out of it is outside.
	if err := os.Symlink(filepath.Join(root, "out.pdf"), filepath.Join(shelf, "link.pdf")); err != nil {
		t.Fatal(err)
	}
	source := "file://" + filepath.ToSlash(filepath.Join(shelf, "catalog.xml"))
	c, _ := newClient(t, fetch.Options{})
	ctx := context.Background()
	in := "file://" + filepath.ToSlash(filepath.Join(shelf, "sub", "in.pdf"))
	if _, err := c.Download(ctx, fetch.DownloadRequest{URL: in, Source: source, Dest: destIn(t)}); err != nil {
		t.Fatalf("file under the folder: %v", err)
	}
	for _, out := range []string{
		"file://" + filepath.ToSlash(filepath.Join(root, "out.pdf")),
		"file://" + filepath.ToSlash(shelf) + "/../out.pdf",
		"file://" + filepath.ToSlash(filepath.Join(shelf, "link.pdf")),
	} {
		if _, err := c.Download(ctx, fetch.DownloadRequest{URL: out, Source: source, Dest: destIn(t)}); !errors.Is(err, fetch.ErrOutOfScope) {
			t.Errorf("%s: err = %v", out, err)
		}
	}
	if !fetch.SameCatalogue(source, in) || fetch.SameCatalogue(source, "file:///etc/passwd") {
		t.Error("SameCatalogue disagrees with the folder rule")
	}
}

func TestSameCatalogue(t *testing.T) {
	for _, tc := range []struct {
		source, link string
		want         bool
	}{
		{"https://h.test/c.xml", "https://h.test/p2.xml", true},
		{"https://h.test/c.xml", "http://h.test/p2.xml", false}, // never down to http
		{"http://h.test/c.xml", "https://h.test/p2.xml", true},  // up to https is fine
		{"http://h.test:8080/c.xml", "http://h.test:8081/p2.xml", false},
		{"http://h.test/c.xml", "http://other.test/p2.xml", false},
		{"http://h.test/c.xml", "file:///etc/passwd", false},
		{"http://h.test/c.xml", "ftp://h.test/p2.xml", false},
	} {
		if got := fetch.SameCatalogue(tc.source, tc.link); got != tc.want {
			t.Errorf("SameCatalogue(%s, %s) = %v", tc.source, tc.link, got)
		}
	}
}

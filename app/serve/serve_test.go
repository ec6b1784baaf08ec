package serve_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fieldshelf/app/serve"
)

// site writes a published folder beside a secret file outside it, with a
// symbolic link inside that leads to the secret and one that stays inside.
func site(t *testing.T) (dir string, pdf []byte) {
	t.Helper()
	base := t.TempDir()
	dir = filepath.Join(base, "site")
	pdf = []byte("%PDF-1.7\n" + strings.Repeat("0123456789", 100))
	files := map[string][]byte{
		"site/catalog.xml":               []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><id>x</id></feed>`),
		"site/files/a b.pdf":             pdf,
		"site/.fieldshelf-publish.json":  []byte(`{"secret":"state"}`),
		"secret.txt":                     []byte("TOP SECRET"),
		"site/annotations/one.jsonld":    []byte(`{"type":"AnnotationCollection"}`),
		"site/files/sub/.hidden-tmp.pdf": pdf,
	}
	for name, b := range files {
		p := filepath.Join(base, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("../secret.txt", filepath.Join(dir, "out.pdf")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(base, "secret.txt"), filepath.Join(dir, "abs.pdf")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("files/a b.pdf", filepath.Join(dir, "in.pdf")); err != nil {
		t.Fatal(err)
	}
	return dir, pdf
}

// start serves dir on a free loopback port and logs the requests.
func start(t *testing.T, dir string) (*serve.Server, *[]serve.Request) {
	t.Helper()
	h, err := serve.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var log []serve.Request
	h.Log = func(r serve.Request) { mu.Lock(); log = append(log, r); mu.Unlock() }
	s, err := serve.Start("127.0.0.1:0", h)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()); h.Close() })
	return s, &log
}

// raw sends a request line as written, so no client cleans the path
// first, and returns the status and body.
func raw(t *testing.T, s *serve.Server, method, target string) (int, string) {
	t.Helper()
	c, err := net.Dial("tcp", s.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "%s %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", method, target)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServeRefusesWhatIsOutsideTheFolder(t *testing.T) {
	dir, _ := site(t)
	s, _ := start(t, dir)
	for _, target := range []string{"/../secret.txt", "/%2e%2e/secret.txt", "/files/..%2f..%2fsecret.txt",
		"/files%2f..%2f..%2fsecret.txt", "/files/../../secret.txt", "/out.pdf", "/abs.pdf", "/.fieldshelf-publish.json",
		"/files/sub/.hidden-tmp.pdf", "/files/", "/files", "//etc/passwd", "/files/..\\..\\secret.txt", "/nothing.pdf"} {
		code, body := raw(t, s, "GET", target)
		if code != http.StatusNotFound || strings.Contains(body, "SECRET") || strings.Contains(body, "state") {
			t.Errorf("GET %s: %d %q, want 404 and nothing of the file", target, code, body)
		}
	}
	if code, _ := raw(t, s, "PUT", "/catalog.xml"); code != http.StatusMethodNotAllowed {
		t.Errorf("PUT: %d, want 405", code)
	}
	if code, body := raw(t, s, "GET", "/in.pdf"); code != http.StatusOK || !strings.HasPrefix(body, "%PDF-") {
		t.Errorf("a link that stays inside: %d", code)
	}
	if code, body := raw(t, s, "GET", "/"); code != http.StatusOK || !strings.Contains(body, "<feed") {
		t.Errorf("GET /: %d %q, want the catalogue", code, body)
	}
}

func TestServeAnswersRangesAndValidators(t *testing.T) {
	dir, pdf := site(t)
	s, log := start(t, dir)
	url := s.Local("files/a%20b.pdf")
	resp := get(t, url, nil)
	etag, modified := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if resp.StatusCode != 200 || etag == "" || modified == "" || resp.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("GET: %d %v", resp.StatusCode, resp.Header)
	}
	resp = get(t, url, map[string]string{"Range": "bytes=10-19"})
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusPartialContent || string(b) != string(pdf[10:20]) ||
		resp.Header.Get("Content-Range") != fmt.Sprintf("bytes 10-19/%d", len(pdf)) {
		t.Fatalf("range: %d %q %v", resp.StatusCode, b, resp.Header)
	}
	resp = get(t, url, map[string]string{"Range": "bytes=10-", "If-Range": etag})
	if resp.StatusCode != http.StatusPartialContent {
		t.Fatalf("range with the current ETag: %d", resp.StatusCode)
	}
	for _, h := range []map[string]string{{"If-None-Match": etag}, {"If-Modified-Since": modified}} {
		if resp := get(t, url, h); resp.StatusCode != http.StatusNotModified {
			t.Fatalf("%v: %d, want 304", h, resp.StatusCode)
		}
	}
	if resp := get(t, s.Local("annotations/one.jsonld"), nil); !strings.Contains(resp.Header.Get("Content-Type"),
		"http://www.w3.org/ns/anno.jsonld") {
		t.Fatalf("an annotation set is %q", resp.Header.Get("Content-Type"))
	}
	if n := len(*log); n != 6 || (*log)[1].Status != http.StatusPartialContent || (*log)[1].Bytes != 10 {
		t.Fatalf("log %+v", *log)
	}
	if !s.Addr().IP.IsLoopback() {
		t.Fatalf("listening on %v", s.Addr())
	}
}

func get(t *testing.T, url string, headers map[string]string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

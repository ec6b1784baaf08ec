package main_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// server is a loopback server of catalogues and files. Tests change what it
// serves between runs of the command and read what it was asked and sent.
type server struct {
	*httptest.Server
	mu     sync.Mutex
	routes map[string]*route
	log    []*request
	// user and pass, when user is set, are the HTTP Basic credentials every
	// request must carry.
	user, pass string
}

// route is what the server answers at one path.
type route struct {
	body        []byte
	contentType string
	etag        string
	status      int  // when not 0, answer this status with a short body
	file        bool // serve with http.ServeContent: ranges, If-Range
	// chunk, pause and holdAt throttle the body: a pause follows every
	// chunk bytes, and after holdAt bytes (when not 0) the handler sends
	// nothing more until the client goes away.
	chunk  int
	pause  time.Duration
	holdAt int64
}

// request is one request the server answered.
type request struct {
	path        string
	rangeHeader string
	ifRange     string
	ifNoneMatch string
	authorized  bool
	hadAuth     bool // an Authorization header came, right or wrong
	status      atomic.Int64
	sent        atomic.Int64 // body bytes written so far
}

func newServer(t *testing.T) *server {
	t.Helper()
	s := &server{routes: map[string]*route{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *server) url(path string) string { return s.URL + path }

// requireAuth makes every request need these Basic credentials.
func (s *server) requireAuth(user, pass string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.user, s.pass = user, pass
}

// setFeed serves an Atom feed at path; its ETag follows the content and
// If-None-Match gets a 304.
func (s *server) setFeed(path, body string) {
	s.set(path, &route{body: []byte(body), contentType: atomType, etag: etagOf([]byte(body))})
}

// setFile serves a file at path with an ETag, Last-Modified and ranges.
func (s *server) setFile(path string, body []byte, contentType string) {
	s.set(path, &route{body: body, contentType: contentType, etag: etagOf(body), file: true})
}

// setStatus makes path answer with a bare status.
func (s *server) setStatus(path string, status int) {
	s.set(path, &route{status: status})
}

func (s *server) set(path string, r *route) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[path] = r
}

// throttle slows the body at path down (see route); zeros remove it.
func (s *server) throttle(path string, chunk int, pause time.Duration, holdAt int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := *s.routes[path]
	r.chunk, r.pause, r.holdAt = chunk, pause, holdAt
	s.routes[path] = &r
}

// requests returns the requests made so far for path.
func (s *server) requests(path string) []*request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*request
	for _, r := range s.log {
		if r.path == path {
			out = append(out, r)
		}
	}
	return out
}

// sent returns the body bytes sent for path, over all requests.
func (s *server) sent(path string) int64 {
	var n int64
	for _, r := range s.requests(path) {
		n += r.sent.Load()
	}
	return n
}

func (s *server) serve(w http.ResponseWriter, r *http.Request) {
	req := &request{path: r.URL.Path, rangeHeader: r.Header.Get("Range"), ifRange: r.Header.Get("If-Range"),
		ifNoneMatch: r.Header.Get("If-None-Match"), hadAuth: r.Header.Get("Authorization") != ""}
	s.mu.Lock()
	s.log = append(s.log, req)
	rt, found := s.routes[r.URL.Path]
	user, pass := s.user, s.pass
	s.mu.Unlock()
	if user != "" {
		u, p, ok := r.BasicAuth()
		if !ok || u != user || p != pass {
			req.status.Store(http.StatusUnauthorized)
			w.Header().Set("WWW-Authenticate", `Basic realm="catalogue"`)
			http.Error(w, "authorization required", http.StatusUnauthorized)
			return
		}
		req.authorized = true
	}
	switch {
	case !found:
		req.status.Store(http.StatusNotFound)
		http.NotFound(w, r)
		return
	case rt.status != 0:
		req.status.Store(int64(rt.status))
		http.Error(w, http.StatusText(rt.status), rt.status)
		return
	}
	mw := &meteredWriter{ResponseWriter: w, ctx: r.Context(), req: req, chunk: rt.chunk, pause: rt.pause,
		holdAt: rt.holdAt}
	w.Header().Set("ETag", rt.etag)
	if rt.contentType != "" {
		w.Header().Set("Content-Type", rt.contentType)
	}
	if rt.file {
		http.ServeContent(mw, r, "", servedTime, bytes.NewReader(rt.body))
		return
	}
	if req.ifNoneMatch == rt.etag {
		mw.WriteHeader(http.StatusNotModified)
		return
	}
	mw.Write(rt.body)
}

// servedTime is the Last-Modified of served files.
var servedTime = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// meteredWriter counts the body bytes of a response and throttles them.
type meteredWriter struct {
	http.ResponseWriter
	ctx    context.Context
	req    *request
	chunk  int
	pause  time.Duration
	holdAt int64
}

func (m *meteredWriter) WriteHeader(code int) {
	m.req.status.CompareAndSwap(0, int64(code))
	m.ResponseWriter.WriteHeader(code)
}

func (m *meteredWriter) Write(p []byte) (int, error) {
	m.req.status.CompareAndSwap(0, http.StatusOK)
	written := 0
	for len(p) > 0 {
		sent := m.req.sent.Load() // only this handler adds to it
		k := int64(len(p))
		if m.holdAt > 0 {
			if sent >= m.holdAt {
				_ = http.NewResponseController(m.ResponseWriter).Flush()
				<-m.ctx.Done()
				return written, m.ctx.Err()
			}
			k = min(k, m.holdAt-sent)
		}
		if m.chunk > 0 {
			k = min(k, int64(m.chunk)-sent%int64(m.chunk))
		}
		n, err := m.ResponseWriter.Write(p[:k])
		written += n
		m.req.sent.Add(int64(n))
		if err != nil {
			return written, err
		}
		p = p[k:]
		if m.chunk > 0 && m.pause > 0 && (sent+k)%int64(m.chunk) == 0 {
			_ = http.NewResponseController(m.ResponseWriter).Flush()
			t := time.NewTimer(m.pause)
			select {
			case <-t.C:
			case <-m.ctx.Done():
				t.Stop()
				return written, m.ctx.Err()
			}
		}
	}
	return written, nil
}

func etagOf(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:10]) + `"`
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// pdfBytes returns a deterministic PDF of one blank page, n bytes long
// (at least a few hundred): an unused stream of random bytes fills it, so
// that files of different seeds differ and the PDF engine, which checks
// every download, reads them all.
func pdfBytes(seed uint64, n int) []byte {
	var key [32]byte
	copy(key[:], fmt.Sprintf("fieldshelf cli test %d", seed))
	fill := make([]byte, n)
	rand.NewChaCha8(key).Read(fill)
	pad := n
	for {
		b := onePagePDF(fill[:max(pad, 0)])
		if len(b) == n || pad <= 0 {
			return b
		}
		pad += n - len(b)
	}
}

// onePagePDF writes a PDF with a blank page and an unused stream holding
// fill, with a correct cross-reference table.
func onePagePDF(fill []byte) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	var offsets []int
	obj := func(body string, stream []byte) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s", len(offsets), body)
		if stream != nil {
			b.WriteString("\nstream\n")
			b.Write(stream)
			b.WriteString("\nendstream")
		}
		b.WriteString("\nendobj\n")
	}
	obj("<</Type /Catalog /Pages 2 0 R>>", nil)
	obj("<</Type /Pages /Kids [3 0 R] /Count 1>>", nil)
	obj("<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>>", nil)
	obj(fmt.Sprintf("<</Length %d>>", len(fill)), fill)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

const atomType = "application/atom+xml;profile=opds-catalog;kind=acquisition"

// entry is one publication of a generated catalogue.
type entry struct {
	id, title, summary, publisher string
	authors                       []string
	year                          int      // 0: no dcterms:issued
	types, regions                []string // labels; the term is the label in lower case with dashes
	pdf                           string   // absolute file link, "" for none
	size                          int64    // the link's length attribute
	updated                       string   // RFC 3339; a default when empty
}

// atomFeed renders an OPDS 1.2 acquisition feed of entries.
func atomFeed(title string, entries []entry) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:opds="http://opds-spec.org/2010/catalog">
<id>urn:fieldshelf-test:` + esc(strings.ToLower(strings.ReplaceAll(title, " ", "-"))) + `</id>
<title>` + esc(title) + `</title>
<updated>2026-03-01T00:00:00Z</updated>
`)
	for _, e := range entries {
		updated := e.updated
		if updated == "" {
			updated = "2026-02-01T00:00:00Z"
		}
		fmt.Fprintf(&b, "<entry>\n<id>%s</id>\n<title>%s</title>\n<updated>%s</updated>\n", esc(e.id), esc(e.title), updated)
		for _, a := range e.authors {
			fmt.Fprintf(&b, "<author><name>%s</name></author>\n", esc(a))
		}
		if e.publisher != "" {
			fmt.Fprintf(&b, "<dcterms:publisher>%s</dcterms:publisher>\n", esc(e.publisher))
		}
		if e.year != 0 {
			fmt.Fprintf(&b, "<dcterms:issued>%d</dcterms:issued>\n", e.year)
		}
		for _, t := range e.types {
			fmt.Fprintf(&b, `<category scheme="urn:fieldshelf:type" term="%s" label="%s"/>`+"\n", esc(termOf(t)), esc(t))
		}
		for _, t := range e.regions {
			fmt.Fprintf(&b, `<category scheme="urn:fieldshelf:region" term="%s" label="%s"/>`+"\n", esc(termOf(t)), esc(t))
		}
		if e.summary != "" {
			fmt.Fprintf(&b, "<summary type=\"text\">%s</summary>\n", esc(e.summary))
		}
		if e.pdf != "" {
			fmt.Fprintf(&b, `<link rel="http://opds-spec.org/acquisition/open-access" type="application/pdf" href="%s"`, esc(e.pdf))
			if e.size > 0 {
				fmt.Fprintf(&b, ` length="%d"`, e.size)
			}
			b.WriteString("/>\n")
		}
		b.WriteString("</entry>\n")
	}
	b.WriteString("</feed>\n")
	return b.String()
}

func termOf(label string) string { return strings.ToLower(strings.ReplaceAll(label, " ", "-")) }

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")

func esc(s string) string { return xmlEscaper.Replace(s) }

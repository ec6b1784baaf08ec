package library_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// feedServer is a loopback catalogue server whose pages tests change between
// syncs. It honours If-None-Match and counts requests and body bytes.
type feedServer struct {
	*httptest.Server
	mu       sync.Mutex
	pages    map[string]page
	requests atomic.Int64
	sent     atomic.Int64
	notMod   atomic.Int64
	// fault, when set, may answer a request itself (returning true).
	fault func(w http.ResponseWriter, r *http.Request) bool
	seen  []string // per request: "[https ]PATH[ auth]"
}

// page is one served document.
type page struct {
	body        string
	contentType string
	etag        string
}

func newFeedServer(tb testing.TB) *feedServer {
	tb.Helper()
	fs := &feedServer{pages: map[string]page{}}
	fs.Server = httptest.NewServer(http.HandlerFunc(fs.serve))
	tb.Cleanup(fs.Close)
	return fs
}

// set serves body at path; the ETag follows the content.
func (fs *feedServer) set(path, contentType, body string) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.pages[path] = page{body: body, contentType: contentType, etag: fmt.Sprintf(`"%x"`, hashString(body))}
}

func (fs *feedServer) setFault(f func(w http.ResponseWriter, r *http.Request) bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.fault = f
}

func (fs *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	fs.requests.Add(1)
	fs.mu.Lock()
	fs.seen = append(fs.seen, requestLine(r))
	p, ok := fs.pages[r.URL.RequestURI()]
	if !ok {
		p, ok = fs.pages[r.URL.Path]
	}
	fault := fs.fault
	fs.mu.Unlock()
	if fault != nil && fault(w, r) {
		return
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("ETag", p.etag)
	if r.Header.Get("If-None-Match") == p.etag {
		fs.notMod.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", p.contentType)
	fs.sent.Add(int64(len(p.body)))
	fmt.Fprint(w, p.body)
}

// requestLine is how the log of seen requests shows one: its path, after
// "https " when it came over TLS, and " auth" when it carried an
// Authorization header.
func requestLine(r *http.Request) string {
	line := r.URL.Path
	if r.TLS != nil {
		line = "https " + line
	}
	if r.Header.Get("Authorization") != "" {
		line += " auth"
	}
	return line
}

// requestsSeen returns the log of requests, in order.
func (fs *feedServer) requestsSeen() []string {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return append([]string(nil), fs.seen...)
}

func (fs *feedServer) url(path string) string { return fs.URL + path }

func hashString(s string) uint64 {
	var h uint64 = 14695981039346656037
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

const atomType = "application/atom+xml;profile=opds-catalog;kind=acquisition"

// genEntry is one generated catalogue entry.
type genEntry struct {
	id, title, summary, publisher string
	year                          int
	tags                          []string
	pdf                           string
	size                          int64
	updated                       string
}

// atomFeed renders an OPDS 1.2 acquisition feed page.
func atomFeed(id, next string, entries []genEntry) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:opds="http://opds-spec.org/2010/catalog">
<id>` + id + `</id><title>Generated catalogue</title><updated>2026-01-01T00:00:00Z</updated>
`)
	if next != "" {
		b.WriteString(`<link rel="next" href="` + next + `" type="` + atomType + `"/>` + "\n")
	}
	for _, e := range entries {
		updated := e.updated
		if updated == "" {
			updated = "2025-06-01T00:00:00Z"
		}
		fmt.Fprintf(&b, `<entry><id>%s</id><title>%s</title><updated>%s</updated>
<author><name>Research Unit</name></author><dcterms:publisher>%s</dcterms:publisher>
<dcterms:issued>%d</dcterms:issued><summary>%s</summary>
`, e.id, e.title, updated, e.publisher, e.year, e.summary)
		for _, t := range e.tags {
			fmt.Fprintf(&b, `<category scheme="urn:fieldshelf:region" term="%s" label="%s"/>`+"\n", t, t)
		}
		fmt.Fprintf(&b, `<link rel="http://opds-spec.org/acquisition/open-access" type="application/pdf" href="%s" length="%d"/>
</entry>
`, e.pdf, e.size)
	}
	b.WriteString("</feed>\n")
	return b.String()
}

var (
	genRegions = []string{"Global", "Asia", "Europe", "Africa", "Americas", "Middle East"}
	genWords   = []string{"trafficking", "labour", "migration", "protection", "survivors", "shelter", "referral",
		"identification", "prosecution", "prevention", "children", "recruitment", "debt", "bondage", "crisis",
		"border", "reintegration", "casework", "interview", "evidence", "finance", "supply", "chains", "forced"}
)

// genCatalogue makes n entries deterministically.
func genCatalogue(n int, fileHost string) []genEntry {
	out := make([]genEntry, n)
	for i := range out {
		w := func(k int) string { return genWords[(i*7+k*13)%len(genWords)] }
		out[i] = genEntry{
			id:        fmt.Sprintf("urn:gen:%d", i),
			title:     fmt.Sprintf("Handbook %d on %s and %s", i, w(1), w(2)),
			summary:   fmt.Sprintf("Field guidance on %s, %s and %s for caseworkers, edition %d.", w(3), w(4), w(5), i%9),
			publisher: fmt.Sprintf("Publisher %d", i%40),
			year:      1995 + i%31,
			tags:      []string{genRegions[i%len(genRegions)]},
			pdf:       fmt.Sprintf("%s/files/%d.pdf", fileHost, i),
			size:      int64(100000 + i),
		}
	}
	return out
}

// servePaged puts entries on the server in pages of size per, linked by
// rel="next", starting at /catalog/1.xml. It returns the first page's URL.
func servePaged(fs *feedServer, entries []genEntry, per int) string {
	pages := (len(entries) + per - 1) / per
	for p := 1; p <= pages; p++ {
		next := ""
		if p < pages {
			next = fmt.Sprintf("/catalog/%d.xml", p+1)
		}
		end := min(p*per, len(entries))
		fs.set(fmt.Sprintf("/catalog/%d.xml", p), atomType,
			atomFeed(fmt.Sprintf("urn:gen:page:%d", p), next, entries[(p-1)*per:end]))
	}
	return fs.url("/catalog/1.xml")
}

// Package fetchtest provides a loopback HTTP server for tests: it serves
// one document and injects the faults of poor field networks (dropped
// connections, 5xx answers, lying lengths, ignored ranges, changed files,
// HTML login pages, stalls, slow trickles and bad redirects).
//
// The server honours conditional GETs (If-None-Match, If-Modified-Since),
// single byte ranges and If-Range, and counts requests and body bytes so
// tests can assert what was fetched.
package fetchtest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// Doc is the document a Server serves.
type Doc struct {
	Content      io.ReaderAt
	Size         int64
	ContentType  string    // default application/pdf
	ETag         string    // quoted, e.g. `"v1"`; empty for none
	LastModified time.Time // zero for none
}

// BytesDoc returns a Doc serving b as a PDF, with an ETag derived from its
// content and a fixed Last-Modified.
func BytesDoc(b []byte) Doc {
	sum := sha256.Sum256(b)
	return Doc{
		Content:      bytes.NewReader(b),
		Size:         int64(len(b)),
		ContentType:  "application/pdf",
		ETag:         `"` + hex.EncodeToString(sum[:8]) + `"`,
		LastModified: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC),
	}
}

// Fault is how the server misbehaves on one request. The zero Fault serves
// the document correctly.
type Fault struct {
	// Status, when non-zero, answers this status with a short text body.
	Status int
	// RetryAfter is sent as the Retry-After header with Status.
	RetryAfter string
	// Redirect answers 302 with this Location.
	Redirect string
	// HTML answers 200 with an HTML login page.
	HTML bool
	// DropAfter, when positive, sends this many body bytes and then closes
	// the connection.
	DropAfter int64
	// Stall sends DropAfter body bytes (0: none) and then holds the
	// connection open, sending nothing, until the client goes away.
	Stall bool
	// StallHeaders holds the connection without sending the headers.
	StallHeaders bool
	// Trickle sends the body in TrickleChunk-byte pieces (default 1024)
	// with this pause between them.
	Trickle      time.Duration
	TrickleChunk int
	// ContentLength, when positive, is announced instead of the real
	// length. A longer lie ends with the connection dropped after the real
	// bytes; a shorter one cuts the body.
	ContentLength int64
	// NoLength omits Content-Length (chunked encoding).
	NoLength bool
	// Extra appends this many garbage bytes after the body, with chunked
	// encoding (Content-Range still names the honest range).
	Extra int64
	// IgnoreRange answers 200 with the whole document to a Range request.
	IgnoreRange bool
	// IgnoreIfRange honours Range even when If-Range does not match.
	IgnoreIfRange bool
	// Notify, when non-nil, receives a value when this request arrives.
	Notify chan<- struct{}
}

// Record is what the server saw of one request.
type Record struct {
	Path, Range, IfRange    string
	IfNoneMatch, IfModSince string
	UserAgent, Accept       string
	AcceptEncoding          string
	Host                    string // the Host header
	User                    string // Basic user name, if any
	HasAuth                 bool   // an Authorization header was sent
	TLS                     bool   // the request came over https
	Status                  int    // the status answered
	BytesSent               int64  // body bytes written
}

// Server is a fault-injecting loopback HTTP server. Its methods are safe
// for concurrent use.
type Server struct {
	*httptest.Server

	mu       sync.Mutex
	doc      Doc
	queue    []Fault
	def      Fault
	user     string
	pass     string
	log      []Record
	sent     int64
	closing  chan struct{}
	shutOnce sync.Once
}

// New starts a Server for doc. Close it when done.
func New(doc Doc) *Server {
	s := &Server{doc: doc, closing: make(chan struct{})}
	s.Server = httptest.NewServer(s)
	return s
}

// NewBytes starts a Server for BytesDoc(b).
func NewBytes(b []byte) *Server { return New(BytesDoc(b)) }

// Close releases stalled handlers and shuts the server down.
func (s *Server) Close() {
	s.shutOnce.Do(func() { close(s.closing) })
	s.Server.Close()
}

// Queue adds faults for the next requests, one per request, in order.
func (s *Server) Queue(f ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue = append(s.queue, f...)
}

// SetDefault sets the fault of every request once the queue is empty.
func (s *Server) SetDefault(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.def = f
}

// SetDoc replaces the document, e.g. with a new version and ETag.
func (s *Server) SetDoc(d Doc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.doc = d
}

// RequireAuth makes the server answer 401 unless the request carries these
// Basic credentials.
func (s *Server) RequireAuth(user, pass string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.user, s.pass = user, pass
}

// Requests returns a copy of the log of requests received so far.
func (s *Server) Requests() []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Record(nil), s.log...)
}

// Hits returns the number of requests received.
func (s *Server) Hits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.log)
}

// BytesSent returns the body bytes written to clients, all requests
// together.
func (s *Server) BytesSent() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sent
}

// next logs r and returns its fault, the document and the log index.
func (s *Server) next(r *http.Request) (Fault, Doc, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.def
	if len(s.queue) > 0 {
		f, s.queue = s.queue[0], s.queue[1:]
	}
	user, _, ok := r.BasicAuth()
	s.log = append(s.log, Record{
		Path: r.URL.Path, Range: r.Header.Get("Range"), IfRange: r.Header.Get("If-Range"),
		IfNoneMatch: r.Header.Get("If-None-Match"), IfModSince: r.Header.Get("If-Modified-Since"),
		UserAgent: r.Header.Get("User-Agent"), Accept: r.Header.Get("Accept"),
		AcceptEncoding: r.Header.Get("Accept-Encoding"), Host: r.Host,
		User: user, HasAuth: ok || r.Header.Get("Authorization") != "", TLS: r.TLS != nil,
	})
	return f, s.doc, len(s.log) - 1
}

func (s *Server) authorized(r *http.Request) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.user == "" && s.pass == "" {
		return true
	}
	u, p, ok := r.BasicAuth()
	return ok && u == s.user && p == s.pass
}

func (s *Server) setStatus(i, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log[i].Status = status
}

func (s *Server) count(i int, n int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log[i].BytesSent += n
	s.sent += n
}

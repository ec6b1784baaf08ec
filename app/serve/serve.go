// Package serve serves a published catalogue over HTTP to the people
// nearby: read-only, never a file outside its folder, with the validators
// (ETag, Last-Modified) and ranges that let a client sync and download
// with conditional and resumed requests.
//
// A request names a file of the folder by its path. The path "/" is the
// catalogue's root, catalog.xml. Names that start with a dot (the
// publisher's state, temporary files), folders, and any path with an empty,
// "." or ".." segment, a backslash or an encoded slash are refused with 404;
// the folder is opened as an os.Root, so a symbolic link that leads out of
// it is refused too. Only GET and HEAD are answered.
package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
	"time"
)

// Handler answers requests for the files of one folder.
type Handler struct {
	root *os.Root
	// Log, when set, is called after each request is answered.
	Log func(Request)
}

// Request is one request answered, for the log.
type Request struct {
	Remote string // the client's address
	Method string
	Path   string
	Status int
	Bytes  int64 // body bytes sent
}

// Index is the file "/" serves.
const Index = "catalog.xml"

// New returns a handler for the folder dir, which must exist.
func New(dir string) (*Handler, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	return &Handler{root: root}, nil
}

// Close releases the folder.
func (h *Handler) Close() error { return h.root.Close() }

// ServeHTTP answers a GET or HEAD for a file of the folder.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	lw := &logWriter{ResponseWriter: w, status: http.StatusOK}
	if h.Log != nil {
		defer func() {
			h.Log(Request{Remote: r.RemoteAddr, Method: r.Method, Path: r.URL.Path, Status: lw.status, Bytes: lw.n})
		}()
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		lw.Header().Set("Allow", "GET, HEAD")
		http.Error(lw, "only GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	name, ok := fileName(r)
	if !ok {
		http.NotFound(lw, r)
		return
	}
	f, st, err := h.open(name)
	if err != nil {
		http.NotFound(lw, r)
		return
	}
	defer f.Close()
	hd := lw.Header()
	hd.Set("Content-Type", contentType(name))
	hd.Set("ETag", etag(st))
	hd.Set("Cache-Control", "no-cache")
	hd.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(lw, r, name, st.ModTime(), f)
}

// fileName is the file a request names, relative to the folder; ok is
// false for what is refused.
func fileName(r *http.Request) (string, bool) {
	if strings.Contains(strings.ToLower(r.URL.RawPath), "%2f") || strings.Contains(strings.ToLower(r.URL.RawPath), "%5c") {
		return "", false
	}
	p := r.URL.Path
	if p == "/" || p == "" {
		return Index, true
	}
	if !strings.HasPrefix(p, "/") {
		return "", false
	}
	name := p[1:]
	for _, seg := range strings.Split(name, "/") {
		if seg == "" || seg == "." || seg == ".." || strings.HasPrefix(seg, ".") ||
			strings.ContainsAny(seg, "\\\x00") {
			return "", false
		}
	}
	return name, true
}

// open opens a regular file of the folder.
func (h *Handler) open(name string) (*os.File, fs.FileInfo, error) {
	f, err := h.root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = errors.New("serve: not a file")
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}

// etag is a file's strong validator: its size and time of modification.
// A publish rewrites a file only when its bytes change, atomically, so a
// new time means new bytes.
func etag(st fs.FileInfo) string {
	return fmt.Sprintf(`"%x-%x"`, st.Size(), st.ModTime().UnixNano())
}

// contentType is the media type of a file of a catalogue.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".xml":
		return "application/atom+xml;profile=opds-catalog;kind=acquisition"
	case ".json":
		return "application/opds+json"
	case ".jsonld":
		return `application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"`
	case ".pdf":
		return "application/pdf"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// logWriter remembers what was answered.
type logWriter struct {
	http.ResponseWriter
	status int
	n      int64
}

func (w *logWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *logWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += int64(n)
	return n, err
}

// readHeaderTimeout and idleTimeout bound what a client can hold.
const (
	readHeaderTimeout = 10 * time.Second
	idleTimeout       = 2 * time.Minute
)

package fetchtest

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const loginPage = `<!DOCTYPE html>
<html><head><title>Sign in</title></head>
<body><form method="post" action="/login">Please sign in to continue.</form></body></html>
`

// ServeHTTP answers one request, applying the next fault.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, doc, i := s.next(r)
	if f.Notify != nil {
		select {
		case f.Notify <- struct{}{}:
		case <-s.closing:
		}
	}
	switch {
	case f.StallHeaders:
		s.hold(r)
	case f.Redirect != "":
		s.setStatus(i, http.StatusFound)
		http.Redirect(w, r, f.Redirect, http.StatusFound)
	case !s.authorized(r):
		w.Header().Set("WWW-Authenticate", `Basic realm="fetchtest"`)
		s.plain(w, i, http.StatusUnauthorized)
	case f.Status != 0:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		s.plain(w, i, f.Status)
	case f.HTML:
		s.setStatus(i, http.StatusOK)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, loginPage)
	case notModified(r, doc):
		setValidators(w.Header(), doc)
		s.setStatus(i, http.StatusNotModified)
		w.WriteHeader(http.StatusNotModified)
	default:
		s.serveDoc(w, r, f, doc, i)
	}
}

func (s *Server) plain(w http.ResponseWriter, i, status int) {
	s.setStatus(i, status)
	http.Error(w, http.StatusText(status), status)
}

// serveDoc sends the document or the requested range of it.
func (s *Server) serveDoc(w http.ResponseWriter, r *http.Request, f Fault, doc Doc, i int) {
	start, end, status := int64(0), doc.Size, http.StatusOK
	if rg := r.Header.Get("Range"); rg != "" && !f.IgnoreRange && (f.IgnoreIfRange || ifRangeOK(r, doc)) {
		start, end, status = parseRange(rg, doc.Size)
	}
	h := w.Header()
	if status == http.StatusRequestedRangeNotSatisfiable {
		h.Set("Content-Range", fmt.Sprintf("bytes */%d", doc.Size))
		s.plain(w, i, status)
		return
	}
	h.Set("Content-Type", orDefault(doc.ContentType, "application/pdf"))
	h.Set("Accept-Ranges", "bytes")
	setValidators(h, doc)
	if status == http.StatusPartialContent {
		h.Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, end-1, doc.Size))
	}
	n := end - start
	if !f.NoLength && f.Extra == 0 {
		announced := n
		if f.ContentLength > 0 {
			announced = f.ContentLength
		}
		h.Set("Content-Length", strconv.FormatInt(announced, 10))
	}
	s.setStatus(i, status)
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	s.sendBody(w, r, f, doc, i, start, n)
}

// sendBody writes n bytes of doc from start, then applies the fault that
// ends the response.
func (s *Server) sendBody(w http.ResponseWriter, r *http.Request, f Fault, doc Doc, i int, start, n int64) {
	limit := n
	if f.ContentLength > 0 && f.ContentLength < limit {
		limit = f.ContentLength
	}
	if (f.DropAfter > 0 || f.Stall) && f.DropAfter < limit {
		limit = f.DropAfter
	}
	if !s.copyDoc(w, r, f, doc, i, start, limit) {
		return
	}
	switch {
	case f.Stall:
		flush(w)
		s.hold(r)
	case f.DropAfter > 0 && f.DropAfter < n, f.ContentLength > n:
		drop(w) // cut short, or promised more than there is
	case f.Extra > 0:
		garbage := make([]byte, f.Extra)
		for j := range garbage {
			garbage[j] = 'x'
		}
		if _, err := w.Write(garbage); err == nil {
			s.count(i, f.Extra)
		}
	}
}

// copyDoc writes doc[start:start+n], trickling if asked. It reports
// whether the client is still there.
func (s *Server) copyDoc(w http.ResponseWriter, r *http.Request, f Fault, doc Doc, i int, start, n int64) bool {
	chunk := 256 << 10
	if f.Trickle > 0 {
		chunk = orDefaultInt(f.TrickleChunk, 1024)
	}
	buf := make([]byte, chunk)
	for done := int64(0); done < n; {
		m, err := doc.Content.ReadAt(buf[:min(int64(chunk), n-done)], start+done)
		if m == 0 && err != nil {
			return false
		}
		if _, err := w.Write(buf[:m]); err != nil {
			return false
		}
		s.count(i, int64(m))
		done += int64(m)
		if f.Trickle > 0 && done < n && !s.pause(w, r, f.Trickle) {
			return false
		}
	}
	return true
}

// pause flushes and waits d, or until the client or the server goes away.
func (s *Server) pause(w http.ResponseWriter, r *http.Request, d time.Duration) bool {
	flush(w)
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
	case <-s.closing:
	}
	return false
}

// hold keeps the connection open, sending nothing, until the client or the
// server goes away.
func (s *Server) hold(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-s.closing:
	}
}

func flush(w http.ResponseWriter) {
	if fl, ok := w.(http.Flusher); ok {
		fl.Flush()
	}
}

// drop sends what was written and closes the connection under the client.
func drop(w http.ResponseWriter) {
	flush(w)
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

func setValidators(h http.Header, doc Doc) {
	if doc.ETag != "" {
		h.Set("ETag", doc.ETag)
	}
	if !doc.LastModified.IsZero() {
		h.Set("Last-Modified", doc.LastModified.UTC().Format(http.TimeFormat))
	}
}

func notModified(r *http.Request, doc Doc) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		return doc.ETag != "" && (inm == "*" || strings.Contains(inm, doc.ETag))
	}
	t, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	return err == nil && !doc.LastModified.IsZero() && !doc.LastModified.Truncate(time.Second).After(t)
}

// ifRangeOK reports whether a Range request may be honoured: no If-Range,
// or one naming the current strong ETag or Last-Modified date.
func ifRangeOK(r *http.Request, doc Doc) bool {
	ir := r.Header.Get("If-Range")
	switch {
	case ir == "":
		return true
	case strings.HasPrefix(ir, `"`):
		return ir == doc.ETag
	case strings.HasPrefix(ir, "W/"):
		return false
	}
	t, err := http.ParseTime(ir)
	return err == nil && !doc.LastModified.IsZero() && doc.LastModified.Truncate(time.Second).Equal(t)
}

// parseRange reads "bytes=N-", "bytes=N-M" or "bytes=-N" and returns the
// half-open range and 206, 416 when unsatisfiable, or the whole document
// and 200 for anything else (multiple ranges, garbage).
func parseRange(h string, size int64) (start, end int64, status int) {
	spec, ok := strings.CutPrefix(h, "bytes=")
	a, b, dash := strings.Cut(spec, "-")
	if !ok || !dash || strings.Contains(spec, ",") {
		return 0, size, http.StatusOK
	}
	if a == "" { // suffix range
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil || n <= 0 {
			return 0, 0, http.StatusRequestedRangeNotSatisfiable
		}
		return max(size-n, 0), size, http.StatusPartialContent
	}
	start, err := strconv.ParseInt(a, 10, 64)
	if err != nil || start < 0 {
		return 0, size, http.StatusOK
	}
	end = size
	if b != "" {
		last, err := strconv.ParseInt(b, 10, 64)
		if err != nil || last < start {
			return 0, size, http.StatusOK
		}
		end = min(last+1, size)
	}
	if start >= size {
		return 0, 0, http.StatusRequestedRangeNotSatisfiable
	}
	return start, end, http.StatusPartialContent
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func orDefaultInt(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

package fetch

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"fieldshelf/app"
)

const (
	bufSize   = 256 << 10 // the one streaming buffer of a download
	pdfAccept = "application/pdf, */*;q=0.5"
)

// DownloadRequest is a file to fetch into the offline cache.
type DownloadRequest struct {
	// URL is http, https or file (a local file is copied).
	URL string
	// Source is the URL of the catalogue that links to the file; "" for a
	// URL the user gave. A catalogue on the network cannot name a local
	// file, and a file: catalogue only files under its folder.
	Source string
	// Username and Password are HTTP Basic credentials, sent only to the
	// origin (scheme, host and port) of Source (of URL when Source is
	// empty), on the first request and after every redirect: never to
	// another host or port, never over http for an https catalogue.
	Username, Password string
	// Dest is the final path, chosen by the caller (never from feed text);
	// its directory must exist. The download goes to Dest+".part", with a
	// sidecar Dest+".part.json" that lets a later process resume it.
	Dest string
	// ExpectSize is the size the catalogue announced, 0 if unknown. It is
	// only used for the free-space check before the server answers; the
	// server's length is authoritative.
	ExpectSize int64
	// Progress, if set, is called after every write with the bytes on disk
	// and the total (0 when unknown). It is called often: throttle in it.
	Progress func(done, total int64)
	// Verify checks the first bytes of the file (up to 1029, fewer for a
	// shorter file); nil means VerifyPDF, which also refuses a response
	// sent as text/html unless it really is a PDF. Use a function that
	// returns nil to accept anything.
	Verify func(head []byte) error
	// SHA256, when set, is the SHA-256 (hex) the catalogue publishes for
	// the file: a complete file with another one is refused (dropped, an
	// error wrapping app.ErrDamaged) and never put at Dest.
	SHA256 string
}

// DownloadResult describes a completed download.
type DownloadResult struct {
	Path         string // Dest
	Size         int64
	SHA256       string // hex, of the whole file
	ETag         string
	LastModified string
	Resumed      bool  // part of the file came from an earlier attempt or run (a range request)
	BytesFetched int64 // body bytes received by this call and written
	Attempts     int   // requests made
}

// download is the state of one Download call.
type download struct {
	c        *Client
	t        *target
	r        DownloadRequest
	p        *part
	res      *DownloadResult
	buf      []byte
	htmlType bool // the current response claims to be HTML
	refused  bool // the content was refused: drop the .part
	did416   bool
}

// Download fetches r.URL to r.Dest, resuming a partial download left by an
// earlier attempt or process, and returns only once the file is complete,
// verified, synced and renamed into place. Nothing unverified is ever left
// at Dest. On failure the .part is kept for a later resume, unless the
// content was refused (an HTML page instead of a PDF, say). Errors wrap
// app.ErrNoSpace when the disk is too full, app.ErrNotPDF for refused
// content and ctx.Err() when ctx ends; a *StatusError reports an HTTP
// status.
func (c *Client) Download(ctx context.Context, r DownloadRequest) (*DownloadResult, error) {
	t, err := newTarget(r.URL, r.Source, r.Username, r.Password)
	if err != nil {
		return nil, err
	}
	if r.Dest == "" {
		return nil, errors.New("fetch: download without a destination path")
	}
	dest := filepath.Clean(r.Dest)
	key, err := filepath.Abs(dest)
	if err != nil {
		key = dest
	}
	if _, busy := c.active.LoadOrStore(key, struct{}{}); busy {
		return nil, fmt.Errorf("fetch: %s: already being downloaded", dest)
	}
	defer c.active.Delete(key)
	d := &download{c: c, t: t, r: r, res: &DownloadResult{Path: dest}, buf: make([]byte, bufSize)}
	if d.p, err = openPart(dest, t.shown, c.wrapWriter, d.checkHead, d.buf); err != nil {
		return nil, err
	}
	if err := d.run(ctx); err != nil {
		if d.refused || d.p.off == 0 {
			d.p.discard()
		} else {
			d.p.suspend()
		}
		return nil, err
	}
	return d.res, nil
}

func (d *download) run(ctx context.Context) error {
	if d.t.file != "" {
		return d.copyLocal(ctx)
	}
	known := d.p.meta.Total
	if known <= 0 {
		known = d.r.ExpectSize
	}
	if err := d.checkSpace(known); err != nil {
		return err
	}
	n, err := d.c.retry(ctx, d.attempt)
	d.res.Attempts = n
	if err != nil {
		return finalError(ctx, d.t.shown, n, err)
	}
	return d.finish()
}

// attempt makes one request, from the current end of the .part.
func (d *download) attempt(ctx context.Context) error {
	a := d.c.begin(ctx)
	defer a.end()
	req, err := d.c.newRequest(a.ctx, d.t, pdfAccept, false)
	if err != nil {
		return err
	}
	req.Header.Set("Accept-Encoding", "identity") // ranges count raw bytes
	if d.p.off > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(d.p.off, 10)+"-")
		if v := d.p.meta.validator(); v != "" {
			req.Header.Set("If-Range", v)
		}
	}
	resp, err := d.c.hc.Do(req)
	if err != nil {
		return transportFailure(a, d.t.shown, err)
	}
	defer resp.Body.Close()
	body := a.body(resp.Body)
	if resp.StatusCode == http.StatusOK && d.p.off > 0 {
		// The range was ignored or the file changed: it all comes again.
		if body, err = d.replace(a, body, resp); err != nil {
			return err
		}
	}
	total, err := d.accept(resp, body)
	if err != nil {
		return err
	}
	if err := d.checkSpace(total); err != nil {
		return err
	}
	return d.stream(a, body, total)
}

// accept checks the response status and headers against the .part, starting
// over when the server sends another version of the file. It returns the
// total length, -1 if unknown.
func (d *download) accept(resp *http.Response, body io.Reader) (int64, error) {
	switch resp.StatusCode {
	case http.StatusOK:
		d.p.meta.setValidators(resp.Header)
		d.p.meta.Total = resp.ContentLength
	case http.StatusPartialContent:
		if err := d.acceptRange(resp); err != nil {
			return 0, err
		}
	case http.StatusRequestedRangeNotSatisfiable:
		if d.p.off > 0 && !d.did416 {
			d.did416 = true
			return 0, d.restart("range not satisfiable")
		}
		fallthrough
	default:
		drain(body)
		return 0, newStatusError(redact(resp.Request.URL), resp)
	}
	d.htmlType = d.p.off == 0 && isHTMLType(resp.Header.Get("Content-Type"))
	return d.p.meta.Total, nil
}

// replace checks the head of a whole new body before it drops the .part
// for it, so that a login page (a captive portal, say) cannot destroy a good
// partial download. It returns the body to stream from byte 0.
func (d *download) replace(a *attempt, body io.Reader, resp *http.Response) (io.Reader, error) {
	head := make([]byte, headLen)
	n, err := io.ReadFull(body, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, transportFailure(a, d.t.shown, err)
	}
	head = head[:n]
	d.htmlType = isHTMLType(resp.Header.Get("Content-Type"))
	if err := d.checkHead(head); err != nil {
		return nil, err // not refused: the .part stays for a later resume
	}
	if err := d.p.reset(); err != nil {
		return nil, err
	}
	// A later read error of body surfaces again through the MultiReader;
	// the struct hides its WriteTo so the copy keeps the one buffer.
	return struct{ io.Reader }{io.MultiReader(bytes.NewReader(head), body)}, nil
}

// acceptRange checks a 206 answer: the range must start at the end of the
// .part and describe the same version of the file.
func (d *download) acceptRange(resp *http.Response) error {
	start, end, total, ok := parseContentRange(resp.Header.Get("Content-Range"))
	if !ok || start != d.p.off {
		return d.restart("the server sent the wrong range")
	}
	if d.p.meta.changed(resp.Header.Get("ETag"), resp.Header.Get("Last-Modified"), total) {
		return d.restart("the file changed on the server")
	}
	if resp.ContentLength >= 0 && resp.ContentLength != end-start+1 {
		return d.refuse("the server sent inconsistent lengths")
	}
	if total < 0 {
		total = end + 1
	}
	d.p.meta.setValidators(resp.Header)
	d.p.meta.Total = total
	d.res.Resumed = d.res.Resumed || start > 0
	return nil
}

// restart empties the .part and asks for an immediate new attempt.
func (d *download) restart(why string) error {
	if err := d.p.reset(); err != nil {
		return err
	}
	return &failure{url: d.t.shown, what: why, retry: true, now: true}
}

// refuse fails the download for good and drops the .part.
func (d *download) refuse(why string) error {
	d.refused = true
	return newErr("fetch: " + d.t.shown + ": " + why)
}

// stream copies the body to the .part through the one buffer.
func (d *download) stream(a *attempt, body io.Reader, total int64) error {
	s := &sink{d: d, total: total}
	_, err := io.CopyBuffer(s, body, d.buf)
	switch {
	case s.err != nil:
		return s.err
	case err != nil:
		return transportFailure(a, d.t.shown, err)
	case total >= 0 && d.p.off < total:
		return &failure{url: d.t.shown, retry: true,
			what: fmt.Sprintf("connection dropped after %s of %s", app.FormatSize(d.p.off), app.FormatSize(total))}
	}
	return nil
}

// sink is the writer end of a download: it checks the length and the head,
// then writes, hashes and reports progress.
type sink struct {
	d     *download
	total int64
	err   error
}

func (s *sink) Write(b []byte) (int, error) {
	d, p := s.d, s.d.p
	if s.total >= 0 && p.off+int64(len(b)) > s.total {
		s.err = d.refuse(fmt.Sprintf("the server sent more than the %d bytes it announced", s.total))
		return 0, s.err
	}
	if !p.headOK && p.collect(b) {
		if err := d.checkHead(p.head); err != nil {
			d.refused, s.err = true, err
			return 0, err
		}
		p.headOK = true
	}
	if err := p.write(b); err != nil {
		s.err = err
		return 0, err
	}
	d.res.BytesFetched += int64(len(b))
	if d.r.Progress != nil {
		d.r.Progress(p.off, max(s.total, 0))
	}
	return len(b), nil
}

// checkHead runs the request's Verify, or VerifyPDF, on the first bytes.
func (d *download) checkHead(head []byte) error {
	if d.r.Verify != nil {
		if err := d.r.Verify(head); err != nil {
			return newErr(fmt.Sprintf("fetch: %s: refused: %v", d.t.shown, err), err)
		}
		return nil
	}
	err := VerifyPDF(head)
	if err == nil {
		return nil
	}
	if d.htmlType {
		err = errHTMLPage
	}
	return newErr("fetch: "+d.t.shown+" sent "+err.Error(), err)
}

// finish verifies a file too short to have been checked while streaming,
// then puts it in place.
func (d *download) finish() error {
	p := d.p
	if !p.headOK {
		if err := d.checkHead(p.head); err != nil {
			d.refused = true
			return err
		}
	}
	sum := hex.EncodeToString(p.h.Sum(nil))
	if want := strings.ToLower(d.r.SHA256); want != "" && sum != want {
		d.refused = true
		return newErr(fmt.Sprintf("fetch: %s: the file is not the one the catalogue published (its SHA-256 is %s, not %s)",
			d.t.shown, sum, want), app.ErrDamaged)
	}
	if err := p.commit(); err != nil {
		return err
	}
	d.res.Size = p.off
	d.res.SHA256 = sum
	d.res.ETag, d.res.LastModified = p.meta.ETag, p.meta.LastModified
	return nil
}

// parseContentRange reads "bytes first-last/total" (total may be "*",
// returned as -1).
func parseContentRange(h string) (first, last, total int64, ok bool) {
	spec, found := strings.CutPrefix(strings.TrimSpace(h), "bytes ")
	rng, tot, slash := strings.Cut(spec, "/")
	a, b, dash := strings.Cut(rng, "-")
	if !found || !slash || !dash {
		return 0, 0, 0, false
	}
	first, err1 := strconv.ParseInt(a, 10, 64)
	last, err2 := strconv.ParseInt(b, 10, 64)
	total = -1
	var err3 error
	if tot != "*" {
		total, err3 = strconv.ParseInt(tot, 10, 64)
	}
	ok = err1 == nil && err2 == nil && err3 == nil && first >= 0 && first <= last &&
		(total < 0 || last < total)
	return first, last, total, ok
}

package fetch

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"

	"fieldshelf/app"
)

// Request is a catalogue fetch.
type Request struct {
	// URL is http, https or file:///abs/path (a plain absolute path works
	// too). Userinfo in it is used as the Basic credentials and stripped.
	URL string
	// Source is the URL of the catalogue the page belongs to; "" for a URL
	// the user gave. A page of a catalogue on the network is never a local
	// file, and one of a file: catalogue lies under its folder.
	Source string
	// Username and Password are HTTP Basic credentials, sent only to the
	// origin (scheme, host and port) of Source (of URL when Source is
	// empty): on the first request and on each redirect that stays there.
	// A redirect from https to http is refused.
	Username, Password string
	// ETag and LastModified are the validators of the previous fetch; they
	// become If-None-Match and If-Modified-Since.
	ETag, LastModified string
	// Accept defaults to the OPDS media types.
	Accept string
	// MaxBody caps the body; 0 means the client's MaxBody.
	MaxBody int64
}

// Response is a fetched catalogue page.
type Response struct {
	URL          string // final URL after redirects, without userinfo
	Status       int    // 200..299, or 304
	NotModified  bool   // 304: Body is nil, the previous copy is current
	Body         []byte
	ContentType  string
	ETag         string // the new validators; on a 304, those sent when the server omits them
	LastModified string
	Attempts     int // requests made, retries included
}

// Get fetches r.URL into memory. It retries 5xx (except 501), 429,
// timeouts and dropped connections; it returns a *StatusError for other
// statuses, and an error wrapping app.ErrTooLarge for a body over the cap.
// A cancelled ctx ends it at once with an error wrapping ctx.Err().
func (c *Client) Get(ctx context.Context, r Request) (*Response, error) {
	t, err := newTarget(r.URL, r.Source, r.Username, r.Password)
	if err != nil {
		return nil, err
	}
	if t.file != "" {
		return c.getFile(ctx, t, r)
	}
	var resp *Response
	n, err := c.retry(ctx, func(ctx context.Context) error {
		var err error
		resp, err = c.getOnce(ctx, t, r)
		return err
	})
	if err != nil {
		return nil, finalError(ctx, t.shown, n, err)
	}
	resp.Attempts = n
	return resp, nil
}

// getOnce makes one request.
func (c *Client) getOnce(ctx context.Context, t *target, r Request) (*Response, error) {
	a := c.begin(ctx)
	defer a.end()
	accept := r.Accept
	if accept == "" {
		accept = feedAccept
	}
	req, err := c.newRequest(a.ctx, t, accept, true)
	if err != nil {
		return nil, err
	}
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, transportFailure(a, t.shown, err)
	}
	defer resp.Body.Close()
	body := a.body(resp.Body)
	out := &Response{
		URL:          redact(resp.Request.URL),
		Status:       resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		out.ETag = firstNonEmpty(out.ETag, r.ETag)
		out.LastModified = firstNonEmpty(out.LastModified, r.LastModified)
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		drain(body)
		return nil, newStatusError(out.URL, resp)
	}
	out.Body, err = readCapped(body, resp.ContentLength, c.maxBody(r.MaxBody), t.shown)
	if err != nil {
		if _, ok := err.(*msgError); ok {
			return nil, err
		}
		return nil, transportFailure(a, t.shown, err)
	}
	return out, nil
}

func (c *Client) maxBody(n int64) int64 {
	if n > 0 {
		return n
	}
	return c.opts.MaxBody
}

// readCapped reads r whole, refusing more than limit bytes: at once when
// the announced length is over it, else as soon as the stream passes it.
func readCapped(r io.Reader, announced, limit int64, shown string) ([]byte, error) {
	if announced > limit {
		return nil, tooLarge(shown, limit)
	}
	var buf bytes.Buffer
	if announced > 0 {
		buf.Grow(int(announced) + bytes.MinRead)
	}
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if n > limit {
		return nil, tooLarge(shown, limit)
	}
	return buf.Bytes(), nil
}

func tooLarge(shown string, limit int64) error {
	return newErr(fmt.Sprintf("fetch: %s: response larger than %s", shown, capText(limit)), app.ErrTooLarge)
}

// drain reads a little of an unwanted body so that the connection can be
// reused; the rest is dropped with the connection.
func drain(r io.Reader) {
	_, _ = io.CopyN(io.Discard, r, 64<<10)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

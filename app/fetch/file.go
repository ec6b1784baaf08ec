package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path/filepath"

	"fieldshelf/app"
)

// getFile serves a file: URL: the body under the size cap, its mtime as
// Last-Modified and a synthetic ETag from mtime and size, and NotModified
// when the request carries the same validator.
func (c *Client) getFile(ctx context.Context, t *target, r Request) (*Response, error) {
	if err := ctx.Err(); err != nil {
		return nil, newErr(fmt.Sprintf("fetch: %s: %v", t.shown, err), err)
	}
	f, st, err := openLocal(t)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	resp := &Response{
		URL:          t.shown,
		Status:       http.StatusOK,
		LastModified: st.ModTime().UTC().Format(http.TimeFormat),
		ETag:         fmt.Sprintf(`"%x-%x"`, st.ModTime().UnixNano(), st.Size()),
		Attempts:     1,
	}
	if (r.ETag != "" && r.ETag == resp.ETag) || (r.ETag == "" && r.LastModified == resp.LastModified) {
		resp.Status, resp.NotModified = http.StatusNotModified, true
		return resp, nil
	}
	resp.Body, err = readCapped(f, st.Size(), c.maxBody(r.MaxBody), t.shown)
	if err != nil {
		if _, ok := err.(*msgError); ok {
			return nil, err
		}
		return nil, localError(t, err)
	}
	resp.ContentType = mime.TypeByExtension(filepath.Ext(t.file))
	if resp.ContentType == "" {
		resp.ContentType = http.DetectContentType(resp.Body)
	}
	return resp, nil
}

// openLocal opens a regular file for reading.
func openLocal(t *target) (*os.File, fs.FileInfo, error) {
	f, err := os.Open(t.file)
	if err != nil {
		return nil, nil, localError(t, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, localError(t, err)
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, newErr(fmt.Sprintf("fetch: %s: is a directory or special file, not a regular file", t.shown))
	}
	return f, st, nil
}

// localError words a file system error for users.
func localError(t *target, err error) error {
	var pe *fs.PathError
	cause := err
	if errors.As(err, &pe) {
		cause = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return newErr(fmt.Sprintf("fetch: %s: no such file", t.shown), err, app.ErrNotFound)
	case errors.Is(err, fs.ErrPermission):
		return newErr(fmt.Sprintf("fetch: %s: permission denied", t.shown), err)
	}
	return newErr(fmt.Sprintf("fetch: %s: %v", t.shown, cause), err)
}

// copyLocal is Download for a file: URL: a verified, hashed copy (no
// resume; a local copy is fast).
func (d *download) copyLocal(ctx context.Context) error {
	f, st, err := openLocal(d.t)
	if err != nil {
		return err
	}
	defer f.Close()
	d.res.Attempts = 1
	if d.p.off > 0 {
		if err := d.p.reset(); err != nil {
			return err
		}
	}
	d.p.meta.LastModified = st.ModTime().UTC().Format(http.TimeFormat)
	if err := d.checkSpace(st.Size()); err != nil {
		return err
	}
	s := &sink{d: d, total: st.Size()}
	_, err = io.CopyBuffer(s, ctxReader{ctx: ctx, r: f}, d.buf)
	switch {
	case s.err != nil:
		return s.err
	case ctx.Err() != nil:
		return newErr(fmt.Sprintf("fetch: %s: %v", d.t.shown, ctx.Err()), ctx.Err())
	case err != nil:
		return localError(d.t, err)
	case d.p.off != st.Size():
		return newErr(fmt.Sprintf("fetch: %s: the file changed while being copied", d.t.shown))
	}
	return d.finish()
}

// ctxReader stops reading once ctx ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

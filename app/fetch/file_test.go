package fetch_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/fetch"
)

func TestGetFileURL(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "catalog.xml")
	if err := os.WriteFile(path, feed, 0o644); err != nil {
		t.Fatal(err)
	}
	c, _ := newClient(t, fetch.Options{})
	ctx := context.Background()
	for _, u := range []string{"file://" + filepath.ToSlash(path), path, "file://localhost" + filepath.ToSlash(path)} {
		r, err := c.Get(ctx, fetch.Request{URL: u})
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if string(r.Body) != string(feed) || r.Status != 200 || r.LastModified == "" || r.ETag == "" || r.URL != "file://"+filepath.ToSlash(path) {
			t.Fatalf("%s: %+v", u, r)
		}
		if !strings.Contains(r.ContentType, "xml") {
			t.Fatalf("content type %q", r.ContentType)
		}
		nm, err := c.Get(ctx, fetch.Request{URL: u, LastModified: r.LastModified})
		if err != nil || !nm.NotModified || nm.Body != nil || nm.Status != 304 {
			t.Fatalf("by Last-Modified: %v %+v", err, nm)
		}
		nm, err = c.Get(ctx, fetch.Request{URL: u, ETag: r.ETag, LastModified: r.LastModified})
		if err != nil || !nm.NotModified {
			t.Fatalf("by ETag: %v %+v", err, nm)
		}
		ch, err := c.Get(ctx, fetch.Request{URL: u, ETag: `"old"`, LastModified: r.LastModified})
		if err != nil || ch.NotModified {
			t.Fatalf("a changed ETag must refetch: %v %+v", err, ch)
		}
	}
}

func TestGetFileErrors(t *testing.T) {
	dir := t.TempDir()
	c, _ := newClient(t, fetch.Options{MaxBody: 10})
	ctx := context.Background()

	_, err := c.Get(ctx, fetch.Request{URL: "file://" + filepath.ToSlash(dir)})
	if err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Fatalf("directory: %v", err)
	}
	missing := filepath.Join(dir, "missing.xml")
	_, err = c.Get(ctx, fetch.Request{URL: missing})
	if !errors.Is(err, fs.ErrNotExist) || !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("missing: %v", err)
	}
	if want := "fetch: file://" + filepath.ToSlash(missing) + ": no such file"; err.Error() != want {
		t.Fatalf("missing: %q, want %q", err, want)
	}
	big := filepath.Join(dir, "big.xml")
	if err := os.WriteFile(big, feed, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err = c.Get(ctx, fetch.Request{URL: big}); !errors.Is(err, app.ErrTooLarge) {
		t.Fatalf("cap: %v", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err = c.Get(cctx, fetch.Request{URL: big}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}

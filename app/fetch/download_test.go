package fetch_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/fetch"
	"fieldshelf/app/fetch/fetchtest"
)

const docSize = 1 << 20

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func destIn(t *testing.T) string { return filepath.Join(t.TempDir(), "doc-42.pdf") }

// checkDone asserts a completed download: the file holds want, the result
// describes it and nothing is left beside it.
func checkDone(t *testing.T, res *fetch.DownloadResult, dest string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(dest)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("file differs from the served bytes (%d vs %d bytes)", len(got), len(want))
	}
	if res.Path != dest || res.Size != int64(len(want)) || res.SHA256 != sha(want) {
		t.Fatalf("result %+v, want size %d sha %s", res, len(want), sha(want))
	}
	checkNoPart(t, dest)
}

func checkNoPart(t *testing.T, dest string) {
	t.Helper()
	for _, name := range []string{dest + ".part", dest + ".part.json", dest + ".part.json.tmp"} {
		if _, err := os.Stat(name); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%s left behind (%v)", filepath.Base(name), err)
		}
	}
}

func checkNoDest(t *testing.T, dest string) {
	t.Helper()
	if _, err := os.Stat(dest); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("unverified file at Dest (%v)", err)
	}
}

func TestDownload(t *testing.T) {
	body := fetchtest.PDFBytes(docSize, 1)
	srv := newServer(t, body)
	c, _ := newClient(t, fetch.Options{})
	dest := destIn(t)
	var calls int
	var last [2]int64
	res, err := c.Download(context.Background(), fetch.DownloadRequest{
		URL: srv.URL + "/doc.pdf", Dest: dest, ExpectSize: docSize,
		Progress: func(done, total int64) { calls++; last = [2]int64{done, total} },
	})
	if err != nil {
		t.Fatal(err)
	}
	checkDone(t, res, dest, body)
	doc := fetchtest.BytesDoc(body)
	if res.Attempts != 1 || res.BytesFetched != docSize || res.Resumed || res.ETag != doc.ETag || res.LastModified == "" {
		t.Fatalf("result %+v", res)
	}
	if calls == 0 || last != [2]int64{docSize, docSize} {
		t.Fatalf("progress: %d calls, last %v", calls, last)
	}
	rec := srv.Requests()[0]
	if rec.AcceptEncoding != "identity" || rec.Range != "" || !strings.Contains(rec.Accept, "application/pdf") {
		t.Fatalf("request %+v", rec)
	}
	if st, _ := os.Stat(dest); st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", st.Mode())
	}
}

func TestDownloadResumesAfterDrops(t *testing.T) {
	body := fetchtest.PDFBytes(docSize, 2)
	srv := newServer(t, body)
	srv.Queue(fetchtest.Fault{DropAfter: 100_000}, fetchtest.Fault{DropAfter: 150_000}, fetchtest.Fault{DropAfter: 1})
	c, _ := newClient(t, fetch.Options{})
	dest := destIn(t)
	res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	checkDone(t, res, dest, body)
	if res.Attempts != 4 || !res.Resumed || res.BytesFetched != docSize || srv.BytesSent() != docSize {
		t.Fatalf("result %+v, server sent %d", res, srv.BytesSent())
	}
	etag := fetchtest.BytesDoc(body).ETag
	for i, want := range []string{"", "bytes=100000-", "bytes=250000-", "bytes=250001-"} {
		rec := srv.Requests()[i]
		if rec.Range != want || (want != "" && rec.IfRange != etag) {
			t.Fatalf("request %d: Range %q If-Range %q, want %q %q", i, rec.Range, rec.IfRange, want, etag)
		}
	}
}

func TestDownloadGivesUpAfterRetries(t *testing.T) {
	body := fetchtest.PDFBytes(docSize, 3)
	srv := newServer(t, body)
	srv.SetDefault(fetchtest.Fault{DropAfter: 1000})
	c, _ := newClient(t, fetch.Options{Retries: 2})
	dest := destIn(t)
	_, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
	want := "fetch: GET " + srv.URL + "/doc.pdf: connection dropped: unexpected EOF (after 3 attempts)"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	checkNoDest(t, dest)
	part, _ := os.ReadFile(dest + ".part")
	if len(part) != 3000 || !bytes.Equal(part, body[:3000]) {
		t.Fatalf(".part holds %d bytes, want the first 3000", len(part))
	}
}

func TestDownloadServerErrorsThenSuccess(t *testing.T) {
	body := fetchtest.PDFBytes(docSize, 4)
	srv := newServer(t, body)
	srv.Queue(fetchtest.Fault{Status: 500}, fetchtest.Fault{Status: 503, RetryAfter: "1"})
	c, sl := newClient(t, fetch.Options{Backoff: time.Millisecond})
	dest := destIn(t)
	res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	checkDone(t, res, dest, body)
	if d := sl.all(); res.Attempts != 3 || len(d) != 2 || d[1] != time.Second {
		t.Fatalf("attempts %d, waits %v", res.Attempts, d)
	}
}

func TestDownloadNotFound(t *testing.T) {
	srv := newServer(t, fetchtest.PDFBytes(1000, 5))
	srv.SetDefault(fetchtest.Fault{Status: 404})
	c, _ := newClient(t, fetch.Options{})
	dest := destIn(t)
	_, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
	var se *fetch.StatusError
	if !errors.As(err, &se) || se.Status != 404 || srv.Hits() != 1 {
		t.Fatalf("err = %v", err)
	}
	checkNoDest(t, dest)
	checkNoPart(t, dest)
}

func TestDownloadWrongContentLength(t *testing.T) {
	body := fetchtest.PDFBytes(docSize, 6)
	t.Run("once", func(t *testing.T) {
		srv := newServer(t, body)
		srv.Queue(fetchtest.Fault{ContentLength: docSize + 1000})
		c, _ := newClient(t, fetch.Options{})
		dest := destIn(t)
		res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
		if err != nil {
			t.Fatal(err)
		}
		checkDone(t, res, dest, body)
		var statuses []int
		for _, r := range srv.Requests() {
			statuses = append(statuses, r.Status)
		}
		// Short body, resume past the real end (416), start over once.
		if want := []int{200, 416, 200}; !equalInts(statuses, want) {
			t.Fatalf("statuses %v, want %v", statuses, want)
		}
	})
	t.Run("always", func(t *testing.T) {
		srv := newServer(t, body)
		srv.SetDefault(fetchtest.Fault{ContentLength: docSize + 1000})
		c, _ := newClient(t, fetch.Options{})
		dest := destIn(t)
		_, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
		if err == nil {
			t.Fatal("a server that always lies must fail the download")
		}
		checkNoDest(t, dest)
	})
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestDownloadLongerThanAnnounced(t *testing.T) {
	body := fetchtest.PDFBytes(docSize, 7)
	srv := newServer(t, body)
	srv.Queue(fetchtest.Fault{DropAfter: 5000}, fetchtest.Fault{Extra: 100})
	c, _ := newClient(t, fetch.Options{})
	dest := destIn(t)
	_, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
	want := "fetch: " + srv.URL + "/doc.pdf: the server sent more than the 1048576 bytes it announced"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	checkNoDest(t, dest)
	checkNoPart(t, dest)
}

func TestDownloadRangeIgnored(t *testing.T) {
	body := fetchtest.PDFBytes(docSize, 8)
	srv := newServer(t, body)
	srv.Queue(fetchtest.Fault{DropAfter: 300_000}, fetchtest.Fault{IgnoreRange: true})
	c, _ := newClient(t, fetch.Options{})
	dest := destIn(t)
	res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	checkDone(t, res, dest, body)
	recs := srv.Requests()
	if len(recs) != 2 || recs[1].Range == "" || recs[1].Status != 200 || res.Resumed || res.BytesFetched != 300_000+docSize {
		t.Fatalf("requests %+v, result %+v", recs, res)
	}
}

func TestDownloadETagChanged(t *testing.T) {
	v1, v2 := fetchtest.PDFBytes(docSize, 9), fetchtest.PDFBytes(docSize+77, 10)
	for _, tc := range []struct {
		name     string
		second   fetchtest.Fault
		statuses []int
	}{
		{"If-Range honoured", fetchtest.Fault{}, []int{200, 200}},
		{"If-Range ignored", fetchtest.Fault{IgnoreIfRange: true}, []int{200, 206, 200}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, v1)
			srv.Queue(fetchtest.Fault{DropAfter: 200_000}, tc.second)
			// The new version is published while the client waits to retry.
			c, _ := newClient(t, fetch.Options{Sleep: func(context.Context, time.Duration) error {
				srv.SetDoc(fetchtest.BytesDoc(v2))
				return nil
			}})
			dest := destIn(t)
			res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
			if err != nil {
				t.Fatal(err)
			}
			checkDone(t, res, dest, v2)
			var statuses []int
			for _, r := range srv.Requests() {
				statuses = append(statuses, r.Status)
			}
			if !equalInts(statuses, tc.statuses) || res.ETag != fetchtest.BytesDoc(v2).ETag {
				t.Fatalf("statuses %v, want %v; ETag %s", statuses, tc.statuses, res.ETag)
			}
		})
	}
}

func TestDownloadRefusesHTML(t *testing.T) {
	login := []byte("\n  <!DOCTYPE html><html><body>Sign in</body></html>")
	for _, tc := range []struct {
		name  string
		srv   func(t *testing.T) *fetchtest.Server
		wantT string
	}{
		{"text/html login page", func(t *testing.T) *fetchtest.Server {
			s := newServer(t, fetchtest.PDFBytes(docSize, 11))
			s.SetDefault(fetchtest.Fault{HTML: true})
			return s
		}, "sent an HTML page, not a PDF (a login or error page?)"},
		{"HTML labelled as PDF", func(t *testing.T) *fetchtest.Server {
			return newServer(t, login)
		}, "sent an HTML page, not a PDF (a login or error page?)"},
		{"binary junk", func(t *testing.T) *fetchtest.Server {
			return newServer(t, bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 1000))
		}, "sent a file that is not a PDF (no %PDF- signature)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := tc.srv(t)
			c, _ := newClient(t, fetch.Options{})
			dest := destIn(t)
			_, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
			if want := "fetch: " + srv.URL + "/doc.pdf " + tc.wantT; err == nil || err.Error() != want {
				t.Fatalf("err = %v, want %q", err, want)
			}
			if !errors.Is(err, app.ErrNotPDF) || srv.Hits() != 1 {
				t.Fatalf("err %v, %d hits", err, srv.Hits())
			}
			checkNoDest(t, dest)
			checkNoPart(t, dest)
		})
	}
}

func TestDownloadPDFSentAsHTMLIsAccepted(t *testing.T) {
	body := fetchtest.PDFBytes(5000, 12)
	doc := fetchtest.BytesDoc(body)
	doc.ContentType = "text/html"
	srv := fetchtest.New(doc)
	t.Cleanup(srv.Close)
	c, _ := newClient(t, fetch.Options{})
	dest := destIn(t)
	res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	checkDone(t, res, dest, body)
}

func TestDownloadSmallFilesAndCustomVerify(t *testing.T) {
	small := append([]byte("junk before the header\n"), fetchtest.PDFBytes(600, 13)...)
	png := bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 100)
	c, _ := newClient(t, fetch.Options{})
	for _, tc := range []struct {
		body   []byte
		verify func([]byte) error
	}{
		{small, nil},
		{png, func([]byte) error { return nil }},
	} {
		srv := newServer(t, tc.body)
		dest := destIn(t)
		res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL, Dest: dest, Verify: tc.verify})
		if err != nil {
			t.Fatal(err)
		}
		checkDone(t, res, dest, tc.body)
	}
	srv := newServer(t, png)
	dest := destIn(t)
	_, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL, Dest: dest,
		Verify: func(h []byte) error { return errors.New("not an EPUB") }})
	if err == nil || err.Error() != "fetch: "+srv.URL+": refused: not an EPUB" {
		t.Fatalf("err = %v", err)
	}
	checkNoPart(t, dest)
}

func TestDownloadReplacesExistingDest(t *testing.T) {
	body := fetchtest.PDFBytes(docSize, 14)
	srv := newServer(t, body)
	c, _ := newClient(t, fetch.Options{})
	dest := destIn(t)
	if err := os.WriteFile(dest, []byte("%PDF-old"), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	checkDone(t, res, dest, body)
}

func TestDownloadFileURL(t *testing.T) {
	dir := t.TempDir()
	body := fetchtest.PDFBytes(docSize, 15)
	src := filepath.Join(dir, "source.pdf")
	if err := os.WriteFile(src, body, 0o644); err != nil {
		t.Fatal(err)
	}
	c, _ := newClient(t, fetch.Options{})
	dest := filepath.Join(dir, "cache.pdf")
	res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: "file://" + filepath.ToSlash(src), Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	checkDone(t, res, dest, body)
	if res.Attempts != 1 || res.LastModified == "" {
		t.Fatalf("result %+v", res)
	}
	html := filepath.Join(dir, "login.pdf")
	if err := os.WriteFile(html, []byte("<html>sign in</html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Download(context.Background(), fetch.DownloadRequest{URL: html, Dest: dest + "2"}); !errors.Is(err, app.ErrNotPDF) {
		t.Fatalf("err = %v", err)
	}
	checkNoPart(t, dest+"2")
}

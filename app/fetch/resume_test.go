package fetch_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/fetch"
	"fieldshelf/app/fetch/fetchtest"
)

type sidecarFile struct {
	URL          string `json:"url"`
	ETag         string `json:"etag"`
	LastModified string `json:"last_modified"`
	Total        int64  `json:"total"`
	Done         int64  `json:"done"`
}

func readSidecar(t *testing.T, dest string) sidecarFile {
	t.Helper()
	b, err := os.ReadFile(dest + ".part.json")
	if err != nil {
		t.Fatal(err)
	}
	var s sidecarFile
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// interrupt runs a download that the server stalls after cut bytes and
// that the caller cancels then, as Ctrl-C would; it leaves dest.part.
func interrupt(t *testing.T, srv *fetchtest.Server, dest string, cut int64) {
	t.Helper()
	srv.Queue(fetchtest.Fault{DropAfter: cut, Stall: true})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, _ := newClient(t, fetch.Options{})
	_, err := c.Download(ctx, fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest,
		Progress: func(done, total int64) {
			if done == cut {
				cancel()
			}
		}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted download: %v", err)
	}
	checkNoDest(t, dest)
}

func TestDownloadResumesAcrossRestart(t *testing.T) {
	body := fetchtest.PDFBytes(docSize, 20)
	srv := newServer(t, body)
	dest := destIn(t)
	const cut = 400_000
	interrupt(t, srv, dest, cut)
	part, _ := os.ReadFile(dest + ".part")
	sc := readSidecar(t, dest)
	etag := fetchtest.BytesDoc(body).ETag
	if !bytes.Equal(part, body[:cut]) || sc.Done != cut || sc.ETag != etag || sc.Total != docSize || sc.URL != srv.URL+"/doc.pdf" {
		t.Fatalf(".part %d bytes, sidecar %+v", len(part), sc)
	}

	c2, _ := newClient(t, fetch.Options{}) // a new process
	res, err := c2.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	checkDone(t, res, dest, body)
	rec := srv.Requests()[1]
	if rec.Range != "bytes=400000-" || rec.IfRange != etag || rec.Status != 206 || rec.BytesSent != docSize-cut {
		t.Fatalf("resume request %+v", rec)
	}
	if !res.Resumed || res.BytesFetched != docSize-cut || res.Attempts != 1 {
		t.Fatalf("result %+v", res)
	}
}

func TestDownloadRestartWhenFileChangedBetweenRuns(t *testing.T) {
	v1, v2 := fetchtest.PDFBytes(docSize, 21), fetchtest.PDFBytes(docSize, 22)
	srv := newServer(t, v1)
	dest := destIn(t)
	interrupt(t, srv, dest, 300_000)
	srv.SetDoc(fetchtest.BytesDoc(v2))
	c, _ := newClient(t, fetch.Options{})
	res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	checkDone(t, res, dest, v2)
	if rec := srv.Requests()[1]; rec.Range == "" || rec.Status != 200 || res.Resumed {
		t.Fatalf("request %+v result %+v", rec, res)
	}
}

func TestDownloadResumeDiscardsUnsyncedTail(t *testing.T) {
	body := fetchtest.PDFBytes(docSize, 23)
	srv := newServer(t, body)
	dest := destIn(t)
	interrupt(t, srv, dest, 300_000)
	// As after a power cut: bytes past the synced checkpoint, maybe garbage.
	f, err := os.OpenFile(dest+".part", os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(bytes.Repeat([]byte{0}, 5000))
	f.Close()
	c, _ := newClient(t, fetch.Options{})
	res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	checkDone(t, res, dest, body)
	if rec := srv.Requests()[1]; rec.Range != "bytes=300000-" {
		t.Fatalf("resumed with %q", rec.Range)
	}
}

func TestDownloadPartWithoutSidecarStartsOver(t *testing.T) {
	body := fetchtest.PDFBytes(docSize, 24)
	srv := newServer(t, body)
	dest := destIn(t)
	if err := os.WriteFile(dest+".part", []byte("%PDF-stale bytes of something else"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, _ := newClient(t, fetch.Options{})
	res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	checkDone(t, res, dest, body)
	if srv.Requests()[0].Range != "" {
		t.Fatal("resumed without a sidecar")
	}
}

func TestDownloadStallThenResume(t *testing.T) {
	body := fetchtest.PDFBytes(docSize, 25)
	srv := newServer(t, body)
	srv.Queue(fetchtest.Fault{DropAfter: 100_000, Stall: true})
	c, _ := newClient(t, fetch.Options{ReadTimeout: 200 * time.Millisecond})
	dest := destIn(t)
	start := time.Now()
	res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	checkDone(t, res, dest, body)
	if res.Attempts != 2 || res.BytesFetched != docSize || time.Since(start) > 3*time.Second {
		t.Fatalf("result %+v after %v", res, time.Since(start))
	}
}

func TestDownloadStalledServerFails(t *testing.T) {
	body := fetchtest.PDFBytes(docSize, 26)
	srv := newServer(t, body)
	srv.SetDefault(fetchtest.Fault{DropAfter: 2000, Stall: true})
	c, _ := newClient(t, fetch.Options{ReadTimeout: 200 * time.Millisecond, Retries: 1})
	dest := destIn(t)
	_, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
	want := "fetch: GET " + srv.URL + "/doc.pdf: no data for 200ms (server stalled) (after 2 attempts)"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	checkNoDest(t, dest)
	if sc := readSidecar(t, dest); sc.Done != 4000 {
		t.Fatalf("sidecar %+v, want 4000 bytes kept for a resume", sc)
	}
}

func TestDownloadRefusesWithoutFreeSpace(t *testing.T) {
	srv := newServer(t, fetchtest.PDFBytes(1000, 27))
	c, _ := newClient(t, fetch.Options{})
	dest := destIn(t)
	_, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL, Dest: dest, ExpectSize: 1 << 60})
	if !errors.Is(err, app.ErrNoSpace) || !strings.HasPrefix(err.Error(), "fetch: "+dest+": not enough space: need 1.3 EB, have ") {
		t.Fatalf("err = %v", err)
	}
	if srv.Hits() != 0 {
		t.Fatal("the server was asked anyway")
	}
	checkNoPart(t, dest)
	if free, err := fetch.FreeSpace(t.TempDir()); err != nil || free <= 0 {
		t.Fatalf("FreeSpace = %d, %v", free, err)
	}
}

func TestDownloadDiskFull(t *testing.T) {
	body := fetchtest.PDFBytes(docSize, 28)
	srv := newServer(t, body)
	c, _ := newClient(t, fetch.Options{})
	const limit = 300_000
	fetch.SetWriteFault(c, limit, syscall.ENOSPC)
	dest := destIn(t)
	_, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
	if want := "fetch: writing " + dest + ": no space left on device"; err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	if !errors.Is(err, syscall.ENOSPC) || !errors.Is(err, app.ErrNoSpace) || srv.Hits() != 1 {
		t.Fatalf("err = %v (hits %d)", err, srv.Hits())
	}
	checkNoDest(t, dest)
	part, _ := os.ReadFile(dest + ".part")
	sc := readSidecar(t, dest)
	if len(part) == 0 || len(part) > limit || !bytes.Equal(part, body[:len(part)]) || sc.Done != int64(len(part)) {
		t.Fatalf(".part %d bytes (limit %d), sidecar %+v", len(part), limit, sc)
	}

	fetch.SetWriteFault(c, -1, nil) // space freed: the next run resumes
	res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	checkDone(t, res, dest, body)
	if !res.Resumed || res.BytesFetched != docSize-int64(len(part)) {
		t.Fatalf("result %+v", res)
	}
}

func TestDownloadSameDestTwice(t *testing.T) {
	srv := newServer(t, fetchtest.PDFBytes(docSize, 29))
	arrived := make(chan struct{})
	srv.Queue(fetchtest.Fault{DropAfter: 10, Stall: true, Notify: arrived})
	c, _ := newClient(t, fetch.Options{})
	dest := destIn(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		_, err := c.Download(ctx, fetch.DownloadRequest{URL: srv.URL, Dest: dest})
		done <- err
	}()
	<-arrived
	_, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL, Dest: dest})
	if err == nil || !strings.Contains(err.Error(), "already being downloaded") {
		t.Fatalf("err = %v", err)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("first download: %v", err)
	}
}

func TestDownloadCredentialsNotLeaked(t *testing.T) {
	const pw = "s3cret-pw"
	srv := newServer(t, []byte("<html>login</html>"))
	srv.RequireAuth("ann", pw)
	c, _ := newClient(t, fetch.Options{})
	dest := destIn(t)
	for _, r := range []fetch.DownloadRequest{
		{URL: strings.Replace(srv.URL, "http://", "http://ann:"+pw+"@", 1) + "/doc.pdf", Dest: dest},
		{URL: srv.URL + "/doc.pdf", Username: "ann", Password: "wrong-" + pw, Dest: dest},
	} {
		_, err := c.Download(context.Background(), r)
		if err == nil || strings.Contains(err.Error(), pw) {
			t.Fatalf("err = %v", err)
		}
		if b, _ := os.ReadFile(dest + ".part.json"); bytes.Contains(b, []byte(pw)) {
			t.Fatal("password written to the sidecar")
		}
	}
	if !srv.Requests()[0].HasAuth || srv.Requests()[0].User != "ann" {
		t.Fatal("userinfo not used as credentials")
	}
}

// TestDownloadResumesAfterCrash resumes from the files as a killed process
// leaves them: no final flush, only the background checkpoints.
func TestDownloadResumesAfterCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("moves 40 MiB")
	}
	const size, cut = 40 << 20, 36 << 20
	stream := fetchtest.NewPDFStream(size, 31)
	srv := fetchtest.New(stream.Doc())
	t.Cleanup(srv.Close)
	srv.Queue(fetchtest.Fault{DropAfter: cut, Stall: true})
	dir := t.TempDir()
	dest, crashed := dir+"/doc.pdf", dir+"/crashed.pdf"
	ctx, cancel := context.WithCancel(context.Background())
	c, _ := newClient(t, fetch.Options{})
	_, _ = c.Download(ctx, fetch.DownloadRequest{URL: srv.URL, Dest: dest, Progress: func(done, total int64) {
		if done == cut { // snapshot what a kill -9 would leave, then stop
			copyFile(t, dest+".part", crashed+".part")
			copyFile(t, dest+".part.json", crashed+".part.json")
			cancel()
		}
	}})
	sc := readSidecar(t, crashed)
	if sc.Done < 16<<20 || sc.Done > cut {
		t.Fatalf("checkpoint at %d bytes, want 16 MiB or more", sc.Done)
	}
	res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL, Dest: crashed})
	if err != nil {
		t.Fatal(err)
	}
	if res.SHA256 != stream.SHA256() || res.BytesFetched != size-sc.Done || !res.Resumed {
		t.Fatalf("result %+v, checkpoint %d", res, sc.Done)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestDownloadCaptivePortalKeepsPart(t *testing.T) {
	body := fetchtest.PDFBytes(docSize, 32)
	srv := newServer(t, body)
	dest := destIn(t)
	interrupt(t, srv, dest, 300_000)
	srv.Queue(fetchtest.Fault{HTML: true}) // the network now shows a sign-in page
	c, _ := newClient(t, fetch.Options{})
	_, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
	if !errors.Is(err, app.ErrNotPDF) || !strings.Contains(err.Error(), "sent an HTML page") {
		t.Fatalf("err = %v", err)
	}
	if sc := readSidecar(t, dest); sc.Done != 300_000 {
		t.Fatalf("partial download lost: %+v", sc)
	}
	res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	checkDone(t, res, dest, body)
	if res.BytesFetched != docSize-300_000 {
		t.Fatalf("result %+v", res)
	}
}

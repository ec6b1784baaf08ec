package main_test

import (
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	// throttleChunk and throttlePause slow a served file down to some
	// 25 MiB/s, so that a test can act while it downloads.
	throttleChunk = 256 << 10
	throttlePause = 10 * time.Millisecond

	// checkpointSpan is how far a download can get beyond its last
	// checkpoint: after a crash, a resume trusts only the bytes a checkpoint
	// synced to disk, and the fetch client makes one every 16 MiB (or 5 s).
	// 1 MiB more covers the bytes written while a checkpoint syncs.
	checkpointSpan = 16<<20 + 1<<20
)

// bigShelf serves the test catalogue plus one large publication and syncs
// it into a new data directory. It returns the document's id, the file's
// path on the server and its bytes.
func bigShelf(t *testing.T, size int) (*cli, *server, string, string, []byte) {
	t.Helper()
	c := newCLI(t)
	srv := newServer(t)
	sh := newShelf(srv)
	const path = "/files/atlas.pdf"
	sh.entries = append(sh.entries, entry{id: "urn:test:atlas", title: "Atlas of recruitment routes",
		publisher: "Routes Observatory", year: 2025, types: []string{"Atlas"}, pdf: path})
	big := pdfBytes(uint64(size), size)
	sh.setFile(path, big)
	sh.publish()
	c.syncOK(c.addSource(srv.url(feedPath)))
	return c, srv, c.docID("urn:test:atlas"), path, big
}

// partSize returns the size of the one unfinished download in the cache.
func (c *cli) partSize() int64 {
	c.t.Helper()
	parts := c.cacheFiles("*.part")
	if len(parts) != 1 {
		c.t.Fatalf("got unfinished downloads %v, want one .part file", parts)
	}
	fi, err := os.Stat(parts[0])
	if err != nil {
		c.t.Fatal(err)
	}
	return fi.Size()
}

var rangeStart = regexp.MustCompile(`^bytes=(\d+)-$`)

// checkResumed checks the requests of a download that resumed a .part: one
// request, for the rest of the file, with the file's ETag as If-Range,
// answered 206. It returns the first byte asked for and the bytes sent.
func checkResumed(t *testing.T, reqs []*request, size int, etag string) (int64, int64) {
	t.Helper()
	if len(reqs) != 1 {
		t.Fatalf("got %d requests for the file from the second run, want 1", len(reqs))
	}
	r := reqs[0]
	m := rangeStart.FindStringSubmatch(r.rangeHeader)
	if m == nil {
		t.Fatalf("got Range %q from the second run, want bytes=N-", r.rangeHeader)
	}
	start, _ := strconv.ParseInt(m[1], 10, 64)
	if start <= 0 || start >= int64(size) {
		t.Fatalf("got a second run from byte %d, want a resume inside the file (1..%d)", start, size-1)
	}
	if r.ifRange != etag || r.status.Load() != 206 {
		t.Errorf("got If-Range %q answered %d, want %q answered 206", r.ifRange, r.status.Load(), etag)
	}
	if sent := r.sent.Load(); sent != int64(size)-start {
		t.Errorf("got %d bytes sent for a range from %d, want %d", sent, start, int64(size)-start)
	}
	return start, r.sent.Load()
}

// TestDownloadResumesAfterKill kills a download with SIGKILL well into a
// 64 MiB file; the next run resumes it with a range request and ends with
// the exact file.
func TestDownloadResumesAfterKill(t *testing.T) {
	t.Parallel()
	const size = 64 << 20
	c, srv, id, path, big := bigShelf(t, size)
	// Throttled, and held at 24 MiB so that the download cannot end before
	// the kill.
	srv.throttle(path, throttleChunk, throttlePause, 24<<20)
	base := c.storage()

	p := c.start("download", id)
	waitFor(t, time.Minute, "16 MiB sent and a checkpoint of the download", func() bool {
		if p.exited() {
			t.Fatalf("the download ended before the kill\nstderr:\n%s", p.stderr)
		}
		return srv.sent(path) >= 16<<20 && len(c.cacheFiles("*.part.json")) > 0
	})
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	if r := p.wait(t, 30*time.Second); r.code == 0 {
		t.Fatalf("got exit 0 from a killed download\n%s", r)
	}
	partAtKill := c.partSize()
	run1 := len(srv.requests(path))
	sentRun1 := srv.sent(path)

	// A killed download is never offline, and its .part is accounted for.
	c.checkNotOffline(id)
	if st := c.storage(); st["partial"] != float64(partAtKill) || st["total"] != base["total"] {
		t.Errorf("got storage partial %v, total %v; want %d, %v", st["partial"], st["total"], partAtKill, base["total"])
	}
	var offline []map[string]any
	c.okJSON(&offline, "ls", "--offline", "--json")
	if ids := entryIDs(testDocs(offline)); len(ids) != 0 {
		t.Errorf("got %v offline after the kill, want none", ids)
	}

	srv.throttle(path, 0, 0, 0)
	if out := c.downloadOK(id); out != downloaded(1, 1, 0) {
		t.Errorf("got %q, want %q", out, downloaded(1, 1, 0))
	}
	start, sentRun2 := checkResumed(t, srv.requests(path)[run1:], size, etagOf(big))
	t.Logf("killed with %.1f MiB sent, %.1f MiB in the .part; resumed from %.1f MiB; %.1f MiB sent again",
		float64(sentRun1)/(1<<20), float64(partAtKill)/(1<<20), float64(start)/(1<<20), float64(sentRun2)/(1<<20))
	if start > partAtKill {
		t.Errorf("got a resume from byte %d, beyond the %d bytes of the .part", start, partAtKill)
	}
	if sentRun2 > size-partAtKill+checkpointSpan {
		t.Errorf("got %d bytes sent by the second run, want at most %d: the size less the .part at the kill "+
			"(%d), plus the span of one checkpoint", sentRun2, size-partAtKill+checkpointSpan, partAtKill)
	}
	c.checkOffline(id, big)
	if left := c.cacheFiles("*.part*"); len(left) != 0 {
		t.Errorf("got %v left in the cache after the resumed download", left)
	}
}

// TestDownloadInterrupted sends SIGINT to a download, as Ctrl-C does: it
// stops soon with a one-line reason, keeps the .part, and the next run
// resumes exactly where it stopped.
func TestDownloadInterrupted(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT to send on Windows")
	}
	const size, held = 8 << 20, 3 << 20
	c, srv, id, path, big := bigShelf(t, size)
	srv.throttle(path, throttleChunk, throttlePause, held)

	p := c.start("download", id)
	waitFor(t, time.Minute, "the first 3 MiB in the .part", func() bool {
		if p.exited() {
			t.Fatalf("the download ended before the interrupt\nstderr:\n%s", p.stderr)
		}
		parts := c.cacheFiles("*.part")
		if len(parts) != 1 {
			return false
		}
		fi, err := os.Stat(parts[0])
		return err == nil && fi.Size() == held
	})
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	r := p.wait(t, 5*time.Second)
	reason := checkFailureAfterProgress(t, r)
	if !strings.Contains(reason, "cancelled") || !strings.Contains(reason, "again to resume") {
		t.Errorf("got %q, want a reason saying the download was cancelled and can be resumed", reason)
	}
	if got := c.partSize(); got != held {
		t.Errorf("got a .part of %d bytes after the interrupt, want the %d received", got, held)
	}
	c.checkNotOffline(id)
	run1 := len(srv.requests(path))

	srv.throttle(path, 0, 0, 0)
	if out := c.downloadOK(id); out != downloaded(1, 1, 0) {
		t.Errorf("got %q, want %q", out, downloaded(1, 1, 0))
	}
	// A clean stop records every byte received: the resume starts there.
	if start, _ := checkResumed(t, srv.requests(path)[run1:], size, etagOf(big)); start != held {
		t.Errorf("got a resume from byte %d, want %d, the end of the .part", start, held)
	}
	c.checkOffline(id, big)
}

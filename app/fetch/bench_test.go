package fetch_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"fieldshelf/app/fetch"
	"fieldshelf/app/fetch/fetchtest"
)

const benchSize = 200 << 20

// BenchmarkDownload200MB downloads a 200 MiB generated PDF from a loopback
// server (the bytes are computed on the fly, never held in memory):
//
//   - fieldshelf: Client.Download (SHA-256, verification, background
//     checkpoints, final fsync and rename);
//   - baseline: plain http.Get and io.Copy to a file;
//   - baseline-fsync: the same plus one fsync, the disk cost any durable
//     download pays.
func BenchmarkDownload200MB(b *testing.B) {
	stream := fetchtest.NewPDFStream(benchSize, 42)
	srv := fetchtest.New(stream.Doc())
	defer srv.Close()
	b.Run("fieldshelf", func(b *testing.B) { benchDownload(b, srv.URL+"/doc.pdf", stream) })
	b.Run("baseline", func(b *testing.B) { benchRawCopy(b, srv.URL+"/doc.pdf", false) })
	b.Run("baseline-fsync", func(b *testing.B) { benchRawCopy(b, srv.URL+"/doc.pdf", true) })
}

func benchDownload(b *testing.B, url string, stream *fetchtest.PDFStream) {
	c := fetch.New(fetch.Options{})
	defer c.CloseIdleConnections()
	dest := filepath.Join(b.TempDir(), "doc.pdf")
	b.SetBytes(benchSize)
	b.ReportAllocs()
	resetPeakRSS()
	var res *fetch.DownloadResult
	for b.Loop() {
		var err error
		res, err = c.Download(context.Background(), fetch.DownloadRequest{URL: url, Dest: dest})
		if err != nil {
			b.Fatal(err)
		}
		os.Remove(dest)
	}
	reportPeakRSS(b)
	if res.Size != benchSize || res.SHA256 != stream.SHA256() {
		b.Fatalf("download differs: %+v", res)
	}
}

func benchRawCopy(b *testing.B, url string, sync bool) {
	dest := filepath.Join(b.TempDir(), "doc.pdf")
	b.SetBytes(benchSize)
	b.ReportAllocs()
	resetPeakRSS()
	for b.Loop() {
		resp, err := http.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		f, err := os.Create(dest)
		if err != nil {
			b.Fatal(err)
		}
		n, err := io.Copy(f, resp.Body)
		resp.Body.Close()
		if err == nil && sync {
			err = f.Sync()
		}
		f.Close()
		if err != nil || n != benchSize {
			b.Fatalf("copied %d: %v", n, err)
		}
		os.Remove(dest)
	}
	reportPeakRSS(b)
}

// resetPeakRSS resets the kernel's high-water mark of this process's
// resident memory (Linux; elsewhere a no-op).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// reportPeakRSS reports VmHWM, the peak resident memory since the reset.
func reportPeakRSS(b *testing.B) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			b.ReportMetric(kb/1024, "peak-RSS-MiB")
		}
	}
}

// TestDownloadMemoryIsFlat checks that a download's memory does not grow
// with the file: 64 MiB go through well under 64 MiB of allocations.
func TestDownloadMemoryIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("moves 64 MiB")
	}
	const size = 64 << 20
	stream := fetchtest.NewPDFStream(size, 7)
	srv := fetchtest.New(stream.Doc())
	t.Cleanup(srv.Close)
	c, _ := newClient(t, fetch.Options{})
	dest := filepath.Join(t.TempDir(), "doc.pdf")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL, Dest: dest})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if res.SHA256 != stream.SHA256() {
		t.Fatal("download differs")
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("allocated %d KiB for %d MiB", alloc>>10, size>>20)
	if alloc > 4<<20 {
		t.Fatalf("a %d MiB download allocated %d KiB (client and server together)", size>>20, alloc>>10)
	}
}

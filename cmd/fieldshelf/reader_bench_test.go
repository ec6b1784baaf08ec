package main

import (
	"context"
	"image"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"fieldshelf/app"
	"fieldshelf/app/fetch"
	"fieldshelf/app/library"
	"fieldshelf/app/pdf"
	"fieldshelf/app/pdf/pdftest"
	"fieldshelf/app/ui"
	"fieldshelf/storage"
)

// The reader's side of the PDF benchmarks: the pages of a large real PDF
// (FIELDSHELF_BENCH_PDF; make bench fetches pgfmanual.pdf) shown by the
// reader the application runs, through its page cache and prefetching, in
// front of the PDF engine. They join app/pdf's BenchmarkRenderPage/fieldshelf
// (the engine alone) and the go-fitz baselines of app/pdf/fitzbaseline under
// the same names.

// benchPages is how many pages the benchmarks go through.
const benchPages = 300

// benchReader is a reader on the benchmark PDF, with every background job
// counted so a benchmark can wait for the renders and prefetches.
type benchReader struct {
	rs    *ui.ReaderScreen
	eng   *pdf.Engine
	pages int // read: the first benchPages of the document
	jobs  sync.WaitGroup
	drawn drawLog
}

// drawLog lists the pages the engine drew at a reading size (thumbnails
// aside), in order.
type drawLog struct {
	mu    sync.Mutex
	pages []int
}

func (l *drawLog) add(page int) { l.mu.Lock(); l.pages = append(l.pages, page); l.mu.Unlock() }

// len returns how many pages were drawn.
func (l *drawLog) len() int { l.mu.Lock(); defer l.mu.Unlock(); return len(l.pages) }

// since reports whether page was drawn after the first n drawings.
func (l *drawLog) since(n, page int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range l.pages[n:] {
		if p == page {
			return true
		}
	}
	return false
}

// loggedSource logs the pages the engine draws for the reader.
type loggedSource struct {
	ui.PageSource
	log *drawLog
}

func (s loggedSource) Render(ctx context.Context, page, w, h int) (*image.RGBA, error) {
	if w > thumbPixels {
		s.log.add(page)
	}
	return s.PageSource.Render(ctx, page, w, h)
}

// thumbPixels is wider than the side panel's thumbnails.
const thumbPixels = 200

// openBenchReader opens the benchmark PDF in the reader with a render cache
// of cacheBytes, on page 1, once its first page and prefetches are done.
// close closes the reader, its library and engine.
func openBenchReader(b *testing.B, cacheBytes int64) (br *benchReader, close func()) {
	b.Helper()
	path := os.Getenv("FIELDSHELF_BENCH_PDF")
	if path == "" {
		b.Skip("FIELDSHELF_BENCH_PDF is not set: make bench fetches pgfmanual.pdf (.ci/bench-data.sh)")
	}
	ctx := context.Background()
	dir := b.TempDir()
	st, err := storage.Open(ctx, filepath.Join(dir, "library.db"))
	if err != nil {
		b.Fatal(err)
	}
	lib := library.New(st, fetch.New(fetch.Options{}), dir, library.Options{})
	d, err := lib.AddLocalFile(ctx, path, "")
	if err != nil {
		b.Fatal(err)
	}
	eng, err := pdf.NewEngine(pdf.Options{})
	if err != nil {
		b.Fatal(err)
	}
	br = &benchReader{eng: eng}
	th := ui.Inline()
	th.Go = func(f func()) {
		br.jobs.Add(1)
		go func() { defer br.jobs.Done(); f() }()
	}
	open := pdfOpener(lib, eng)
	a := test.NewTempApp(b)
	w := a.NewWindow("Fieldshelf")
	w.Resize(fyne.NewSize(1100, 800))
	u := ui.New(a, w, ui.Config{Library: lib, Threads: th, RenderCacheBytes: cacheBytes,
		Opener: func(ctx context.Context, d app.Document, pw string) (ui.PageSource, error) {
			src, err := open(ctx, d, pw)
			if err != nil {
				return nil, err
			}
			br.pages = min(src.NumPages(), benchPages)
			return loggedSource{src, &br.drawn}, nil
		}})
	w.Show()
	close = func() {
		u.Close()
		br.jobs.Wait()
		w.Close()
		eng.Close()
		st.Close()
	}
	u.OpenWith(func(context.Context) (app.Document, error) { return d, nil })
	br.jobs.Wait()
	if br.rs = u.Reader(); br.rs == nil || br.rs.Message() != "" {
		close()
		b.Fatal("the reader did not open the benchmark PDF")
	}
	return br, close
}

// BenchmarkRenderPage: pages shown by the reader from its cache (cached: the
// same page again), and as page turns whose prefetch had the time to
// finish (prefetched: forwards through the pages, then back).
func BenchmarkRenderPage(b *testing.B) {
	b.Run("cached", func(b *testing.B) {
		br, close := openBenchReader(b, 256<<20)
		defer close()
		drawn := br.drawn.len()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			br.rs.GoTo(1)
		}
		b.StopTimer()
		br.jobs.Wait()
		if br.drawn.since(drawn, 1) {
			b.Fatal("page 1 was drawn again; it should come from the cache")
		}
	})
	b.Run("prefetched", func(b *testing.B) {
		br, close := openBenchReader(b, 256<<20)
		defer close()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			br.jobs.Wait() // the reader reads the page meanwhile
			drawn, page := br.drawn.len(), turn(i, br.pages)
			b.StartTimer()
			br.rs.GoTo(page)
			b.StopTimer()
			if br.drawn.since(drawn, page) {
				b.Fatalf("turning to page %d drew it: it should have been prefetched", page)
			}
		}
	})
}

// turn is the page of the i-th turn from page 1 to n and back, so each
// turn goes to a neighbour of the page before.
func turn(i, n int) int {
	if n < 2 {
		return 1
	}
	pos := i % (2 * (n - 1))
	if pos < n-1 {
		return pos + 2
	}
	return 2*n - 2 - pos
}

// BenchmarkReadThrough reads 300 pages as a reader does (each page shown,
// its neighbours prefetched, the reader's cache at the application's
// budget) and reports the peak resident memory of this process and of the
// PDF worker.
func BenchmarkReadThrough(b *testing.B) {
	b.Run("fieldshelf", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			pdftest.ResetPeakRSS()
			mem := guiMemorySettings()
			cache := mem.cacheBytes
			limit, gc := debug.SetMemoryLimit(-1), debug.SetGCPercent(-1)
			debug.SetGCPercent(gc)
			setGUIMemoryLimit(mem.heapLimit, mem.gcPercent) // as the application runs
			br, close := openBenchReader(b, cache)
			b.StartTimer()
			for p := 2; p <= br.pages; p++ {
				br.rs.GoTo(p)
				br.jobs.Wait()
			}
			b.StopTimer()
			b.ReportMetric(pdftest.PeakRSS(0), "app-rss-MB")
			b.ReportMetric(pdftest.PeakRSS(br.eng.WorkerPID()), "worker-rss-MB")
			b.ReportMetric(float64(cache>>20), "cache-MB")
			close()
			debug.SetMemoryLimit(limit)
			debug.SetGCPercent(gc)
		}
	})
}

package pdf

import (
	"context"
	"os"
	"testing"
)

// The benchmarks read a large real PDF named by FIELDSHELF_BENCH_PDF (make
// bench fetches pgfmanual.pdf, some 1,300 pages; see .ci/bench-data.sh).
// Their baselines, go-fitz in process, are in ./fitzbaseline under the
// same names.

// benchPages is how many pages the benchmarks go through.
const benchPages = 300

func benchPDF(b *testing.B) string {
	p := os.Getenv("FIELDSHELF_BENCH_PDF")
	if p == "" {
		b.Skip("FIELDSHELF_BENCH_PDF is not set: make bench fetches pgfmanual.pdf (.ci/bench-data.sh)")
	}
	return p
}

func benchDoc(b *testing.B) (*Engine, *Doc) {
	path := benchPDF(b)
	e := newEngine(b, Timeouts{})
	d, err := e.Open(context.Background(), path, "")
	if err != nil {
		b.Fatal(err)
	}
	return e, d
}

// BenchmarkRenderPage draws pages in turn at 150 DPI through the worker
// (fieldshelf). Its cached and prefetched variants, the reader's page
// cache in front of the worker, are in cmd/fieldshelf.
func BenchmarkRenderPage(b *testing.B) {
	ctx := context.Background()
	o := RenderOptions{DPI: 150}
	b.Run("fieldshelf", func(b *testing.B) {
		_, d := benchDoc(b)
		n := min(d.NumPages(), benchPages)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, err := d.Render(ctx, i%n+1, o); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkFirstPage is the time to the first page: open the file and
// draw page 1 at 150 DPI, with the worker running (fieldshelf) and from a
// cold start of the worker process (cold).
func BenchmarkFirstPage(b *testing.B) {
	ctx := context.Background()
	path := benchPDF(b)
	first := func(b *testing.B, e *Engine) {
		d, err := e.Open(ctx, path, "")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := d.Render(ctx, 1, RenderOptions{DPI: 150}); err != nil {
			b.Fatal(err)
		}
		d.Close()
	}
	b.Run("fieldshelf", func(b *testing.B) {
		e := newEngine(b, Timeouts{})
		first(b, e)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			first(b, e)
		}
	})
	b.Run("cold", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			e := newEngine(b, Timeouts{})
			first(b, e)
			e.Close()
		}
	})
}

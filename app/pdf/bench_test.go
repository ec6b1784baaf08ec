package pdf

import (
	"context"
	"os"
	"testing"
)

// The benchmarks read a large real PDF named by FIELDSHELF_BENCH_PDF (make
// bench fetches pgfmanual.pdf, some 1,300 pages; see .ci/bench-data.sh).
// Their baselines, go-fitz in this process, are in baseline_test.go.

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
	e := newEngine(b, Timeouts{})
	return e, openBench(b, e)
}

// openBench opens the benchmark PDF in an engine.
func openBench(b *testing.B, e *Engine) *Doc {
	d, err := e.Open(context.Background(), benchPDF(b), "")
	if err != nil {
		b.Fatal(err)
	}
	return d
}

// BenchmarkRenderPage draws pages in turn at 150 DPI through the worker
// (fieldshelf). The fieldshelf runs open the file afresh in one worker, as
// the baseline's do in this process, draw page 1 untimed, then time the
// pages after it: page 1 of the benchmark PDF takes some twenty times as
// long as the others, so runs of a few pages, which the timing of a loaded
// machine chooses, measured little else. Its cached and prefetched
// variants, the reader's page cache in front of the worker, are in
// cmd/fieldshelf.
func BenchmarkRenderPage(b *testing.B) {
	ctx := context.Background()
	o := RenderOptions{DPI: 150}
	b.Run("baseline", baselineRenderPage)
	e := newEngine(b, Timeouts{})
	b.Run("fieldshelf", func(b *testing.B) {
		d := openBench(b, e)
		defer d.Close()
		if _, err := d.Render(ctx, 1, o); err != nil {
			b.Fatal(err)
		}
		n := min(d.NumPages(), benchPages) - 1
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, err := d.Render(ctx, 2+i%n, o); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkFirstPage is the time to the first page: open the file and
// draw page 1 at 150 DPI, with the worker running (fieldshelf: one worker
// for all the runs, as the baseline's runs share this process) and from a
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
	b.Run("baseline", baselineFirstPage)
	e := newEngine(b, Timeouts{})
	b.Run("fieldshelf", func(b *testing.B) {
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

// BenchmarkReadThrough/baseline reads the pages with go-fitz alone and
// reports its peak memory; the reader's run over the engine,
// BenchmarkReadThrough/fieldshelf, is in cmd/fieldshelf.
func BenchmarkReadThrough(b *testing.B) {
	b.Run("baseline", baselineReadThrough)
}

package pdf

import (
	"fieldshelf/app/pdf/pdftest"
	"testing"

	"github.com/gen2brain/go-fitz"
)

// The baselines of the benchmarks (the "baseline" sub-benchmarks): go-fitz's
// own API in this process, on the same MuPDF (go-fitz's libraries, which
// app/pdf links), the same PDF, the same pages in the same order.

func fitzOpen(b *testing.B) *fitz.Document {
	doc, err := fitz.New(benchPDF(b))
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// baselineRenderPage is a raw ImageDPI loop at 150 DPI over the pages
// after the first (see BenchmarkRenderPage).
func baselineRenderPage(b *testing.B) {
	doc := fitzOpen(b)
	defer doc.Close()
	if _, err := doc.ImageDPI(0, 150); err != nil {
		b.Fatal(err)
	}
	n := min(doc.NumPage(), benchPages) - 1
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := doc.ImageDPI(1+i%n, 150); err != nil {
			b.Fatal(err)
		}
	}
}

// baselineFirstPage opens the file and draws page 1 at 150 DPI.
func baselineFirstPage(b *testing.B) {
	for i := 0; i < b.N; i++ {
		doc := fitzOpen(b)
		if _, err := doc.ImageDPI(0, 150); err != nil {
			b.Fatal(err)
		}
		doc.Close()
	}
}

// baselineReadThrough draws the pages in turn and reports the peak
// resident memory of the process.
func baselineReadThrough(b *testing.B) {
	for i := 0; i < b.N; i++ {
		pdftest.ResetPeakRSS()
		doc := fitzOpen(b)
		for p := 0; p < min(doc.NumPage(), benchPages); p++ {
			if _, err := doc.ImageDPI(p, 150); err != nil {
				b.Fatal(err)
			}
		}
		doc.Close()
		b.ReportMetric(pdftest.PeakRSS(0), "app-rss-MB")
	}
}

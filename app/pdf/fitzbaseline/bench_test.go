package fitzbaseline

import (
	"bufio"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/gen2brain/go-fitz"
)

// The baselines of app/pdf's benchmarks, under the same names: go-fitz
// in this process, on the same PDF (FIELDSHELF_BENCH_PDF), the same pages
// in the same order.

const benchPages = 300

func benchPDF(b *testing.B) string {
	p := os.Getenv("FIELDSHELF_BENCH_PDF")
	if p == "" {
		b.Skip("FIELDSHELF_BENCH_PDF is not set: make bench fetches pgfmanual.pdf (.ci/bench-data.sh)")
	}
	return p
}

func open(b *testing.B) *fitz.Document {
	doc, err := fitz.New(benchPDF(b))
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// BenchmarkRenderPage/baseline: a raw ImageDPI loop at 150 DPI.
func BenchmarkRenderPage(b *testing.B) {
	b.Run("baseline", func(b *testing.B) {
		doc := open(b)
		defer doc.Close()
		n := min(doc.NumPage(), benchPages)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, err := doc.ImageDPI(i%n, 150); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkFirstPage/baseline: open the file and draw page 1 at 150 DPI.
func BenchmarkFirstPage(b *testing.B) {
	b.Run("baseline", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			doc := open(b)
			if _, err := doc.ImageDPI(0, 150); err != nil {
				b.Fatal(err)
			}
			doc.Close()
		}
	})
}

// BenchmarkReadThrough/baseline: draw 300 pages in turn and report the
// peak resident memory of the process.
func BenchmarkReadThrough(b *testing.B) {
	b.Run("baseline", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			debug.FreeOSMemory()
			os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
			doc := open(b)
			for p := 0; p < min(doc.NumPage(), benchPages); p++ {
				if _, err := doc.ImageDPI(p, 150); err != nil {
					b.Fatal(err)
				}
			}
			doc.Close()
			b.ReportMetric(peakRSS(), "app-rss-MB")
		}
	})
}

// peakRSS reads this process's VmHWM, in MB.
func peakRSS() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

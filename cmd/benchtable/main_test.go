package main

import (
	"os"
	"strings"
	"testing"
)

func parseSample(t *testing.T) *report {
	t.Helper()
	f, err := os.Open("testdata/sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func findGroup(t *testing.T, rep *report, pkg, bench string) *group {
	t.Helper()
	for _, g := range rep.groups {
		if g.pkg == pkg && g.bench == bench {
			return g
		}
	}
	t.Fatalf("no benchmark %s in package %s", bench, pkg)
	return nil
}

func TestParseSampleMedians(t *testing.T) {
	rep := parseSample(t)
	tests := []struct {
		pkg, bench, variant, unit string
		want                      float64
	}{
		{"fieldshelf/app/catalog", "BenchmarkParseAtom", "fieldshelf", "ns/op", 405112},
		{"fieldshelf/app/catalog", "BenchmarkParseAtom", "fieldshelf", "MB/s", 75.63},
		{"fieldshelf/app/catalog", "BenchmarkParseAtom", "baseline", "ns/op", 1012876},
		{"fieldshelf/app/catalog", "BenchmarkParseAtom", "baseline", "allocs/op", 13906},
		{"fieldshelf/app/catalog", "BenchmarkParseJSON", "fieldshelf", "ns/op", 89250},
		{"fieldshelf/storage", "BenchmarkSearch", "fieldshelf", "ns/op", 1821076},
		{"fieldshelf/storage", "BenchmarkSearch", "fieldshelf", "p50-ms", 1.60},
		{"fieldshelf/storage", "BenchmarkSearch", "fieldshelf", "p99-ms", 3.88},
		{"fieldshelf/storage", "BenchmarkSearch", "fieldshelf", "peak-rss-MB", 41.2},
		{"fieldshelf/storage", "BenchmarkSearch", "cached", "ns/op", 402117},
		{"fieldshelf/storage", "BenchmarkSearch", "baseline", "ns/op", 9198233},
		{"fieldshelf/storage", "BenchmarkSearch", "baseline", "p99-ms", 12.63},
		{"fieldshelf/storage", "BenchmarkSyncLargeFeed", "", "ns/op", 1204387211},
	}
	for _, tt := range tests {
		r := findGroup(t, rep, tt.pkg, tt.bench).row(tt.variant, false)
		if r == nil {
			t.Fatalf("%s: no variant %q", tt.bench, tt.variant)
		}
		if n := len(r.samples[tt.unit]); n != 5 {
			t.Errorf("%s/%s %s: %d samples, want 5", tt.bench, tt.variant, tt.unit, n)
		}
		if got, _ := r.median(tt.unit); got != tt.want {
			t.Errorf("%s/%s median %s = %v, want %v", tt.bench, tt.variant, tt.unit, got, tt.want)
		}
	}
}

func TestParseSampleRatios(t *testing.T) {
	rep := parseSample(t)
	tests := []struct {
		pkg, bench, variant, want string
	}{
		{"fieldshelf/app/catalog", "BenchmarkParseAtom", "fieldshelf", "0.40"}, // 405112 / 1012876
		{"fieldshelf/app/catalog", "BenchmarkParseAtom", "baseline", "1.00"},
		{"fieldshelf/app/catalog", "BenchmarkParseJSON", "fieldshelf", "—"},
		{"fieldshelf/storage", "BenchmarkSearch", "fieldshelf", "0.20"}, // 1821076 / 9198233
		{"fieldshelf/storage", "BenchmarkSearch", "cached", "0.04"},     // 402117 / 9198233
		{"fieldshelf/storage", "BenchmarkSyncLargeFeed", "", "—"},
	}
	for _, tt := range tests {
		g := findGroup(t, rep, tt.pkg, tt.bench)
		if got := ratio(g, g.row(tt.variant, false)); got != tt.want {
			t.Errorf("%s/%s ratio = %s, want %s", tt.bench, tt.variant, got, tt.want)
		}
	}
}

func TestWriteSample(t *testing.T) {
	rep := parseSample(t)
	var b strings.Builder
	if err := rep.write(&b); err != nil {
		t.Fatal(err)
	}
	want := `goos: linux
goarch: amd64
cpu: 11th Gen Intel(R) Core(TM) i7-1165G7 @ 2.80GHz
runs: 5 (median of each metric)

| benchmark | variant | time/op | MB/s | B/op | allocs/op | p50-ms | p99-ms | peak-rss-MB | x baseline |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|
| catalog.BenchmarkParseAtom | fieldshelf | 405 µs | 75.6 | 301224 | 4212 | — | — | — | 0.40 |
| catalog.BenchmarkParseAtom | baseline | 1.01 ms | 30.2 | 811520 | 13906 | — | — | — | 1.00 |
| catalog.BenchmarkParseJSON | fieldshelf | 89.2 µs | — | 52880 | 731 | — | — | — | — |
| storage.BenchmarkSearch | fieldshelf | 1.82 ms | — | 18432 | 212 | 1.60 | 3.88 | 41.2 | 0.20 |
| storage.BenchmarkSearch | cached | 402 µs | — | 2048 | 19 | 0.35 | 0.81 | 41.5 | 0.04 |
| storage.BenchmarkSearch | baseline | 9.20 ms | — | 1204332 | 30117 | 8.97 | 12.6 | 38.6 | 1.00 |
| storage.BenchmarkSyncLargeFeed | — | 1.20 s | — | 48211904 | 402113 | — | — | — | — |
`
	if got := b.String(); got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
}

func TestSinglePackageNamesAndRunRange(t *testing.T) {
	in := `pkg: fieldshelf/app/pdf
BenchmarkRender/fieldshelf-4   	 100	 2000 ns/op
BenchmarkRender/fieldshelf-4   	 100	 4000 ns/op
BenchmarkRender/baseline-4     	 100	 1000 ns/op
BenchmarkRender/baseline-4     	 100	 3000 ns/op
BenchmarkRender/baseline-4     	 100	 2000 ns/op
`
	rep, err := parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := rep.write(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"runs: 2 to 3 (median of each metric)",
		"| BenchmarkRender | fieldshelf | 3.00 µs | 1.50 |", // median of an even count is the mean of the middle two
		"| BenchmarkRender | baseline | 2.00 µs | 1.00 |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table:\n%s\nwant a line containing %q", b.String(), want)
		}
	}
}

func TestParseResultRejectsNonResults(t *testing.T) {
	for _, line := range []string{
		"BenchmarkX",
		"BenchmarkX-8 \tsome log output from the benchmark",
		"--- FAIL: BenchmarkX/fieldshelf-8",
		"ok  \tfieldshelf/storage\t1.2s",
		"BenchmarkX-8  10  12 ns/op  5",
	} {
		if name, _, ok := parseResult(line); ok {
			t.Errorf("parseResult(%q) accepted %q", line, name)
		}
	}
}

func TestDuration(t *testing.T) {
	for ns, want := range map[float64]string{
		12.34:   "12.3 ns",
		850:     "850 ns",
		1500:    "1.50 µs",
		4.56e6:  "4.56 ms",
		1.2e9:   "1.20 s",
		75.5e9:  "75.5 s",
		0.83125: "0.831 ns",
	} {
		if got := duration(ns); got != want {
			t.Errorf("duration(%v) = %q, want %q", ns, got, want)
		}
	}
}

func TestBaselineFromAnotherPackage(t *testing.T) {
	in := `pkg: fieldshelf/app/pdf
BenchmarkRenderPage/fieldshelf-2   	 10	 30000000 ns/op
BenchmarkRenderPage/cached-2       	 10	 200 ns/op
BenchmarkOther/baseline-2          	 10	 5 ns/op
pkg: fieldshelf/app/pdf/fitzbaseline
BenchmarkRenderPage/baseline-2     	 10	 40000000 ns/op
BenchmarkAlone/baseline-2          	 10	 7 ns/op
`
	rep, err := parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.groups) != 3 {
		t.Fatalf("%d groups, want 3 (RenderPage joined, Other, Alone)", len(rep.groups))
	}
	g := findGroup(t, rep, "fieldshelf/app/pdf", "BenchmarkRenderPage")
	if r := g.row("baseline", false); r == nil {
		t.Fatal("the baseline of fitzbaseline did not join app/pdf's BenchmarkRenderPage")
	}
	var b strings.Builder
	if err := rep.write(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| pdf.BenchmarkRenderPage | fieldshelf | 30.0 ms | 0.75 |",
		"| pdf.BenchmarkRenderPage | baseline | 40.0 ms | 1.00 |",
		"| fitzbaseline.BenchmarkAlone | baseline | 7.00 ns | 1.00 |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table:\n%s\nwant a line containing %q", b.String(), want)
		}
	}
}

// Command benchtable turns `go test -bench` output into one Markdown table.
//
// It reads the benchmark output on stdin. Sub-benchmarks of one benchmark
// form a row group, one row per variant: by the project's convention
// BenchmarkX/fieldshelf measures our code and BenchmarkX/baseline the thing
// it is compared with; other variants (BenchmarkX/cached, ...) may join them.
// A baseline alone in a package of its own joins the benchmark of the same
// name in another package (go-fitz cannot share a binary with app/pdf).
// With -count=N every metric is the median of the N runs, and each variant's
// "x baseline" column is its median ns/op divided by the baseline's.
//
// Usage:
//
//	go test -run='^$' -bench=. -benchmem -count=5 ./... | go run ./cmd/benchtable
package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Units with a column of their own; any other unit is a custom metric.
const (
	unitNs     = "ns/op"
	unitMBs    = "MB/s"
	unitBytes  = "B/op"
	unitAllocs = "allocs/op"
)

// standardUnits are the units `go test -bench -benchmem` reports itself, in
// the order of their columns.
var standardUnits = []string{unitNs, unitMBs, unitBytes, unitAllocs}

const baselineVariant = "baseline"

func main() {
	rep, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	if len(rep.groups) == 0 {
		fmt.Fprintln(os.Stderr, "benchtable: no benchmark results on stdin")
		os.Exit(1)
	}
	if err := rep.write(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

// report is the parsed benchmark output.
type report struct {
	env    map[string]string // goos, goarch, cpu: the first value seen
	pkgs   []string          // packages in the order seen
	groups []*group          // in the order first seen
}

// group is one benchmark and its variants, in the order first seen.
type group struct {
	pkg, bench string
	rows       []*row
}

// row is one variant of a benchmark, with every sample of every unit.
type row struct {
	variant string
	units   []string // in the order first seen
	samples map[string][]float64
}

// row returns the group's row for variant, adding it if add is set.
func (g *group) row(variant string, add bool) *row {
	for _, r := range g.rows {
		if r.variant == variant {
			return r
		}
	}
	if !add {
		return nil
	}
	r := &row{variant: variant, samples: map[string][]float64{}}
	g.rows = append(g.rows, r)
	return r
}

func (r *row) add(m metric) {
	if _, seen := r.samples[m.unit]; !seen {
		r.units = append(r.units, m.unit)
	}
	r.samples[m.unit] = append(r.samples[m.unit], m.value)
}

func (r *row) median(unit string) (float64, bool) {
	s := r.samples[unit]
	if len(s) == 0 {
		return 0, false
	}
	return median(s), true
}

// procsSuffix is the -GOMAXPROCS suffix `go test` appends to benchmark names.
var procsSuffix = regexp.MustCompile(`-\d+$`)

func parse(r io.Reader) (*report, error) {
	rep := &report{env: map[string]string{}}
	index := map[string]*group{}
	pkg := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if key, val, ok := strings.Cut(line, ": "); ok && isEnvKey(key) {
			if key == "pkg" {
				pkg = val
				if !slices.Contains(rep.pkgs, pkg) {
					rep.pkgs = append(rep.pkgs, pkg)
				}
			} else if _, seen := rep.env[key]; !seen {
				rep.env[key] = val
			}
			continue
		}
		name, metrics, ok := parseResult(line)
		if !ok {
			continue
		}
		bench, variant := splitName(name)
		key := pkg + "\x00" + bench
		g := index[key]
		if g == nil {
			g = &group{pkg: pkg, bench: bench}
			index[key] = g
			rep.groups = append(rep.groups, g)
		}
		r := g.row(variant, true)
		for _, m := range metrics {
			r.add(m)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read input: %w", err)
	}
	rep.adoptBaselines()
	return rep, nil
}

// adoptBaselines moves a baseline measured in a package of its own (as
// go-fitz's, which cannot share a binary with app/pdf) into the groups of
// the same benchmark name in other packages that have no baseline.
func (rep *report) adoptBaselines() {
	var keep []*group
	for _, h := range rep.groups {
		if !onlyBaseline(h) {
			keep = append(keep, h)
			continue
		}
		adopted := false
		for _, g := range rep.groups {
			if g.bench == h.bench && g.pkg != h.pkg && !onlyBaseline(g) && g.row(baselineVariant, false) == nil {
				g.rows = append(g.rows, h.rows...)
				adopted = true
			}
		}
		if !adopted {
			keep = append(keep, h)
		}
	}
	rep.groups = keep
}

// onlyBaseline reports whether a group holds nothing but a baseline.
func onlyBaseline(g *group) bool {
	return len(g.rows) == 1 && g.rows[0].variant == baselineVariant
}

func isEnvKey(k string) bool {
	return k == "goos" || k == "goarch" || k == "pkg" || k == "cpu"
}

type metric struct {
	value float64
	unit  string
}

// parseResult reads a result line such as
// "BenchmarkX/fieldshelf-8  1000  1234 ns/op  56 B/op  2 allocs/op".
func parseResult(line string) (name string, ms []metric, ok bool) {
	f := strings.Fields(line)
	if len(f) < 4 || len(f)%2 != 0 || !strings.HasPrefix(f[0], "Benchmark") {
		return "", nil, false
	}
	if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
		return "", nil, false
	}
	for i := 2; i < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return "", nil, false
		}
		ms = append(ms, metric{value: v, unit: f[i+1]})
	}
	return procsSuffix.ReplaceAllString(f[0], ""), ms, true
}

// splitName splits "BenchmarkX/a/fieldshelf" into "BenchmarkX/a" and
// "fieldshelf". A name with no sub-benchmark has no variant.
func splitName(name string) (bench, variant string) {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		return name[:i], name[i+1:]
	}
	return name, ""
}

// ratio returns the "x baseline" cell of r, a row of g.
func ratio(g *group, r *row) string {
	b := g.row(baselineVariant, false)
	if b == nil {
		return "—"
	}
	ns, ok := r.median(unitNs)
	bns, bok := b.median(unitNs)
	if !ok || !bok || bns == 0 {
		return "—"
	}
	return strconv.FormatFloat(ns/bns, 'f', 2, 64)
}

// columns returns the metric columns of the table: the standard units that
// any row reports, then the custom metrics in the order first seen.
func (rep *report) columns() []string {
	var custom []string
	has := map[string]bool{}
	for _, g := range rep.groups {
		for _, r := range g.rows {
			for _, u := range r.units {
				if !has[u] && !slices.Contains(standardUnits, u) {
					custom = append(custom, u)
				}
				has[u] = true
			}
		}
	}
	var cols []string
	for _, u := range standardUnits {
		if has[u] {
			cols = append(cols, u)
		}
	}
	return append(cols, custom...)
}

// runs returns the fewest and most samples of ns/op in any row.
func (rep *report) runs() (lo, hi int) {
	lo = -1
	for _, g := range rep.groups {
		for _, r := range g.rows {
			n := len(r.samples[unitNs])
			if lo < 0 || n < lo {
				lo = n
			}
			hi = max(hi, n)
		}
	}
	return lo, hi
}

func (rep *report) write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, k := range []string{"goos", "goarch", "cpu"} {
		if v, ok := rep.env[k]; ok {
			fmt.Fprintf(bw, "%s: %s\n", k, v)
		}
	}
	lo, hi := rep.runs()
	if lo == hi {
		fmt.Fprintf(bw, "runs: %d (median of each metric)\n\n", hi)
	} else {
		fmt.Fprintf(bw, "runs: %d to %d (median of each metric)\n\n", lo, hi)
	}

	cols := rep.columns()
	head := []string{"benchmark", "variant"}
	for _, u := range cols {
		if u == unitNs {
			u = "time/op" // printed in ns, µs, ms or s
		}
		head = append(head, u)
	}
	head = append(head, "x baseline")
	fmt.Fprintf(bw, "| %s |\n", strings.Join(head, " | "))
	fmt.Fprintf(bw, "|---|---|%s\n", strings.Repeat("---:|", len(cols)+1))
	for _, g := range rep.groups {
		for _, r := range g.rows {
			cells := []string{rep.benchName(g), orDash(r.variant)}
			for _, u := range cols {
				cells = append(cells, cell(r, u))
			}
			cells = append(cells, ratio(g, r))
			fmt.Fprintf(bw, "| %s |\n", strings.Join(cells, " | "))
		}
	}
	return bw.Flush()
}

// benchName names g's benchmark, prefixed with its package when the output
// covers more than one.
func (rep *report) benchName(g *group) string {
	if len(rep.pkgs) > 1 && g.pkg != "" {
		return path.Base(g.pkg) + "." + g.bench
	}
	return g.bench
}

func cell(r *row, unit string) string {
	v, ok := r.median(unit)
	if !ok {
		return "—"
	}
	if unit == unitNs {
		return duration(v)
	}
	return number(v)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// duration formats nanoseconds in the largest unit that keeps the value at
// or above 1: "850 ns", "12.3 µs", "4.56 ms", "1.20 s".
func duration(ns float64) string {
	switch {
	case ns >= 1e9:
		return sig3(ns/1e9) + " s"
	case ns >= 1e6:
		return sig3(ns/1e6) + " ms"
	case ns >= 1e3:
		return sig3(ns/1e3) + " µs"
	}
	return sig3(ns) + " ns"
}

// number prints whole numbers as they are and others like sig3.
func number(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return sig3(v)
}

// sig3 prints v with three significant digits, or all of its integer digits
// when it has more.
func sig3(v float64) string {
	switch a := math.Abs(v); {
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case a >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

// median returns the middle value of s, or the mean of the two middle values.
func median(s []float64) float64 {
	c := slices.Clone(s)
	slices.Sort(c)
	n := len(c)
	if n%2 == 1 {
		return c[n/2]
	}
	return (c[n/2-1] + c[n/2]) / 2
}

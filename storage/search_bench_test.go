package storage_test

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"fieldshelf/app"
	"fieldshelf/storage"
)

// searchQueries mixes rare and common words, prefixes and several words.
var searchQueries = []string{"trafficking", "forced labour", "shelt", "children border", "debt bondage",
	"handbook 4217", "referral mechanism", "ev", "survivors reintegration casework", "zzzz"}

var searchDB benchDB

// searchStore opens a library of 100,000 generated documents, built once
// per benchmark run in a temporary folder.
func searchStore(b *testing.B) *storage.Store {
	return searchDB.open(b, func(path string) error { return buildSearchDB(path, 100000) })
}

var benchWords = []string{"trafficking", "labour", "migration", "protection", "survivors", "shelter", "referral",
	"identification", "prosecution", "prevention", "children", "recruitment", "debt", "bondage", "crisis",
	"border", "reintegration", "casework", "interview", "evidence", "finance", "supply", "chains", "forced",
	"mechanism", "national", "guidance", "practice", "regional", "cooperation", "victims", "assistance"}

func buildSearchDB(path string, n int) error {
	ctx := context.Background()
	s, err := storage.Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	src, err := s.AddSource(ctx, app.Source{URL: "http://bench.test/feed"})
	if err != nil {
		return err
	}
	b := storage.SyncBatch{Complete: true}
	regions := []string{"Global", "Asia", "Europe", "Africa", "Americas"}
	for i := 0; i < n; i++ {
		w := func(k int) string { return benchWords[(i*7+k*13+i/len(benchWords))%len(benchWords)] }
		e := app.Entry{ID: fmt.Sprintf("urn:bench:%d", i), Title: fmt.Sprintf("Handbook %d on %s and %s", i, w(1), w(2)),
			Summary: fmt.Sprintf("Field guidance on %s, %s and %s for caseworkers; covers %s and %s in %s settings.",
				w(3), w(4), w(5), w(6), w(7), w(8)),
			Authors: []string{fmt.Sprintf("Author %d", i%500)}, Publisher: fmt.Sprintf("Publisher %d", i%60),
			Year: 1990 + i%36, Tags: []app.Tag{{Term: regions[i%5], Label: regions[i%5], Kind: app.TagRegion}},
			Links: []app.Link{{Href: fmt.Sprintf("http://bench.test/%d.pdf", i), Type: "application/pdf"}}}
		b.Entries = append(b.Entries, storage.SyncEntry{Key: e.ID, Page: "p", Entry: e})
	}
	_, err = s.ApplySync(ctx, src.ID, b)
	return err
}

// BenchmarkSearch100k measures ranked metadata search over 100,000
// documents through the store (snippets and documents loaded), beside the
// bare FTS5 query it runs. It reports the p50 and p99 latency over the
// query mix.
func BenchmarkSearch100k(b *testing.B) {
	benchQueries(b, searchStore(b), searchQueries)
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	b.Helper()
	if len(lat) == 0 {
		return
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

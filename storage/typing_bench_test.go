package storage_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fieldshelf/app"
	"fieldshelf/storage"
)

// typingVocabulary is a made-up vocabulary of 20,000 words with the spread
// of a real one: a few very common, most rare, many sharing their first
// letters, as words of a catalogue in several languages do.
var typingVocabulary = func() []string {
	cons := strings.Split("b c d f g h k l m n p r s t v z br tr st ch", " ")
	vows := strings.Split("a e i o u ia ou", " ")
	r := rand.New(rand.NewPCG(7, 11))
	seen := map[string]bool{}
	var words []string
	for len(words) < 20000 {
		var b strings.Builder
		for n := 2 + r.IntN(3); n > 0; n-- {
			b.WriteString(cons[r.IntN(len(cons))] + vows[r.IntN(len(vows))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	return words
}()

// zipfWord picks a word, the first ones far more often than the last.
func zipfWord(r *rand.Rand) string {
	i := int(math.Exp(r.Float64()*math.Log(float64(len(typingVocabulary))))) - 1
	return typingVocabulary[i]
}

var typingDB benchDB

// typingStore opens a library of 100,000 documents written with
// typingVocabulary, built once per benchmark run in a temporary folder.
func typingStore(b *testing.B) *storage.Store {
	return typingDB.open(b, func(path string) error { return buildTypingDB(path, 100000) })
}

// TestMain removes the libraries the benchmarks built.
func TestMain(m *testing.M) {
	code := m.Run()
	searchDB.remove()
	typingDB.remove()
	os.Exit(code)
}

// benchDB is a library that benchmarks share, built once per run in a
// temporary folder.
type benchDB struct {
	once sync.Once
	path string
	err  error
}

// remove deletes the library's folder, if it was built.
func (db *benchDB) remove() {
	if db.path != "" {
		os.RemoveAll(filepath.Dir(db.path))
	}
}

// open builds the library with build the first time, and opens it.
func (db *benchDB) open(b *testing.B, build func(path string) error) *storage.Store {
	b.Helper()
	db.once.Do(func() {
		dir, err := os.MkdirTemp("", "fieldshelf-bench")
		if err != nil {
			db.err = err
			return
		}
		db.path = filepath.Join(dir, "library.db")
		db.err = build(db.path)
	})
	if db.err != nil {
		b.Fatal(db.err)
	}
	s, err := storage.Open(context.Background(), db.path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func buildTypingDB(path string, n int) error {
	ctx := context.Background()
	s, err := storage.Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	src, err := s.AddSource(ctx, app.Source{URL: "http://typing.test/feed"})
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(1, 2))
	words := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = zipfWord(r)
		}
		return strings.Join(w, " ")
	}
	stage, err := s.BeginStage(ctx, src.ID)
	if err != nil {
		return err
	}
	defer stage.Close()
	var entries []storage.SyncEntry
	for i := 0; i < n; i++ {
		e := app.Entry{ID: fmt.Sprintf("urn:typing:%d", i), Title: words(5), Summary: words(30),
			Authors: []string{words(2)}, Publisher: words(2),
			Links: []app.Link{{Href: fmt.Sprintf("http://typing.test/%d.pdf", i), Type: "application/pdf"}}}
		entries = append(entries, storage.SyncEntry{Key: e.ID, Page: "p", Entry: e})
	}
	if err := stage.Add(ctx, entries); err != nil {
		return err
	}
	_, err = stage.Apply(ctx, storage.SyncBatch{Complete: true})
	return err
}

// BenchmarkSearchTyping100k measures search as it runs while words are
// typed, one letter at a time (the last word matches as a prefix), over a
// library of 100,000 documents written with a vocabulary of 20,000 words,
// beside the bare ranked FTS5 query of the same match. It reports the p50 and
// p99 latency over the keystrokes. It is what the prefix indexes of the
// metadata index (2 and 3 letters) and MatchQuery's whole-word rule for
// one letter were measured with.
func BenchmarkSearchTyping100k(b *testing.B) {
	s := typingStore(b)
	r := rand.New(rand.NewPCG(3, 4))
	var typed []string // every prefix of some common and rare words, after a first word
	for i := 0; i < 40; i++ {
		first, w := zipfWord(r), zipfWord(r)
		if i%2 == 0 {
			first = ""
		}
		for n := 1; n <= len(w); n++ {
			typed = append(typed, strings.TrimSpace(first+" "+w[:n]))
		}
	}
	benchQueries(b, s, typed)
}

// benchQueries measures Search over the queries (one per iteration) beside
// the bare ranked FTS5 query of their match, and reports the p50 and p99
// latency of each.
func benchQueries(b *testing.B, s *storage.Store, queries []string) {
	ctx := context.Background()
	matches := make([]string, len(queries))
	for i, q := range queries {
		matches[i] = storage.MatchQuery(q)
	}
	b.Run("fieldshelf", func(b *testing.B) {
		latencies(b, func(i int) error {
			_, err := s.Search(ctx, queries[i%len(queries)], 50)
			return err
		})
	})
	b.Run("baseline", func(b *testing.B) {
		latencies(b, func(i int) error { return storage.BareSearch(ctx, s, matches[i%len(matches)], 50) })
	})
}

// latencies times run over b.N iterations and reports the p50 and p99.
func latencies(b *testing.B, run func(i int) error) {
	b.Helper()
	lat := make([]time.Duration, 0, b.N)
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if err := run(i); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	reportPercentiles(b, lat)
}

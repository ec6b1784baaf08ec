package library_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/library"
)

// searchBenchLibrary is a library of 100,000 catalogue entries, with the
// text of 200 documents of 10 pages and 2,000 notes, built once per run.
var searchBenchLibrary struct {
	once sync.Once
	l    *library.Library
}

func searchLibrary(b *testing.B) *library.Library {
	b.Helper()
	searchBenchLibrary.once.Do(func() {
		srv := newFeedServer(b)
		l := newLibrary(b)
		src := addSource(b, l, servePaged(srv, genCatalogue(100000, srv.URL), 1000))
		syncOK(b, l, src)
		fillSearchText(b, l)
		searchBenchLibrary.l = l
	})
	if searchBenchLibrary.l == nil {
		b.Fatal("the search library could not be built")
	}
	return searchBenchLibrary.l
}

// fillSearchText gives some documents page text and notes.
func fillSearchText(b *testing.B, l *library.Library) {
	ctx := context.Background()
	st := l.Store()
	for id := int64(1); id <= 2000; id++ {
		w := func(k int) string { return genWords[(int(id)*5+k*11)%len(genWords)] }
		if _, err := l.AddNote(ctx, id, 0, fmt.Sprintf("Check %s and %s before the %s interview.", w(1), w(2), w(3))); err != nil {
			b.Fatal(err)
		}
		if id > 200 {
			continue
		}
		if _, err := st.BeginPageText(ctx, id, "bench", 10); err != nil {
			b.Fatal(err)
		}
		for p := 1; p <= 10; p++ {
			var text strings.Builder
			for k := 0; k < 300; k++ {
				text.WriteString(w(k+p) + " ")
			}
			if err := st.SavePageText(ctx, id, "bench", p, text.String()); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// longestQuery is a query at the caps: MaxQueryWords words that are all
// in the library, so the full-text index has to match every one.
func longestQuery() string {
	words := make([]string, library.MaxQueryWords)
	for i := range words {
		words[i] = genWords[i%len(genWords)]
	}
	q := strings.Join(words, " ")
	if len(q) > library.MaxQueryChars {
		panic("the benchmark query is over the length cap")
	}
	return q
}

// BenchmarkSearchLongestQuery measures a search at the caps of a query
// (fieldshelf) against a two-word query (baseline) on a 100,000-entry
// library: the caps keep any query within a small multiple of an ordinary
// one. A query over them (20,000 words took 24 s before the caps) is
// refused before it reaches the index.
func BenchmarkSearchLongestQuery(b *testing.B) {
	l := searchLibrary(b)
	ctx := context.Background()
	for _, bc := range []struct{ name, query string }{
		{"baseline", "trafficking shelt"},
		{"fieldshelf", longestQuery()},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := l.Search(ctx, bc.query, 50); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestSearchQueryCaps(t *testing.T) {
	l := newLibrary(t)
	ctx := context.Background()
	if _, err := l.Search(ctx, longestQuery(), 50); err != nil {
		t.Fatalf("a query at the caps: %v", err)
	}
	for _, q := range []string{
		strings.Repeat("word ", library.MaxQueryWords+1),
		strings.Repeat("OR ", 30000),
		strings.Repeat("x", library.MaxQueryChars+1),
	} {
		_, err := l.Search(ctx, q, 50)
		var long *app.QueryTooLongError
		if !errors.As(err, &long) || !strings.Contains(err.Error(), "a search can have at most 12 words and 256 characters") {
			t.Errorf("query of %d bytes: err = %v", len(q), err)
		}
	}
}

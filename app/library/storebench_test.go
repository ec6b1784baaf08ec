package library_test

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/catalog"
	"fieldshelf/storage"
)

// BenchmarkSyncColdStore measures the part of BenchmarkSyncCold that is
// the database's: staging and applying the same 10,000 entries, already
// decoded, in a new library; beside the same baseline (fetching and
// decoding the pages), so the two benchmarks read together say how much of
// a cold sync the store takes.
func BenchmarkSyncColdStore(b *testing.B) {
	srv := newFeedServer(b)
	first := servePaged(srv, genCatalogue(benchEntries, "http://files.test"), benchPerPage)
	pages := decodePages(b, first)
	b.Run("fieldshelf", func(b *testing.B) {
		var cpu cpuMeter
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			s, src := benchStore(b)
			b.StartTimer()
			cpu.start()
			stage, err := s.BeginStage(context.Background(), src.ID)
			if err != nil {
				b.Fatal(err)
			}
			batch := storage.SyncBatch{Complete: true}
			for _, p := range pages {
				batch.Pages = append(batch.Pages, storage.Page{URL: p[0].Page})
				if err := stage.Add(context.Background(), p); err != nil {
					b.Fatal(err)
				}
			}
			st, err := stage.Apply(context.Background(), batch)
			cpu.stop()
			if err != nil || st.Added != benchEntries {
				b.Fatalf("apply = %+v, %v", st, err)
			}
			b.StopTimer()
			stage.Close()
			s.Close()
			b.StartTimer()
		}
		cpu.report(b)
	})
	b.Run("baseline", coldCrawl(first))
}

// decodePages fetches and decodes the pages of a generated catalogue, as
// the entries a sync stages, page by page.
func decodePages(b *testing.B, first string) [][]storage.SyncEntry {
	b.Helper()
	var pages [][]storage.SyncEntry
	for u := first; u != ""; {
		resp, err := http.Get(u)
		if err != nil {
			b.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		f, err := catalog.Parse(u, resp.Header.Get("Content-Type"), body)
		if err != nil {
			b.Fatal(err)
		}
		var p []storage.SyncEntry
		for _, e := range f.Entries {
			p = append(p, storage.SyncEntry{Key: e.ID, Page: u, Entry: e})
		}
		pages = append(pages, p)
		u = f.Next
	}
	return pages
}

// benchStore opens a new library with one source.
func benchStore(b *testing.B) (*storage.Store, app.Source) {
	b.Helper()
	s, err := storage.Open(context.Background(), filepath.Join(b.TempDir(), "library.db"))
	if err != nil {
		b.Fatal(err)
	}
	src, err := s.AddSource(context.Background(), app.Source{URL: "http://bench.test/catalog"})
	if err != nil {
		b.Fatal(err)
	}
	return s, src
}

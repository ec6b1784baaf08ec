package library_test

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/library"
	"fieldshelf/storage"
)

// benchEntries and benchPages shape the generated catalogue of the sync
// benchmarks: 10,000 entries in 100 pages.
const (
	benchEntries = 10000
	benchPerPage = 100
)

// rawFeed is the least a client decodes from a page: enough to find the
// entries and the next page.
type rawFeed struct {
	Links []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Summary string `xml:"summary"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

// rawCrawl fetches every page with net/http and decodes it with
// encoding/xml, following rel="next": the baseline of a cold sync. With
// etags it sends them as If-None-Match, the baseline of an unchanged sync.
func rawCrawl(b *testing.B, client *http.Client, first string, etags map[string]string) int {
	b.Helper()
	n := 0
	for u := first; u != ""; {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		if etags != nil && etags[u] != "" {
			req.Header.Set("If-None-Match", etags[u])
		}
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		if resp.StatusCode == http.StatusNotModified {
			resp.Body.Close()
			u = etags["next "+u]
			n += benchPerPage
			continue
		}
		var f rawFeed
		err = xml.NewDecoder(resp.Body).Decode(&f)
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		n += len(f.Entries)
		next := ""
		for _, l := range f.Links {
			if l.Rel == "next" {
				next = resp.Request.URL.ResolveReference(mustParse(l.Href)).String()
			}
		}
		if etags != nil {
			etags[u] = resp.Header.Get("ETag")
			etags["next "+u] = next
		}
		u = next
	}
	return n
}

func BenchmarkSyncCold(b *testing.B) {
	srv := newFeedServer(b)
	first := servePaged(srv, genCatalogue(benchEntries, "http://files.test"), benchPerPage)
	b.Run("fieldshelf", func(b *testing.B) {
		var cpu cpuMeter
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			l, src := benchLibrary(b, first)
			b.StartTimer()
			cpu.start()
			st, err := l.SyncSource(context.Background(), src, nil)
			cpu.stop()
			if err != nil || st.Added != benchEntries {
				b.Fatalf("sync = %+v, %v", st, err)
			}
			b.StopTimer()
			l.Store().Close()
			b.StartTimer()
		}
		cpu.report(b)
	})
	b.Run("baseline", coldCrawl(first))
}

// coldCrawl is the cold sync benchmarks' baseline: fetching and decoding
// every page of the catalogue at first, with the processor time beside it.
func coldCrawl(first string) func(b *testing.B) {
	return func(b *testing.B) {
		client := &http.Client{}
		var cpu cpuMeter
		cpu.start()
		for i := 0; i < b.N; i++ {
			if n := rawCrawl(b, client, first, nil); n != benchEntries {
				b.Fatalf("decoded %d entries", n)
			}
		}
		cpu.stop()
		cpu.report(b)
	}
}

// cpuMeter adds up the processor time (user and system, every thread of
// the process: the loopback server's too) spent between start and stop.
// On a machine shared with other work the wall time of a benchmark grows
// with the load; its processor time much less so.
type cpuMeter struct {
	t0, total time.Duration
}

func (m *cpuMeter) start() { m.t0 = processCPU() }
func (m *cpuMeter) stop()  { m.total += processCPU() - m.t0 }

// report adds the cpu-ms/op column.
func (m *cpuMeter) report(b *testing.B) {
	b.ReportMetric(float64(m.total.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

func BenchmarkSyncUnchanged(b *testing.B) {
	srv := newFeedServer(b)
	first := servePaged(srv, genCatalogue(benchEntries, "http://files.test"), benchPerPage)
	b.Run("fieldshelf", func(b *testing.B) {
		l, src := benchLibrary(b, first)
		defer l.Store().Close()
		if _, err := l.SyncSource(context.Background(), src, nil); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			st, err := l.SyncSource(context.Background(), src, nil)
			if err != nil || st.Unchanged != benchEntries || st.NotModified != benchEntries/benchPerPage {
				b.Fatalf("sync = %+v, %v", st, err)
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		client := &http.Client{}
		etags := map[string]string{}
		rawCrawl(b, client, first, etags)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if n := rawCrawl(b, client, first, etags); n != benchEntries {
				b.Fatalf("crawled %d entries", n)
			}
		}
	})
}

func benchLibrary(b *testing.B, feed string) (*library.Library, app.Source) {
	b.Helper()
	dir := b.TempDir()
	st, err := storage.Open(context.Background(), filepath.Join(dir, "library.db"))
	if err != nil {
		b.Fatal(err)
	}
	l := library.New(st, testClient(), dir, library.Options{})
	src, err := l.AddSource(context.Background(), app.Source{URL: feed})
	if err != nil {
		b.Fatal(err)
	}
	return l, src
}

func mustParse(raw string) *url.URL {
	u, err := url.Parse(raw)
	if err != nil {
		panic(err)
	}
	return u
}

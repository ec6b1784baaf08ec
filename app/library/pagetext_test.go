package library_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/library"
)

// textFake serves page texts and counts the pages read; failAfter > 0
// makes every page after it fail, as a cancelled run would stop.
type textFake struct {
	mu        sync.Mutex
	pages     []string
	read      int
	failAfter int
}

func (f *textFake) open(context.Context, string, string) (library.TextDoc, error) { return f, nil }
func (f *textFake) NumPages() int                                                 { return len(f.pages) }
func (f *textFake) Close() error                                                  { return nil }

func (f *textFake) PageText(_ context.Context, p int) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failAfter > 0 && p > f.failAfter {
		return "", errors.New("fake: broken page")
	}
	f.read++
	return f.pages[p-1], nil
}

func (f *textFake) Find(context.Context, int, string) ([][]app.Rect, error) { return nil, nil }

func (f *textFake) PageSize(context.Context, int) (float64, float64, error) { return 612, 792, nil }

func TestIndexTextResumesAndFeedsSearch(t *testing.T) {
	ctx := context.Background()
	_, _, l, _, _ := syncedWithFiles(t, 2)
	pages := []string{"Introduction", "Shelters for survivors", "Referral", "Hotlines", "Annex", "Glossary", "Index"}
	fake := &textFake{pages: pages, failAfter: 2}
	l = library.Reopen(l, library.Options{OpenText: fake.open})
	// The download's hook indexes; pages 3 on fail, so it stops after 5
	// failures, its progress at the last good page.
	if _, err := l.Download(ctx, []int64{1}, app.DownloadOptions{}); err != nil {
		t.Fatal(err)
	}
	st, err := l.Store().PageTextStatus(ctx, 1)
	if err != nil || st.State != "failed" || st.PagesDone != 2 {
		t.Fatalf("status after failures: %+v, %v; want failed after page 2", st, err)
	}
	fake.failAfter, fake.read = 0, 0
	var last [2]int
	if err := l.IndexText(ctx, 1, func(done, total int) { last = [2]int{done, total} }); err != nil {
		t.Fatal(err)
	}
	if fake.read != 5 || last != [2]int{7, 7} {
		t.Errorf("resumed run read %d pages, last progress %v; want pages 3 to 7 and 7/7", fake.read, last)
	}
	hits, err := l.Search(ctx, "shelters", 10)
	if err != nil {
		t.Fatal(err)
	}
	var page *app.SearchHit
	for i, h := range hits {
		if h.Kind == "page" {
			page = &hits[i]
		}
	}
	if page == nil || page.Page != 2 || page.Document.ID != 1 || !strings.Contains(page.Snippet, "[Shelters]") {
		t.Fatalf("Search=%+v, want a page hit on document 1 page 2", hits)
	}
	if err := l.Remove(ctx, []int64{1}); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Store().PageTextStatus(ctx, 1); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("status after Remove: %v, want ErrNotFound", err)
	}
	if hits, _ := l.Store().SearchPages(ctx, "shelters", 10); len(hits) != 0 {
		t.Errorf("page hits after Remove: %d, want 0", len(hits))
	}
}

func TestDownloadLeavesIndexingToRunIndexer(t *testing.T) {
	ctx := context.Background()
	_, _, l, _, _ := syncedWithFiles(t, 2)
	fake := &textFake{pages: []string{"Shelters", "Referral"}}
	l = library.Reopen(l, library.Options{OpenText: fake.open, IndexInBackground: true})
	if _, err := l.Download(ctx, []int64{1}, app.DownloadOptions{}); err != nil {
		t.Fatal(err)
	}
	if fake.read != 0 {
		t.Fatalf("%d pages were read inline; want the document queued, nothing read", fake.read)
	}
	if _, err := l.Store().PageTextStatus(ctx, 1); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("page text status after the download: %v, want none yet", err)
	}
	ictx, cancel := context.WithCancel(ctx)
	var last app.IndexProgress
	l.RunIndexer(ictx, func(p app.IndexProgress) {
		if last = p; p.Finished {
			cancel()
		}
	})
	if last.DocID != 1 || last.Err != nil || fake.read != 2 {
		t.Fatalf("indexing later: last report %+v, %d pages read; want document 1 done, 2 pages", last, fake.read)
	}
}

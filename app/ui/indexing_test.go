package ui_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"fieldshelf/app"
	"fieldshelf/app/ui"
)

func TestIndexingShowsProgressThenClears(t *testing.T) {
	u, _ := newUI(t, newFakeLib(3), ui.Config{})
	bar := u.SyncBar()
	u.ShowIndexing(app.IndexProgress{DocID: 1, Title: "User guide", Done: 3, Total: 12, Queued: 2})
	if got := bar.Indexing(); got != `Indexing "User guide": 3 of 12 pages (2 more queued)` {
		t.Fatalf("indexing text=%q", got)
	}
	u.ShowIndexing(app.IndexProgress{DocID: 1, Title: "User guide", Done: 12, Total: 12, Finished: true})
	if got := bar.Indexing(); got != "" {
		t.Fatalf("indexing text=%q once the queue is empty, want none", got)
	}
	if bar.Error() != "" {
		t.Fatalf("error shown after a good run: %q", bar.Error())
	}
}

func TestIndexingErrorShowsWithoutBlocking(t *testing.T) {
	u, _ := newUI(t, newFakeLib(3), ui.Config{})
	u.ShowIndexing(app.IndexProgress{DocID: 2, Title: "Broken", Finished: true, Err: errors.New("page 4: damaged")})
	if got := u.SyncBar().Error(); got != `Could not index the text of "Broken": damaged.` {
		t.Fatalf("error line=%q", got)
	}
	if u.SyncBar().Indexing() != "" {
		t.Fatal("indexing text stays after the last document failed")
	}
}

func TestIndexingProgressIsThrottled(t *testing.T) {
	now := time.Unix(0, 0)
	th := ui.Inline()
	th.Now = func() time.Time { return now } // the clock stands still
	a := test.NewTempApp(t)
	u := ui.New(a, a.NewWindow("x"), ui.Config{Library: newFakeLib(1), Threads: th})
	t.Cleanup(u.Close)
	for p := 1; p <= 50; p++ {
		u.ShowIndexing(app.IndexProgress{DocID: 1, Title: "Guide", Done: p, Total: 50})
	}
	if got := u.SyncBar().Indexing(); !strings.Contains(got, "1 of 50") {
		t.Fatalf("indexing text=%q after 50 reports in no time, want the first", got)
	}
	u.ShowIndexing(app.IndexProgress{DocID: 1, Title: "Guide", Done: 50, Total: 50, Finished: true, Queued: 1})
	if got := u.SyncBar().Indexing(); got != `Indexing "Guide" (1 more queued)` {
		t.Fatalf("final report not shown: %q", got)
	}
}

package ui_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"fieldshelf/app"
	"fieldshelf/app/ui"
)

// newUI builds the UI on a test app with everything inline.
func newUI(t *testing.T, lib *fakeLib, cfg ui.Config) (*ui.UI, fyne.Window) {
	t.Helper()
	return newUIIn(t, "", lib, cfg)
}

// newUIIn is newUI with the interface in the language code ("" for the
// system's).
func newUIIn(t *testing.T, code string, lib *fakeLib, cfg ui.Config) (*ui.UI, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	if code != "" {
		a.Preferences().SetString("language", code)
		t.Cleanup(func() { ui.SetLanguage("en") })
	}
	w := a.NewWindow("Fieldshelf")
	w.Resize(fyne.NewSize(1100, 700))
	cfg.Library = lib
	cfg.Threads = ui.Inline()
	now := time.Unix(0, 0)
	cfg.Threads.Now = func() time.Time { now = now.Add(time.Second); return now } // no update is throttled
	u := ui.New(a, w, cfg)
	w.Show()
	u.Start()
	t.Cleanup(u.Close)
	return u, w
}

func TestListPagesLazily(t *testing.T) {
	lib := newFakeLib(100_000)
	u, _ := newUI(t, lib, ui.Config{})
	s := u.Library()
	if got := s.Count(); got != 100_000 {
		t.Fatalf("Count()=%d, want 100000", got)
	}
	if got := s.Loaded(); got < 1 || got > 2 {
		t.Fatalf("pages loaded=%d, want 1 or 2: only the visible rows are fetched", got)
	}
	s.List().ScrollToBottom()
	if got := lib.called("documents 99900"); got != 1 {
		t.Fatalf("last page fetched %d times, want 1", got)
	}
	if got := s.Loaded(); got > 4 {
		t.Fatalf("pages loaded=%d after a jump to the end, want a few", got)
	}
}

func TestSearchIsDebouncedAndFiltered(t *testing.T) {
	lib := newFakeLib(300)
	u, _ := newUI(t, lib, ui.Config{})
	s := u.Library()
	test.Type(s.SearchEntry(), "00042")
	if got := s.Count(); got != 1 {
		t.Fatalf("Count()=%d after searching 00042, want 1", got)
	}
	s.Select(0)
	if got := s.Detail().Title(); got != "Report 00042 on field safety" {
		t.Fatalf("detail title=%q", got)
	}
	s.Search("")
	if got := s.Count(); got != 300 {
		t.Fatalf("Count()=%d after clearing the search, want 300", got)
	}
	s.TagSelect().SetSelected("Asia")
	if got := s.Count(); got != 150 {
		t.Fatalf("Count()=%d with tag Asia, want 150", got)
	}
}

func TestDetailSaysWhenFileMustComeFromPublisher(t *testing.T) {
	lib := newFakeLib(2)
	u, _ := newUI(t, lib, ui.Config{})
	u.Library().Select(0)
	d := u.Library().Detail()
	if !strings.Contains(d.FileText(), "downloaded from its publisher") {
		t.Fatalf("file text=%q, want the publisher explanation", d.FileText())
	}
	if d.DownloadButton().Visible() || d.ReadButton().Visible() {
		t.Fatalf("no file link: Download shown %v, Read shown %v; want neither",
			d.DownloadButton().Visible(), d.ReadButton().Visible())
	}
}

func TestDownloadShowsProgressAndCanBeCancelled(t *testing.T) {
	lib := newFakeLib(3)
	for i := range lib.docs {
		lib.docs[i].FileURL = "file:///x.pdf"
	}
	lib.dlSteps = 4
	u, _ := newUI(t, lib, ui.Config{})
	s := u.Library()
	s.Select(0)
	d := s.Detail()
	var mid float64
	var cancelShown bool
	var speed string
	var cancelX float32
	downloadX := u.ButtonX(d.DownloadButton())
	lib.onDLStep = func(i int) {
		if i == 2 {
			mid, cancelShown, speed = d.Progress(), d.CancelButton().Visible(), d.Speed()
			cancelX = u.ButtonX(d.CancelButton())
			test.Tap(d.CancelButton())
		}
	}
	test.Tap(d.DownloadButton())
	if mid != 0.5 || !cancelShown {
		t.Fatalf("mid-download progress=%v cancel shown=%v, want 0.5 and true", mid, cancelShown)
	}
	// The test clock moves a second per reading, two between reports:
	// 100 bytes in 2 s, 200 left.
	if speed != "200 B of 400 B · 50 B/s · 4 s left" {
		t.Errorf("mid-download text %q, want size, speed and time left", speed)
	}
	if cancelX != downloadX {
		t.Errorf("Cancel at x=%v, Download was at x=%v: the button moved under the pointer", cancelX, downloadX)
	}
	if !d.DownloadButton().Visible() || u.SyncBar().Error() != "" {
		t.Fatalf("after cancel: download button hidden or error %q", u.SyncBar().Error())
	}
	lib.onDLStep = nil
	test.Tap(d.DownloadButton())
	if !d.ReadButton().Visible() || !d.RemoveButton().Visible() {
		t.Fatalf("after a download: Read shown %v, Remove shown %v; want both",
			d.ReadButton().Visible(), d.RemoveButton().Visible())
	}
	test.Tap(d.PinCheck())
	if lib.called("pin 1 true") != 1 {
		t.Fatalf("calls=%v, want a pin", lib.calls)
	}
}

func TestSyncShowsProgressThenResult(t *testing.T) {
	lib := newFakeLib(5)
	lib.syncSteps = 3
	var during []string
	lib.onStep = func(int) { during = append(during, "") }
	u, _ := newUI(t, lib, ui.Config{})
	bar := u.SyncBar()
	lib.onStep = func(int) { during = append(during, bar.Status()) }
	test.Tap(bar.SyncButton())
	if len(during) == 0 || !strings.Contains(during[0], "Syncing Demo: 1 pages, 50 entries") {
		t.Fatalf("progress texts=%q", during)
	}
	if got := bar.Status(); !strings.Contains(got, "3 added") {
		t.Fatalf("status after sync=%q", got)
	}
	if lib.called("sync") != 1 {
		t.Fatalf("sync ran %d times, want 1", lib.called("sync"))
	}
}

func TestErrorsShowInStatusLine(t *testing.T) {
	lib := newFakeLib(5)
	lib.syncErr = errors.New("sync Demo: connection refused")
	u, _ := newUI(t, lib, ui.Config{SyncOnStart: true})
	if got := u.SyncBar().Error(); !strings.Contains(got, "connection refused") {
		t.Fatalf("error line=%q, want the sync error", got)
	}
	lib.listErr = errors.New("disk I/O error")
	u.Library().Search("")
	if got := u.SyncBar().Error(); !strings.Contains(got, "disk I/O error") {
		t.Fatalf("error line=%q, want the listing error", got)
	}
}

func TestOfflineIndicator(t *testing.T) {
	lib := newFakeLib(1)
	u, _ := newUI(t, lib, ui.Config{Reachable: func(_ context.Context, _ []string) bool { return false }})
	if got := u.SyncBar().Online(); got != "" || u.SyncBar().Status() != "Local catalogues only" {
		t.Fatalf("with a file catalogue only: indicator %q, status %q; want none and local catalogues", got, u.SyncBar().Status())
	}
	lib.sources = append(lib.sources, app.Source{ID: 2, URL: "https://ilo.test/opds", Name: "ILO"})
	u, _ = newUI(t, lib, ui.Config{Reachable: func(_ context.Context, _ []string) bool { return false }})
	if got := u.SyncBar().Online(); !strings.Contains(got, "Offline") {
		t.Fatalf("indicator=%q, want Offline", got)
	}
}

func TestSyncProgressIsThrottled(t *testing.T) {
	now := time.Unix(0, 0)
	th := ui.Inline()
	th.Now = func() time.Time { return now } // the clock stands still: only the first report passes
	lib := newFakeLib(2)
	lib.syncSteps = 50
	a := test.NewTempApp(t)
	u := ui.New(a, a.NewWindow("x"), ui.Config{Library: lib, Threads: th})
	u.Start()
	var last string
	lib.onStep = func(int) { last = u.SyncBar().Status() }
	test.Tap(u.SyncBar().SyncButton())
	if last != "Syncing Demo: 1 pages, 50 entries" {
		t.Fatalf("status at the 50th report=%q, want the first report's", last)
	}
	if got := u.SyncBar().Status(); !strings.Contains(got, "3 added") {
		t.Fatalf("status after sync=%q", got)
	}
}

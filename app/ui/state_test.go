package ui_test

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"fieldshelf/app"
	"fieldshelf/app/ui"
)

func TestWindowStateIsRestored(t *testing.T) {
	a := test.NewTempApp(t)
	lib := newFakeLib(6)
	lib.docs[2].File = &app.File{Path: "files/3.pdf", Size: 100}
	lib.docs[4].File = &app.File{Path: "files/5.pdf", Size: 100}
	src := &fakeSource{pages: 9}
	start := func() (*ui.UI, fyne.Window) {
		w := a.NewWindow("Fieldshelf")
		w.Resize(fyne.NewSize(1100, 700)) // what the application asks first
		th := ui.Inline()
		th.Now = func() time.Time { return time.Unix(0, 0) }
		u := ui.New(a, w, ui.Config{Library: lib, Threads: th, Opener: openerOf(src)})
		w.Show()
		u.Start()
		t.Cleanup(u.Close)
		return u, w
	}
	u, w := start()
	s := u.Library()
	s.SortSelect().SetSelected("Title")
	s.OfflineCheck().SetChecked(true)
	s.TagSelect().SetSelected("Europe")
	w.Resize(fyne.NewSize(900, 640))
	s.Select(0)
	test.Tap(s.Detail().ReadButton())
	u.Reader().GoTo(7)
	u.SaveState()

	u, w = start()
	s = u.Library()
	if got := w.Canvas().Size(); got != fyne.NewSize(900, 640) {
		t.Errorf("window size %v, want 900x640", got)
	}
	if s.SortSelect().Selected != "Title" || !s.OfflineCheck().Checked || s.TagSelect().Selected != "Europe" {
		t.Errorf("sort %q, offline %v, tag %q; want Title, offline only, Europe",
			s.SortSelect().Selected, s.OfflineCheck().Checked, s.TagSelect().Selected)
	}
	if s.Count() != 2 {
		t.Errorf("%d rows listed, want the two offline documents of Europe", s.Count())
	}
	if rs := u.Reader(); rs == nil || rs.Page() != 7 {
		t.Fatalf("reader %v, want the document open again at page 7", rs != nil)
	}
}

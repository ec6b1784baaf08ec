package ui_test

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"fieldshelf/app"
	"fieldshelf/app/ui"
)

// The library fits a 1024x600 screen: nothing asks for a larger window,
// the filters fold into their button (and unfold on 1366x768), and the
// detail pane's parts lie one under the other, none wider than the pane.
func TestLayoutFits1024x600(t *testing.T) {
	lib := newFakeLib(40)
	lib.docs[0].Title = strings.Repeat("A very long title about referral pathways for survivors ", 4)
	lib.docs[0].Summary = strings.Repeat("A summary long enough to wrap over several lines of the pane. ", 12)
	lib.docs[0].File = &app.File{Path: "files/1.pdf", Size: 100}
	lib.docs[0].FileURL = "https://ilo.test/1.pdf"
	lib.pageText[1] = []string{"survivors", "none", "survivors again"}
	u, w := newUI(t, lib, ui.Config{})
	w.Resize(fyne.NewSize(1024, 600))
	s := u.Library()
	if min := w.Content().MinSize(); min.Width > 1024 || min.Height > 600 {
		t.Fatalf("the library needs %v, more than a 1024x600 screen", min)
	}
	if !s.FiltersFolded() {
		t.Error("at 1024x600 the filters do not fold into their button")
	}
	s.Search("survivors")
	s.Select(0)
	d := s.Detail()
	parts := d.Parts()
	for i, p := range parts {
		if p.Size().Width > d.PaneWidth() {
			t.Errorf("part %d (%T) is %v wide, the pane %v", i, p, p.Size().Width, d.PaneWidth())
		}
		if i == 0 {
			continue
		}
		prev := parts[i-1]
		if p.Position().Y < prev.Position().Y+prev.Size().Height {
			t.Errorf("part %d (%T) at y=%v overlaps part %d (%T) ending at y=%v", i, p, p.Position().Y,
				i-1, prev, prev.Position().Y+prev.Size().Height)
		}
		if p.Size().Height < p.MinSize().Height {
			t.Errorf("part %d (%T) is %v high, cut below its %v", i, p, p.Size().Height, p.MinSize().Height)
		}
	}
	u.OpenSettings()
	if min := w.Content().MinSize(); min.Width > 1024 || min.Height > 600 {
		t.Errorf("with the settings open the window needs %v", min)
	}
	w.Resize(fyne.NewSize(1366, 768))
	if s.FiltersFolded() {
		t.Error("at 1366x768 the filters stay folded")
	}
}

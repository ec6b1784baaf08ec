package ui_test

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"

	"fieldshelf/app/ui"
)

func TestPageTurnShowsTheTopOfThePage(t *testing.T) {
	u, _ := openReader(t, 10, nil, nil)
	rs := u.Reader()
	if rs.ViewMaxY() <= 0 {
		t.Fatalf("the page fits the view (max offset %v): the test needs a page taller than the view", rs.ViewMaxY())
	}
	u.TypeKey(fyne.KeyDown)
	u.TypeKey(fyne.KeyDown)
	if rs.ViewOffset().Y <= 0 {
		t.Fatal("Down did not scroll")
	}
	u.TypeKey(fyne.KeyRight)
	if rs.Page() != 2 || rs.ViewOffset().Y != 0 {
		t.Fatalf("Right: page %d at offset %v, want page 2 at its top", rs.Page(), rs.ViewOffset().Y)
	}
	u.TypeKey(fyne.KeyDown)
	rs.GoTo(5)
	if rs.Page() != 5 || rs.ViewOffset().Y != 0 {
		t.Fatalf("GoTo(5): page %d at offset %v, want its top", rs.Page(), rs.ViewOffset().Y)
	}
}

func TestSpaceScrollsAScreenThenTurnsThePage(t *testing.T) {
	u, _ := openReader(t, 10, nil, nil)
	rs := u.Reader()
	maxY, h := rs.ViewMaxY(), rs.ViewHeight()
	u.TypeKey(fyne.KeySpace)
	if y := rs.ViewOffset().Y; rs.Page() != 1 || y <= h/2 || y > h {
		t.Fatalf("Space: page %d at offset %v, want page 1 a screen (%v) down", rs.Page(), y, h)
	}
	presses := 1
	for rs.Page() == 1 && presses < 20 {
		u.TypeKey(fyne.KeySpace)
		presses++
	}
	if rs.Page() != 2 || rs.ViewOffset().Y != 0 {
		t.Fatalf("Space x%d: page %d at %v, want the top of page 2", presses, rs.Page(), rs.ViewOffset().Y)
	}
	if want := int(math.Ceil(float64(maxY/(h-36)))) + 1; presses != want {
		t.Fatalf("page 1 took %d presses of Space, want %d (a screen each, then the turn)", presses, want)
	}
	u.HoldKeys(fyne.KeyModifierShift)
	u.TypeKey(fyne.KeySpace)
	if rs.Page() != 1 || rs.ViewOffset().Y != rs.ViewMaxY() {
		t.Fatalf("Shift+Space at the top of page 2: page %d at %v, want the bottom (%v) of page 1", rs.Page(), rs.ViewOffset().Y, rs.ViewMaxY())
	}
	u.HoldKeys(0)
	u.TypeKey(fyne.KeyPageUp)
	if rs.Page() != 1 || rs.ViewOffset().Y >= rs.ViewMaxY() {
		t.Fatalf("Page Up: page %d at %v, want page 1 scrolled up", rs.Page(), rs.ViewOffset().Y)
	}
	u.TypeKey(fyne.KeyPageDown)
	u.TypeKey(fyne.KeyPageDown)
	if rs.Page() != 2 {
		t.Fatalf("Page Down from the bottom: page %d, want 2", rs.Page())
	}
}

func TestWheelScrollsThreeLinesAndCtrlWheelZoomsAroundTheMouse(t *testing.T) {
	u, _ := openReader(t, 10, nil, nil)
	rs := u.Reader()
	rs.Wheel(-25, 200, 100) // one notch down
	if y := rs.ViewOffset().Y; y != 3*18 {
		t.Fatalf("a notch scrolled %v, want three lines (54)", y)
	}
	before := rs.PointInView(200, 300)
	f0 := rs.Factor()
	u.HoldKeys(fyne.KeyModifierControl)
	rs.Wheel(25, 200, 300)
	if rs.Factor() <= f0 || rs.Page() != 1 {
		t.Fatalf("Ctrl+wheel: zoom %v was %v, page %d", rs.Factor(), f0, rs.Page())
	}
	if after := rs.PointInView(200, 300); math.Abs(float64(after.X-before.X)) > 1 || math.Abs(float64(after.Y-before.Y)) > 1 {
		t.Fatalf("the point under the mouse moved from %v to %v", before, after)
	}

	// In scroll mode too.
	u.HoldKeys(0)
	rs.SetContinuous(true)
	rs.GoTo(4)
	rs.Wheel(-25, 200, 100)
	before, f0 = rs.PointInView(150, 250), rs.Factor()
	u.HoldKeys(fyne.KeyModifierControl)
	rs.Wheel(25, 150, 250)
	if after := rs.PointInView(150, 250); rs.Factor() <= f0 || rs.Page() != 4 ||
		math.Abs(float64(after.X-before.X)) > 1 || math.Abs(float64(after.Y-before.Y)) > 1 {
		t.Fatalf("scroll mode Ctrl+wheel: zoom %v (was %v), page %d, the point under the mouse moved from %v to %v",
			rs.Factor(), f0, rs.Page(), before, after)
	}
}

func TestWheelTurnsPagesAtTheEdgeButATouchpadDoesNot(t *testing.T) {
	u, _ := openReader(t, 10, nil, nil)
	rs := u.Reader()
	for i := 0; i < 200 && rs.ViewOffset().Y < rs.ViewMaxY(); i++ {
		rs.Wheel(-3, 200, 100) // a touchpad's small steps
	}
	rs.Wheel(-3, 200, 100)
	if rs.Page() != 1 || rs.ViewOffset().Y != rs.ViewMaxY() {
		t.Fatalf("touchpad at the bottom: page %d at %v, want page 1 at its bottom", rs.Page(), rs.ViewOffset().Y)
	}
	rs.Wheel(-25, 200, 100)
	if rs.Page() != 2 || rs.ViewOffset().Y != 0 {
		t.Fatalf("a notch at the bottom: page %d at %v, want the top of page 2", rs.Page(), rs.ViewOffset().Y)
	}
	rs.Wheel(25, 200, 100)
	if rs.Page() != 1 || rs.ViewOffset().Y != rs.ViewMaxY() {
		t.Fatalf("a notch up at the top: page %d at %v, want the bottom of page 1", rs.Page(), rs.ViewOffset().Y)
	}
}

func TestScrollModeSameKeysAndThumbnailsFrameTheCurrentPage(t *testing.T) {
	u, _ := openReader(t, 30, nil, nil)
	rs := u.Reader()
	rs.SetContinuous(true)
	_, _, h, _ := rs.Shown()
	if gap := rs.PageTop(2) - rs.PageTop(1) - float32(h); rs.PageTop(1) < 8 || gap < 8 {
		t.Fatalf("page tops %v, %v of pages %d high: want a margin and a gap", rs.PageTop(1), rs.PageTop(2), h)
	}
	u.TypeKey(fyne.KeySpace)
	if y := rs.ViewOffset().Y; y < rs.ViewHeight()/2 {
		t.Fatalf("Space in scroll mode: offset %v", y)
	}
	rs.ShowThumbs()
	rs.GoTo(7)
	frames := rs.ThumbFrames()
	if _, ok := frames[7]; !ok || len(frames) < 2 {
		t.Fatalf("thumbnail frames %v: want page 7 and its neighbours", frames)
	}
	for p, w := range frames {
		if p == 7 && w != 3 || p != 7 && w != 1 {
			t.Fatalf("thumbnail frames %v: want 3 for the current page 7, 1 for the others", frames)
		}
	}
}

// TestReaderToolbarFits1024x600 checks in every language that the
// reader's toolbar fits a 1024x600 screen, no part of it cut.
func TestReaderToolbarFits1024x600(t *testing.T) {
	for _, l := range ui.Languages {
		t.Run(l.Code, func(t *testing.T) {
			u, _ := openReaderIn(t, l.Code, 10, nil, nil)
			w := u.Window()
			w.Resize(fyne.NewSize(1024, 600))
			if min := w.Content().MinSize(); min.Width > 1024 || min.Height > 600 {
				t.Fatalf("the reader needs %v, more than a 1024x600 screen", min)
			}
			d := fyne.CurrentApp().Driver()
			for i, o := range u.Reader().ToolbarParts() {
				at := d.AbsolutePositionForObject(o)
				if at.X < 0 || at.X+o.Size().Width > 1024 || o.Size().Width < o.MinSize().Width || !o.Visible() {
					t.Errorf("toolbar part %d (%T) at x=%v, %v wide (needs %v): cut at 1024 pixels", i, o, at.X, o.Size().Width, o.MinSize().Width)
				}
			}
			// A long search's status and Stop take room in the top row.
			u.Reader().ShowSearchProgress(140, 1234, 2345)
			if min := w.Content().MinSize(); min.Width > 1024 {
				t.Errorf("with a search's status the reader needs %v, more than a 1024x600 screen", min)
			}
			// The keyboard shortcuts' lines fit the small screen too.
			u.TypeKey(fyne.KeyF1)
			if u.Dialogs() == 0 {
				t.Fatal("F1 showed no list of keys")
			}
			if min := w.Canvas().Overlays().Top().MinSize(); min.Width > 1024 || min.Height > 600 {
				t.Errorf("the keyboard shortcuts need %v, more than a 1024x600 screen", min)
			}
		})
	}
}

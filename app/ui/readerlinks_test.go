package ui_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"fieldshelf/app"
	"fieldshelf/app/ui"
)

func alt(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
}

func TestLinksJumpToTheirPlaceAndBackReturns(t *testing.T) {
	u, src := openReader(t, 10, nil, nil)
	src.links = map[int][]app.PageLink{
		2: {{Rect: app.Rect{X0: 50, Y0: 100, X1: 250, Y1: 120}, Page: 7, Y: 450},
			{Rect: app.Rect{X0: 50, Y0: 140, X1: 250, Y1: 160}, URI: "https://example.org/guide"}},
	}
	rs := u.Reader()
	rs.GoTo(2)
	if rs.BackButton().Disabled() == false || rs.CanGoBack() {
		t.Fatal("Back is enabled before any link was followed")
	}
	if rs.HoverOnPage(100, 110) != desktop.PointerCursor || rs.HoverOnPage(10, 10) != desktop.DefaultCursor {
		t.Fatal("the pointer is not a hand over the link only")
	}
	rs.TapOnPage(10, 10) // no link there
	if rs.Page() != 2 {
		t.Fatalf("a tap beside the links went to page %d", rs.Page())
	}
	rs.TapOnPage(100, 110)
	if rs.Page() != 7 {
		t.Fatalf("the link went to page %d, want 7", rs.Page())
	}
	if at := rs.PointInView(0, 450).Y; at < 0 || at > rs.ViewHeight()-40 || rs.ViewOffset().Y == 0 {
		t.Fatalf("the link's target (450 points down page 7) is at %v in a view %v high (offset %v): want it scrolled into view",
			at, rs.ViewHeight(), rs.ViewOffset().Y)
	}
	if rs.BackButton().Disabled() {
		t.Fatal("Back is disabled after following a link")
	}
	u.Shortcut(alt(fyne.KeyLeft))
	if rs.Page() != 2 || rs.ViewOffset().Y != 0 {
		t.Fatalf("Alt+Left: page %d at %v, want the top of page 2 again", rs.Page(), rs.ViewOffset().Y)
	}
	u.Shortcut(alt(fyne.KeyRight))
	if rs.Page() != 7 {
		t.Fatalf("Alt+Right: page %d, want 7", rs.Page())
	}
	test.Tap(rs.BackButton())
	if rs.Page() != 2 || !rs.BackButton().Disabled() {
		t.Fatalf("Back button: page %d, Back enabled %v", rs.Page(), !rs.BackButton().Disabled())
	}

	// A link out of the document shows its address before anything opens.
	rs.TapOnPage(100, 150)
	if got := rs.LinkAddress(); got != "https://example.org/guide" || u.Dialogs() != 1 {
		t.Fatalf("external link: dialog shows %q (%d dialogs), want the address", got, u.Dialogs())
	}
	typeKey(u.Window(), fyne.KeyEscape)
	if u.Dialogs() != 0 || rs.Page() != 2 {
		t.Fatalf("Escape: %d dialogs, page %d", u.Dialogs(), rs.Page())
	}

	// In scroll mode: the link's target near the top of the view, and
	// Back to the place left, a little way down page 2.
	rs.SetContinuous(true)
	rs.GoTo(2)
	u.TypeKey(fyne.KeyDown)
	left := rs.ViewOffset().Y
	rs.TapOnPage(100, 110)
	if at := rs.PointInView(0, 450).Y; rs.Page() != 7 || at < 0 || at > rs.ViewHeight()/3 {
		t.Fatalf("scroll mode link: page %d, target at %v in a view %v high", rs.Page(), at, rs.ViewHeight())
	}
	rs.Back()
	if y := rs.ViewOffset().Y; rs.Page() != 2 || y < left-2 || y > left+2 {
		t.Fatalf("scroll mode Back: page %d at %v, want page 2 at %v", rs.Page(), y, left)
	}
}

func TestOutlineGoesToThePlaceOnThePage(t *testing.T) {
	u, src := openReader(t, 10, nil, nil)
	src.outline = []ui.OutlineItem{{Title: "Deep", Page: 6, Y: 500}}
	rs := u.Reader()
	rs.GoTo(1)
	rs.SelectOutline("0")
	if rs.Page() != 6 {
		t.Fatalf("outline entry: page %d, want 6", rs.Page())
	}
	if at := rs.PointInView(0, 500).Y; at < 0 || at > rs.ViewHeight()-40 || rs.ViewOffset().Y == 0 {
		t.Fatalf("the entry's place is at %v in a view %v high (offset %v): want it scrolled into view", at, rs.ViewHeight(), rs.ViewOffset().Y)
	}
	rs.SetContinuous(true)
	rs.GoTo(1)
	rs.SelectOutline("0")
	if at := rs.PointInView(0, 500).Y; rs.Page() != 6 || at < 0 || at > rs.ViewHeight()/3 {
		t.Fatalf("scroll mode: page %d, the entry's place at %v in a view %v high; want it near the top", rs.Page(), at, rs.ViewHeight())
	}
}

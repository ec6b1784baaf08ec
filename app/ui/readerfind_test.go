package ui_test

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestFindPreviousClearAndEscape(t *testing.T) {
	u, _ := openReader(t, 10, nil, nil)
	rs := u.Reader()
	w := u.Window()
	w.Canvas().Focus(rs.FindField())
	rs.SetFindText("needle")
	typeKey(w, fyne.KeyReturn)
	if rs.Page() != 3 || rs.FindStatus() != "1 of 2" {
		t.Fatalf("Enter: page %d, %q; want the first hit on page 3", rs.Page(), rs.FindStatus())
	}
	if all, cur := rs.FindMarks(); all != 1 || cur != 1 {
		t.Fatalf("page 3 marks: %d hits, %d current; want its one hit marked as the current one", all, cur)
	}
	typeKey(w, fyne.KeyReturn)
	if rs.Page() != 5 || rs.FindStatus() != "2 of 2" {
		t.Fatalf("Enter again: page %d, %q", rs.Page(), rs.FindStatus())
	}
	if at := rs.PointInView(10, 540).Y; at < 0 || at > rs.ViewHeight() {
		t.Fatalf("the hit 540 points down page 5 is at %v, outside a view %v high", at, rs.ViewHeight())
	}
	u.HoldKeys(fyne.KeyModifierShift)
	typeKey(w, fyne.KeyReturn)
	u.HoldKeys(0)
	if rs.Page() != 3 || rs.FindStatus() != "1 of 2" {
		t.Fatalf("Shift+Enter: page %d, %q; want back to the hit on page 3", rs.Page(), rs.FindStatus())
	}
	test.Tap(rs.FindPrevButton())
	if rs.Page() != 5 || rs.FindStatus() != "2 of 2" {
		t.Fatalf("the previous-hit button from the first: page %d, %q; want round to the last", rs.Page(), rs.FindStatus())
	}
	w.Canvas().Focus(rs.FindField())
	rs.SetFindText("")
	if all, _ := rs.FindMarks(); all != 0 || rs.FindStatus() != "" {
		t.Fatalf("cleared field: %d marks, status %q", all, rs.FindStatus())
	}
	typeKey(w, fyne.KeyEscape)
	if w.Canvas().Focused() != nil || u.Reader() == nil {
		t.Fatalf("Escape in the find field: focus %T, reader open %v; want the field left, the reader still open", w.Canvas().Focused(), u.Reader() != nil)
	}
	typeKey(w, fyne.KeyRight)
	if rs.Page() != 6 {
		t.Fatalf("Right after Escape: page %d, want 6", rs.Page())
	}
}

func TestLongFindShowsProgressAndStops(t *testing.T) {
	u, src := openReader(t, 400, nil, nil)
	rs := u.Reader()
	var during []string
	src.onPage = func(p int) {
		if p == 100 {
			during = append(during, rs.FindStatus())
			if !rs.FindStopButton().Visible() {
				t.Error("no Stop button while searching")
			}
			test.Tap(rs.FindStopButton())
		}
	}
	rs.Find("line")
	if len(during) != 1 || during[0] != "1 of 100, searching page 100 of 400…" {
		t.Fatalf("status while searching: %q, want the hit shown and the page reached", during)
	}
	if rs.FindStopButton().Visible() {
		t.Fatal("Stop still shows after the search stopped")
	}
	if rs.FindStatus() != "1 of 100 (stopped)" || rs.Page() != 1 {
		t.Fatalf("after Stop: %q on page %d; want the 100 hits found so far, the first shown", rs.FindStatus(), rs.Page())
	}
	src.onPage = nil
	rs.SetFindText("")
	rs.Find("line")
	if rs.FindStatus() != "1 of 400" {
		t.Fatalf("a full search: %q", rs.FindStatus())
	}

	// The first hit shows while the rest is searched; Enter meanwhile goes
	// on to the next hit found so far.
	rs.SetFindText("")
	var pageWhile []int
	var status string
	src.onPage = func(p int) {
		switch p {
		case 2:
			status = rs.FindStatus()
		case 4:
			pageWhile = append(pageWhile, rs.Page())
		case 300:
			rs.Find("needle") // Enter again, the search still running
			pageWhile = append(pageWhile, rs.Page())
		}
	}
	rs.GoTo(10)
	rs.Find("needle")
	if status != "Searching page 2 of 400…" || fmt.Sprint(pageWhile) != "[3 5]" {
		t.Fatalf("while searching: status %q at page 2, pages shown %v; want page 3's hit shown once found, then page 5's", status, pageWhile)
	}
	if rs.Page() != 5 || rs.FindStatus() != "2 of 2" {
		t.Fatalf("after the search: page %d, %q; want the hit gone to kept", rs.Page(), rs.FindStatus())
	}

	// The same words searched again after the field was cleared: the
	// first search's end is dropped, the second's stands.
	nested := false
	src.onPage = func(p int) {
		if p == 50 && !nested {
			nested = true
			rs.SetFindText("")
			rs.Find("line")
		}
	}
	rs.SetFindText("")
	rs.Find("line")
	if rs.FindStatus() != "1 of 400" || rs.FindStopButton().Visible() {
		t.Fatalf("a search redone while the first ran: %q, Stop showing %v", rs.FindStatus(), rs.FindStopButton().Visible())
	}
}

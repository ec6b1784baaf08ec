package ui_test

import (
	"strings"
	"testing"

	"fieldshelf/app"
)

func TestDragHighlightsTextLines(t *testing.T) {
	notes := newFakeNotes()
	u, _ := openReader(t, 10, notes, nil)
	rs := u.Reader()
	rs.GoTo(2)

	// Without the toggle (or Shift) a drag selects the lines and asks
	// nothing; a tap elsewhere drops the selection.
	rs.DragOnPage(40, 95, 200, 135)
	if rs.HighlightAsked() || rs.Marks() != 2 {
		t.Fatalf("a plain drag: asked %v, %d marks; want the 2 lines selected and no dialog", rs.HighlightAsked(), rs.Marks())
	}
	rs.TapOnPage(300, 500)
	if rs.Marks() != 0 {
		t.Fatalf("a tap elsewhere left %d marks", rs.Marks())
	}

	rs.SetHighlightMode(true)
	rs.DragOnPage(200, 135, 40, 95) // up and left: lines 1 and 2
	if !rs.HighlightAsked() || rs.Marks() != 2 {
		t.Fatalf("after the drag: asked %v, marks %d; want the 2 lines shown", rs.HighlightAsked(), rs.Marks())
	}
	rs.SaveHighlight("green", "check this")
	got := notes.items
	if len(got) != 1 || got[0].Kind != app.KindHighlight || got[0].Page != 2 || got[0].Color != "green" ||
		got[0].Quote != "line 1 of page 2\nline 2 of page 2" || got[0].Text != "check this" || len(got[0].Rects) != 2 {
		t.Fatalf("saved %+v", got)
	}
	if r := got[0].Rects[0]; r.X0 < 49 || r.X0 > 51 || r.X1 < 199 || r.X1 > 201 || r.Y0 != 100 {
		t.Fatalf("first line's rect %+v, want x 50-200 at y 100", r)
	}
	if rs.HighlightAsked() || rs.Marks() != 2 || len(rs.Annotations()) != 1 {
		t.Fatalf("after saving: marks %d, listed %d", rs.Marks(), len(rs.Annotations()))
	}

	// A drag over no text makes an area highlight; Cancel drops it.
	rs.DragOnPage(10, 400, 60, 450)
	if !rs.HighlightAsked() || rs.Marks() != 3 {
		t.Fatalf("area: asked %v, marks %d", rs.HighlightAsked(), rs.Marks())
	}
	rs.CancelHighlight()
	if rs.Marks() != 2 || len(notes.items) != 1 {
		t.Fatalf("after cancel: marks %d, saved %d", rs.Marks(), len(notes.items))
	}

	// Other pages show no overlay; page 2 shows it again, also in the column.
	rs.GoTo(3)
	if rs.Marks() != 0 {
		t.Fatalf("page 3 marks %d", rs.Marks())
	}
	rs.SetContinuous(true)
	rs.GoTo(2)
	if rs.StripMarks(2) != 2 {
		t.Fatalf("column page 2 marks %d", rs.StripMarks(2))
	}

	// Dragging in the column highlights too.
	rs.DragOnPage(60, 160, 300, 165) // line 4
	if !rs.HighlightAsked() || rs.StripMarks(2) != 3 {
		t.Fatalf("column drag: asked %v, marks %d", rs.HighlightAsked(), rs.StripMarks(2))
	}
	rs.SaveHighlight("pink", "")
	if len(notes.items) != 2 || notes.items[1].Quote != "line 4 of page 2" || notes.items[1].Color != "pink" {
		t.Fatalf("saved %+v", notes.items)
	}

	// Tapping a highlight opens it for editing.
	before := u.Dialogs()
	rs.TapOnPage(300, 300) // no highlight there
	if u.Dialogs() != before {
		t.Fatal("a tap beside the highlights opened a dialog")
	}
	rs.TapOnPage(100, 105)
	if u.Dialogs() != before+1 {
		t.Fatal("tapping a highlight did not open it")
	}
}

// The highlight popup names the colours in the interface's language, and
// the highlight keeps the colour's stored name.
func TestHighlightColoursInTheLanguage(t *testing.T) {
	notes := newFakeNotes()
	u, _ := openReaderIn(t, "fr", 10, notes, nil)
	rs := u.Reader()
	rs.GoTo(2)
	rs.SetHighlightMode(true)
	rs.DragOnPage(40, 95, 200, 135)
	colours := rs.HighlightColours()
	if colours == nil {
		t.Fatal("the highlight popup shows no colour choice")
	}
	if got := strings.Join(colours.Options, ", "); got != "jaune, vert, bleu, rose" {
		t.Fatalf("colours offered in French: %s", got)
	}
	if colours.Selected != "jaune" {
		t.Fatalf("colour chosen first: %q, want jaune", colours.Selected)
	}
	colours.SetSelected("vert")
	rs.ConfirmHighlight()
	if got := notes.items; len(got) != 1 || got[0].Color != "green" {
		t.Fatalf("saved %+v, want one green highlight", got)
	}
}

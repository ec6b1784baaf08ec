package ui_test

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"fieldshelf/app"
)

func TestTheFilesStickyNotesOpenAndAreListedWithFormFieldsReadOnly(t *testing.T) {
	src := &fakeSource{pages: 10, notes: []app.FileNote{
		{Page: 2, Rect: app.Rect{X0: 300, Y0: 20, X1: 320, Y1: 40}, Author: "Ana Field", Text: "Check the\nreferral list"},
		{Page: 4, Rect: app.Rect{X0: 50, Y0: 300, X1: 250, Y1: 320}, Field: true, Name: "name", Value: "Filled in"},
	}}
	u, _ := openReader(t, 10, nil, openerOf(src))
	rs := u.Reader()
	rows := rs.NotesRows()
	want := []string{"In the file (1)", "p. 2  Ana Field: Check the referral list", "Form fields, read-only (1)", "p. 4  name: Filled in"}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Fatalf("Notes tab rows %q, want %q", rows, want)
	}

	// A click on the note's icon on its page opens it.
	rs.GoTo(2)
	rs.TapOnPage(310, 30)
	if got := rs.FileDialogText(); !strings.Contains(got, "Check the\nreferral list") || u.Dialogs() != 1 {
		t.Fatalf("tap on the sticky note: dialog %q, %d dialogs", got, u.Dialogs())
	}
	typeKey(u.Window(), fyne.KeyEscape)
	if u.Dialogs() != 0 || u.Reader() == nil {
		t.Fatalf("Escape: %d dialogs, reader open %v", u.Dialogs(), u.Reader() != nil)
	}
	rs.TapOnPage(100, 100)
	if u.Dialogs() != 0 {
		t.Fatal("a tap beside the note opened a dialog")
	}

	// The field's row goes to its page and says forms are read-only.
	rs.SelectNotesRow(3)
	got := rs.FileDialogText()
	if rs.Page() != 4 || !strings.Contains(got, "name: Filled in") || !strings.Contains(got, "cannot be filled in or changed") {
		t.Fatalf("the field's row: page %d, dialog %q", rs.Page(), got)
	}
}

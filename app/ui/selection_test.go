package ui_test

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
)

func TestSelectedTextIsCopiedToTheClipboard(t *testing.T) {
	notes := newFakeNotes()
	u, _ := openReader(t, 10, notes, nil)
	rs := u.Reader()
	clip := fyne.CurrentApp().Clipboard()
	clip.SetContent("before")
	rs.GoTo(2)
	rs.DragOnPage(40, 95, 200, 135)
	u.Shortcut(&fyne.ShortcutCopy{})
	if got := clip.Content(); got != "line 1 of page 2\nline 2 of page 2" {
		t.Fatalf("Ctrl+C copied %q, want the two selected lines", got)
	}
	if rs.HighlightAsked() || u.Dialogs() != 0 {
		t.Fatal("selecting text asked for a highlight")
	}

	// The right-click menu copies, highlights and adds a note.
	clip.SetContent("")
	items := rs.RightClickOnPage(100, 110)
	if fmt.Sprint(items) != "[Copy Highlight Add note]" {
		t.Fatalf("menu over a selection: %v", items)
	}
	rs.ChooseMenu("Copy")
	if clip.Content() != "line 1 of page 2\nline 2 of page 2" {
		t.Fatalf("menu Copy: clipboard %q", clip.Content())
	}
	rs.RightClickOnPage(100, 110)
	rs.ChooseMenu("Add note")
	if !rs.HighlightAsked() {
		t.Fatal("Add note showed no dialog")
	}
	clip.SetContent("")
	rs.HighlightCopy()
	if clip.Content() != "line 1 of page 2\nline 2 of page 2" {
		t.Fatalf("the highlight dialog's Copy: clipboard %q", clip.Content())
	}
	rs.SaveHighlight("blue", "a note")
	if len(notes.items) != 1 || notes.items[0].Text != "a note" || notes.items[0].Quote == "" {
		t.Fatalf("saved %+v", notes.items)
	}

	// Escape drops a selection before it closes the reader.
	rs.DragOnPage(40, 155, 200, 175)
	if rs.Marks() != 3 { // the saved highlight's two lines and the selected one
		t.Fatalf("marks %d, want 3", rs.Marks())
	}
	u.TypeKey(fyne.KeyEscape)
	if u.Reader() == nil || rs.Marks() != 2 {
		t.Fatalf("Escape: reader open %v, marks %d; want the selection dropped", u.Reader() != nil, rs.Marks())
	}
	if items := rs.RightClickOnPage(300, 500); fmt.Sprint(items) != "[Add note to this page Bookmark this page]" {
		t.Fatalf("menu with no selection: %v", items)
	}
	rs.ChooseMenu("Bookmark this page")
	if len(notes.items) != 2 || notes.items[1].Page != 2 {
		t.Fatalf("bookmark from the menu: %+v", notes.items)
	}
	u.TypeKey(fyne.KeyEscape)
	if u.Reader() != nil {
		t.Fatal("Escape with no selection left the reader open")
	}
}

func TestShiftDragHighlightsAtOnce(t *testing.T) {
	u, _ := openReader(t, 10, nil, nil)
	rs := u.Reader()
	u.HoldKeys(fyne.KeyModifierShift)
	rs.DragOnPage(40, 95, 200, 135)
	u.HoldKeys(0)
	if !rs.HighlightAsked() {
		t.Fatal("a drag with Shift held asked for no highlight")
	}
}

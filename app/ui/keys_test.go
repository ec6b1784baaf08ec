package ui_test

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"fieldshelf/app"
	"fieldshelf/app/ui"
)

// typeKey sends a key to whatever has the focus, or to the window.
func typeKey(w fyne.Window, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	w.Canvas().OnTypedKey()(ev)
}

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func TestArrowsMoveTheSelectionFromTheSearchFieldAndTheList(t *testing.T) {
	lib := newFakeLib(5)
	lib.docs[1].File = &app.File{Path: "files/2.pdf", Size: 100}
	src := &fakeSource{pages: 4}
	u, w := newUI(t, lib, ui.Config{Opener: openerOf(src)})
	s := u.Library()
	w.Canvas().Focus(s.SearchEntry())
	typeKey(w, fyne.KeyDown)
	if w.Canvas().Focused() != s.List() || s.Detail().Title() != "Report 00001 on field safety" {
		t.Fatalf("Down in the search field: focus %T, detail %q; want the list, its first row", w.Canvas().Focused(), s.Detail().Title())
	}
	typeKey(w, fyne.KeyDown)
	typeKey(w, fyne.KeyDown)
	typeKey(w, fyne.KeyUp)
	if got := s.Detail().Title(); got != "Report 00002 on field safety" {
		t.Fatalf("Down, Down, Up in the list: detail %q, want the second row", got)
	}
	typeKey(w, fyne.KeyReturn)
	if u.Reader() == nil {
		t.Fatal("Enter in the list opened no reader")
	}
	typeKey(w, fyne.KeyEscape)
	w.Canvas().Focus(s.List())
	typeKey(w, fyne.KeyUp)
	typeKey(w, fyne.KeyUp)
	if w.Canvas().Focused() != s.SearchEntry() {
		t.Fatalf("Up from the first row: focus %T, want the search field", w.Canvas().Focused())
	}
	// The search field hands the window's shortcuts on: Ctrl+O opens.
	s.List().Select(1)
	w.Canvas().Focus(s.SearchEntry())
	s.SearchEntry().TypedShortcut(ctrl(fyne.KeyO))
	if u.Reader() == nil {
		t.Fatal("Ctrl+O in the search field opened no reader")
	}
}

func TestDialogsTakeEnterAndEscape(t *testing.T) {
	u, _ := openReader(t, 10, nil, nil)
	w := u.Window()
	u.Shortcut(ctrl(fyne.KeyG))
	if u.Dialogs() != 1 {
		t.Fatalf("Ctrl+G: %d dialogs, want 1", u.Dialogs())
	}
	typeKey(w, fyne.KeyRight) // the page field has the focus: no page turns
	w.Canvas().Focused().TypedRune('4')
	typeKey(w, fyne.KeyReturn)
	if u.Dialogs() != 0 || u.Reader().Page() != 4 {
		t.Fatalf("Enter in Go to page: %d dialogs, page %d; want it gone and page 4", u.Dialogs(), u.Reader().Page())
	}
	u.Shortcut(ctrl(fyne.KeyG))
	typeKey(w, fyne.KeyEscape)
	if u.Dialogs() != 0 || u.Reader() == nil {
		t.Fatalf("Escape in Go to page: %d dialogs, reader open %v; want the dialog closed, the reader open", u.Dialogs(), u.Reader() != nil)
	}
	// With no field focused, Enter submits and other keys wait.
	u.Shortcut(ctrl(fyne.KeyN))
	w.Canvas().Focused().TypedRune('x')
	w.Canvas().Unfocus()
	u.TypeKey(fyne.KeyRight)
	u.Shortcut(ctrl(fyne.KeyB))
	if u.Reader().Page() != 4 || len(u.Reader().Annotations()) != 0 {
		t.Fatalf("keys under a dialog: page %d, %d annotations; want nothing done", u.Reader().Page(), len(u.Reader().Annotations()))
	}
	u.TypeKey(fyne.KeyReturn)
	if u.Dialogs() != 0 || len(u.Reader().Annotations()) != 1 {
		t.Fatalf("Enter in the note dialog: %d dialogs, %d annotations; want the note saved", u.Dialogs(), len(u.Reader().Annotations()))
	}
	u.OpenSettings()
	u.TypeKey(fyne.KeyEscape)
	if u.Dialogs() != 0 || u.Reader() == nil {
		t.Fatalf("Escape in the settings: %d dialogs, reader open %v", u.Dialogs(), u.Reader() != nil)
	}
}

func TestCtrlZUndoesTheLastAnnotationDelete(t *testing.T) {
	u, _ := openReader(t, 10, nil, nil)
	rs := u.Reader()
	rs.AddBookmark()
	rs.DeleteAnnotation(0)
	if len(rs.Annotations()) != 0 {
		t.Fatal("the bookmark was not deleted")
	}
	u.Shortcut(&fyne.ShortcutUndo{})
	if len(rs.Annotations()) != 1 {
		t.Fatalf("Ctrl+Z: %d annotations, want the bookmark back", len(rs.Annotations()))
	}
}

func TestF1ShowsTheShortcuts(t *testing.T) {
	u, w := newUI(t, newFakeLib(2), ui.Config{})
	w.Canvas().Focus(u.Library().SearchEntry())
	typeKey(w, fyne.KeyF1)
	if u.Dialogs() != 1 {
		t.Fatalf("F1 in the search field: %d dialogs, want the shortcuts", u.Dialogs())
	}
	u.TypeKey(fyne.KeyReturn)
	if u.Dialogs() != 0 {
		t.Fatal("Enter did not close the shortcuts")
	}
}

// openerOf opens every document on src.
func openerOf(src *fakeSource) ui.Opener {
	return func(context.Context, app.Document, string) (ui.PageSource, error) { return src, nil }
}

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// keyEntry is a text field that leaves the window's keys working. A
// focused Fyne entry keeps every key and shortcut to itself, so Ctrl+O or
// F1 typed in the search field would do nothing: keyEntry hands the
// window's shortcuts (Ctrl+letter) to the window, shows the help on F1 and
// lets its screen take keys first through onKey (the search field's Down
// goes into the list, a dialog's Escape closes the dialog).
type keyEntry struct {
	widget.Entry
	u *UI
	// onKey sees each key before the entry; it returns true when it
	// handled the key.
	onKey func(*fyne.KeyEvent) bool
}

func newKeyEntry(u *UI) *keyEntry {
	e := &keyEntry{u: u}
	e.ExtendBaseWidget(e)
	return e
}

// newDialogEntry is a field of a dialog: Enter (Ctrl+Enter in a
// multi-line field) submits the dialog and Escape closes it.
func newDialogEntry(u *UI, multiLine bool) *keyEntry {
	e := newKeyEntry(u)
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.onKey = func(ev *fyne.KeyEvent) bool {
		if ev.Name == fyne.KeyEscape || (!multiLine && (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter)) {
			return u.modalKey(ev)
		}
		return false
	}
	return e
}

// newDialogPassword is a password field of a dialog.
func newDialogPassword(u *UI) *keyEntry {
	e := newDialogEntry(u, false)
	e.Password = true
	return e
}

// TypedKey gives the key to onKey, then to the help, then to the entry.
func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case e.onKey != nil && e.onKey(ev):
	case ev.Name == fyne.KeyF1:
		e.u.showHelp()
	default:
		e.Entry.TypedKey(ev)
	}
}

// TypedShortcut runs the window's shortcut when there is one (Ctrl+Enter
// submits a dialog); the editing shortcuts (copy, paste, undo, word moves)
// stay the entry's.
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok {
		if cs.KeyName == fyne.KeyReturn || cs.KeyName == fyne.KeyEnter {
			e.u.modalKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			return
		}
		if e.u.runShortcut(cs) {
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// docList is the library list. Fyne's list moves a focus mark of its own
// with Up and Down, apart from the selection, and Enter does nothing: in
// docList the arrows move the selection (the detail pane follows), Enter
// opens it, and the selection is the only mark.
type docList struct {
	widget.List
	onKey func(*fyne.KeyEvent) bool // the library's keys; true when handled
}

func newDocList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *docList {
	l := &docList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey gives the key to the library first.
func (l *docList) TypedKey(ev *fyne.KeyEvent) {
	if l.onKey == nil || !l.onKey(ev) {
		l.List.TypedKey(ev)
	}
}

// FocusGained keeps Fyne's focus mark off: the selection shows the row.
func (l *docList) FocusGained() {}

// FocusLost has no mark to take off.
func (l *docList) FocusLost() {}

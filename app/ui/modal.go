package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// modal is a dialog on screen as the keys see it.
type modal struct {
	dismiss func()
	submit  func() // what Enter does; nil when it only closes the dialog
}

// showModal shows d and lets the keys reach it while it is on top: Escape
// dismisses it and Enter runs submit (or dismisses d when submit is nil).
// Other keys do nothing meanwhile, so that no page turns under a dialog.
func (u *UI) showModal(d dialog.Dialog, submit func()) {
	m := &modal{dismiss: d.Dismiss, submit: submit}
	u.modals = append(u.modals, m)
	d.SetOnClosed(func() { u.dropModal(m) })
	d.Show()
}

func (u *UI) dropModal(m *modal) {
	for i, x := range u.modals {
		if x == m {
			u.modals = append(u.modals[:i], u.modals[i+1:]...)
			return
		}
	}
}

// modalKey handles a key while a dialog is open; it reports false when
// none is.
func (u *UI) modalKey(ev *fyne.KeyEvent) bool {
	if len(u.modals) == 0 {
		return false
	}
	m := u.modals[len(u.modals)-1]
	switch ev.Name {
	case fyne.KeyEscape:
		m.dismiss()
	case fyne.KeyReturn, fyne.KeyEnter:
		if m.submit != nil {
			m.submit()
		} else {
			m.dismiss()
		}
	}
	return true
}

// keyHelp is one line of the shortcuts dialog.
type keyHelp struct{ keys, what string }

// libraryHelp and readerHelp are the keys that are not shortcuts of the
// table in keys.go, in the interface's language.
func libraryHelp() []keyHelp {
	return []keyHelp{{lang.L("Up, Down"), lang.L("Select the publication above or below (also from the search field)")},
		{lang.L("Enter"), lang.L("Open the selected publication")},
		{lang.L("Escape"), lang.L("Clear the search field; close a dialog")}}
}

func readerHelp() []keyHelp {
	return []keyHelp{{lang.L("Right, Left"), lang.L("Next, previous page")},
		{lang.L("Space, Page Down"), lang.L("Scroll down a screen, then turn the page")},
		{lang.L("Shift+Space, Page Up"), lang.L("Scroll up a screen, then turn back")},
		{lang.L("Up, Down"), lang.L("Scroll")}, {lang.L("Home, End"), lang.L("First, last page")},
		{lang.L("Alt+Left, Alt+Right"), lang.L("Back to where a link was followed from, and forward again")},
		{lang.L("Enter, Shift+Enter"), lang.L("In the find field: next, previous match")},
		{"Ctrl+C", lang.L("Copy the selected text")},
		{lang.L("Escape"), lang.L("Leave the find field; clear the selection; back to the library; close a dialog")}}
}

// showHelp shows the keyboard shortcuts (F1, the "?" button).
func (u *UI) showHelp() {
	if len(u.modals) > 0 {
		return
	}
	grid := container.New(layout.NewFormLayout())
	add := func(keys, what string) {
		grid.Add(widget.NewLabelWithStyle(keys, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(what))
	}
	section := func(title string, keys []keyHelp, screen string) {
		grid.Add(widget.NewLabelWithStyle(title, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true, Italic: true}))
		grid.Add(widget.NewLabel(""))
		for _, k := range keys {
			add(k.keys, k.what)
		}
		for _, s := range u.shortcutTable() {
			if s.screen == screen {
				add(shortcutName(s), s.what)
			}
		}
	}
	section(lang.L("Library"), libraryHelp(), "library")
	section(lang.L("Reader"), readerHelp(), "reader")
	section(lang.L("Everywhere"), []keyHelp{{"F1", lang.L("This list")}}, "")
	d := dialog.NewCustom(lang.L("Keyboard shortcuts"), lang.L("Close"), container.NewVScroll(grid), u.win)
	d.Resize(u.dialogSize(620, 560))
	u.showModal(d, nil)
}

// shortcutName is "Ctrl+B".
func shortcutName(s shortcut) string {
	key := string(s.key)
	switch s.key {
	case fyne.KeyEqual:
		key = "="
	case fyne.KeyMinus:
		key = "-"
	}
	if s.undo {
		key = "Z"
	}
	return "Ctrl+" + strings.ToUpper(key)
}

// dialogSize is a dialog's size, w x h at most, within the window.
func (u *UI) dialogSize(w, h float32) fyne.Size {
	win := u.win.Canvas().Size()
	if win.Width > 0 {
		w, h = min(w, win.Width-24), min(h, win.Height-24)
	}
	return fyne.NewSize(w, h)
}

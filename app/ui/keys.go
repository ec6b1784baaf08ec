package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
)

// shortcut is one of the window's Ctrl shortcuts.
type shortcut struct {
	key    fyne.KeyName
	undo   bool   // Ctrl+Z, which Fyne delivers as its undo shortcut
	screen string // "library", "reader", or "" for both: where it acts, for the help
	what   string
	run    func()
}

// shortcutTable lists the window's shortcuts; each acts on the screen
// showing, and none while a dialog is open.
func (u *UI) shortcutTable() []shortcut {
	reader := func(f func(*ReaderScreen)) func() { return func() { u.inReader(f) } }
	return []shortcut{
		{key: fyne.KeyF, what: lang.L("Search the library; find in the document"), run: u.onFindKey},
		{key: fyne.KeyO, screen: "library", what: lang.L("Open the selected publication"), run: u.openSelected},
		{key: fyne.KeyB, screen: "reader", what: lang.L("Bookmark the page"), run: reader((*ReaderScreen).AddBookmark)},
		{key: fyne.KeyN, screen: "reader", what: lang.L("Write a note on the page"), run: reader((*ReaderScreen).addPageNote)},
		{key: fyne.KeyG, screen: "reader", what: lang.L("Go to a page"), run: reader((*ReaderScreen).askPage)},
		{key: fyne.KeyEqual, screen: "reader", what: lang.L("Zoom in"), run: reader((*ReaderScreen).ZoomIn)},
		{key: fyne.KeyMinus, screen: "reader", what: lang.L("Zoom out"), run: reader((*ReaderScreen).ZoomOut)},
		{key: fyne.Key0, screen: "reader", what: lang.L("Fit the page width"), run: reader((*ReaderScreen).FitWidth)},
		{key: fyne.KeyL, screen: "reader", what: lang.L("Scroll through all pages, or one page at a time"),
			run: reader(func(rs *ReaderScreen) { rs.SetContinuous(!rs.lay.cont) })},
		{undo: true, screen: "reader", what: lang.L("Undo the last deleted bookmark, note or highlight"),
			run: reader(func(rs *ReaderScreen) { rs.side.notes.onUndo() })},
	}
}

// bindKeys registers the window's shortcuts and keys once; each acts on
// the screen that is showing.
func (u *UI) bindKeys() {
	c := u.win.Canvas()
	for _, s := range u.shortcutTable() {
		run := s.run
		var sc fyne.Shortcut = &desktop.CustomShortcut{KeyName: s.key, Modifier: fyne.KeyModifierShortcutDefault}
		if s.undo {
			sc = &fyne.ShortcutUndo{}
		}
		c.AddShortcut(sc, func(fyne.Shortcut) {
			if len(u.modals) == 0 {
				run()
			}
		})
	}
	for _, k := range []struct {
		key fyne.KeyName
		run func(*ReaderScreen)
	}{{fyne.KeyLeft, (*ReaderScreen).Back}, {fyne.KeyRight, (*ReaderScreen).Forward}} {
		run := k.run
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k.key, Modifier: fyne.KeyModifierAlt}, func(fyne.Shortcut) {
			if len(u.modals) == 0 {
				u.inReader(run)
			}
		})
	}
	c.AddShortcut(&fyne.ShortcutCopy{}, func(fyne.Shortcut) {
		if len(u.modals) == 0 && u.read != nil {
			u.read.hl.Copy()
		}
	})
	c.SetOnTypedKey(u.onKey)
}

// runShortcut runs the window's shortcut cs, for a focused field that
// would keep it; it reports whether cs is one.
func (u *UI) runShortcut(cs *desktop.CustomShortcut) bool {
	if cs.Modifier != fyne.KeyModifierShortcutDefault {
		return false
	}
	for _, s := range u.shortcutTable() {
		if !s.undo && s.key == cs.KeyName {
			if len(u.modals) == 0 {
				s.run()
			}
			return true
		}
	}
	return false
}

func (u *UI) inReader(f func(*ReaderScreen)) {
	if u.read != nil {
		f(u.read)
	}
}

func (u *UI) onFindKey() {
	if u.read != nil {
		u.win.Canvas().Focus(u.read.bar.find)
		return
	}
	u.win.Canvas().Focus(u.shelf.search)
}

// onKey handles keys typed while no field has the focus.
func (u *UI) onKey(ev *fyne.KeyEvent) {
	switch {
	case u.modalKey(ev):
	case ev.Name == fyne.KeyF1:
		u.showHelp()
	case u.read != nil:
		u.onReaderKey(u.read, ev)
	default:
		u.shelf.onKey(ev)
	}
}

// onReaderKey turns pages and scrolls: Right and Left turn to the top of
// a page, Space and Page Down (Shift+Space and Page Up) scroll a screen
// and turn at the page's end.
func (u *UI) onReaderKey(rs *ReaderScreen, ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace:
		if u.mods()&fyne.KeyModifierShift != 0 {
			rs.PageUp()
		} else {
			rs.PageDown()
		}
	case fyne.KeyPageDown:
		rs.PageDown()
	case fyne.KeyPageUp:
		rs.PageUp()
	case fyne.KeyRight:
		rs.Next()
	case fyne.KeyLeft, fyne.KeyBackspace:
		rs.Prev()
	case fyne.KeyDown:
		rs.lay.scrollBy(2 * lineHeight)
	case fyne.KeyUp:
		rs.lay.scrollBy(-2 * lineHeight)
	case fyne.KeyHome:
		rs.GoTo(1)
	case fyne.KeyEnd:
		rs.GoTo(rs.pages)
	case fyne.KeyEscape:
		if !rs.hl.drop() {
			u.closeReader()
		}
	}
}

// openSelected reads the selected document (Enter, Ctrl+O in the library).
func (u *UI) openSelected() {
	if d := u.shelf.detail.doc; u.read == nil && d.ID != 0 && d.File != nil {
		u.openReader(d, u.shelf.detail.page, u.shelf.detail.query)
	}
}

// onKey moves the selection with the arrows and opens it with Enter,
// whether the list has the focus or nothing has; it reports whether it
// handled the key.
func (s *LibraryScreen) onKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		s.u.openSelected()
	case fyne.KeyDown:
		s.focusList()
		s.moveSelection(1)
	case fyne.KeyUp:
		if s.selIndex <= 0 { // above the first row is the search field
			s.u.win.Canvas().Focus(s.search)
			return true
		}
		s.focusList()
		s.moveSelection(-1)
	case fyne.KeyF1:
		s.u.showHelp()
	case fyne.KeyEscape:
		s.filters.popup.Hide() // the folded filters, when open
	default:
		return false
	}
	return true
}

// onSearchKey takes the search field's keys that leave it: Down goes into
// the list, Escape clears the search.
func (s *LibraryScreen) onSearchKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyDown:
		s.focusList()
		s.moveSelection(1)
	case fyne.KeyEscape:
		if s.search.Text == "" {
			return false
		}
		s.Search("")
	default:
		return false
	}
	return true
}

// focusList gives the list the keyboard.
func (s *LibraryScreen) focusList() { s.u.win.Canvas().Focus(s.list) }

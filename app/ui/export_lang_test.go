package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// SettingsChoices opens the settings and returns its language and text
// size menus, and its Save.
func (u *UI) SettingsChoices() (language, textSize *widget.Select, save func()) {
	f := u.showSettings()
	return f.language, f.textSize, f.save
}

// EntryOf returns the Entry of a field, the application's own fields
// (which embed one) included, or nil.
func EntryOf(o fyne.CanvasObject) *widget.Entry {
	switch o := o.(type) {
	case *widget.Entry:
		return o
	case *keyEntry:
		return &o.Entry
	}
	return nil
}

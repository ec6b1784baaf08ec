package ui

import "fyne.io/fyne/v2/widget"

// SettingsChoices opens the settings and returns its language and text
// size menus, and its Save.
func (u *UI) SettingsChoices() (language, textSize *widget.Select, save func()) {
	f := u.showSettings()
	return f.language, f.textSize, f.save
}

package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// Preference keys (UI settings live in Fyne's preferences; the library's
// settings live in its database).
const (
	prefTheme    = "theme"
	prefAutoSync = "auto-sync"
)

// Theme choices.
const (
	themeSystem = "System"
	themeLight  = "Light"
	themeDark   = "Dark"
)

// settingsForm is the settings dialog's widgets.
type settingsForm struct {
	u        *UI
	author   *keyEntry
	limit    *keyEntry
	theme    *widget.RadioGroup
	autoSync *widget.Check
	sources  *sourcesPanel
}

// showSettings opens the settings dialog: sources, author, storage, cache
// limit, theme and auto-sync. Library settings load in the background.
func (u *UI) showSettings() {
	f := &settingsForm{u: u, author: newDialogEntry(u, false), limit: newDialogEntry(u, false)}
	f.author.SetPlaceHolder("Name put on your notes")
	f.limit.SetPlaceHolder("e.g. 2GB, or none")
	f.theme = widget.NewRadioGroup([]string{themeSystem, themeLight, themeDark}, nil)
	f.theme.Horizontal = true
	f.theme.SetSelected(u.app.Preferences().StringWithFallback(prefTheme, themeSystem))
	f.autoSync = widget.NewCheck("Sync on start and when the connection returns", nil)
	f.autoSync.SetChecked(u.app.Preferences().BoolWithFallback(prefAutoSync, true))
	f.sources = newSourcesPanel(u)
	var author, limit string
	var err error
	u.background(func() {
		if author, err = u.lib.Setting(u.ctx, app.SettingAuthor); err == nil {
			limit, err = u.lib.Setting(u.ctx, app.SettingCacheLimit)
		}
	}, func() {
		u.report("read the settings", err)
		f.author.SetText(author)
		if limit != "" && limit != "0" {
			f.limit.SetText(limit + " bytes")
			if n, err := app.ParseSize(limit); err == nil {
				f.limit.SetText(app.FormatSize(n))
			}
		}
	})
	location := widget.NewLabel(u.lib.DataDir())
	location.Wrapping = fyne.TextWrapBreak
	form := widget.NewForm(
		widget.NewFormItem("Author", f.author),
		widget.NewFormItem("Storage", location),
		widget.NewFormItem("Cache limit", f.limit),
		widget.NewFormItem("Theme", f.theme),
		widget.NewFormItem("Auto-sync", f.autoSync),
	)
	tabs := container.NewAppTabs(
		container.NewTabItem("Catalogues", f.sources.content),
		container.NewTabItem("General", container.NewPadded(form)),
	)
	d := dialog.NewCustomConfirm("Settings", "Save", "Close", tabs, func(save bool) {
		if save {
			f.save()
		}
	}, u.win)
	d.Resize(u.dialogSize(640, 460))
	u.showModal(d, d.Confirm)
}

// save applies the general settings.
func (f *settingsForm) save() {
	u := f.u
	u.app.Preferences().SetString(prefTheme, f.theme.Selected)
	u.app.Preferences().SetBool(prefAutoSync, f.autoSync.Checked)
	applyTheme(u.app, f.theme.Selected)
	author, limit := f.author.Text, strings.TrimSpace(f.limit.Text)
	if limit == "" {
		limit = "none"
	}
	var err error
	u.background(func() {
		if err = u.lib.SetSetting(u.ctx, app.SettingAuthor, author); err == nil {
			err = u.lib.SetSetting(u.ctx, app.SettingCacheLimit, limit)
		}
	}, func() {
		u.report("save the settings", err)
	})
}

package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// Preference keys (UI settings live in Fyne's preferences; the library's
// settings live in its database).
const (
	prefTheme     = "theme"
	prefAutoSync  = "auto-sync"
	prefTextScale = "text-scale"
)

// Theme choices, as the preferences keep them (in English, whatever the
// interface's language).
const (
	themeSystem = "System"
	themeLight  = "Light"
	themeDark   = "Dark"
)

// themeChoices are the theme choices in the order themeLabels shows them.
var themeChoices = []string{themeSystem, themeLight, themeDark}

func themeLabels() []string { return []string{lang.L("System"), lang.L("Light"), lang.L("Dark")} }

// textScales are the text sizes offered, as factors of Fyne's sizes; the
// labels are textScaleLabels'.
var textScales = []float64{0.9, 1, 1.15, 1.3, 1.5}

func textScaleLabels() []string {
	return []string{lang.L("Small"), lang.L("Normal"), lang.L("Large"), lang.L("Larger"), lang.L("Largest")}
}

// settingsForm is the settings dialog's widgets.
type settingsForm struct {
	u        *UI
	author   *keyEntry
	limit    *keyEntry
	theme    *widget.RadioGroup
	autoSync *widget.Check
	language *widget.Select
	textSize *widget.Select
	sources  *sourcesPanel
}

// showSettings opens the settings dialog: sources, author, storage, cache
// limit, theme, text size, language and auto-sync. Library settings load
// in the background.
func (u *UI) showSettings() *settingsForm {
	f := &settingsForm{u: u, author: newDialogEntry(u, false), limit: newDialogEntry(u, false)}
	f.author.SetPlaceHolder(lang.L("Name put on your notes"))
	f.limit.SetPlaceHolder(lang.L("e.g. 2GB, or none"))
	f.theme = widget.NewRadioGroup(themeLabels(), nil)
	f.theme.Horizontal = true
	f.theme.SetSelected(pick(themeLabels(), themeChoices, u.app.Preferences().StringWithFallback(prefTheme, themeSystem)))
	f.language = widget.NewSelect(languageLabels(), nil)
	f.language.SetSelectedIndex(max(0, slices.Index(languageCodes(), u.app.Preferences().String(prefLanguage))))
	f.textSize = widget.NewSelect(textScaleLabels(), nil)
	f.textSize.SetSelectedIndex(max(0, slices.Index(textScales, textScale(u.app))))
	f.autoSync = widget.NewCheck(lang.L("Sync on start and when the connection returns"), nil)
	f.autoSync.SetChecked(u.app.Preferences().BoolWithFallback(prefAutoSync, true))
	f.sources = newSourcesPanel(u)
	var author, limit string
	var err error
	u.background(func() {
		if author, err = u.lib.Setting(u.ctx, app.SettingAuthor); err == nil {
			limit, err = u.lib.Setting(u.ctx, app.SettingCacheLimit)
		}
	}, func() {
		u.report(lang.L("read the settings"), err)
		f.author.SetText(author)
		if limit != "" && limit != "0" {
			f.limit.SetText(limit + " bytes")
			if n, err := app.ParseSize(limit); err == nil {
				f.limit.SetText(app.FormatSize(n)) // what ParseSize reads back, whatever the language
			}
		}
	})
	location := widget.NewLabel(u.lib.DataDir())
	location.Wrapping = fyne.TextWrapBreak
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Author"), f.author),
		widget.NewFormItem(lang.L("Storage"), location),
		widget.NewFormItem(lang.L("Cache limit"), f.limit),
		widget.NewFormItem(lang.L("Theme"), f.theme),
		widget.NewFormItem(lang.L("Text size"), f.textSize),
	)
	if LanguageChoosable() {
		form.AppendItem(widget.NewFormItem(lang.L("Language"), f.language))
		form.AppendItem(widget.NewFormItem("", newSecondaryText(lang.L("A new language shows after Fieldshelf is restarted."))))
	}
	form.AppendItem(widget.NewFormItem(lang.L("Auto-sync"), f.autoSync))
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("Catalogues"), f.sources.content),
		container.NewTabItem(lang.L("General"), container.NewVScroll(container.NewPadded(form))),
	)
	d := dialog.NewCustomConfirm(lang.L("Settings"), lang.L("Save"), lang.L("Close"), tabs, func(save bool) {
		if save {
			f.save()
		}
	}, u.win)
	d.Resize(u.dialogSize(640, 460))
	u.showModal(d, d.Confirm)
	return f
}

// save applies the general settings.
func (f *settingsForm) save() {
	u := f.u
	choice := pick(themeChoices, themeLabels(), f.theme.Selected)
	u.app.Preferences().SetString(prefTheme, choice)
	u.app.Preferences().SetBool(prefAutoSync, f.autoSync.Checked)
	if i := f.textSize.SelectedIndex(); i >= 0 {
		u.app.Preferences().SetFloat(prefTextScale, textScales[i])
	}
	if i := f.language.SelectedIndex(); i >= 0 {
		u.app.Preferences().SetString(prefLanguage, languageCodes()[i])
	}
	applyTheme(u.app, choice)
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
		u.report(lang.L("save the settings"), err)
	})
}

// pick returns the entry of to at the index of v in from; v itself when
// it is not there.
func pick(to, from []string, v string) string {
	if i := slices.Index(from, v); i >= 0 {
		return to[i]
	}
	return v
}

// languageCodes are the settings' language choices: "" (the system's),
// then the codes of Languages.
func languageCodes() []string {
	out := []string{""}
	for _, l := range Languages {
		out = append(out, l.Code)
	}
	return out
}

// languageLabels names languageCodes' choices, each language in itself.
func languageLabels() []string {
	out := []string{lang.L("As the system ({{.Language}})", map[string]any{"Language": matchLanguage(lang.SystemLocale().String()).Name})}
	for _, l := range Languages {
		out = append(out, l.Name)
	}
	return out
}

// textScale is the text size chosen in the settings, 1 by default.
func textScale(a fyne.App) float64 {
	v := a.Preferences().FloatWithFallback(prefTextScale, 1)
	if v < 0.5 || v > 3 {
		return 1
	}
	return v
}

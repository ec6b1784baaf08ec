package ui_test

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"fieldshelf/app/ui"
)

// TestSettingsLanguageAndTextSize chooses French and a larger text in the
// settings: the text size applies at once, the language is kept and the
// next window (after a restart) is in French.
func TestSettingsLanguageAndTextSize(t *testing.T) {
	t.Cleanup(func() { ui.SetLanguage("en") })
	a := test.NewTempApp(t)
	th := ui.Inline()
	th.Now = time.Now
	u := ui.New(a, a.NewWindow("Fieldshelf"), ui.Config{Library: newFakeLib(3), Threads: th})
	t.Cleanup(u.Close)
	u.Start()
	if got := ui.CurrentLanguage().Code; got != "en" {
		t.Fatalf("language %q with LANG unset, want en", got)
	}
	base := a.Settings().Theme().Size(theme.SizeNameText)
	language, textSize, save := u.SettingsChoices()
	language.SetSelected("Français")
	textSize.SetSelectedIndex(3) // Larger
	save()
	if got, want := a.Settings().Theme().Size(theme.SizeNameText), base*1.3; got < want-0.01 || got > want+0.01 {
		t.Errorf("text size %.2f after choosing Larger, want %.2f at once", got, want)
	}
	if got := a.Preferences().String("language"); got != "fr" {
		t.Fatalf("language kept as %q, want fr", got)
	}
	if got := u.SyncBar().SyncButton().Text; got != "Sync" {
		t.Errorf("Sync button %q: the open window changed language before a restart", got)
	}
	w := a.NewWindow("Fieldshelf")
	w.Resize(fyne.NewSize(1366, 768))
	again := ui.New(a, w, ui.Config{Library: newFakeLib(1), Threads: th})
	t.Cleanup(again.Close)
	again.Start()
	if got := again.SyncBar().SyncButton().Text; got != "Synchroniser" || ui.CurrentLanguage().Code != "fr" {
		t.Errorf("after a restart: Sync button %q in %q, want French", got, ui.CurrentLanguage().Code)
	}
	if got := a.Settings().Theme().Size(theme.SizeNameText); got < base*1.3-0.01 {
		t.Errorf("text size %.2f after a restart, want the larger one kept", got)
	}
}

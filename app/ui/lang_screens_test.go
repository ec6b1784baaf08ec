package ui_test

import (
	"context"
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
	"fieldshelf/app/ui"
)

// screenSize is the laptop screen the screens must fit.
var screenSize = fyne.NewSize(1366, 768)

// translations reads assets/lang/code.json as each key's forms.
func translations(t *testing.T, code string) map[string][]string {
	t.Helper()
	b, err := os.ReadFile("../../assets/lang/" + code + ".json")
	if err != nil {
		t.Fatal(err)
	}
	raw := map[string]any{}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for k, v := range raw {
		switch v := v.(type) {
		case string:
			out[k] = []string{v}
		case map[string]any:
			for _, f := range v {
				out[k] = append(out[k], f.(string))
			}
		}
	}
	return out
}

var fieldRE = regexp.MustCompile(`\{\{\s*\.\w+\s*\}\}`)

// englishPatterns matches the English text of every key that code
// translates differently, with anything in its placeholders; keys with
// fewer than three letters besides their placeholders are left out (they
// would match the library's own data: "{{.Done}} of {{.Total}}").
func englishPatterns(t *testing.T, code string) []*regexp.Regexp {
	t.Helper()
	en, tr := translations(t, "en"), translations(t, code)
	var out []*regexp.Regexp
	for key, forms := range en {
		if strings.Join(tr[key], "\x00") == strings.Join(forms, "\x00") {
			continue // the same in both languages ("Document" in French)
		}
		for _, f := range forms {
			if slices.Contains(tr[key], f) {
				continue // this form is the same in both ("publications")
			}
			letters := 0
			for _, r := range fieldRE.ReplaceAllString(f, "") {
				if unicode.IsLetter(r) {
					letters++
				}
			}
			if letters < 3 {
				continue
			}
			parts := fieldRE.Split(f, -1)
			for i := range parts {
				parts[i] = regexp.QuoteMeta(parts[i])
			}
			out = append(out, regexp.MustCompile(`^`+strings.Join(parts, `.*`)+`$`))
		}
	}
	return out
}

// shownTexts returns the visible texts drawn in o.
func shownTexts(o fyne.CanvasObject) []*canvas.Text {
	if o == nil || !o.Visible() {
		return nil
	}
	switch o := o.(type) {
	case *canvas.Text:
		return []*canvas.Text{o}
	case *fyne.Container:
		var out []*canvas.Text
		for _, c := range o.Objects {
			out = append(out, shownTexts(c)...)
		}
		return out
	case fyne.Widget:
		var out []*canvas.Text
		for _, c := range test.WidgetRenderer(o).Objects() {
			out = append(out, shownTexts(c)...)
		}
		return out
	}
	return nil
}

// shownSelects returns the visible selects in o.
func shownSelects(o fyne.CanvasObject) []*widget.Select { return shownOf[*widget.Select](o) }

// shownOf returns the visible widgets of type W in o (not inside one).
func shownOf[W fyne.CanvasObject](o fyne.CanvasObject) []W {
	if o == nil || !o.Visible() {
		return nil
	}
	if w, ok := o.(W); ok {
		return []W{w}
	}
	var kids []fyne.CanvasObject
	switch o := o.(type) {
	case *fyne.Container:
		kids = o.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(o).Objects()
	}
	var out []W
	for _, c := range kids {
		out = append(out, shownOf[W](c)...)
	}
	return out
}

// shownEntries returns the visible entries in o, the application's own
// fields included.
func shownEntries(o fyne.CanvasObject) []*widget.Entry {
	if o == nil || !o.Visible() {
		return nil
	}
	if e := ui.EntryOf(o); e != nil {
		return []*widget.Entry{e}
	}
	var out []*widget.Entry
	switch o := o.(type) {
	case *fyne.Container:
		for _, c := range o.Objects {
			out = append(out, shownEntries(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(o).Objects() {
			out = append(out, shownEntries(c)...)
		}
	}
	return out
}

// placeHolderCut reports whether an empty entry's placeholder is wider
// than the entry shows.
func placeHolderCut(e fyne.CanvasObject, text string) bool {
	need := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	return need > e.Size().Width+1
}

// selectCuts returns the choices of a select that it would cut to its
// width (with an ellipsis) when chosen.
func selectCuts(s *widget.Select) []string {
	var cut []string
	for _, o := range test.WidgetRenderer(s).Objects() {
		if rt, ok := o.(*widget.RichText); ok {
			for _, choice := range s.Options {
				need := fyne.MeasureText(choice, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
				if need > rt.Size().Width+1 {
					cut = append(cut, choice)
				}
			}
		}
	}
	return cut
}

// checkScreen checks what the window shows (and its dialogs): every text
// in the language (none is the English of a key), each as wide as its
// text needs and inside the window, and the whole within 1366x768.
func checkScreen(t *testing.T, w fyne.Window, code, screen string, english []*regexp.Regexp) {
	t.Helper()
	c := w.Canvas()
	roots := append([]fyne.CanvasObject{c.Content()}, c.Overlays().List()...)
	top := roots[len(roots)-1]
	if min := top.MinSize(); min.Width > screenSize.Width || min.Height > screenSize.Height {
		t.Errorf("%s, %s: needs %v, more than the %v screen", code, screen, min, screenSize)
	}
	d := fyne.CurrentApp().Driver()
	shown := 0
	for _, root := range roots {
		for _, txt := range shownTexts(root) {
			s := strings.TrimSpace(txt.Text)
			if s == "" {
				continue
			}
			shown++
			for _, re := range english {
				if code != "en" && re.MatchString(s) {
					t.Errorf("%s, %s: %q is shown in English", code, screen, s)
					break
				}
			}
			need := fyne.MeasureText(txt.Text, txt.TextSize, txt.TextStyle).Width
			if txt.Size().Width+1 < need {
				t.Errorf("%s, %s: %q is cut: %.0f wide for %.0f", code, screen, s, txt.Size().Width, need)
			}
			if x := d.AbsolutePositionForObject(txt).X; x+need > screenSize.Width+1 {
				t.Errorf("%s, %s: %q ends at x=%.0f, past the screen's %.0f", code, screen, s, x+need, screenSize.Width)
			}
		}
	}
	for _, root := range roots {
		for _, e := range shownEntries(root) {
			if e.Text == "" && e.PlaceHolder != "" && !e.MultiLine && placeHolderCut(e, e.PlaceHolder) {
				t.Errorf("%s, %s: the hint %q is cut to %.0f", code, screen, e.PlaceHolder, e.Size().Width)
			}
		}
		for _, sel := range shownSelects(root) {
			for _, choice := range selectCuts(sel) {
				t.Errorf("%s, %s: the choice %q is cut to %.0f", code, screen, choice, sel.Size().Width)
			}
		}
	}
	if shown < 10 {
		t.Fatalf("%s, %s: only %d texts shown", code, screen, shown)
	}
}

// TestScreensInEveryLanguage renders the library (with a publication
// selected and the filters), the settings, the dialogs that add a
// catalogue, publish and share, and the reader at 1366x768 in every
// language.
func TestScreensInEveryLanguage(t *testing.T) {
	for _, l := range ui.Languages {
		t.Run(l.Code, func(t *testing.T) {
			english := englishPatterns(t, l.Code)
			a := test.NewTempApp(t)
			a.Preferences().SetString("language", l.Code)
			w := a.NewWindow("Fieldshelf")
			w.Resize(screenSize)
			lib := newFakeLib(12_345)
			lib.docs[0].File = &app.File{Size: 2_500_000}
			lib.docs[0].UpdateAvailable = true
			lib.docs[0].Authors = []string{"OSCE"}
			th := ui.Inline()
			now := time.Unix(0, 0)
			th.Now = func() time.Time { now = now.Add(time.Second); return now }
			src := &fakeSource{pages: 12, outline: []ui.OutlineItem{{Title: "Intro", Page: 1}}}
			open := func(context.Context, app.Document, string) (ui.PageSource, error) { return src, nil }
			u := ui.New(a, w, ui.Config{Library: lib, Threads: th, Opener: open})
			t.Cleanup(u.Close)
			t.Cleanup(func() { ui.SetLanguage("en") })
			w.Show()
			u.Start()
			u.Library().Select(0)
			checkScreen(t, w, l.Code, "library", english)
			u.OpenSettings()
			checkScreen(t, w, l.Code, "settings", english)
			closeDialogs(w)
			u.AddCatalogue()
			checkScreen(t, w, l.Code, "add a catalogue", english)
			closeDialogs(w)
			u.OpenPublish()
			checkScreen(t, w, l.Code, "publish", english)
			closeDialogs(w)
			test.Tap(u.ShareButton())
			checkScreen(t, w, l.Code, "share", english)
			closeDialogs(w)
			test.Tap(u.Library().Detail().ReadButton())
			if u.Reader() == nil {
				t.Fatal("Read opened no reader")
			}
			checkScreen(t, w, l.Code, "reader", english)
			rs := u.Reader()
			rs.ShowNotesTab()
			checkScreen(t, w, l.Code, "reader's notes", english)
			rs.SetHighlightMode(true)
			rs.DragOnPage(40, 95, 200, 135)
			if !rs.HighlightAsked() {
				t.Fatal("a drag in highlight mode asked for no colour")
			}
			checkScreen(t, w, l.Code, "highlight", english)
			rs.CancelHighlight()
			rs.SetHighlightMode(false)
			if len(rs.RightClickOnPage(100, 300)) == 0 {
				t.Fatal("a right click on the page showed no menu")
			}
			checkScreen(t, w, l.Code, "page menu", english)
			closeDialogs(w)
			u.Shortcut(ctrl(fyne.KeyG))
			checkScreen(t, w, l.Code, "go to page", english)
			u.TypeKey(fyne.KeyEscape)
			u.TypeKey(fyne.KeyF1)
			checkScreen(t, w, l.Code, "keyboard shortcuts", english)
			u.TypeKey(fyne.KeyEscape)
		})
	}
}

// closeDialogs takes the dialogs off the window.
func closeDialogs(w fyne.Window) {
	for _, o := range w.Canvas().Overlays().List() {
		w.Canvas().Overlays().Remove(o)
	}
}

package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// colorNameSecondary is the colour of secondary text: tags, snippets'
// context, hints. It is the placeholder colour, which fieldTheme makes
// readable (any other theme has one too). Fyne's "disabled" colour, which
// low-importance labels use, is meant for controls that do not work and is
// far too faint to read (1.3:1 on white).
const colorNameSecondary = theme.ColorNamePlaceHolder

// fieldTheme is Fyne's default theme with text colours that people can
// read: secondary text, and the success, warning and error colours of
// badges and messages, all reach WCAG AA (4.5:1) on the window's and the
// dialogs' backgrounds and on a selected or hovered list row, in the light
// and dark variants (theme_test.go computes the ratios). pinned, when set,
// keeps one variant whatever the system prefers.
type fieldTheme struct {
	fyne.Theme
	pinned *fyne.ThemeVariant
	scale  float32 // the text size setting: every size times scale; 0 means 1
	// text and bold, when set, draw the text of the interface's language
	// (fontsFor); Fyne's own fonts draw what they lack.
	text, bold fyne.Resource
}

// Font returns the font of the interface's language for text in style,
// when it has one (Thai), else Fyne's.
func (t fieldTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case t.text == nil || s.Monospace || s.Symbol:
		return t.Theme.Font(s)
	case s.Bold && t.bold != nil:
		return t.bold
	}
	return t.text
}

// Size returns Fyne's size n, times the text size setting.
func (t fieldTheme) Size(n fyne.ThemeSizeName) float32 {
	s := t.Theme.Size(n)
	if t.scale > 0 {
		s *= t.scale
	}
	return s
}

// textColors are the colours fieldTheme changes, by variant. The light
// variant's text is darker than Fyne's (#565656), so that secondary text
// can be both readable and lighter than it.
var textColors = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.NRGBA{
	theme.VariantLight: {
		theme.ColorNameForeground: {0x1f, 0x1f, 0x1f, 0xff},
		colorNameSecondary:        {0x5c, 0x5c, 0x5c, 0xff},
		theme.ColorNameSuccess:    {0x1e, 0x6b, 0x24, 0xff},
		theme.ColorNameWarning:    {0x8a, 0x4b, 0x00, 0xff},
		theme.ColorNameError:      {0xb3, 0x1d, 0x1d, 0xff},
	},
	theme.VariantDark: {
		colorNameSecondary:     {0xb4, 0xb4, 0xb4, 0xff},
		theme.ColorNameSuccess: {0x6f, 0xdc, 0x70, 0xff},
		theme.ColorNameWarning: {0xff, 0xb7, 0x4d, 0xff},
		theme.ColorNameError:   {0xff, 0x8a, 0x80, 0xff},
	},
}

// Color returns the colour n in variant v (or in the pinned variant).
func (t fieldTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.pinned != nil {
		v = *t.pinned
	}
	if c, ok := textColors[v][n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}

// newTheme is the theme for a choice of the settings (system, light or
// dark) and a text size (a factor of Fyne's sizes), with the fonts of the
// interface's language.
func newTheme(choice string, scale float64) fyne.Theme {
	t := fieldTheme{Theme: theme.DefaultTheme(), scale: float32(scale)}
	t.text, t.bold = fontsFor(CurrentLanguage().Code)
	switch choice {
	case themeLight:
		v := theme.VariantLight
		t.pinned = &v
	case themeDark:
		v := theme.VariantDark
		t.pinned = &v
	}
	return t
}

// applyTheme sets the theme of the settings' choice and text size: it
// takes effect at once.
func applyTheme(a fyne.App, choice string) {
	a.Settings().SetTheme(newTheme(choice, textScale(a)))
}

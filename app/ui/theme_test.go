package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// luminance is the WCAG 2 relative luminance of an opaque colour.
func luminance(c color.NRGBA) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrast is the WCAG 2 contrast ratio of two opaque colours.
func contrast(a, b color.NRGBA) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// over paints c (which may be translucent) over the opaque colour bg.
func over(c, bg color.NRGBA) color.NRGBA {
	a := float64(c.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{mix(c.R, bg.R), mix(c.G, bg.G), mix(c.B, bg.B), 0xff}
}

// The text of rows, tags, snippets, badges and messages reads at WCAG AA
// (4.5:1) on every background it is drawn on, in both variants.
func TestTextContrastIsAA(t *testing.T) {
	texts := map[string]fyne.ThemeColorName{"text": theme.ColorNameForeground, "tags, snippets, hints": colorNameSecondary,
		"Offline badge, Online": theme.ColorNameSuccess, "Update badge, Offline": theme.ColorNameWarning,
		"errors": theme.ColorNameError}
	for _, choice := range []string{themeLight, themeDark} {
		th := newTheme(choice, 1)
		col := func(n fyne.ThemeColorName) color.NRGBA {
			return color.NRGBAModel.Convert(th.Color(n, theme.VariantDark)).(color.NRGBA) // pinned: the variant asked is ignored
		}
		bg := col(theme.ColorNameBackground)
		backgrounds := map[string]color.NRGBA{"window": bg, "dialog": col(theme.ColorNameOverlayBackground),
			"selected row": over(col(theme.ColorNameSelection), bg), "row under the pointer": over(col(theme.ColorNameHover), bg),
			"field": col(theme.ColorNameInputBackground)}
		for what, name := range texts {
			for where, b := range backgrounds {
				if r := contrast(col(name), b); r < 4.5 {
					t.Errorf("%s theme: %s (%v) on the %s (%v): contrast %.2f:1, want at least 4.5:1", choice, what, col(name), where, b, r)
				}
			}
		}
	}
}

package ui_test

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"testing"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"fieldshelf/app/ui"
)

// glyph draws s alone with the application's text renderer (Fyne's
// software painter, whose fonts fall back to the system's for the runes
// its own font lacks) and returns the pixels.
func glyph(t *testing.T, a fyne.App, s string) *image.RGBA {
	t.Helper()
	text := canvas.NewText(s, color.Black)
	text.TextSize = 24
	w := a.NewWindow("glyph")
	defer w.Close()
	w.SetPadded(false)
	w.SetContent(text)
	w.Resize(fyne.NewSize(48, 40))
	img := w.Canvas().Capture()
	out := image.NewRGBA(img.Bounds())
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
	return out
}

// TestScriptsRenderAsText draws letters of the scripts that titles, notes
// and catalogues hold and checks that none is drawn as the box of a
// missing glyph (what U+0378, unassigned, always gets).
// It needs the fonts that .ci/deps.sh fonts installs (fonts-noto-core,
// fonts-noto-cjk): Fyne 2.7 finds them itself (go-text's fontscan over
// the system's font folders).
func TestScriptsRenderAsText(t *testing.T) {
	a := test.NewTempApp(t)
	tofu := glyph(t, a, "\u0378") // unassigned, in a block Fyne's own font covers
	blank := glyph(t, a, " ")
	if bytes.Equal(tofu.Pix, blank.Pix) {
		t.Fatal("the missing-glyph box draws nothing: the comparison would prove nothing")
	}
	if other := glyph(t, a, "\u0379"); !bytes.Equal(other.Pix, tofu.Pix) {
		t.Fatal("two unassigned runes are drawn differently: the comparison would prove nothing")
	}
	samples := map[string]string{
		"Thai":       "กขคภาษาไทย",
		"Chinese":    "中文目录出版物",
		"Japanese":   "かなカナ",
		"Korean":     "한국어",
		"Arabic":     "العربية",
		"Cyrillic":   "Русский",
		"Vietnamese": "ếữặđ",
		"Devanagari": "हिन्दी",
	}
	for script, sample := range samples {
		for _, r := range sample {
			if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) {
				continue // a combining mark is drawn with its letter
			}
			img := glyph(t, a, string(r))
			switch {
			case bytes.Equal(img.Pix, tofu.Pix):
				t.Errorf("%s: %q (U+%04X) is drawn as a box: install fonts-noto-core and fonts-noto-cjk (.ci/deps.sh fonts)",
					script, r, r)
			case bytes.Equal(img.Pix, blank.Pix):
				t.Errorf("%s: %q (U+%04X) draws nothing", script, r, r)
			}
		}
	}
}

// inkBottom returns the lowest row with ink in img, -1 for none.
func inkBottom(img *image.RGBA, bg color.RGBA) int {
	b := img.Bounds()
	for y := b.Max.Y - 1; y >= b.Min.Y; y-- {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.RGBAAt(x, y) != bg {
				return y
			}
		}
	}
	return -1
}

// TestThaiMarksFitTheLine draws Thai with vowels below the line (ทุ, หมู, ผู้)
// in the Thai interface and checks that they are drawn whole: their ink
// ends above the bottom of the text's box, which cuts what goes past it.
func TestThaiMarksFitTheLine(t *testing.T) {
	t.Cleanup(func() { ui.SetLanguage("en") })
	a := test.NewTempApp(t)
	a.Preferences().SetString("language", "th")
	th := ui.Inline()
	th.Now = time.Now
	u := ui.New(a, a.NewWindow("Fieldshelf"), ui.Config{Library: newFakeLib(1), Threads: th})
	t.Cleanup(u.Close)
	for _, s := range []string{"ทุ", "หมู", "ผู้"} {
		text := canvas.NewText(s, color.Black)
		text.TextSize = 28
		w := a.NewWindow("line")
		w.SetPadded(false)
		w.SetContent(container.NewWithoutLayout(text))
		w.Resize(fyne.NewSize(120, 120))
		text.Resize(text.MinSize())
		text.Move(fyne.NewPos(10, 10))
		img := w.Canvas().Capture()
		rgba := image.NewRGBA(img.Bounds())
		draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
		bottom := int(text.Position().Y + text.Size().Height) // the first row below the box
		ink := inkBottom(rgba, rgba.RGBAAt(0, 0))
		if ink < 0 {
			t.Fatalf("%q draws nothing", s)
		}
		if ink >= bottom-1 {
			t.Errorf("%q: ink down to row %d, the box ends at %d: the marks below the line are cut", s, ink, bottom)
		}
		w.Close()
	}
}

package pdf

import (
	"image"
	"image/color"
	"image/draw"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"fieldshelf/app/pdf/pdftest"
	"fieldshelf/app/pdf/sysfont"
)

// The font tests render text in fonts a PDF names without embedding, at
// 72 DPI (a pixel a point), and compare the ink with the same characters
// drawn here from the system font the engine should have chosen: each
// character one em after the last, as the PDFs place them.

// TestNonEmbeddedCJKFont renders Chinese text in STSong-Light, the
// non-embedded font of many office PDFs, which MuPDF's own fonts (go-fitz
// has no CJK font) draw as Latin garbage from the code bytes.
func TestNonEmbeddedCJKFont(t *testing.T) {
	const text = "中文字体测试"
	face, ok := sysfont.System().ForScript(sysfont.ChineseSimplified, true, false, false)
	if !ok {
		t.Skip("no Chinese font on this computer: install fonts-noto-cjk or fonts-droid-fallback (.ci/deps.sh fonts)")
	}
	e := newEngine(t, Timeouts{})
	got := renderFirst(t, e, pdftest.CJKNonEmbedded(text, "STSong-Light", "GB1", "UniGB-UCS2-H"))
	want := drawFace(t, face, []rune(text), nil)
	// What MuPDF drew before: the UCS-2 bytes of the text in a Latin font.
	garbage := renderFirst(t, e, pdftest.LatinBytes("N-e\x87[WOS\x93mK\x8b\xd5"))
	match, wrong := inkMatch(got, want), inkMatch(got, garbage)
	t.Logf("ink match with %s: %.2f, with the Latin fallback: %.2f", face.Family, match, wrong)
	if match < 0.9 || match-wrong < 0.3 {
		t.Fatalf("the text does not look drawn with %s: match %.2f, want >= 0.9 and 0.3 over the Latin fallback's %.2f",
			face.Family, match, wrong)
	}
}

// TestNonEmbeddedFontScripts renders text of other scripts in TrueType
// fonts named and not embedded (Identity-H codes with a ToUnicode CMap):
// the names say nothing of the script, the text does.
func TestNonEmbeddedFontScripts(t *testing.T) {
	cases := []struct {
		script sysfont.Script
		text   string
	}{
		{sysfont.Thai, "ภาษาไทย"},
		{sysfont.Arabic, "اللغة العربية"},
		{sysfont.Devanagari, "हिन्दी भाषा"},
		{sysfont.Cyrillic, "Русский язык"},
		{sysfont.Greek, "Ελληνική γλώσσα"},
		{sysfont.Japanese, "日本語のテキスト"},
		{sysfont.Korean, "한국어 텍스트"},
	}
	e := newEngine(t, Timeouts{})
	for _, c := range cases {
		t.Run(c.script.String(), func(t *testing.T) {
			face, ok := sysfont.System().ForScript(c.script, false, false, false)
			if !ok {
				t.Skipf("no %v font on this computer: install fonts-noto-core and fonts-noto-cjk", c.script)
			}
			text := []rune(c.text)
			widths := faceWidths(t, face, text)
			got := renderFirst(t, e, pdftest.UnicodeNonEmbedded(c.text, "Tahoma", widths))
			match := inkMatch(got, drawFace(t, face, text, widths))
			t.Logf("ink match with %s: %.2f", face.Family, match)
			if match < 0.9 {
				t.Fatalf("the text does not look drawn with %s: match %.2f, want >= 0.9", face.Family, match)
			}
		})
	}
}

// TestFallbackFonts asks MuPDF for the font of characters a Latin font
// lacks, as it does when it makes the appearance of a form field.
func TestFallbackFonts(t *testing.T) {
	c, err := newCdoc()
	if err != nil {
		t.Fatal(err)
	}
	defer c.free()
	for _, tc := range []struct {
		r rune
		s sysfont.Script
	}{{'ก', sysfont.Thai}, {'ع', sysfont.Arabic}, {'क', sysfont.Devanagari}, {'あ', sysfont.Japanese},
		{'中', sysfont.ChineseSimplified}, {'한', sysfont.Korean}} {
		face, ok := sysfont.System().ForScript(tc.s, false, false, false)
		if !ok {
			t.Logf("%v: no font on this computer", tc.s)
			continue
		}
		// MuPDF names the font by its family and style.
		if got := c.fallbackFontName(tc.r); !strings.HasPrefix(got, face.Family) {
			t.Errorf("%v (%c): MuPDF falls back on %q, want %q", tc.s, tc.r, got, face.Family)
		}
	}
}

// renderFirst renders page 1 of a document at 72 DPI.
func renderFirst(t *testing.T, e *Engine, data []byte) *image.RGBA {
	t.Helper()
	d, err := e.Open(testCtx(t), pdftest.WriteFile(t, "font.pdf", data), "")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	img, err := d.Render(testCtx(t), 1, RenderOptions{DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// drawFace draws text with a face as the font samples place it
// (pdftest.TextLine): each character widths[i]/1000 of the size after the
// last, or an em after it when widths is nil.
func drawFace(t *testing.T, face sysfont.Face, text []rune, widths []int) *image.RGBA {
	t.Helper()
	ff := openFace(t, face)
	defer ff.Close()
	l := pdftest.TextLine
	img := image.NewRGBA(image.Rect(0, 0, 612, 100))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	dr := font.Drawer{Dst: img, Src: image.Black, Face: ff}
	x := l.X
	for i, r := range text {
		dr.Dot = fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.I(int(100 - l.Baseline))}
		dr.DrawString(string(r))
		w := 1000
		if widths != nil {
			w = widths[i]
		}
		x += float64(w) * l.Size / 1000
	}
	return img
}

// faceWidths returns the advances of text's characters in a face, in
// 1/1000 of the size, as a PDF's widths give them.
func faceWidths(t *testing.T, face sysfont.Face, text []rune) []int {
	t.Helper()
	ff := openFace(t, face)
	defer ff.Close()
	widths := make([]int, len(text))
	for i, r := range text {
		adv, _ := ff.GlyphAdvance(r)
		widths[i] = int(float64(adv) / 64 / pdftest.TextLine.Size * 1000)
	}
	return widths
}

// openFace opens a face at the size of the samples' text, a pixel a point.
func openFace(t *testing.T, face sysfont.Face) font.Face {
	t.Helper()
	data, err := face.Data()
	if err != nil {
		t.Fatal(err)
	}
	coll, err := opentype.ParseCollection(data)
	if err != nil {
		t.Fatal(err)
	}
	f, err := coll.Font(face.Index & 0xffff)
	if err != nil {
		t.Fatal(err)
	}
	ff, err := opentype.NewFace(f, &opentype.FaceOptions{Size: pdftest.TextLine.Size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		t.Fatal(err)
	}
	return ff
}

// inkMatch compares where two images have ink (dark pixels): the share
// of each one's ink that lies within a pixel of the other's, the smaller
// of the two. 1 is the same drawing; text in another font scores far less.
func inkMatch(a, b *image.RGBA) float64 {
	return min(inkWithin(a, b), inkWithin(b, a))
}

func inkWithin(a, b *image.RGBA) float64 {
	var ink, near int
	r := a.Bounds().Intersect(b.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if !dark(a.RGBAAt(x, y)) {
				continue
			}
			ink++
			if inkNear(b, x, y) {
				near++
			}
		}
	}
	if ink == 0 {
		return 0
	}
	return float64(near) / float64(ink)
}

func inkNear(img *image.RGBA, x, y int) bool {
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			if dark(img.RGBAAt(x+dx, y+dy)) {
				return true
			}
		}
	}
	return false
}

func dark(c color.RGBA) bool { return int(c.R)+int(c.G)+int(c.B) < 3*128 }

// TestDocFontChoices follows one document's answers for fonts it names:
// the computer's own font by name, MuPDF's standard fonts where metrics
// matter, and for other names nothing until the text tells the script.
func TestDocFontChoices(t *testing.T) {
	idx := sysfont.System()
	thai, ok := idx.ForScript(sysfont.Thai, false, false, false)
	if !ok {
		t.Skip("no Thai font on this computer: install fonts-noto-core (.ci/deps.sh fonts)")
	}
	var f docFonts
	if _, a := f.forName("Helvetica", false, false, true); a != fontNone {
		t.Errorf("a standard font without metrics of its own: %v, want fontNone", a)
	}
	if face, a := f.forName("ABCDEF+"+thai.Family, false, false, false); a != fontFound || face.Path != thai.Path {
		t.Errorf("%s by name: %+v %v, want %s", thai.Family, face, a, thai.Path)
	}
	long := "AngsanaNewPSMT-AVeryLongFontNameIndeed" // MuPDF keeps 31 bytes of it
	for _, name := range []string{"Tahoma", long, "Calibri"} {
		if _, a := f.forName(name, false, false, false); a != fontUnsure {
			t.Errorf("%s at first: %v, want fontUnsure", name, a)
		}
	}
	if !f.learn("Tahoma", []rune("ภาษาไทย")) || !f.learn(long[:fontNameMax], []rune("ไทย")) {
		t.Error("learning Thai text did not change the fonts")
	}
	if f.learn("Calibri", []rune("Plain text")) {
		t.Error("learning Latin text changed the fonts")
	}
	for _, name := range []string{"Tahoma", long} {
		if face, a := f.forName(name, false, false, false); a != fontFound || face.Path != thai.Path {
			t.Errorf("%s once its text is known: %+v %v, want %s", name, face, a, thai.Path)
		}
	}
	if _, a := f.forName("Calibri", false, false, false); a != fontNone {
		t.Errorf("Calibri with Latin text: %v, want fontNone (MuPDF's own)", a)
	}
}

package pdftest

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf16"
)

// TextLine is where the fonts samples print their text: 36-point glyphs
// from x=36 on the baseline y=60 (PDF space, origin at the bottom left)
// of a 612x100 page.
var TextLine = struct{ X, Baseline, Size float64 }{36, 60, 36}

// CJKNonEmbedded returns a one-page document printing text in a CID font
// that it names but does not embed, as office PDFs of the region do with
// Adobe's CJK fonts: for instance baseFont STSong-Light, ordering GB1 and
// cmap UniGB-UCS2-H (a predefined CMap from UCS-2 to the collection's CIDs).
func CJKNonEmbedded(text, baseFont, ordering, cmap string) []byte {
	var hex strings.Builder
	for _, u := range utf16.Encode([]rune(text)) {
		fmt.Fprintf(&hex, "%04X", u)
	}
	desc := fmt.Sprintf("<</Type /FontDescriptor /FontName /%s /Flags 6 /FontBBox [0 -200 1000 900] "+
		"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80>>", baseFont)
	cid := fmt.Sprintf("<</Type /Font /Subtype /CIDFontType0 /BaseFont /%s "+
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (%s) /Supplement 4>> /FontDescriptor %%d 0 R /DW 1000>>", baseFont, ordering)
	font := fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont /%s-%s /Encoding /%s /DescendantFonts [%%d 0 R]>>",
		baseFont, cmap, cmap)
	return onePage(desc, cid, font, "<"+hex.String()+">")
}

// UnicodeNonEmbedded returns a one-page document printing text in a
// TrueType font that it names but does not embed, the way a PDF printer
// writes it: Identity-H codes, one per distinct character, a ToUnicode
// CMap that tells what they are, and the characters' widths (in 1/1000 of
// the text size; widths[i] is text[i]'s).
func UnicodeNonEmbedded(text, baseFont string, widths []int) []byte {
	runes := []rune(text)
	distinct := slices.Compact(slices.Sorted(slices.Values(runes)))
	code := map[rune]int{}
	var cmap strings.Builder
	fmt.Fprintf(&cmap, "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"+
		"/CMapName /Fieldshelf-UCS def /CMapType 2 def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n"+
		"%d beginbfchar\n", len(distinct))
	for i, r := range distinct {
		code[r] = i + 1
		fmt.Fprintf(&cmap, "<%04X> <", i+1)
		for _, u := range utf16.Encode([]rune{r}) {
			fmt.Fprintf(&cmap, "%04X", u)
		}
		cmap.WriteString(">\n")
	}
	cmap.WriteString("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end")
	var hex, w strings.Builder
	for i, r := range runes {
		fmt.Fprintf(&hex, "%04X", code[r])
		fmt.Fprintf(&w, "%d [%d] ", code[r], widths[i])
	}
	desc := fmt.Sprintf("<</Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [0 -250 1000 950] "+
		"/ItalicAngle 0 /Ascent 900 /Descent -250 /CapHeight 700 /StemV 80>>", baseFont)
	cid := fmt.Sprintf("<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s "+
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %%d 0 R "+
		"/CIDToGIDMap /Identity /W [%s]>>", baseFont, w.String())
	font := fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%%d 0 R] "+
		"/ToUnicode %s>>", baseFont, "%d 0 R")
	return onePageToUnicode(desc, cid, font, cmap.String(), "<"+hex.String()+">")
}

func onePage(desc, cid, font, show string) []byte {
	return onePageToUnicode(desc, cid, font, "", show)
}

// onePageToUnicode writes the page; font takes the descendant font's
// object number, then the ToUnicode stream's when toUnicode is set.
func onePageToUnicode(desc, cid, font, toUnicode, show string) []byte {
	b := &builder{}
	b.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	d := b.obj(desc)
	c := b.obj(fmt.Sprintf(cid, d))
	var f int
	if toUnicode != "" {
		tu := b.obj(stream("", toUnicode))
		f = b.obj(fmt.Sprintf(font, c, tu))
	} else {
		f = b.obj(fmt.Sprintf(font, c))
	}
	return b.page(f, show)
}

// page writes the page that shows show in font f, and the document's end.
func (b *builder) page(f int, show string) []byte {
	l := TextLine
	content := b.obj(stream("", fmt.Sprintf("BT /F1 %g Tf %g %g Td %s Tj ET", l.Size, l.X, l.Baseline, show)))
	pages := b.next()
	b.obj(fmt.Sprintf("<</Type /Pages /Kids [%d 0 R] /Count 1>>", pages+1))
	b.obj(fmt.Sprintf("<</Type /Page /Parent %d 0 R /MediaBox [0 0 612 100] /Resources <</Font <</F1 %d 0 R>>>> /Contents %d 0 R>>",
		pages, f, content))
	root := b.obj(fmt.Sprintf("<</Type /Catalog /Pages %d 0 R>>", pages))
	info := b.obj("<</Title (Non-embedded font)>>")
	return b.finish(root, info)
}

// LatinBytes returns a one-page document printing the bytes of s in
// Times-Roman, placed as the other font samples: what MuPDF draws when it
// cannot load a font at all.
func LatinBytes(s string) []byte {
	b := &builder{}
	b.buf.WriteString("%PDF-1.7\n")
	f := b.obj("<</Type /Font /Subtype /Type1 /BaseFont /Times-Roman>>")
	var hex strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&hex, "%02X", s[i])
	}
	return b.page(f, "<"+hex.String()+">")
}

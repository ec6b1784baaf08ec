// Command mkguide writes Fieldshelf's user guide, assets/demo/user-guide.pdf
// (and user-guide.LANG.pdf in the guide's other languages, see langs.go):
// a few pages of text in the standard Helvetica fonts, with an outline and
// a contents list whose entries link to their headings, laid out by a
// minimal PDF writer so the project needs no PDF library for it.
//
//	go run ./cmd/mkguide -o assets/demo/user-guide.pdf
//	go run ./cmd/mkguide -lang fr -o assets/demo/user-guide.fr.pdf
package main

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
)

// Page geometry in points (A4).
const (
	pageW, pageH = 595, 842
	margin       = 64
	bodySize     = 11
	leading      = 16
	titleSize    = 20
)

func main() {
	out := flag.String("o", "user-guide.pdf", "the PDF file to write")
	lang := flag.String("lang", "en", "the guide's language ("+strings.Join(slices.Sorted(maps.Keys(guides)), ", ")+")")
	flag.Parse()
	g, ok := guides[*lang]
	var err error
	if !ok {
		err = fmt.Errorf("no user guide in %q", *lang)
	} else {
		err = os.WriteFile(*out, build(g).bytes(), 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkguide:", err)
		os.Exit(1)
	}
}

// build lays out the guide's sections, one or more pages each, into a
// PDF document. Its contents list links to the headings it names, each
// link to the place of its heading on its page.
func build(g guideText) *pdfDoc {
	d := &pdfDoc{title: g.title}
	catalog, pages := d.reserve(), d.reserve()
	regular := d.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	bold := d.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
	fonts := fmt.Sprintf("<< /Font << /F1 %d 0 R /F2 %d 0 R >> >>", regular, bold)
	l := &layout{heads: map[string]dest{}, title: g.title, pageFormat: g.page}
	for _, s := range g.sections {
		d.marks = append(d.marks, mark{title: s.title, page: len(d.pages)})
		for _, content := range l.section(s, len(d.pages)) {
			stream := d.add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
			d.pages = append(d.pages, d.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources %s /Contents %d 0 R >>",
				pages, pageW, pageH, fonts, stream)))
		}
	}
	d.addLinks(l)
	kids := make([]string, len(d.pages))
	for i, p := range d.pages {
		kids[i] = fmt.Sprintf("%d 0 R", p)
	}
	d.objs[pages-1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(d.pages))
	outline := d.outline()
	d.objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R /Outlines %d 0 R /PageMode /UseOutlines >>", pages, outline)
	d.catalog = catalog
	return d
}

// dest is the place of a heading: a page (index) and the y of its top,
// in PDF points from the page's bottom.
type dest struct {
	page int
	top  float64
}

// link is a contents entry to make a link annotation of: its rectangle
// on page, and the heading it goes to.
type link struct {
	page           int
	x0, y0, x1, y1 float64
	to             string
}

// layout collects the headings' places and the links while the sections
// are laid out, and writes the guide's title and page number at the foot
// of each page.
type layout struct {
	heads      map[string]dest
	links      []link
	title      string
	pageFormat string // the page number: a format with one %d
}

// addLinks writes the contents entries' link annotations onto their
// pages, each going to its heading's place (/XYZ: left, top, zoom kept).
func (d *pdfDoc) addLinks(l *layout) {
	annots := map[int][]string{}
	for _, k := range l.links {
		to, ok := l.heads[k.to]
		if !ok {
			panic("mkguide: the contents name a heading the guide lacks: " + k.to)
		}
		n := d.add(fmt.Sprintf("<< /Type /Annot /Subtype /Link /Rect [%.0f %.0f %.0f %.0f] /Border [0 0 0] /Dest [%d 0 R /XYZ 0 %.0f null] >>",
			k.x0, k.y0, k.x1, k.y1, d.pages[to.page], to.top))
		annots[k.page] = append(annots[k.page], fmt.Sprintf("%d 0 R", n))
	}
	for page, refs := range annots {
		obj := d.pages[page] - 1
		d.objs[obj] = strings.TrimSuffix(d.objs[obj], " >>") + " /Annots [" + strings.Join(refs, " ") + "] >>"
	}
}

// section returns the content streams of a section's pages. A paragraph
// starting with "> " is a contents entry: the heading it names, linked to
// it ("> > " indents it under the one before).
func (l *layout) section(s section, firstPage int) []string {
	var pages []string
	var b strings.Builder
	y := float64(pageH - margin)
	start := func() {
		b.Reset()
		fmt.Fprintf(&b, "BT /F1 9 Tf 0.45 g %d %d Td %s Tj ET\n", margin, 36, pdfString(l.title))
	}
	flush := func() {
		fmt.Fprintf(&b, "BT /F1 9 Tf 0.45 g %d %d Td %s Tj ET\n", pageW-margin-40, 36,
			pdfString(fmt.Sprintf(l.pageFormat, firstPage+len(pages)+1)))
		pages = append(pages, b.String())
	}
	start()
	l.heads[s.title] = dest{page: firstPage, top: y + 4}
	fmt.Fprintf(&b, "BT /F2 %d Tf 0.12 0.29 0.45 rg %d %.0f Td %s Tj ET\n", titleSize, margin, y-titleSize, pdfString(s.title))
	y -= titleSize + 22
	for _, para := range s.paras {
		font, size, indent := "F1", float64(bodySize), 0.0
		text, entry := para, ""
		switch {
		case strings.HasPrefix(para, "# "):
			font, size, text = "F2", 13, para[2:]
			y -= 6
		case strings.HasPrefix(para, "- "):
			indent, text = 14, para[2:]
			fmt.Fprintf(&b, "BT /F1 %d Tf 0 g %d %.0f Td %s Tj ET\n", bodySize, margin+2, y-size, pdfString("•"))
		case strings.HasPrefix(para, "> > "):
			indent, text, entry = 28, para[4:], para[4:]
		case strings.HasPrefix(para, "> "):
			indent, text, entry = 14, para[2:], para[2:]
		}
		for _, line := range wrap(text, float64(pageW-2*margin)-indent, size, font == "F2") {
			if y-leading < 60 {
				flush()
				start()
				y = float64(pageH - margin)
			}
			if font == "F2" {
				l.heads[text] = dest{page: firstPage + len(pages), top: y + 4}
			}
			color := "0 g"
			if entry != "" {
				color = "0.1 0.35 0.75 rg" // a link's blue
				l.links = append(l.links, link{page: firstPage + len(pages), x0: margin + indent - 2, y0: y - size - 3,
					x1: margin + indent + textWidth(line, size, false) + 2, y1: y - 1, to: entry})
			}
			fmt.Fprintf(&b, "BT /%s %.0f Tf %s %.0f %.0f Td %s Tj ET\n", font, size, color, margin+indent, y-size, pdfString(line))
			y -= leading
		}
		if entry == "" {
			y -= 8
		}
	}
	flush()
	return pages
}

// wrap breaks text into lines no wider than width points. A mark that
// stands alone after a space (French puts one before : ; ? and !) stays
// on the line of the word before it.
func wrap(text string, width, size float64, bold bool) []string {
	var words []string
	for _, w := range strings.Fields(text) {
		if n := len(words); n > 0 && strings.Trim(w, ":;?!»") == "" {
			words[n-1] += " " + w
			continue
		}
		words = append(words, w)
	}
	var lines []string
	line := ""
	for _, w := range words {
		try := strings.TrimSpace(line + " " + w)
		if line != "" && textWidth(try, size, bold) > width {
			lines = append(lines, line)
			try = w
		}
		line = try
	}
	return append(lines, line)
}

// textWidth estimates a string's width in Helvetica from its character
// widths (thousandths of an em, from the font's metrics, by class).
func textWidth(s string, size float64, bold bool) float64 {
	total := 0
	for _, r := range s {
		switch {
		case strings.ContainsRune("iljI.,:;'!| ", r) || r == 'f' || r == 't':
			total += 278
		case strings.ContainsRune("r()-\"", r):
			total += 333
		case r == 'm' || r == 'M':
			total += 833
		case r == 'w' || r == 'W':
			total += 800
		case r >= 'A' && r <= 'Z':
			total += 700
		default:
			total += 556
		}
	}
	w := float64(total) * size / 1000
	if bold {
		w *= 1.06
	}
	return w
}

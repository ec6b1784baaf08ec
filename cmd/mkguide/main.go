// Command mkguide writes Fieldshelf's user guide, assets/demo/user-guide.pdf
// (and user-guide.LANG.pdf in the guide's other languages, see langs.go):
// a few pages of text in the standard Helvetica fonts, with an outline, laid
// out by a minimal PDF writer so the project needs no PDF library for it.
//
//	go run ./cmd/mkguide -o assets/demo/user-guide.pdf
//	go run ./cmd/mkguide -lang fr -o assets/demo/user-guide.fr.pdf
package main

import (
	"flag"
	"fmt"
	"os"
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
	lang := flag.String("lang", "en", "the guide's language (en, fr, es)")
	flag.Parse()
	sections, err := useLanguage(*lang)
	if err == nil {
		err = os.WriteFile(*out, build(sections), 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkguide:", err)
		os.Exit(1)
	}
}

// build lays out the sections, one or more pages each, and writes the PDF.
func build(sections []section) []byte {
	d := &pdfDoc{}
	catalog, pages := d.reserve(), d.reserve()
	regular := d.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	bold := d.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
	fonts := fmt.Sprintf("<< /Font << /F1 %d 0 R /F2 %d 0 R >> >>", regular, bold)
	for _, s := range sections {
		d.marks = append(d.marks, mark{title: s.title, page: len(d.pages)})
		for _, content := range layoutSection(s, len(d.pages)) {
			stream := d.add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
			d.pages = append(d.pages, d.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources %s /Contents %d 0 R >>",
				pages, pageW, pageH, fonts, stream)))
		}
	}
	kids := make([]string, len(d.pages))
	for i, p := range d.pages {
		kids[i] = fmt.Sprintf("%d 0 R", p)
	}
	d.objs[pages-1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(d.pages))
	outline := d.outline()
	d.objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R /Outlines %d 0 R /PageMode /UseOutlines >>", pages, outline)
	return d.bytes(pages, catalog)
}

// layoutSection returns the content streams of a section's pages.
func layoutSection(s section, firstPage int) []string {
	var pages []string
	var b strings.Builder
	y := float64(pageH - margin)
	start := func() {
		b.Reset()
		fmt.Fprintf(&b, "BT /F1 9 Tf 0.45 g %d %d Td %s Tj ET\n", margin, 36, pdfString(docTitle))
	}
	flush := func() {
		fmt.Fprintf(&b, "BT /F1 9 Tf 0.45 g %d %d Td %s Tj ET\n", pageW-margin-40, 36,
			pdfString(fmt.Sprintf(pageFormat, firstPage+len(pages)+1)))
		pages = append(pages, b.String())
	}
	start()
	fmt.Fprintf(&b, "BT /F2 %d Tf 0.12 0.29 0.45 rg %d %.0f Td %s Tj ET\n", titleSize, margin, y-titleSize, pdfString(s.title))
	y -= titleSize + 22
	for _, para := range s.paras {
		font, size, indent := "F1", float64(bodySize), 0.0
		text := para
		if strings.HasPrefix(para, "# ") {
			font, size, text = "F2", 13, para[2:]
			y -= 6
		} else if strings.HasPrefix(para, "- ") {
			indent, text = 14, para[2:]
			fmt.Fprintf(&b, "BT /F1 %d Tf 0 g %d %.0f Td %s Tj ET\n", bodySize, margin+2, y-size, pdfString("•"))
		}
		for _, line := range wrap(text, float64(pageW-2*margin)-indent, size, font == "F2") {
			if y-leading < 60 {
				flush()
				start()
				y = float64(pageH - margin)
			}
			fmt.Fprintf(&b, "BT /%s %.0f Tf 0 g %.0f %.0f Td %s Tj ET\n", font, size, margin+indent, y-size, pdfString(line))
			y -= leading
		}
		y -= 8
	}
	flush()
	return pages
}

// wrap breaks text into lines no wider than width points.
func wrap(text string, width, size float64, bold bool) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
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

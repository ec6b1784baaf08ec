package main

import (
	"bytes"
	"fmt"
	"strings"
)

// pdfDoc is a minimal PDF 1.4 writer: pages of text in the standard
// Helvetica fonts (which every reader has, so nothing is embedded) and a
// one-level outline.
type pdfDoc struct {
	objs    []string // object bodies; object n is objs[n-1]
	pages   []int    // page object numbers
	marks   []mark   // the outline's entries: each section's first page
	catalog int      // the catalog's object number
	title   string   // the document's title, in its information
}

type mark struct {
	title string
	page  int // index into pages
}

// add appends an object and returns its number.
func (d *pdfDoc) add(body string) int {
	d.objs = append(d.objs, body)
	return len(d.objs)
}

// reserve appends a placeholder to fill in later.
func (d *pdfDoc) reserve() int { return d.add("") }

// pdfString escapes text for a PDF literal string in WinAnsiEncoding: the
// guide's text is ASCII, Latin-1 letters (é, ç, à, ...) and a few
// typographic marks; any other character becomes "?".
func pdfString(s string) string {
	marks := map[rune]string{'’': `\222`, '“': `\223`, '”': `\224`, '–': `\226`, '—': `\227`, '•': `\225`,
		'…': `\205`, 'œ': `\234`, 'Œ': `\214`, '€': `\200`}
	var b strings.Builder
	b.WriteByte('(')
	for _, r := range s {
		switch {
		case r == '\\' || r == '(' || r == ')':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x80:
			b.WriteRune(r)
		case marks[r] != "":
			b.WriteString(marks[r])
		case r >= 0xa0 && r <= 0xff:
			fmt.Fprintf(&b, "\\%03o", r)
		default:
			b.WriteByte('?')
		}
	}
	b.WriteByte(')')
	return b.String()
}

// bytes writes the file: header, objects, cross-reference table, trailer.
func (d *pdfDoc) bytes() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(d.objs))
	for i, body := range d.objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, body)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(d.objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R /Info << /Title %s /Producer (Fieldshelf mkguide) >> >>\nstartxref\n%d\n%%%%EOF\n",
		len(d.objs)+1, d.catalog, pdfString(d.title), xref)
	return b.Bytes()
}

// outline writes the outline objects and returns the root's number.
func (d *pdfDoc) outline() int {
	root := d.reserve()
	first := len(d.objs) + 1
	last := first + len(d.marks) - 1
	for i, m := range d.marks {
		n := first + i
		body := fmt.Sprintf("<< /Title %s /Parent %d 0 R /Dest [%d 0 R /XYZ null null null]", pdfString(m.title), root, d.pages[m.page])
		if i > 0 {
			body += fmt.Sprintf(" /Prev %d 0 R", n-1)
		}
		if n < last {
			body += fmt.Sprintf(" /Next %d 0 R", n+1)
		}
		d.add(body + " >>")
	}
	d.objs[root-1] = fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>", first, last, len(d.marks))
	return root
}

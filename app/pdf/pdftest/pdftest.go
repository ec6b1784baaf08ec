// Package pdftest writes small PDF files by hand for tests: text in the
// standard fonts, an outline, links, an annotation and a filled form field
// whose appearances are plain colour boxes a test can look for in a
// render, many pages, and broken variants.
package pdftest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Where the sample draws what a test can look for, in PDF user space
// (origin at the bottom left of a 612x792 page).
var (
	// AnnotRect is the red Square annotation on page 1.
	AnnotRect = [4]float64{400, 600, 500, 700}
	// FieldRect is the green-filled text field on page 1.
	FieldRect = [4]float64{50, 100, 250, 140}
)

// SampleWord is a word of page 1 printed once, in Helvetica 24 at (72, 700).
const SampleWord = "Fieldshelf"

// builder writes numbered objects and the cross-reference table.
type builder struct {
	buf     bytes.Buffer
	offsets []int
}

func (b *builder) obj(body string) int {
	b.offsets = append(b.offsets, b.buf.Len())
	n := len(b.offsets)
	fmt.Fprintf(&b.buf, "%d 0 obj\n%s\nendobj\n", n, body)
	return n
}

// reserve returns the number the next object will get after n others.
func (b *builder) next() int { return len(b.offsets) + 1 }

func stream(dict, data string) string {
	return fmt.Sprintf("<<%s /Length %d>>\nstream\n%s\nendstream", dict, len(data), data)
}

func (b *builder) finish(root, info int) []byte {
	xref := b.buf.Len()
	fmt.Fprintf(&b.buf, "xref\n0 %d\n0000000000 65535 f \n", len(b.offsets)+1)
	for _, o := range b.offsets {
		fmt.Fprintf(&b.buf, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b.buf, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R>>\nstartxref\n%d\n%%%%EOF\n",
		len(b.offsets)+1, root, info, xref)
	return b.buf.Bytes()
}

// The sticky note (a Text annotation) on page 1 of Sample: its rectangle
// in PDF space, its author and its text.
var NoteRect = [4]float64{480, 740, 500, 760}

const (
	NoteAuthor = "Ana Field"
	NoteText   = "Check the referral list first"
)

// Sample returns a three-page document: fonts, outline, links (one to
// page 3, 292 points down from its top), a Square annotation, a filled
// text field named "name" and a sticky note on page 1, metadata.
func Sample() []byte {
	b := &builder{}
	b.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	helv := b.obj("<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>")
	times := b.obj("<</Type /Font /Subtype /Type1 /BaseFont /Times-Roman>>")
	cour := b.obj("<</Type /Font /Subtype /Type1 /BaseFont /Courier>>")
	fonts := fmt.Sprintf("/Font <</F1 %d 0 R /F2 %d 0 R /F3 %d 0 R>>", helv, times, cour)
	texts := []string{
		"BT /F1 24 Tf 72 700 Td (" + SampleWord + " sample) Tj ET\n" +
			"BT /F2 12 Tf 72 660 Td (Indicators of trafficking in persons) Tj ET\n" +
			"BT /F3 10 Tf 72 640 Td (Courier text for the field guide) Tj ET",
		"BT /F2 14 Tf 72 700 Td (Chapter two: referral pathways) Tj ET",
		"BT /F2 14 Tf 72 700 Td (Section 2.1: safe shelters and referral) Tj ET",
	}
	contents := make([]int, len(texts))
	for i, t := range texts {
		contents[i] = b.obj(stream("", t))
	}
	a, f := AnnotRect, FieldRect
	annotAP := b.obj(stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 %g %g]", a[2]-a[0], a[3]-a[1]),
		fmt.Sprintf("1 0 0 rg 0 0 %g %g re f", a[2]-a[0], a[3]-a[1])))
	fieldAP := b.obj(stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 %g %g] /Resources <<%s>>",
		f[2]-f[0], f[3]-f[1], fonts), fmt.Sprintf("0 1 0 rg 0 0 %g %g re f BT /F1 12 Tf 0 0 0 rg 4 12 Td (Filled in) Tj ET",
		f[2]-f[0], f[3]-f[1])))
	pagesID := b.next() + 6
	page1 := b.next() + 7
	page3 := page1 + 2
	annot := b.obj(fmt.Sprintf("<</Type /Annot /Subtype /Square /Rect [%g %g %g %g] /C [1 0 0] /AP <</N %d 0 R>>>>",
		a[0], a[1], a[2], a[3], annotAP))
	field := b.obj(fmt.Sprintf("<</Type /Annot /Subtype /Widget /FT /Tx /T (name) /V (Filled in) /Rect [%g %g %g %g] /F 4 /AP <</N %d 0 R>>>>",
		f[0], f[1], f[2], f[3], fieldAP))
	goTo := b.obj(fmt.Sprintf("<</Type /Annot /Subtype /Link /Rect [72 630 300 650] /Border [0 0 0] /Dest [%d 0 R /XYZ 72 500 0]>>", page3))
	uri := b.obj("<</Type /Annot /Subtype /Link /Rect [72 600 300 620] /Border [0 0 0] /A <</S /URI /URI (https://example.org/guide)>>>>")
	form := b.obj(fmt.Sprintf("<</Fields [%d 0 R] /DA (/Helv 0 Tf 0 g)>>", field))
	sticky := b.obj(fmt.Sprintf("<</Type /Annot /Subtype /Text /Rect [%g %g %g %g] /T (%s) /Contents (%s) /Name /Comment>>",
		NoteRect[0], NoteRect[1], NoteRect[2], NoteRect[3], NoteAuthor, NoteText))
	if b.next() != pagesID {
		panic("pdftest: object numbers out of step")
	}
	kids := fmt.Sprintf("%d 0 R %d 0 R %d 0 R", page1, page1+1, page1+2)
	b.obj(fmt.Sprintf("<</Type /Pages /Kids [%s] /Count 3>>", kids))
	for i := range texts {
		annots := ""
		if i == 0 {
			annots = fmt.Sprintf("/Annots [%d 0 R %d 0 R %d 0 R %d 0 R %d 0 R]", annot, field, goTo, uri, sticky)
		}
		b.obj(fmt.Sprintf("<</Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources <<%s>> /Contents %d 0 R %s>>",
			pagesID, fonts, contents[i], annots))
	}
	outline := b.outline(page1)
	root := b.obj(fmt.Sprintf("<</Type /Catalog /Pages %d 0 R /Outlines %d 0 R /AcroForm %d 0 R>>", pagesID, outline, form))
	info := b.obj("<</Title (Fieldshelf Sample\000\000) /Author (Test Author) /Producer (pdftest)>>")
	return b.finish(root, info)
}

// outline writes "Chapter 1" -> page 1, "Chapter 2" -> page 2 with
// "Section 2.1" -> page 3, 500 points up from its bottom (292 down from
// its top), and returns the outline root.
func (b *builder) outline(page1 int) int {
	root := b.next()
	c1, c2, s21 := root+1, root+2, root+3
	b.obj(fmt.Sprintf("<</Type /Outlines /First %d 0 R /Last %d 0 R /Count 3>>", c1, c2))
	b.obj(fmt.Sprintf("<</Title (Chapter 1) /Parent %d 0 R /Next %d 0 R /Dest [%d 0 R /Fit]>>", root, c2, page1))
	b.obj(fmt.Sprintf("<</Title (Chapter 2) /Parent %d 0 R /Prev %d 0 R /First %d 0 R /Last %d 0 R /Count 1 /Dest [%d 0 R /Fit]>>",
		root, c1, s21, s21, page1+1))
	b.obj(fmt.Sprintf("<</Title (Section 2.1) /Parent %d 0 R /Dest [%d 0 R /XYZ 0 500 null]>>", c2, page1+2))
	return root
}

// Pages returns a document of n pages; page i says "Page i of n" and
// carries a word unique to it, "wordI".
func Pages(n int) []byte {
	b := &builder{}
	b.buf.WriteString("%PDF-1.4\n")
	font := b.obj("<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>")
	pagesID := b.next()
	first := pagesID + 1
	kids := ""
	for i := 0; i < n; i++ {
		kids += fmt.Sprintf("%d 0 R ", first+2*i)
	}
	b.obj(fmt.Sprintf("<</Type /Pages /Kids [%s] /Count %d>>", kids, n))
	for i := 1; i <= n; i++ {
		b.obj(fmt.Sprintf("<</Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources <</Font <</F1 %d 0 R>>>> /Contents %d 0 R>>",
			pagesID, font, b.next()+1))
		b.obj(stream("", fmt.Sprintf("BT /F1 18 Tf 72 760 Td (Page %d of %d) Tj ET BT /F1 12 Tf 72 720 Td (word%d) Tj ET "+
			"0 0 1 rg 72 100 %d 20 re f", i, n, i, 10+i%400)))
	}
	root := b.obj(fmt.Sprintf("<</Type /Catalog /Pages %d 0 R>>", pagesID))
	info := b.obj("<</Title (Many pages)>>")
	return b.finish(root, info)
}

// Truncated returns the first half of the sample.
func Truncated() []byte {
	s := Sample()
	return s[:len(s)/2]
}

// Garbage returns bytes that start like a PDF and are not one.
func Garbage() []byte {
	g := []byte("%PDF-1.7\n")
	for i := 0; i < 4000; i++ {
		g = append(g, byte(i*7919%251))
	}
	return g
}

// HugePageCount returns a tiny file whose page tree claims over a billion
// pages.
func HugePageCount() []byte {
	b := &builder{}
	b.buf.WriteString("%PDF-1.4\n")
	b.obj("<</Type /Pages /Kids [3 0 R] /Count 1410065407>>")
	root := b.obj("<</Type /Catalog /Pages 1 0 R>>")
	b.obj("<</Type /Page /Parent 1 0 R /MediaBox [0 0 612 792]>>")
	info := b.obj("<<>>")
	return b.finish(root, info)
}

// HugeMediaBox returns a page a kilometre wide.
func HugeMediaBox() []byte {
	b := &builder{}
	b.buf.WriteString("%PDF-1.4\n")
	b.obj("<</Type /Pages /Kids [3 0 R] /Count 1>>")
	root := b.obj("<</Type /Catalog /Pages 1 0 R>>")
	b.obj("<</Type /Page /Parent 1 0 R /MediaBox [0 0 14400 14400] /UserUnit 1>>")
	info := b.obj("<<>>")
	return b.finish(root, info)
}

// WriteFile writes data to a file in a test's temporary directory and
// returns its path.
func WriteFile(tb testing.TB, name string, data []byte) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

// NestedForms returns two pages. The first draws a form XObject that draws
// the next one ten times, depth forms deep, down to a small square: 10^depth
// squares, so that a depth of 9 takes hours to draw, from a file of a few
// kilobytes. The second page prints SampleWord.
func NestedForms(depth int) []byte {
	b := &builder{}
	b.buf.WriteString("%PDF-1.4\n")
	font := b.obj("<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>")
	form := b.obj(stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10]", "0 0 1 rg 0 0 2 2 re f"))
	for range depth {
		var draw strings.Builder
		for i := range 10 {
			fmt.Fprintf(&draw, "q 0.9 0 0 0.9 %d %d cm /X Do Q\n", i%5, i/5)
		}
		form = b.obj(stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources <</XObject <</X %d 0 R>>>>",
			form), draw.String()))
	}
	pages := b.next()
	b.obj(fmt.Sprintf("<</Type /Pages /Kids [%d 0 R %d 0 R] /Count 2>>", pages+1, pages+3))
	b.obj(fmt.Sprintf("<</Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources <</XObject <</X %d 0 R>>>> /Contents %d 0 R>>",
		pages, form, pages+2))
	b.obj(stream("", "q 50 0 0 50 36 36 cm /X Do Q"))
	b.obj(fmt.Sprintf("<</Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources <</Font <</F1 %d 0 R>>>> /Contents %d 0 R>>",
		pages, font, pages+4))
	b.obj(stream("", "BT /F1 24 Tf 72 700 Td ("+SampleWord+") Tj ET"))
	root := b.obj(fmt.Sprintf("<</Type /Catalog /Pages %d 0 R>>", pages))
	info := b.obj("<</Title (Nested forms)>>")
	return b.finish(root, info)
}

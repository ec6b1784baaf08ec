package pdftest

import (
	"fmt"
	"strings"
)

// Doc describes a PDF for Document: its information dictionary (empty
// fields are left out) and the text of its pages, a line of text per
// line.
type Doc struct {
	Title, Author, Subject, Keywords string
	Pages                            []string
	// Color is the fill of a band across the top of the first page, as
	// "r g b" from 0 to 1 ("0.8 0.1 0.1"); none when empty. A cover
	// drawn from the page shows it.
	Color string
}

// Document writes d as a PDF of A4 pages in Helvetica.
func Document(d Doc) []byte {
	b := &builder{}
	b.buf.WriteString("%PDF-1.7\n")
	font := b.obj("<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>")
	pagesID := b.next()
	n := max(len(d.Pages), 1)
	kids := ""
	for i := range n {
		kids += fmt.Sprintf("%d 0 R ", pagesID+1+2*i)
	}
	b.obj(fmt.Sprintf("<</Type /Pages /Kids [%s] /Count %d>>", kids, n))
	for i := range n {
		text := ""
		if i < len(d.Pages) {
			text = d.Pages[i]
		}
		var content strings.Builder
		if i == 0 && d.Color != "" {
			fmt.Fprintf(&content, "%s rg 0 742 595 100 re f 0 0 0 rg\n", d.Color)
		}
		for j, line := range strings.Split(text, "\n") {
			fmt.Fprintf(&content, "BT /F1 14 Tf 72 %d Td (%s) Tj ET\n", 700-20*j, escapeString(line))
		}
		b.obj(fmt.Sprintf("<</Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources <</Font <</F1 %d 0 R>>>> /Contents %d 0 R>>",
			pagesID, font, b.next()+1))
		b.obj(stream("", content.String()))
	}
	root := b.obj(fmt.Sprintf("<</Type /Catalog /Pages %d 0 R>>", pagesID))
	var info strings.Builder
	for _, kv := range [][2]string{{"Title", d.Title}, {"Author", d.Author}, {"Subject", d.Subject}, {"Keywords", d.Keywords}} {
		if kv[1] != "" {
			fmt.Fprintf(&info, "/%s (%s) ", kv[0], escapeString(kv[1]))
		}
	}
	return b.finish(root, b.obj("<<"+info.String()+"/Producer (pdftest)>>"))
}

// escapeString escapes a PDF literal string's delimiters.
func escapeString(s string) string {
	return strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`).Replace(s)
}

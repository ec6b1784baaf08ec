package app

import (
	"bytes"
	"strings"
)

// Clip shortens text for a message or a narrow column: its runs of white
// space become one space, and when it is longer than n runes it is cut to
// n-1 and ends with an ellipsis.
func Clip(text string, n int) string {
	r := []rune(strings.Join(strings.Fields(text), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:max(n-1, 0)]) + "…"
}

// PDFSignature opens every PDF file.
const PDFSignature = "%PDF-"

// PDFHeadLen is how much of the start of a file HasPDFSignature looks at.
const PDFHeadLen = 1024 + len(PDFSignature)

// HasPDFSignature reports whether the start of a file (its first
// PDFHeadLen bytes, or all of it when shorter) holds the PDF signature:
// like MuPDF, which reads such files, it allows up to 1,024 bytes of
// anything before it.
func HasPDFSignature(head []byte) bool {
	return bytes.Contains(head[:min(len(head), PDFHeadLen)], []byte(PDFSignature))
}

package fetch

import (
	"bytes"

	"fieldshelf/app"
)

// headLen is how much of the start of a file VerifyPDF looks at.
const headLen = app.PDFHeadLen

// The verdicts of VerifyPDF. Their text completes "the server sent ...".
var (
	errHTMLPage = newErr("an HTML page, not a PDF (a login or error page?)", app.ErrNotPDF)
	errEmpty    = newErr("an empty file, not a PDF", app.ErrNotPDF)
	errNoMagic  = newErr("a file that is not a PDF (no %PDF- signature)", app.ErrNotPDF)
)

// VerifyPDF checks the first bytes of a file (the first 1029 bytes, or the
// whole file when shorter): they must hold the "%PDF-" signature within
// the first 1024 bytes (app.HasPDFSignature). The error, which wraps app.ErrNotPDF, tells an
// HTML page (a login or error page) from other content.
func VerifyPDF(head []byte) error {
	if app.HasPDFSignature(head) {
		return nil
	}
	switch {
	case len(head) == 0:
		return errEmpty
	case looksHTML(head):
		return errHTMLPage
	}
	return errNoMagic
}

// looksHTML reports whether b starts like markup: '<' after an optional
// byte order mark and white space.
func looksHTML(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n")
	return len(b) > 0 && b[0] == '<'
}

// isHTMLType reports whether a Content-Type names an HTML page.
func isHTMLType(ct string) bool {
	mt := app.MediaType(ct)
	return mt == "text/html" || mt == "application/xhtml+xml"
}

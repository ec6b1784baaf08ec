package catalog

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// sniffLen is how much of the start of an XML body is examined for a byte
// order mark, the XML declaration and signs of an HTML page.
const sniffLen = 1024

// fromUTF16 transcodes a body that starts with a UTF-16 byte order mark to
// UTF-8; transcoded reports whether it did.
func fromUTF16(body []byte) (out []byte, transcoded bool, err error) {
	label := ""
	switch {
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}):
		label = "utf-16be"
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}):
		label = "utf-16le"
	default:
		return body, false, nil
	}
	r, err := charset.NewReaderLabel(label, bytes.NewReader(body[2:]))
	if err != nil {
		return nil, false, malformed(err, "decoding UTF-16")
	}
	out, err = io.ReadAll(r)
	if err != nil {
		return nil, false, malformed(err, "decoding UTF-16")
	}
	return out, true, nil
}

// xmlReader turns the raw bytes of an XML document into clean UTF-8: it
// honours a byte order mark, then the encoding of the XML declaration, then
// headerCharset (the Content-Type charset); it rejects HTML pages; and it
// replaces invalid UTF-8 and characters XML forbids (stray control codes).
// The XML decoder must then be told that every encoding is already UTF-8.
func xmlReader(r io.Reader, headerCharset string) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 4096)
	head, err := br.Peek(sniffLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, fmt.Errorf("catalog: reading XML: %w", err)
	}
	enc, bom, err := xmlEncoding(head, headerCharset)
	if err != nil {
		return nil, err
	}
	_, _ = br.Discard(bom)
	if isUTF8(enc) {
		return &cleanReader{r: br}, nil
	}
	cr, err := charset.NewReaderLabel(enc, br)
	if err != nil {
		return nil, malformed(nil, "unsupported XML encoding %q", enc)
	}
	return &cleanReader{r: cr}, nil
}

// xmlEncoding decides the encoding of an XML document from its first
// sniffLen bytes, as xmlReader describes; bom is the length of the byte
// order mark to drop.
func xmlEncoding(head []byte, headerCharset string) (enc string, bom int, err error) {
	switch {
	case bytes.HasPrefix(head, utf8BOM):
		return "utf-8", 3, nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return "utf-16be", 2, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return "utf-16le", 2, nil
	case bytes.HasPrefix(head, []byte{'<', 0, '?', 0}):
		return "utf-16le", 0, nil
	case bytes.HasPrefix(head, []byte{0, '<', 0, '?'}):
		return "utf-16be", 0, nil
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return "", 0, malformed(nil, "empty response body")
	}
	if title, ok := sniffHTML(head); ok {
		return "", 0, htmlPageError(title)
	}
	enc = declEncoding(head)
	if strings.HasPrefix(strings.ToLower(enc), "utf-16") {
		enc = "utf-8" // a declaration read as ASCII cannot be UTF-16
	}
	if enc == "" {
		enc = headerCharset
	}
	return enc, 0, nil
}

// isUTF8 reports whether an encoding label (or none) means UTF-8.
func isUTF8(enc string) bool {
	return enc == "" || strings.EqualFold(enc, "utf-8") || strings.EqualFold(enc, "utf8")
}

// cleanUTF8 returns the document of body when it is already what xmlReader
// would make of it: UTF-8 that isClean, after its byte order mark if any.
// Most feeds are, and are then decoded in place, without the copy through
// cleanReader. With whole unset only the encoding is checked, and the
// caller checks the part it reads with isClean.
func cleanUTF8(body []byte, headerCharset string, whole bool) ([]byte, bool) {
	enc, bom, err := xmlEncoding(body[:min(len(body), sniffLen)], headerCharset)
	if err != nil || !isUTF8(enc) {
		return nil, false // xmlReader gives the error, or transcodes
	}
	data := body[bom:]
	if whole && !isClean(data) {
		return nil, false
	}
	return data, true
}

// newXMLDecoder returns a strict decoder for the output of xmlReader: it
// knows the HTML entities, and every encoding is already UTF-8.
func newXMLDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.Strict = true
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	return d
}

// readRecorder remembers the first error of its reader other than io.EOF,
// so that I/O failures can be told apart from malformed input.
type readRecorder struct {
	r   io.Reader
	err error
}

func (rr *readRecorder) Read(p []byte) (int, error) {
	n, err := rr.r.Read(p)
	if err != nil && err != io.EOF && rr.err == nil {
		rr.err = err
	}
	return n, err
}

func htmlPageError(title string) error {
	if title == "" {
		return malformed(nil, "not an OPDS feed: got an HTML page")
	}
	return malformed(nil, "not an OPDS feed: got an HTML page (%q)", title)
}

// declEncoding returns the encoding named by the XML declaration at the
// start of head, or "".
func declEncoding(head []byte) string {
	head = bytes.TrimLeft(head, " \t\r\n")
	if !bytes.HasPrefix(head, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(head, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := head[:end]
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if len(rest) == 0 || rest[0] != '=' {
		return ""
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) < 2 || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	j := bytes.IndexByte(rest[1:], rest[0])
	if j < 0 {
		return ""
	}
	return strings.TrimSpace(string(rest[1 : 1+j]))
}

// sniffHTML reports whether head starts an HTML page (after comments, a
// declaration and white space), with the page's title when it is in head.
func sniffHTML(head []byte) (title string, ok bool) {
	s := bytes.TrimLeft(head, " \t\r\n")
	for bytes.HasPrefix(s, []byte("<!--")) {
		end := bytes.Index(s, []byte("-->"))
		if end < 0 {
			return "", false
		}
		s = bytes.TrimLeft(s[end+3:], " \t\r\n")
	}
	if !hasPrefixFoldASCII(s, "<!doctype html") && !hasPrefixFoldASCII(s, "<html") {
		return "", false
	}
	// Only ASCII letters are lowered, so that lower keeps the offsets of s
	// (bytes.ToLower turns each invalid byte into three, and indexes
	// taken in it then overran s).
	lower := make([]byte, len(s))
	for i, c := range s {
		lower[i] = lowerASCII(c)
	}
	if i := bytes.Index(lower, []byte("<title>")); i >= 0 {
		rest := s[i+len("<title>"):]
		if j := bytes.Index(lower[i+len("<title>"):], []byte("</title>")); j >= 0 {
			title = strings.Join(strings.Fields(string(rest[:j])), " ")
		}
	}
	return title, true
}

// hasPrefixFoldASCII reports whether b starts with the lower-case ASCII
// prefix, ignoring the case of ASCII letters in b.
func hasPrefixFoldASCII(b []byte, prefix string) bool {
	if len(b) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lowerASCII(b[i]) != prefix[i] {
			return false
		}
	}
	return true
}

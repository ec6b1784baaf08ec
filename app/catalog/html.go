package catalog

import (
	"encoding/xml"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// textBuilder accumulates plain text: runs of white space become one space,
// line breaks come only from newline(), and lines are trimmed, with no empty
// lines.
type textBuilder struct {
	b       strings.Builder
	inLine  bool // the current line has text
	space   bool // white space is pending before the next text
	newline bool // a line break is pending before the next text
}

// text appends s, collapsing its white space. Words are copied whole.
func (t *textBuilder) text(s string) {
	if t.b.Cap() == 0 {
		t.b.Grow(len(s))
	}
	start := -1 // start of the current word
	for i := 0; i < len(s); {
		c, size, space := s[i], 1, false
		if c < utf8.RuneSelf {
			space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space && start >= 0:
			t.word(s[start:i])
			start = -1
			t.space = true
		case space:
			t.space = true
		case start < 0:
			start = i
		}
		i += size
	}
	if start >= 0 {
		t.word(s[start:])
	}
}

func (t *textBuilder) word(w string) {
	t.flush()
	t.b.WriteString(w)
}

// flush writes the separator pending before the next visible character.
func (t *textBuilder) flush() {
	switch {
	case t.newline && t.b.Len() > 0:
		t.b.WriteByte('\n')
	case t.space && t.inLine:
		t.b.WriteByte(' ')
	}
	t.newline, t.space, t.inLine = false, false, true
}

// lineBreak ends the current line, if it has text.
func (t *textBuilder) lineBreak() {
	if t.inLine {
		t.newline = true
		t.inLine = false
	}
	t.space = false
}

func (t *textBuilder) String() string { return t.b.String() }

// unsafeString views b as a string without copying, for a string that is
// only looked at (text copies the words it keeps; map lookups keep
// nothing): b must not change while the string is in use.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// blockTags are the HTML elements that start a new line.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Br: true, atom.Div: true, atom.Li: true, atom.Ul: true,
	atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Tr: true,
	atom.Table: true, atom.Blockquote: true, atom.Pre: true, atom.Hr: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Footer: true, atom.Address: true, atom.Figure: true, atom.Figcaption: true,
	atom.Caption: true, atom.Aside: true, atom.Nav: true, atom.Main: true,
}

// skipTags are the HTML elements whose text is not shown.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Head: true, atom.Title: true,
	atom.Template: true, atom.Noscript: true, atom.Iframe: true, atom.Object: true,
}

// htmlToText renders an HTML fragment as plain text: tags are dropped,
// entities decoded, script and style removed, block elements and <br> end
// lines, and white space is collapsed.
func htmlToText(s string) string {
	var t textBuilder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return t.String()
		case html.TextToken:
			if skip == 0 {
				t.text(unsafeString(z.Text()))
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipTags[a] {
				skip++
			} else if blockTags[a] {
				t.lineBreak()
			}
		case html.SelfClosingTagToken:
			name, _ := z.TagName()
			if blockTags[atom.Lookup(name)] {
				t.lineBreak()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipTags[a] && skip > 0 {
				skip--
			} else if blockTags[a] {
				t.lineBreak()
			}
		}
	}
}

// plainText normalises plain text: lines are kept, white space within a line
// is collapsed, and empty lines are dropped.
func plainText(s string) string {
	if isSimpleLine(s) {
		return s // one line, nothing to tidy
	}
	var t textBuilder
	for {
		line, rest, found := strings.Cut(s, "\n")
		t.text(line)
		if !found {
			return t.String()
		}
		t.lineBreak()
		s = rest
	}
}

// oneLine collapses all white space in s, for titles and names.
func oneLine(s string) string {
	if isSimpleLine(s) {
		return s
	}
	var t textBuilder
	t.text(s)
	return t.String()
}

// isSimpleLine reports whether s has no leading, trailing, repeated or
// non-space white space, so that oneLine can return it unchanged.
func isSimpleLine(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case c < ' ':
			return false
		default:
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}

// looksLikeHTML reports whether s seems to hold markup: a tag of a known
// HTML element ("<p>", "</b>", "<br/>", "<a href=...>"), a comment, or an
// entity reference such as "&amp;", "&eacute;" or "&#x2019;". Text such as
// "<Escaping>" or "Tom & Jerry" is not markup.
func looksLikeHTML(s string) bool {
	for i := 0; i < len(s)-1; i++ {
		switch s[i] {
		case '<':
			if isTagAt(s[i+1:]) {
				return true
			}
		case '&':
			if isEntityRef(s[i+1:]) {
				return true
			}
		}
	}
	return false
}

// isTagAt reports whether s (what follows a '<') starts a comment or the
// start or end tag of a known HTML element, closed by a '>' further on.
func isTagAt(s string) bool {
	if strings.HasPrefix(s, "!--") {
		return strings.Contains(s, "-->")
	}
	s = strings.TrimPrefix(s, "/")
	n := 0
	for n < len(s) && n < 16 && (isASCIILetter(s[n]) || (n > 0 && isDigit(s[n]))) {
		n++
	}
	if n == 0 || n == len(s) || !markupTags[atom.Lookup([]byte(strings.ToLower(s[:n])))] {
		return false
	}
	switch s[n] {
	case '>':
		return true
	case ' ', '\t', '\n', '\r', '/':
		return strings.IndexByte(s[n:], '>') >= 0
	}
	return false
}

// markupTags are the HTML elements whose tags mark a description as HTML.
var markupTags = func() map[atom.Atom]bool {
	m := map[atom.Atom]bool{}
	for a := range blockTags {
		m[a] = true
	}
	for a := range skipTags {
		m[a] = true
	}
	for _, a := range []atom.Atom{atom.A, atom.B, atom.I, atom.U, atom.S, atom.Em, atom.Strong, atom.Span,
		atom.Img, atom.Small, atom.Big, atom.Sub, atom.Sup, atom.Code, atom.Abbr, atom.Cite, atom.Q,
		atom.Font, atom.Center, atom.Tt, atom.Td, atom.Th, atom.Tbody, atom.Thead, atom.Mark,
		atom.Del, atom.Ins, atom.Wbr, atom.Html, atom.Body} {
		m[a] = true
	}
	return m
}()

// isEntityRef reports whether s starts with the rest of an entity reference
// HTML knows, such as "amp;", "#233;" or "#x2019;".
func isEntityRef(s string) bool {
	end := strings.IndexByte(s[:min(len(s), 34)], ';')
	if end <= 0 {
		return false
	}
	name := s[:end]
	if name[0] != '#' {
		_, ok := xml.HTMLEntity[name]
		return ok || name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos"
	}
	digits := name[1:]
	if len(digits) > 1 && (digits[0] == 'x' || digits[0] == 'X') {
		_, err := strconv.ParseUint(digits[1:], 16, 32)
		return err == nil
	}
	_, err := strconv.ParseUint(digits, 10, 32)
	return err == nil
}

// richText renders a description that may be HTML or plain text.
func richText(s string) string {
	if looksLikeHTML(s) {
		return htmlToText(s)
	}
	return plainText(s)
}

// isBlockTag reports whether an (X)HTML element name starts a new line.
func isBlockTag(name string) bool { return blockTags[atom.Lookup([]byte(strings.ToLower(name)))] }

// isSkipTag reports whether an (X)HTML element's text is hidden.
func isSkipTag(name string) bool { return skipTags[atom.Lookup([]byte(strings.ToLower(name)))] }

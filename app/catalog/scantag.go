package catalog

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"unicode/utf8"
)

// The scanner's tags, names and references.

// startTag reads <name attr="value" ...> or <name .../>.
// The attributes' slice is reused from tag to tag.
func (s *scanner) startTag(t *token) error {
	s.pos++
	raw, ok := s.qname()
	if !ok {
		return errFallback
	}
	attrs := s.attrs[:0]
	for {
		s.space()
		if s.pos >= len(s.b) {
			return errFallback
		}
		switch s.b[s.pos] {
		case '>':
			s.pos++
			s.attrs = attrs
			return s.startElement(t, raw, attrs, false)
		case '/':
			if s.pos+1 >= len(s.b) || s.b[s.pos+1] != '>' {
				return errFallback
			}
			s.pos += 2
			s.attrs = attrs
			return s.startElement(t, raw, attrs, true)
		}
		a, err := s.attr()
		if err != nil {
			return err
		}
		attrs = append(attrs, a)
	}
}

func (s *scanner) attr() (xml.Attr, error) {
	name, ok := s.qname()
	if !ok {
		return xml.Attr{}, errFallback
	}
	s.space()
	if s.pos >= len(s.b) || s.b[s.pos] != '=' {
		return xml.Attr{}, errFallback
	}
	s.pos++
	s.space()
	if s.pos >= len(s.b) || (s.b[s.pos] != '"' && s.b[s.pos] != '\'') {
		return xml.Attr{}, errFallback
	}
	quote := s.b[s.pos]
	end := bytes.IndexByte(s.b[s.pos+1:], quote)
	if end < 0 {
		return xml.Attr{}, errFallback
	}
	raw := s.b[s.pos+1 : s.pos+1+end]
	s.pos += end + 2
	if bytes.IndexByte(raw, '<') >= 0 {
		return xml.Attr{}, errFallback
	}
	value := raw
	if bytes.IndexByte(raw, '&') >= 0 || bytes.IndexByte(raw, '\r') >= 0 {
		if value, ok = appendText(s.buf[:0], raw, true); !ok {
			return xml.Attr{}, errFallback
		}
		s.buf = value
	}
	return xml.Attr{Name: name, Value: s.values.get(value)}, nil
}

// startElement declares the element's namespaces and gives it, and its
// end too when it closes itself.
func (s *scanner) startElement(t *token, raw xml.Name, attrs []xml.Attr, empty bool) error {
	depth := len(s.open) + 1
	for _, a := range attrs {
		switch {
		case a.Name.Space == "xmlns":
			if a.Name.Local == "xml" || a.Name.Local == "xmlns" {
				return errFallback
			}
			s.ns = append(s.ns, nsBinding{a.Name.Local, a.Value, depth})
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			s.ns = append(s.ns, nsBinding{"", a.Value, depth})
		}
	}
	s.open = append(s.open, raw)
	t.kind, t.elem = tokStart, xml.StartElement{Name: s.translate(raw, true), Attr: attrs}
	for i := range attrs {
		attrs[i].Name = s.translate(attrs[i].Name, false)
	}
	if empty {
		s.end, s.ended = raw, true
	}
	return nil
}

func (s *scanner) endTag(t *token) error {
	s.pos += 2
	raw, ok := s.qname()
	if !ok {
		return errFallback
	}
	s.space()
	if s.pos >= len(s.b) || s.b[s.pos] != '>' {
		return errFallback
	}
	s.pos++
	if len(s.open) == 0 || s.open[len(s.open)-1] != raw {
		return errFallback
	}
	t.kind, t.elem = tokEnd, xml.StartElement{Name: s.translate(raw, true)}
	s.closeElement()
	return nil
}

// closeElement ends the innermost element and its declarations.
func (s *scanner) closeElement() {
	depth := len(s.open)
	for len(s.ns) > 0 && s.ns[len(s.ns)-1].depth == depth {
		s.ns = s.ns[:len(s.ns)-1]
	}
	s.open = s.open[:depth-1]
}

// translate gives a name its namespace URI, as encoding/xml does: the
// innermost declaration of its prefix, or of the default namespace for an
// element without one; an undeclared prefix stays as it is.
func (s *scanner) translate(n xml.Name, element bool) xml.Name {
	switch {
	case n.Space == "xmlns", n.Space == "" && !element, n.Space == "" && n.Local == "xmlns":
		return n
	case n.Space == "xml":
		n.Space = xmlURL
		return n
	}
	for i := len(s.ns) - 1; i >= 0; i-- {
		if s.ns[i].prefix == n.Space {
			n.Space = s.ns[i].uri
			return n
		}
	}
	return n
}

// qname reads a name with at most one colon, not at either end.
func (s *scanner) qname() (xml.Name, bool) {
	start := s.pos
	if !s.skipName() {
		return xml.Name{}, false
	}
	word := s.b[start:s.pos]
	switch i := bytes.IndexByte(word, ':'); {
	case i < 0:
		return xml.Name{Local: s.intern(word)}, true
	case i == 0 || i == len(word)-1 || bytes.IndexByte(word[i+1:], ':') >= 0:
		return xml.Name{}, false
	default:
		return xml.Name{Space: s.intern(word[:i]), Local: s.intern(word[i+1:])}, true
	}
}

// name reads an ASCII XML name.
func (s *scanner) name() (string, bool) {
	start := s.pos
	if !s.skipName() {
		return "", false
	}
	return s.intern(s.b[start:s.pos]), true
}

// skipName moves past an ASCII XML name and reports whether there was one:
// a letter, '_' or ':' first, and no other name character (one outside
// ASCII) right after it.
func (s *scanner) skipName() bool {
	start := s.pos
	if start >= len(s.b) || !(isASCIILetter(s.b[start]) || s.b[start] == '_' || s.b[start] == ':') {
		return false
	}
	s.pos++
	for s.pos < len(s.b) && isNameByte(s.b[s.pos]) {
		s.pos++
	}
	return s.pos == len(s.b) || s.b[s.pos] < utf8.RuneSelf
}

// intern returns b as a string, the same string for the same bytes. A
// small cache of the names seen last, indexed by length and end bytes,
// answers most lookups with one comparison; the map holds them all.
func (s *scanner) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	slot := &s.recent[(uint(len(b))*7+uint(b[0])*3+uint(b[len(b)-1]))%uint(len(s.recent))]
	if *slot == string(b) {
		return *slot
	}
	v, ok := s.names[string(b)]
	if !ok {
		v = string(b)
		s.names[v] = v
	}
	*slot = v
	return v
}

func (s *scanner) space() {
	for s.pos < len(s.b) {
		switch s.b[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

// isASCIIName reports whether b is a name of ASCII name characters that
// starts with a letter, '_' or ':'.
func isASCIIName(b []byte) bool {
	if len(b) == 0 || !(isASCIILetter(b[0]) || b[0] == '_' || b[0] == ':') {
		return false
	}
	for _, c := range b[1:] {
		if !isNameByte(c) {
			return false
		}
	}
	return true
}

// appendText appends raw to out with its line ends made "\n" and, with
// refs, its references replaced; ok is false at a reference encoding/xml
// would refuse.
func appendText(out, raw []byte, refs bool) ([]byte, bool) {
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c == '&' && refs:
			end := bytes.IndexByte(raw[i:], ';')
			if end < 0 {
				return nil, false
			}
			text, ok := entityText(raw[i+1 : i+end])
			if !ok {
				return nil, false
			}
			out = append(out, text...)
			i += end
		case c == '\r':
			out = append(out, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		default:
			out = append(out, c)
		}
	}
	return out, true
}

// entityText returns the text of the reference &ref;.
func entityText(ref []byte) (string, bool) {
	if len(ref) > 1 && ref[0] == '#' {
		digits, base := ref[1:], 10
		if digits[0] == 'x' {
			digits, base = digits[1:], 16
		}
		n, err := strconv.ParseUint(string(digits), base, 32)
		if err != nil || len(digits) == 0 || digits[0] == '+' || !isXMLChar(rune(n)) {
			return "", false
		}
		return string(rune(n)), true
	}
	switch string(ref) {
	case "lt":
		return "<", true
	case "gt":
		return ">", true
	case "amp":
		return "&", true
	case "apos":
		return "'", true
	case "quot":
		return `"`, true
	}
	if !isASCIIName(ref) {
		return "", false
	}
	text, ok := xml.HTMLEntity[string(ref)]
	return text, ok
}

package catalog

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
)

// scanner is the fast path of the Atom decoder: a tokenizer over a whole
// document already made clean by xmlReader (valid UTF-8 of characters XML
// allows, every '&' a reference it knows), giving the tokens that a
// strict encoding/xml Decoder with the HTML entities gives (with comments
// and processing instructions left out, which the decoder ignores), two to
// three times faster. It takes only the plain forms feeds are written in; at
// anything else (a DOCTYPE, a syntax error, an unknown entity, a name
// outside ASCII) it stops with errFallback, and the document is decoded
// again with encoding/xml, whose tolerance and error messages then apply.
// TestScannerMatchesEncodingXML and FuzzScanner hold it to that.
type scanner struct {
	b    []byte
	pos  int
	open []xml.Name  // the open elements, as written
	ns   []nsBinding // the namespace declarations in scope, innermost last
	end  *xml.Name   // the end of a self-closing element, still to give
	buf  []byte
	// names interns element and attribute names, which repeat throughout.
	names map[string]string
}

// nsBinding is a namespace declaration, and the element depth it belongs to.
type nsBinding struct {
	prefix, uri string
	depth       int
}

// errFallback stops the fast path.
var errFallback = errors.New("catalog: not in the scanner's XML")

const xmlURL = "http://www.w3.org/XML/1998/namespace"

func newScanner(b []byte) *scanner {
	return &scanner{b: b, names: map[string]string{}}
}

// Token returns the next token: xml.StartElement, xml.EndElement or
// xml.CharData (valid until the next call); io.EOF after the last.
func (s *scanner) Token() (xml.Token, error) {
	if s.end != nil {
		t := xml.EndElement{Name: s.translate(*s.end, true)}
		s.end = nil
		s.closeElement()
		return t, nil
	}
	for {
		if s.pos >= len(s.b) {
			if len(s.open) > 0 {
				return nil, errFallback
			}
			return nil, io.EOF
		}
		if s.b[s.pos] != '<' {
			return s.text()
		}
		tok, err := s.markup()
		if tok != nil || err != nil {
			return tok, err
		}
	}
}

// Skip reads tokens up to the end of the element just started.
func (s *scanner) Skip() error {
	for depth := 0; ; {
		tok, err := s.Token()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth == 0 {
				return nil
			}
			depth--
		}
	}
}

// markup reads what starts at '<'. A comment or a processing instruction
// gives no token and no error.
func (s *scanner) markup() (xml.Token, error) {
	rest := s.b[s.pos+1:]
	switch {
	case len(rest) == 0:
		return nil, errFallback
	case rest[0] == '/':
		return s.endTag()
	case bytes.HasPrefix(rest, []byte("!--")):
		return nil, s.comment()
	case bytes.HasPrefix(rest, []byte("![CDATA[")):
		return s.cdata()
	case rest[0] == '?':
		return nil, s.procInst()
	case rest[0] == '!':
		return nil, errFallback // a DOCTYPE or another directive
	}
	return s.startTag()
}

func (s *scanner) comment() error {
	body := s.b[s.pos+4:]
	i := bytes.Index(body, []byte("--"))
	if i < 0 || i+2 >= len(body) || body[i+2] != '>' {
		return errFallback // unterminated, or "--" inside
	}
	s.pos += 4 + i + 3
	return nil
}

func (s *scanner) procInst() error {
	s.pos += 2
	target, ok := s.name()
	if !ok {
		return errFallback
	}
	i := bytes.Index(s.b[s.pos:], []byte("?>"))
	if i < 0 {
		return errFallback
	}
	content := s.b[s.pos : s.pos+i]
	s.pos += i + 2
	if target == "xml" && bytes.Contains(content, []byte("version")) &&
		!bytes.Contains(content, []byte(`version="1.0"`)) && !bytes.Contains(content, []byte(`version='1.0'`)) {
		return errFallback
	}
	return nil
}

func (s *scanner) cdata() (xml.Token, error) {
	body := s.b[s.pos+9:]
	i := bytes.Index(body, []byte("]]>"))
	if i < 0 {
		return nil, errFallback
	}
	s.pos += 9 + i + 3
	out, _ := appendText(s.buf[:0], body[:i], false)
	s.buf = out
	return xml.CharData(out), nil
}

// text reads character data up to the next '<'.
func (s *scanner) text() (xml.Token, error) {
	start := s.pos
	end := bytes.IndexByte(s.b[start:], '<')
	if end < 0 {
		end = len(s.b)
	} else {
		end += start
	}
	s.pos = end
	raw := s.b[start:end]
	if bytes.Contains(raw, []byte("]]>")) {
		return nil, errFallback
	}
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		return xml.CharData(raw), nil
	}
	out, ok := appendText(s.buf[:0], raw, true)
	if !ok {
		return nil, errFallback
	}
	s.buf = out
	return xml.CharData(out), nil
}

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
	// end is the end of a self-closing element, still to give when ended.
	end   xml.Name
	ended bool
	buf   []byte
	tok   token      // the token read returns, reused
	attrs []xml.Attr // the attributes of the last start tag, reused
	// names interns element and attribute names, which repeat throughout;
	// recent caches those seen last (see intern).
	names  map[string]string
	recent [64]string
	values stringCache // attribute values
}

// stringCache makes strings of byte strings, giving back the string it
// made last for the same bytes when it still has it. Feeds repeat many
// short values (rel and type of links, category terms, authors, stamps),
// which then cost no allocation; a value that does not repeat costs a hash
// and one comparison more than string(b).
type stringCache [128]string

// maxCached is the length above which values are not cached: long ones
// (summaries, titles) rarely repeat.
const maxCached = 64

func (c *stringCache) get(b []byte) string {
	if len(b) == 0 || len(b) > maxCached {
		return string(b)
	}
	h := uint(len(b))*31 + uint(b[0])*7 + uint(b[len(b)/2])*3 + uint(b[len(b)-1])
	slot := &c[h%uint(len(c))]
	if *slot != string(b) {
		*slot = string(b)
	}
	return *slot
}

// tokenKind says what a token is.
type tokenKind uint8

const (
	tokNone  tokenKind = iota // nothing: a comment or a processing instruction
	tokStart                  // a start tag: elem
	tokEnd                    // an end tag: elem.Name
	tokText                   // character data: text
)

// token is a token as the Atom parser reads it: a plain value, where an
// xml.Token would box each StartElement, EndElement and CharData into an
// interface, an allocation per token (a third of all the decoder's). A
// source gives a pointer to the one token it reuses: the token, its
// attributes and its text are only valid until the next.
type token struct {
	kind tokenKind
	elem xml.StartElement
	text []byte
}

// tokenSource is what an atomParser reads: the scanner, or encoding/xml's
// Decoder (through decoderSource) when the scanner gives up.
type tokenSource interface {
	read() (*token, error)
	Skip() error
}

// decoderSource gives the tokens of an encoding/xml Decoder as tokens,
// leaving out comments, processing instructions and directives, which the
// parser ignores.
type decoderSource struct {
	d   *xml.Decoder
	tok token
}

func newDecoderSource(r io.Reader) *decoderSource { return &decoderSource{d: newXMLDecoder(r)} }

func (d *decoderSource) read() (*token, error) {
	for {
		tok, err := d.d.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			d.tok = token{kind: tokStart, elem: t}
			return &d.tok, nil
		case xml.EndElement:
			d.tok = token{kind: tokEnd, elem: xml.StartElement{Name: t.Name}}
			return &d.tok, nil
		case xml.CharData:
			d.tok = token{kind: tokText, text: t}
			return &d.tok, nil
		}
	}
}

// Skip reads tokens up to the end of the element just started.
func (d *decoderSource) Skip() error { return d.d.Skip() }

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

// Token returns the next token as encoding/xml's Decoder would:
// xml.StartElement, xml.EndElement or xml.CharData (valid until the next
// call); io.EOF after the last. The parser reads tokens with read; Token
// is what the scanner is held to encoding/xml with.
func (s *scanner) Token() (xml.Token, error) {
	t, err := s.read()
	if err != nil {
		return nil, err
	}
	switch t.kind {
	case tokStart:
		t.elem.Attr = append([]xml.Attr{}, t.elem.Attr...)
		return t.elem, nil
	case tokEnd:
		return xml.EndElement{Name: t.elem.Name}, nil
	}
	return xml.CharData(t.text), nil
}

// read returns the next token; io.EOF after the last. The tokens are
// written in place, into s.tok.
func (s *scanner) read() (*token, error) {
	t := &s.tok
	if s.ended {
		t.kind, t.elem = tokEnd, xml.StartElement{Name: s.translate(s.end, true)}
		s.ended = false
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
			return t, s.text(t)
		}
		t.kind = tokNone
		if err := s.markup(t); t.kind != tokNone || err != nil {
			return t, err
		}
	}
}

// Skip reads tokens up to the end of the element just started.
func (s *scanner) Skip() error {
	for depth := 0; ; {
		tok, err := s.read()
		if err != nil {
			return err
		}
		switch tok.kind {
		case tokStart:
			depth++
		case tokEnd:
			if depth == 0 {
				return nil
			}
			depth--
		}
	}
}

// markup reads what starts at '<' into t. A comment or a processing
// instruction leaves t as it is (tokNone) and gives no error.
func (s *scanner) markup(t *token) error {
	rest := s.b[s.pos+1:]
	switch {
	case len(rest) == 0:
		return errFallback
	case rest[0] == '/':
		return s.endTag(t)
	case bytes.HasPrefix(rest, []byte("!--")):
		return s.comment()
	case bytes.HasPrefix(rest, []byte("![CDATA[")):
		return s.cdata(t)
	case rest[0] == '?':
		return s.procInst()
	case rest[0] == '!':
		return errFallback // a DOCTYPE or another directive
	}
	return s.startTag(t)
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

func (s *scanner) cdata(t *token) error {
	body := s.b[s.pos+9:]
	i := bytes.Index(body, []byte("]]>"))
	if i < 0 {
		return errFallback
	}
	s.pos += 9 + i + 3
	out, _ := appendText(s.buf[:0], body[:i], false)
	s.buf = out
	t.kind, t.text = tokText, out
	return nil
}

// text reads character data up to the next '<'.
func (s *scanner) text(t *token) error {
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
		return errFallback
	}
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		t.kind, t.text = tokText, raw
		return nil
	}
	out, ok := appendText(s.buf[:0], raw, true)
	if !ok {
		return errFallback
	}
	s.buf = out
	t.kind, t.text = tokText, out
	return nil
}

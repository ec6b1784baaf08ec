package catalog

import (
	"encoding/xml"
	"strings"
)

// Reading the text of Atom elements: text constructs, person names.

// person reads an <author> or <contributor>: its <name>, or its own text
// when a server left the name bare.
func (p *atomParser) person() (string, error) {
	var name string
	var bare strings.Builder
	for {
		tok, err := p.next()
		if err != nil {
			return "", err
		}
		switch tok.kind {
		case tokStart:
			if tok.elem.Name.Local == "name" && name == "" {
				name, err = p.rawText()
			} else {
				err = p.skip()
			}
			if err != nil {
				return "", err
			}
		case tokText:
			bare.Write(tok.text)
		case tokEnd:
			if name = oneLine(name); name != "" {
				return name, nil
			}
			return oneLine(bare.String()), nil
		}
	}
}

// rawText returns the character data of the current element and its
// descendants.
func (p *atomParser) rawText() (string, error) {
	p.text = p.text[:0]
	depth := 0
	for {
		tok, err := p.next()
		if err != nil {
			return "", err
		}
		switch tok.kind {
		case tokText:
			p.text = append(p.text, tok.text...)
		case tokStart:
			depth++
		case tokEnd:
			if depth == 0 {
				return p.texts.get(p.text), nil
			}
			depth--
		}
	}
}

// untyped says what an Atom text construct without a type attribute holds.
type untyped bool

const (
	untypedText  untyped = false // plain text, as Atom says (titles)
	untypedGuess untyped = true  // HTML when it looks like it (summaries, content)
)

// textConstruct reads an Atom text construct (title, summary, content) as
// plain text. Only type="html" and type="xhtml" are markup; type="text"
// (and text/*) is kept as it is after XML unescaping, so "<", ">" and "&"
// stay. A construct with no type is plain text too, unless u lets it be
// guessed as HTML.
func (p *atomParser) textConstruct(t xml.StartElement, u untyped) (string, error) {
	typ, typed := attrValue(t, "type")
	typ = strings.ToLower(strings.TrimSpace(typ))
	switch {
	case strings.Contains(typ, "xhtml"):
		return p.xhtmlText()
	case strings.Contains(typ, "html"):
		s, err := p.rawText()
		return htmlToText(s), err
	case !typed && u == untypedGuess:
		s, err := p.rawText()
		return richText(s), err
	case typ == "" || typ == "text" || strings.HasPrefix(typ, "text/"):
		s, err := p.rawText()
		return plainText(s), err
	}
	return "", p.skip() // out-of-line or binary content
}

// xhtmlText renders inline XHTML content as plain text.
func (p *atomParser) xhtmlText() (string, error) {
	var b textBuilder
	depth := 0
	for {
		tok, err := p.next()
		if err != nil {
			return "", err
		}
		switch t := tok.elem; tok.kind {
		case tokText:
			b.text(unsafeString(tok.text))
		case tokStart:
			if isSkipTag(t.Name.Local) {
				if err := p.skip(); err != nil {
					return "", err
				}
				continue
			}
			if isBlockTag(t.Name.Local) {
				b.lineBreak()
			}
			depth++
		case tokEnd:
			if depth == 0 {
				return b.String(), nil
			}
			depth--
			if isBlockTag(t.Name.Local) {
				b.lineBreak()
			}
		}
	}
}

// attr returns the value of the unprefixed attribute local of t.
func attr(t xml.StartElement, local string) string {
	v, _ := attrValue(t, local)
	return v
}

// attrValue returns the value of the unprefixed attribute local of t and
// whether t has it.
func attrValue(t xml.StartElement, local string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}

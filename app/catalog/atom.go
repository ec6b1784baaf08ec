package catalog

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
)

// nsClass groups the namespaces a feed may use for the same vocabulary.
type nsClass int

const (
	nsOther nsClass = iota
	nsAtom
	nsDC // Dublin Core elements and DCMI terms alike
	nsOPDS
)

// classifyNS sorts a namespace URI. It tolerates https spellings, missing
// trailing slashes and prefixes left unbound (the decoder then reports the
// prefix itself).
func classifyNS(space string) nsClass {
	switch space {
	case "", "http://www.w3.org/2005/Atom", "https://www.w3.org/2005/Atom", "atom":
		return nsAtom
	case "http://purl.org/dc/terms/", "http://purl.org/dc/elements/1.1/", "dc", "dcterms":
		return nsDC
	case "http://opds-spec.org/2010/catalog", "opds":
		return nsOPDS
	}
	s := strings.TrimPrefix(strings.TrimPrefix(space, "http://"), "https://")
	switch strings.TrimSuffix(s, "/") {
	case "www.w3.org/2005/Atom", "purl.org/atom/ns#":
		return nsAtom
	case "purl.org/dc/terms", "purl.org/dc/elements/1.1":
		return nsDC
	case "opds-spec.org/2010/catalog":
		return nsOPDS
	}
	return nsOther
}

// atomParser walks the tokens of an Atom document. Each method is called
// with the start element it handles already read and returns after reading
// that element's end.
type atomParser struct {
	d      tokenSource
	atomNS string // the namespace of the root element, read as Atom
	head   bool   // stop a feed at its first entry
	refs   resolver
	// scratch is the entry being read, reused from entry to entry so that
	// its lists keep their room: an entry is turned into an app.Entry or
	// navigation links, which copy what they keep, before the next is read.
	scratch atomEntry
	text    []byte      // the text rawText gathers, reused
	texts   stringCache // rawText's strings
}

// tokens is what the scanner and encoding/xml's Decoder have in common:
// the scanner's Token is held to the Decoder's by the tests.
type tokens interface {
	Token() (xml.Token, error)
	Skip() error
}

func (p *atomParser) ns(space string) nsClass {
	if space == p.atomNS {
		return nsAtom
	}
	return classifyNS(space)
}

// parseAtomBytes decodes an Atom document held in body. When body is
// clean UTF-8 (cleanUTF8) the scanner reads it in place; otherwise, and
// when the scanner gives up on the head of a page, parseAtom decodes it.
func parseAtomBytes(baseURL string, body []byte, headerCharset string, head bool) (*Feed, error) {
	data, ok := cleanUTF8(body, headerCharset, !head)
	if !ok {
		return parseAtom(baseURL, bytes.NewReader(body), headerCharset, head)
	}
	s := newScanner(data)
	f, err := decodeAtom(baseURL, s, head)
	if head {
		// The head is held to the same standard as a whole document once
		// read: clean as far as the scanner went, and as far as
		// knownReference looks beyond (a reference cut off there, or a
		// character, only sends the page the slow way).
		if err != nil || !isClean(data[:min(len(data), s.pos+lookahead)]) {
			return parseAtom(baseURL, bytes.NewReader(body), headerCharset, head)
		}
		return f, nil
	}
	if errors.Is(err, errFallback) {
		f, err = decodeAtom(baseURL, newDecoderSource(bytes.NewReader(data)), false)
	}
	return f, err
}

func parseAtom(baseURL string, r io.Reader, headerCharset string, head bool) (*Feed, error) {
	in := &readRecorder{r: r}
	rd, err := xmlReader(in, headerCharset)
	if err != nil {
		return nil, err
	}
	if head {
		return decodeAtom(baseURL, newDecoderSource(rd), head) // reads only as far as the first entry
	}
	data, err := io.ReadAll(rd)
	if err != nil {
		if in.err != nil {
			return nil, fmt.Errorf("catalog: reading Atom: %w", in.err)
		}
		return nil, malformed(err, "malformed Atom")
	}
	f, err := decodeAtom(baseURL, newScanner(data), false)
	if errors.Is(err, errFallback) {
		f, err = decodeAtom(baseURL, newDecoderSource(bytes.NewReader(data)), false)
	}
	return f, err
}

// decodeAtom decodes a document from its tokens.
func decodeAtom(baseURL string, d tokenSource, head bool) (*Feed, error) {
	p := &atomParser{d: d, head: head}
	start, err := p.root()
	if err != nil {
		return nil, err
	}
	p.atomNS = start.Name.Space
	base := parseBase(baseURL)
	switch start.Name.Local {
	case "feed":
		return p.feed(start, base)
	case "entry":
		return p.standalone(start, base)
	}
	return nil, rootError(start.Name.Local)
}

// root reads up to the document element.
func (p *atomParser) root() (xml.StartElement, error) {
	for {
		tok, err := p.d.read()
		if err == io.EOF {
			return xml.StartElement{}, malformed(nil, "not an OPDS feed: no XML element found")
		}
		if err != nil {
			return xml.StartElement{}, p.fail(err)
		}
		switch tok.kind {
		case tokStart:
			return tok.elem, nil
		case tokText:
			if len(bytes.TrimSpace(tok.text)) > 0 {
				return xml.StartElement{}, malformed(nil, "not an OPDS feed: got text, not XML")
			}
		}
	}
}

func rootError(local string) error {
	switch strings.ToLower(local) {
	case "html":
		return htmlPageError("")
	case "rss", "rdf":
		return malformed(nil, "not an OPDS feed: got an RSS feed (<%s>), not Atom", local)
	case "opensearchdescription":
		return malformed(nil, "not an OPDS feed: got an OpenSearch description")
	}
	return malformed(nil, "not an OPDS feed: unexpected root element <%s>", local)
}

// fail wraps a decoding error; the scanner's giving up passes through.
func (p *atomParser) fail(err error) error {
	var fe *feedError
	if errors.As(err, &fe) || err == errFallback {
		return err
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return malformed(err, "malformed Atom")
}

// next returns the next token, with io.EOF turned into an error: it is only
// called inside an element.
func (p *atomParser) next() (*token, error) {
	tok, err := p.d.read()
	if err != nil {
		return nil, p.fail(err)
	}
	return tok, nil
}

func (p *atomParser) skip() error {
	if err := p.d.Skip(); err != nil {
		return p.fail(err)
	}
	return nil
}

func (p *atomParser) feed(start xml.StartElement, base *url.URL) (*Feed, error) {
	base = withXMLBase(base, start.Attr)
	b := &feedBuilder{f: &Feed{}}
	for {
		tok, err := p.next()
		if err != nil {
			return nil, err
		}
		switch tok.kind {
		case tokStart:
			t := tok.elem
			if p.head && t.Name.Local == "entry" && p.ns(t.Name.Space) == nsAtom {
				return b.done(), nil
			}
			if err := p.feedChild(b, t, base); err != nil {
				return nil, err
			}
		case tokEnd:
			return b.done(), nil
		}
	}
}

func (p *atomParser) feedChild(b *feedBuilder, t xml.StartElement, base *url.URL) error {
	if p.ns(t.Name.Space) != nsAtom {
		return p.skip()
	}
	var err error
	switch t.Name.Local {
	case "id":
		b.f.ID, err = p.rawText()
		b.f.ID = strings.TrimSpace(b.f.ID)
	case "title":
		b.f.Title, err = p.textConstruct(t, untypedText)
		b.f.Title = oneLine(b.f.Title)
	case "updated":
		var s string
		s, err = p.rawText()
		b.f.Updated = parseTime(s)
	case "link":
		var l atomLink
		if l, err = p.link(t, base); err == nil {
			b.feedLink(l)
		}
	case "entry":
		var e *atomEntry
		if e, err = p.entry(t, base); err == nil {
			b.atomEntry(e)
		}
	default:
		err = p.skip()
	}
	return err
}

// standalone decodes a document whose root is an <entry>.
func (p *atomParser) standalone(start xml.StartElement, base *url.URL) (*Feed, error) {
	e, err := p.entry(start, base)
	if err != nil {
		return nil, err
	}
	b := &feedBuilder{f: &Feed{Kind: KindEntry, ID: e.id, Title: oneLine(e.title)}}
	b.f.Updated = parseTime(e.updated)
	b.atomEntry(e)
	return b.done(), nil
}

func (p *atomParser) entry(start xml.StartElement, base *url.URL) (*atomEntry, error) {
	base = withXMLBase(base, start.Attr)
	e := &p.scratch
	e.reset()
	for {
		tok, err := p.next()
		if err != nil {
			return nil, err
		}
		switch tok.kind {
		case tokStart:
			t := tok.elem
			switch p.ns(t.Name.Space) {
			case nsAtom:
				err = p.atomChild(e, t, base)
			case nsDC:
				err = p.dcChild(e, t)
			default:
				err = p.skip()
			}
			if err != nil {
				return nil, err
			}
		case tokEnd:
			return e, nil
		}
	}
}

func (p *atomParser) atomChild(e *atomEntry, t xml.StartElement, base *url.URL) error {
	var err error
	var s string
	switch t.Name.Local {
	case "id":
		s, err = p.rawText()
		e.id = strings.TrimSpace(s)
	case "title":
		e.title, err = p.textConstruct(t, untypedText)
	case "updated":
		e.updated, err = p.rawText()
	case "published":
		e.published, err = p.rawText()
	case "author", "contributor":
		if s, err = p.person(); err == nil && t.Name.Local == "author" {
			e.authors = append(e.authors, s)
		} else if err == nil {
			e.contributors = append(e.contributors, s)
		}
	case "category":
		e.categories = append(e.categories, atomCategory{
			term: attr(t, "term"), label: attr(t, "label"), scheme: attr(t, "scheme"),
		})
		err = p.skip()
	case "summary":
		e.summary, err = p.textConstruct(t, untypedGuess)
	case "content":
		e.content, err = p.textConstruct(t, untypedGuess)
	case "link":
		var l atomLink
		if l, err = p.link(t, base); err == nil && l.href != "" {
			e.links = append(e.links, l)
		}
	default:
		err = p.skip()
	}
	return err
}

// dcChild reads Dublin Core elements, whichever of the two namespaces and
// whatever prefix they use.
func (p *atomParser) dcChild(e *atomEntry, t xml.StartElement) error {
	var target *[]string
	switch t.Name.Local {
	case "title":
		target = &e.dcTitles
	case "creator":
		target = &e.creators
	case "issued":
		target = &e.issued
	case "date", "created":
		target = &e.dates
	case "publisher":
		target = &e.publishers
	case "language":
		target = &e.languages
	case "spatial", "coverage":
		target = &e.spatial
	case "subject":
		target = &e.subjects
	default:
		return p.skip()
	}
	s, err := p.rawText()
	if s = oneLine(s); s != "" {
		*target = append(*target, s)
	}
	return err
}

// link reads a <link> with its indirect acquisitions. The href is resolved;
// it is "" when it cannot be made absolute. A missing rel is "alternate".
func (p *atomParser) link(t xml.StartElement, base *url.URL) (atomLink, error) {
	base = withXMLBase(base, t.Attr)
	l := atomLink{rel: "alternate"}
	for _, a := range t.Attr {
		if l.fieldshelfAttr(a.Name.Space, a.Name.Local, a.Value) || a.Name.Space != "" && p.ns(a.Name.Space) != nsAtom {
			continue
		}
		switch a.Name.Local {
		case "href":
			l.href = p.refs.resolve(base, a.Value)
		case "rel":
			if r := normRel(a.Value); r != "" {
				l.rel = r
			}
		case "type":
			l.typ = strings.TrimSpace(a.Value)
		case "title":
			l.title = oneLine(a.Value)
		case "length":
			if n, err := strconv.ParseInt(strings.TrimSpace(a.Value), 10, 64); err == nil && n > 0 {
				l.length = n
			}
		}
	}
	err := p.children(func(c xml.StartElement) error {
		if c.Name.Local == "indirectAcquisition" {
			return p.indirect(c, nil, &l.chains, 1)
		}
		return p.skip()
	})
	return l, err
}

// indirect reads an opds:indirectAcquisition tree and appends one chain of
// media types per leaf, outermost first.
func (p *atomParser) indirect(t xml.StartElement, prefix []string, out *[][]string, depth int) error {
	path := prefix
	if typ := strings.TrimSpace(attr(t, "type")); typ != "" {
		path = append(prefix[:len(prefix):len(prefix)], typ)
	}
	branches := 0
	err := p.children(func(c xml.StartElement) error {
		if c.Name.Local != "indirectAcquisition" || depth >= maxIndirectDepth {
			return p.skip()
		}
		branches++
		return p.indirect(c, path, out, depth+1)
	})
	if branches == 0 && len(path) > 0 && len(*out) < maxChains {
		*out = append(*out, path)
	}
	return err
}

// children calls fn for each child element of the current element, up to
// its end; fn must consume the child.
func (p *atomParser) children(fn func(xml.StartElement) error) error {
	for {
		tok, err := p.next()
		if err != nil {
			return err
		}
		switch tok.kind {
		case tokStart:
			if err := fn(tok.elem); err != nil {
				return err
			}
		case tokEnd:
			return nil
		}
	}
}

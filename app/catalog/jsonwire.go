package catalog

// The OPDS 2 wire format, and its decoding with jreader. Fields whose JSON
// type varies between servers (a string, a language map, an object, a list)
// are read tolerantly; a value of an unexpected type is skipped.

type jsonDoc struct {
	Metadata     *jsonMeta
	Links        []jsonLink
	Publications []jsonPub
	Navigation   []jsonLink
	Groups       []jsonGroup
	Facets       []jsonGroup
	Images       []jsonLink // of a publication document

	// present records which of the feed keys the document has.
	present bool
	// lists records whether publications, navigation or groups are there.
	lists bool
}

type jsonGroup struct {
	Metadata     jsonMeta
	Links        []jsonLink
	Publications []jsonPub
	Navigation   []jsonLink
}

type jsonPub struct {
	Metadata jsonMeta
	Links    []jsonLink
	Images   []jsonLink
}

type jsonMeta struct {
	Title       string
	Identifier  string
	Modified    string
	Published   string
	Description string
	Author      []string
	Publisher   []string
	Language    []string
	Subject     []jsonSubject
}

type jsonLink struct {
	Href      jsonRaw
	Rel       []string
	Type      jsonRaw
	Title     jsonRaw
	Templated bool
	Indirect  []jsonIndirect // properties.indirectAcquisition
	Length    int64          // properties.length
	SHA256    string         // properties.sha256
}

type jsonIndirect struct {
	Type  string
	Child []jsonIndirect
}

// jsonRaw is a string value not yet decoded: most links of a feed are
// never used, so their strings are decoded only on demand.
type jsonRaw struct {
	b       []byte // the contents of the literal, aliasing the input
	escaped bool
}

func (j jsonRaw) String() string {
	if len(j.b) == 0 {
		return ""
	}
	return decodeJSONString(j.b, j.escaped)
}

// jsonSubject is one subject; a bare string gives its name.
type jsonSubject struct{ Name, Code, Scheme string }

func (r *jreader) doc() *jsonDoc {
	d := &jsonDoc{}
	r.object(func(k []byte) {
		switch string(k) {
		case "metadata":
			d.Metadata = &jsonMeta{}
			r.meta(d.Metadata)
		case "links":
			d.Links = r.links()
		case "publications":
			d.Publications, d.lists = r.pubs(), true
		case "navigation":
			d.Navigation, d.lists = r.links(), true
		case "groups":
			d.Groups, d.lists = r.groups(), true
		case "facets":
			d.Facets = r.groups()
		case "images":
			d.Images = r.links()
		default:
			r.skip()
			return
		}
		d.present = true
	})
	return d
}

func (r *jreader) groups() []jsonGroup {
	var out []jsonGroup
	r.array(func() {
		var g jsonGroup
		r.object(func(k []byte) {
			switch string(k) {
			case "metadata":
				r.meta(&g.Metadata)
			case "links":
				g.Links = r.links()
			case "publications":
				g.Publications = r.pubs()
			case "navigation":
				g.Navigation = r.links()
			default:
				r.skip()
			}
		})
		out = append(out, g)
	})
	return out
}

func (r *jreader) pubs() []jsonPub {
	var out []jsonPub
	r.array(func() {
		var p jsonPub
		if r.object(func(k []byte) {
			switch string(k) {
			case "metadata":
				r.meta(&p.Metadata)
			case "links":
				p.Links = r.links()
			case "images":
				p.Images = r.links()
			default:
				r.skip()
			}
		}) {
			out = append(out, p)
		}
	})
	return out
}

func (r *jreader) meta(m *jsonMeta) {
	r.object(func(k []byte) {
		switch string(k) {
		case "title":
			m.Title = r.text()
		case "identifier":
			m.Identifier = r.text()
		case "modified":
			m.Modified = r.text()
		case "published":
			m.Published = r.text()
		case "description":
			m.Description = r.text()
		case "author":
			m.Author = r.names(m.Author)
		case "publisher":
			m.Publisher = r.names(m.Publisher)
		case "language":
			m.Language = r.names(m.Language)
		case "subject":
			m.Subject = r.subjects(m.Subject)
		default:
			r.skip()
		}
	})
}

// names reads a string, an object with a name, or a list of either.
func (r *jreader) names(list []string) []string {
	switch r.peek() {
	case '"':
		if s := r.str(); s != "" {
			list = append(list, s)
		}
	case '{':
		name := ""
		r.object(func(k []byte) {
			if string(k) == "name" {
				name = r.text()
			} else {
				r.skip()
			}
		})
		if name != "" {
			list = append(list, name)
		}
	case '[':
		r.array(func() {
			if r.peek() == '[' {
				r.skip()
				return
			}
			list = r.names(list)
		})
	default:
		r.skip()
	}
	return list
}

// subjects reads a string, a subject object or a list of either.
func (r *jreader) subjects(list []jsonSubject) []jsonSubject {
	switch r.peek() {
	case '"':
		list = append(list, jsonSubject{Name: r.str()})
	case '{':
		var s jsonSubject
		r.object(func(k []byte) {
			switch string(k) {
			case "name":
				s.Name = r.text()
			case "code":
				s.Code = r.text()
			case "scheme":
				s.Scheme = r.text()
			default:
				r.skip()
			}
		})
		list = append(list, s)
	case '[':
		r.array(func() {
			if r.peek() == '[' {
				r.skip()
				return
			}
			list = r.subjects(list)
		})
	default:
		r.skip()
	}
	return list
}

// links reads a list of links; a single link object is accepted too.
func (r *jreader) links() []jsonLink {
	var out []jsonLink
	one := func() {
		if l, ok := r.link(); ok {
			out = append(out, l)
		}
	}
	if r.peek() == '{' {
		one()
		return out
	}
	r.array(one)
	return out
}

func (r *jreader) link() (jsonLink, bool) {
	var l jsonLink
	ok := r.object(func(k []byte) {
		switch string(k) {
		case "href":
			l.Href = r.raw()
		case "rel":
			l.Rel = r.names(nil)
		case "type":
			l.Type = r.raw()
		case "title":
			l.Title = r.raw()
		case "templated":
			l.Templated = r.boolean()
		case "properties":
			r.object(func(k []byte) {
				switch {
				case string(k) == "indirectAcquisition":
					l.Indirect = r.indirect(1)
				case !r.linkProperty(&l, string(k)):
					r.skip()
				}
			})
		default:
			r.skip()
		}
	})
	return l, ok
}

// indirect reads an indirectAcquisition list (or single object); nesting
// deeper than maxIndirectDepth is skipped.
func (r *jreader) indirect(depth int) []jsonIndirect {
	if depth > maxIndirectDepth {
		r.skip()
		return nil
	}
	var out []jsonIndirect
	one := func() {
		var ia jsonIndirect
		if r.object(func(k []byte) {
			switch string(k) {
			case "type":
				ia.Type = r.str()
			case "child":
				ia.Child = r.indirect(depth + 1)
			default:
				r.skip()
			}
		}) {
			out = append(out, ia)
		}
	}
	if r.peek() == '{' {
		one()
		return out
	}
	r.array(one)
	return out
}

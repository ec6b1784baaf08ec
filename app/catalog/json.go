package catalog

import (
	"bytes"
	"net/url"
	"strings"

	"fieldshelf/app"
)

func parseJSON(baseURL string, body []byte) (*Feed, error) {
	body = bytes.TrimSpace(bytes.TrimPrefix(body, utf8BOM))
	switch {
	case len(body) == 0:
		return nil, malformed(nil, "empty response body")
	case body[0] == '<':
		if title, ok := sniffHTML(body[:min(len(body), sniffLen)]); ok {
			return nil, htmlPageError(title)
		}
		return nil, malformed(nil, "not an OPDS 2 feed: got XML, not JSON")
	case body[0] != '{':
		return nil, malformed(nil, "not an OPDS feed: the JSON is not an object")
	}
	r := &jreader{data: body}
	doc := r.doc()
	r.end()
	if r.err != nil {
		return nil, malformed(r.err, "malformed JSON")
	}
	if !doc.present {
		return nil, malformed(nil, "not an OPDS feed: the JSON has no metadata, links, publications, navigation or groups")
	}
	return doc.toFeed(parseBase(baseURL)), nil
}

// isPublication reports whether the document is a single OPDS 2
// publication rather than a feed.
func (d *jsonDoc) isPublication() bool {
	if d.Metadata == nil || d.lists {
		return false
	}
	if len(d.Images) > 0 || d.Metadata.Identifier != "" || len(d.Metadata.Author) > 0 {
		return true
	}
	for _, l := range d.Links {
		if acquisitionRel(l) != "" {
			return true
		}
	}
	return false
}

func (d *jsonDoc) toFeed(base *url.URL) *Feed {
	b := &feedBuilder{f: &Feed{}}
	if m := d.Metadata; m != nil {
		b.f.ID = strings.TrimSpace(m.Identifier)
		b.f.Title = oneLine(m.Title)
		b.f.Updated = parseTime(m.Modified)
	}
	if d.isPublication() {
		b.f.Kind = KindEntry
		p := jsonPub{Metadata: *d.Metadata, Links: d.Links, Images: d.Images}
		b.f.Entries = append(b.f.Entries, p.toEntry(base))
		return b.done()
	}
	for _, l := range d.Links {
		b.jsonFeedLink(l, base)
	}
	for i := range d.Publications {
		b.f.Entries = append(b.f.Entries, d.Publications[i].toEntry(base))
	}
	for _, l := range d.Navigation {
		b.jsonNav(l, "", base)
	}
	for _, g := range d.Groups {
		for _, l := range g.Links {
			if hasRel(l, "self") {
				b.jsonNav(l, g.Metadata.Title, base)
			}
		}
		for _, l := range g.Navigation {
			b.jsonNav(l, "", base)
		}
		for i := range g.Publications {
			b.f.Entries = append(b.f.Entries, g.Publications[i].toEntry(base))
		}
	}
	for _, g := range d.Facets {
		for _, l := range g.Links {
			b.facets.add(l.appLink(base, "", ""))
		}
	}
	return b.done()
}

// jsonFeedLink sorts a feed-level link, as feedLink does for Atom.
func (b *feedBuilder) jsonFeedLink(l jsonLink, base *url.URL) {
	for _, rel := range l.Rel {
		rel = normRel(rel)
		switch {
		case rel == "next" && !l.Templated:
			if b.f.Next == "" {
				b.f.Next = resolve(base, l.Href.String())
			}
		case rel == "search":
			b.search.add(l.appLink(base, rel, ""))
		case isFacetRel(rel):
			b.facets.add(l.appLink(base, rel, ""))
		case rel == relCrawlable && !l.Templated:
			b.nav.add(l.appLink(base, rel, ""))
		default:
			continue
		}
		return
	}
}

// jsonNav adds a navigation link, titled by the group (for a group's "see
// more" link) or by itself. Templated links and links to other kinds of
// document (a web page) are left out.
func (b *feedBuilder) jsonNav(l jsonLink, groupTitle string, base *url.URL) {
	if typ := l.Type.String(); l.Templated || (typ != "" && !isCatalogType(typ)) {
		return
	}
	rel := ""
	if len(l.Rel) > 0 {
		rel = normRel(l.Rel[0])
	}
	b.nav.add(l.appLink(base, rel, oneLine(groupTitle)))
}

// appLink converts a link; title, when not empty, replaces the link's own.
func (l jsonLink) appLink(base *url.URL, rel, title string) app.Link {
	if rel == "" && len(l.Rel) > 0 {
		rel = normRel(l.Rel[0])
	}
	return app.Link{
		Href:   resolve(base, l.Href.String()),
		Rel:    rel,
		Type:   strings.TrimSpace(l.Type.String()),
		Title:  firstNonEmpty(title, oneLine(l.Title.String())),
		Length: l.Length,
		SHA256: l.SHA256,
	}
}

func hasRel(l jsonLink, rel string) bool {
	for _, r := range l.Rel {
		if normRel(r) == rel {
			return true
		}
	}
	return false
}

// acquisitionRel returns the link's acquisition rel, or "".
func acquisitionRel(l jsonLink) string {
	for _, r := range l.Rel {
		if r = normRel(r); isAcquisitionRel(r) {
			return r
		}
	}
	return ""
}

// toEntry turns a publication into an app.Entry. The id falls back to the
// href of the self link.
func (p *jsonPub) toEntry(base *url.URL) app.Entry {
	m := &p.Metadata
	e := app.Entry{
		ID:       strings.TrimSpace(m.Identifier),
		Title:    oneLine(m.Title),
		Year:     parseYear(m.Published),
		Language: strings.TrimSpace(first(m.Language)),
		Updated:  parseTime(m.Modified),
		Summary:  richText(m.Description),
	}
	if len(m.Publisher) > 0 {
		e.Publisher = oneLine(m.Publisher[0])
	}
	for _, a := range m.Author {
		e.Authors = addAuthors(e.Authors, a)
	}
	for _, s := range m.Subject {
		term := firstNonEmpty(s.Code, s.Name)
		if t, ok := newTag(term, s.Name, s.Scheme, ""); ok {
			e.Tags = append(e.Tags, t)
		}
	}
	for _, l := range p.Links {
		if rel := acquisitionRel(l); rel != "" && !l.Templated {
			if x := l.appLink(base, rel, ""); x.Href != "" {
				e.Links = append(e.Links, withIndirect(x, l.chains())...)
			}
		} else if set, ok := l.annotationSet(base); ok {
			addAnnotationSet(&e, set)
		} else if e.ID == "" && hasRel(l, "self") {
			e.ID = resolve(base, l.Href.String())
		}
	}
	for _, img := range p.Images {
		if e.Cover = resolve(base, img.Href.String()); e.Cover != "" {
			break
		}
	}
	finishEntry(&e)
	return e
}

// chains returns the indirect acquisition paths of a link, outermost first.
func (l jsonLink) chains() [][]string {
	var out [][]string
	for _, ia := range l.Indirect {
		ia.paths(nil, &out, 1)
	}
	return out
}

func (ia jsonIndirect) paths(prefix []string, out *[][]string, depth int) {
	path := prefix
	if t := strings.TrimSpace(ia.Type); t != "" {
		path = append(prefix[:len(prefix):len(prefix)], t)
	}
	if len(ia.Child) == 0 || depth >= maxIndirectDepth {
		if len(path) > 0 && len(*out) < maxChains {
			*out = append(*out, path)
		}
		return
	}
	for _, c := range ia.Child {
		c.paths(path, out, depth+1)
	}
}

package publish

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fieldshelf/app"
)

// The OPDS 1.2 feeds: Atom acquisition feeds, one per page of a listing.
// Names with a prefix are written as such (the struct tags hold them), and
// the root element declares the prefixes.

type atomFeed struct {
	XMLName xml.Name    `xml:"feed"`
	NS      string      `xml:"xmlns,attr"`
	DC      string      `xml:"xmlns:dcterms,attr"`
	OPDS    string      `xml:"xmlns:opds,attr"`
	Thr     string      `xml:"xmlns:thr,attr"`
	OS      string      `xml:"xmlns:opensearch,attr"`
	FS      string      `xml:"xmlns:fs,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Total   int         `xml:"opensearch:totalResults"`
	PerPage int         `xml:"opensearch:itemsPerPage"`
	Start   int         `xml:"opensearch:startIndex"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel         string `xml:"rel,attr,omitempty"`
	Href        string `xml:"href,attr"`
	Type        string `xml:"type,attr,omitempty"`
	Title       string `xml:"title,attr,omitempty"`
	Length      int64  `xml:"length,attr,omitempty"`
	SHA256      string `xml:"fs:sha256,attr,omitempty"`
	FacetGroup  string `xml:"opds:facetGroup,attr,omitempty"`
	ActiveFacet string `xml:"opds:activeFacet,attr,omitempty"`
	Count       int    `xml:"thr:count,attr,omitempty"`
}

type atomCategory struct {
	Scheme string `xml:"scheme,attr,omitempty"`
	Term   string `xml:"term,attr"`
	Label  string `xml:"label,attr"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Updated    string         `xml:"updated"`
	Authors    []atomPerson   `xml:"author"`
	Publisher  string         `xml:"dcterms:publisher,omitempty"`
	Issued     string         `xml:"dcterms:issued,omitempty"`
	Language   string         `xml:"dcterms:language,omitempty"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary"`
	Links      []atomLink     `xml:"link"`
}

// Rels and media types of the links.
const (
	relOpenAccess = "http://opds-spec.org/acquisition/open-access"
	relImage      = "http://opds-spec.org/image"
	relThumbnail  = "http://opds-spec.org/image/thumbnail"
	relFacet      = "http://opds-spec.org/facet"
)

// writeAtomPage writes page n of a listing as an Atom feed.
func (r *run) writeAtomPage(l *listing, n int) error {
	at := pagePath(l, n, ".xml")
	f := atomFeed{NS: "http://www.w3.org/2005/Atom", DC: "http://purl.org/dc/terms/",
		OPDS: "http://opds-spec.org/2010/catalog", Thr: "http://purl.org/syndication/thread/1.0",
		OS: "http://a9.com/-/spec/opensearch/1.1/", FS: app.FieldshelfNS,
		ID: r.next.Catalogue, Title: l.title, Updated: stamp(r.next.Updated), Author: atomPerson{Name: r.o.Title},
		Total: len(l.pubs), PerPage: r.o.PageSize, Start: (n-1)*r.o.PageSize + 1}
	if l.key != "all" {
		f.ID += ":" + l.key
	}
	for _, x := range r.pageLinks(l, n, ".xml") {
		f.Links = append(f.Links, atomLink{Rel: x.rel, Href: r.href(at, x.path), Type: x.typ})
	}
	for _, x := range r.facetLinks(l, ".xml") {
		link := atomLink{Rel: relFacet, Href: r.href(at, x.path), Type: atomFeedType, Title: x.value,
			FacetGroup: x.group, Count: x.count}
		if x.active {
			link.ActiveFacet = "true"
		}
		f.Links = append(f.Links, link)
	}
	for _, p := range r.pageOf(l, n) {
		f.Entries = append(f.Entries, r.atomEntry(at, p))
	}
	b, err := xml.MarshalIndent(f, "", " ")
	if err != nil {
		return fmt.Errorf("publish: write %s: %w", at, err)
	}
	return r.put(at, append(append([]byte(xml.Header), b...), '\n'))
}

// pageLink is a link of a page to another: self, start, the other format,
// first, previous, next and last.
type pageLink struct {
	rel, path, typ string
}

func (r *run) pageLinks(l *listing, n int, ext string) []pageLink {
	typ, other, otherType := atomFeedType, ".json", jsonFeedType
	if ext == ".json" {
		typ, other, otherType = jsonFeedType, ".xml", atomFeedType
	}
	out := []pageLink{{"self", pagePath(l, n, ext), typ}, {"start", "catalog" + ext, typ},
		{"alternate", pagePath(l, n, other), otherType}}
	last := r.pages(l)
	if last > 1 {
		out = append(out, pageLink{"first", pagePath(l, 1, ext), typ})
	}
	if n > 1 {
		out = append(out, pageLink{"previous", pagePath(l, n-1, ext), typ})
	}
	if n < last {
		out = append(out, pageLink{"next", pagePath(l, n+1, ext), typ})
	}
	if last > 1 {
		out = append(out, pageLink{"last", pagePath(l, last, ext), typ})
	}
	return out
}

// atomEntry writes a publication for a page at the path at.
func (r *run) atomEntry(at string, p *publication) atomEntry {
	e := atomEntry{Title: p.Title, ID: p.id, Updated: stamp(p.updated), Publisher: p.Publisher, Language: p.Language}
	for _, a := range p.Authors {
		e.Authors = append(e.Authors, atomPerson{Name: a})
	}
	if p.Year != 0 {
		e.Issued = strconv.Itoa(p.Year)
	}
	for _, c := range categories(p) {
		e.Categories = append(e.Categories, atomCategory{Scheme: c.scheme, Term: c.term, Label: c.label})
	}
	if p.Summary != "" {
		e.Summary = &atomText{Type: "text", Text: p.Summary}
	}
	e.Links = append(e.Links, atomLink{Rel: relOpenAccess, Href: r.href(at, p.file), Type: "application/pdf",
		Length: p.size, SHA256: p.sha256})
	if p.cover != "" {
		e.Links = append(e.Links, atomLink{Rel: relImage, Href: r.href(at, p.cover), Type: "image/png"},
			atomLink{Rel: relThumbnail, Href: r.href(at, p.thumb), Type: "image/png"})
	}
	for _, s := range p.sets {
		e.Links = append(e.Links, atomLink{Rel: app.RelAnnotations, Href: r.href(at, s.path), Type: app.AnnotationsType,
			Title: s.title})
	}
	return e
}

// category is a type, a region or a tag of a publication.
type category struct {
	scheme, term, label string
}

func categories(p *publication) []category {
	var out []category
	for _, x := range []struct {
		scheme string
		values []string
	}{{schemeType, p.Types}, {schemeRegion, p.Regions}, {"", p.Tags}} {
		for _, v := range x.values {
			out = append(out, category{scheme: x.scheme, term: strings.ToLower(v), label: v})
		}
	}
	return out
}

// stamp formats a time as Atom and OPDS 2 write it.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

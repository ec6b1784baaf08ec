package publish

import (
	"encoding/json"
	"fmt"
	"strconv"

	"fieldshelf/app"
)

// The OPDS 2.0 feeds: JSON, one per page of a listing, beside the Atom
// ones. A file link carries its size and SHA-256 in its properties,
// "length" and "sha256".

type opdsFeed struct {
	Metadata     opdsFeedMeta  `json:"metadata"`
	Links        []opdsLink    `json:"links"`
	Facets       []opdsFacets  `json:"facets,omitempty"`
	Publications []opdsPubJSON `json:"publications"`
}

type opdsFeedMeta struct {
	Title         string `json:"title"`
	Identifier    string `json:"identifier"`
	Modified      string `json:"modified"`
	NumberOfItems int    `json:"numberOfItems"`
	ItemsPerPage  int    `json:"itemsPerPage"`
	CurrentPage   int    `json:"currentPage"`
}

type opdsLink struct {
	Rel        string     `json:"rel,omitempty"`
	Href       string     `json:"href"`
	Type       string     `json:"type,omitempty"`
	Title      string     `json:"title,omitempty"`
	Properties *opdsProps `json:"properties,omitempty"`
}

type opdsProps struct {
	NumberOfItems int    `json:"numberOfItems,omitempty"`
	Length        int64  `json:"length,omitempty"`
	SHA256        string `json:"sha256,omitempty"`
}

type opdsFacets struct {
	Metadata struct {
		Title string `json:"title"`
	} `json:"metadata"`
	Links []opdsLink `json:"links"`
}

type opdsPubJSON struct {
	Metadata opdsPubMeta `json:"metadata"`
	Links    []opdsLink  `json:"links"`
	Images   []opdsLink  `json:"images,omitempty"`
}

type opdsPubMeta struct {
	Type        string        `json:"@type"`
	Title       string        `json:"title"`
	Identifier  string        `json:"identifier"`
	Modified    string        `json:"modified"`
	Author      []string      `json:"author,omitempty"`
	Publisher   string        `json:"publisher,omitempty"`
	Published   string        `json:"published,omitempty"`
	Language    string        `json:"language,omitempty"`
	Description string        `json:"description,omitempty"`
	Subject     []opdsSubject `json:"subject,omitempty"`
}

type opdsSubject struct {
	Name   string `json:"name"`
	Code   string `json:"code,omitempty"`
	Scheme string `json:"scheme,omitempty"`
}

// writeJSONPage writes page n of a listing as an OPDS 2 feed.
func (r *run) writeJSONPage(l *listing, n int) error {
	at := pagePath(l, n, ".json")
	f := opdsFeed{Metadata: opdsFeedMeta{Title: l.title, Identifier: r.next.Catalogue, Modified: stamp(r.next.Updated),
		NumberOfItems: len(l.pubs), ItemsPerPage: r.o.PageSize, CurrentPage: n}, Publications: []opdsPubJSON{}}
	if l.key != "all" {
		f.Metadata.Identifier += ":" + l.key
	}
	for _, x := range r.pageLinks(l, n, ".json") {
		f.Links = append(f.Links, opdsLink{Rel: x.rel, Href: r.href(at, x.path), Type: x.typ})
	}
	groups := map[string]int{}
	for _, x := range r.facetLinks(l, ".json") {
		i, ok := groups[x.group]
		if !ok {
			i = len(f.Facets)
			groups[x.group] = i
			f.Facets = append(f.Facets, opdsFacets{})
			f.Facets[i].Metadata.Title = x.group
		}
		link := opdsLink{Href: r.href(at, x.path), Type: jsonFeedType, Title: x.value,
			Properties: &opdsProps{NumberOfItems: x.count}}
		if x.active {
			link.Rel = "self"
		}
		f.Facets[i].Links = append(f.Facets[i].Links, link)
	}
	for _, p := range r.pageOf(l, n) {
		f.Publications = append(f.Publications, r.opdsPub(at, p))
	}
	b, err := json.MarshalIndent(f, "", " ")
	if err != nil {
		return fmt.Errorf("publish: write %s: %w", at, err)
	}
	return r.put(at, append(b, '\n'))
}

// opdsPub writes a publication for a page at the path at.
func (r *run) opdsPub(at string, p *publication) opdsPubJSON {
	m := opdsPubMeta{Type: "http://schema.org/Book", Title: p.Title, Identifier: p.id, Modified: stamp(p.updated),
		Author: p.Authors, Publisher: p.Publisher, Language: p.Language, Description: p.Summary}
	if p.Year != 0 {
		m.Published = strconv.Itoa(p.Year)
	}
	for _, c := range categories(p) {
		m.Subject = append(m.Subject, opdsSubject{Name: c.label, Code: c.term, Scheme: c.scheme})
	}
	out := opdsPubJSON{Metadata: m, Links: []opdsLink{{Rel: relOpenAccess, Href: r.href(at, p.file),
		Type: "application/pdf", Properties: &opdsProps{Length: p.size, SHA256: p.sha256}}}}
	for _, s := range p.sets {
		out.Links = append(out.Links, opdsLink{Rel: app.RelAnnotations, Href: r.href(at, s.path),
			Type: app.AnnotationsType, Title: s.title})
	}
	if p.cover != "" {
		out.Images = []opdsLink{{Rel: relImage, Href: r.href(at, p.cover), Type: "image/png"},
			{Rel: relThumbnail, Href: r.href(at, p.thumb), Type: "image/png"}}
	}
	return out
}

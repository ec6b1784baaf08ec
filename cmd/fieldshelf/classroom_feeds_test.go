package main_test

import (
	"encoding/json"
	"encoding/xml"
	"net/url"
	"sort"
	"strings"
	"testing"
)

// An independent reader of the published feeds, written for the tests
// with encoding/xml and encoding/json only (not the application's own
// decoders), so that what `publish` writes is checked by something else
// than what Fieldshelf reads it with.

const (
	nsAtom = "http://www.w3.org/2005/Atom"
	nsDC   = "http://purl.org/dc/terms/"
	nsOPDS = "http://opds-spec.org/2010/catalog"
	nsFS   = "urn:fieldshelf:opds"

	relAcquisition = "http://opds-spec.org/acquisition/open-access"
	relCover       = "http://opds-spec.org/image"
	relAnnotations = "http://www.w3.org/ns/oa#annotationService"
)

// pubView is a publication as a feed describes it, in either format.
type pubView struct {
	ID, Title, Summary, Publisher, Year, Language string
	Authors, Types, Regions, Tags                 []string
	File, Cover                                   string // absolute URLs
	Length                                        int64
	SHA256                                        string
	Sets                                          []string // annotation sets, absolute URLs
}

type xmlFeed struct {
	Links   []xmlLink  `xml:"http://www.w3.org/2005/Atom link"`
	Entries []xmlEntry `xml:"http://www.w3.org/2005/Atom entry"`
}

type xmlLink struct {
	Rel        string `xml:"rel,attr"`
	Href       string `xml:"href,attr"`
	Type       string `xml:"type,attr"`
	Title      string `xml:"title,attr"`
	Length     int64  `xml:"length,attr"`
	SHA256     string `xml:"urn:fieldshelf:opds sha256,attr"`
	FacetGroup string `xml:"http://opds-spec.org/2010/catalog facetGroup,attr"`
}

type xmlEntry struct {
	ID        string `xml:"http://www.w3.org/2005/Atom id"`
	Title     string `xml:"http://www.w3.org/2005/Atom title"`
	Summary   string `xml:"http://www.w3.org/2005/Atom summary"`
	Publisher string `xml:"http://purl.org/dc/terms/ publisher"`
	Issued    string `xml:"http://purl.org/dc/terms/ issued"`
	Language  string `xml:"http://purl.org/dc/terms/ language"`
	Authors   []struct {
		Name string `xml:"http://www.w3.org/2005/Atom name"`
	} `xml:"http://www.w3.org/2005/Atom author"`
	Categories []struct {
		Scheme string `xml:"scheme,attr"`
		Label  string `xml:"label,attr"`
	} `xml:"http://www.w3.org/2005/Atom category"`
	Links []xmlLink `xml:"http://www.w3.org/2005/Atom link"`
}

// readAtom reads every page of an Atom listing, following rel="next",
// and returns its publications and the facet groups of its first page.
func readAtom(t *testing.T, s *serving, first string) (map[string]pubView, map[string]int) {
	t.Helper()
	pubs, facets := map[string]pubView{}, map[string]int{}
	for page, n := first, 0; page != ""; n++ {
		var f xmlFeed
		if err := xml.Unmarshal(s.get(t, page), &f); err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		next := ""
		for _, l := range f.Links {
			switch {
			case l.Rel == "next":
				next = resolveRef(t, page, l.Href)
			case l.Rel == "http://opds-spec.org/facet" && n == 0:
				facets[l.FacetGroup]++
			}
		}
		for _, e := range f.Entries {
			pubs[e.ID] = atomView(t, page, e)
		}
		page = next
	}
	return pubs, facets
}

func atomView(t *testing.T, page string, e xmlEntry) pubView {
	v := pubView{ID: e.ID, Title: e.Title, Summary: e.Summary, Publisher: e.Publisher, Year: e.Issued,
		Language: e.Language}
	for _, a := range e.Authors {
		v.Authors = append(v.Authors, a.Name)
	}
	for _, c := range e.Categories {
		switch c.Scheme {
		case "urn:fieldshelf:type":
			v.Types = append(v.Types, c.Label)
		case "urn:fieldshelf:region":
			v.Regions = append(v.Regions, c.Label)
		default:
			v.Tags = append(v.Tags, c.Label)
		}
	}
	for _, l := range e.Links {
		switch l.Rel {
		case relAcquisition:
			v.File, v.Length, v.SHA256 = resolveRef(t, page, l.Href), l.Length, l.SHA256
		case relCover:
			v.Cover = resolveRef(t, page, l.Href)
		case relAnnotations:
			v.Sets = append(v.Sets, resolveRef(t, page, l.Href))
		}
	}
	return v
}

type jsonFeed struct {
	Links  []jsonLink `json:"links"`
	Facets []struct {
		Metadata struct {
			Title string `json:"title"`
		} `json:"metadata"`
		Links []jsonLink `json:"links"`
	} `json:"facets"`
	Publications []struct {
		Metadata struct {
			Identifier  string   `json:"identifier"`
			Title       string   `json:"title"`
			Description string   `json:"description"`
			Publisher   string   `json:"publisher"`
			Published   string   `json:"published"`
			Language    string   `json:"language"`
			Author      []string `json:"author"`
			Subject     []struct {
				Name   string `json:"name"`
				Scheme string `json:"scheme"`
			} `json:"subject"`
		} `json:"metadata"`
		Links  []jsonLink `json:"links"`
		Images []jsonLink `json:"images"`
	} `json:"publications"`
}

type jsonLink struct {
	Rel        string `json:"rel"`
	Href       string `json:"href"`
	Type       string `json:"type"`
	Properties struct {
		Length int64  `json:"length"`
		SHA256 string `json:"sha256"`
	} `json:"properties"`
}

// readJSON reads every page of an OPDS 2 listing, following rel="next".
func readJSON(t *testing.T, s *serving, first string) (map[string]pubView, map[string]int) {
	t.Helper()
	pubs, facets := map[string]pubView{}, map[string]int{}
	for page, n := first, 0; page != ""; n++ {
		var f jsonFeed
		if err := json.Unmarshal(s.get(t, page), &f); err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		next := ""
		for _, l := range f.Links {
			if l.Rel == "next" {
				next = resolveRef(t, page, l.Href)
			}
		}
		for _, g := range f.Facets {
			if n == 0 {
				facets[g.Metadata.Title] += len(g.Links)
			}
		}
		for _, p := range f.Publications {
			m := p.Metadata
			v := pubView{ID: m.Identifier, Title: m.Title, Summary: m.Description, Publisher: m.Publisher,
				Year: m.Published, Language: m.Language, Authors: m.Author}
			for _, s := range m.Subject {
				switch s.Scheme {
				case "urn:fieldshelf:type":
					v.Types = append(v.Types, s.Name)
				case "urn:fieldshelf:region":
					v.Regions = append(v.Regions, s.Name)
				default:
					v.Tags = append(v.Tags, s.Name)
				}
			}
			for _, l := range p.Links {
				switch l.Rel {
				case relAcquisition:
					v.File, v.Length, v.SHA256 = resolveRef(t, page, l.Href), l.Properties.Length, l.Properties.SHA256
				case relAnnotations:
					v.Sets = append(v.Sets, resolveRef(t, page, l.Href))
				}
			}
			if len(p.Images) > 0 {
				v.Cover = resolveRef(t, page, p.Images[0].Href)
			}
			pubs[v.ID] = v
		}
		page = next
	}
	return pubs, facets
}

func resolveRef(t *testing.T, base, ref string) string {
	t.Helper()
	b, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	r, err := url.Parse(ref)
	if err != nil {
		t.Fatal(err)
	}
	return b.ResolveReference(r).String()
}

// byTitleView indexes publications by title.
func byTitleView(pubs map[string]pubView) map[string]pubView {
	out := map[string]pubView{}
	for _, p := range pubs {
		out[p.Title] = p
	}
	return out
}

// joined is a list as one sorted, comparable string.
func joined(list []string) string {
	l := append([]string(nil), list...)
	sort.Strings(l)
	return strings.Join(l, "|")
}

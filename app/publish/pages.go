package publish

import (
	"fmt"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// The catalogue's listings: every publication (its first page is the
// root, catalog.xml and catalog.json), and one listing per value of each
// facet (type, region, year) under feeds/. Each listing is cut into pages
// linked by first, previous, next and last.

// The roots of the catalogue in Out.
const (
	RootAtom = "catalog.xml"
	RootJSON = "catalog.json"
)

// Media types of the feeds.
const (
	atomFeedType = "application/atom+xml;profile=opds-catalog;kind=acquisition"
	jsonFeedType = "application/opds+json"
)

// Schemes of the categories of types and regions, which readers tell
// apart from other tags.
const (
	schemeType   = "urn:fieldshelf:type"
	schemeRegion = "urn:fieldshelf:region"
)

// listing is the publications of the whole catalogue or of one facet.
type listing struct {
	key   string // "all", or the facet's: "type-handbook"
	title string
	group string // the facet group: "Type", "Region" or "Year"; "" for all
	value string
	pubs  []*publication
}

// facetGroups are the facets, with the values of a publication for each.
var facetGroups = []struct {
	name   string
	values func(p *publication) []string
}{
	{"Type", func(p *publication) []string { return p.Types }},
	{"Region", func(p *publication) []string { return p.Regions }},
	{"Year", func(p *publication) []string {
		if p.Year == 0 {
			return nil
		}
		return []string{strconv.Itoa(p.Year)}
	}},
}

// listings returns the listing of all publications, then one per facet
// value (values in order, years newest first), each sorted by title.
func (r *run) listings() []*listing {
	sort.SliceStable(r.pubs, func(i, j int) bool {
		a, b := strings.ToLower(r.pubs[i].Title), strings.ToLower(r.pubs[j].Title)
		return a < b || a == b && r.pubs[i].id < r.pubs[j].id
	})
	out := []*listing{{key: "all", title: r.o.Title, pubs: r.pubs}}
	used := map[string]bool{"all": true}
	for _, g := range facetGroups {
		byValue := map[string]*listing{}
		var order []string
		for _, p := range r.pubs {
			for _, v := range g.values(p) {
				k := strings.ToLower(v)
				if byValue[k] == nil {
					byValue[k] = &listing{title: r.o.Title + ": " + v, group: g.name, value: v}
					order = append(order, k)
				}
				if l := byValue[k]; len(l.pubs) == 0 || l.pubs[len(l.pubs)-1] != p { // a value given twice
					l.pubs = append(l.pubs, p)
				}
			}
		}
		sort.Slice(order, func(i, j int) bool {
			if g.name == "Year" {
				return order[i] > order[j]
			}
			return order[i] < order[j]
		})
		for _, k := range order {
			l := byValue[k]
			l.key = uniqueKey(strings.ToLower(g.name)+"-"+slug(l.value), used)
			out = append(out, l)
		}
	}
	return out
}

// slug makes a value a file name: letters and digits, "-" between words.
func slug(v string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(v) {
		if c < 128 && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
			b.WriteRune(c)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if s == "" {
		s = "x"
	}
	return s
}

func uniqueKey(k string, used map[string]bool) string {
	u := k
	for i := 2; used[u]; i++ {
		u = fmt.Sprintf("%s-%d", k, i)
	}
	used[u] = true
	return u
}

// pages returns how many pages a listing has (at least one).
func (r *run) pages(l *listing) int {
	return max(1, (len(l.pubs)+r.o.PageSize-1)/r.o.PageSize)
}

// pagePath is where page n (from 1) of a listing goes in Out, with ext
// ".xml" or ".json".
func pagePath(l *listing, n int, ext string) string {
	if l.key == "all" && n == 1 {
		return "catalog" + ext
	}
	if n == 1 {
		return path.Join(feedsDir, l.key+ext)
	}
	return path.Join(feedsDir, fmt.Sprintf("%s-%d%s", l.key, n, ext))
}

// href is the link from the file of Out at from to the one at to: relative
// to from, or absolute under the base URL when there is one. Each name is
// escaped.
func (r *run) href(from, to string) string {
	parts := strings.Split(to, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	esc := strings.Join(parts, "/")
	if r.o.BaseURL != "" {
		return strings.TrimSuffix(r.o.BaseURL, "/") + "/" + esc
	}
	return strings.Repeat("../", strings.Count(from, "/")) + esc
}

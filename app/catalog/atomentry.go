package catalog

import (
	"strings"

	"fieldshelf/app"
)

// atomEntry is an Atom entry as read, before it becomes an app.Entry or
// navigation. Hrefs are already absolute; texts are already plain.
type atomEntry struct {
	id, title          string
	updated, published string
	summary, content   string
	authors            []string
	contributors       []string
	categories         []atomCategory
	links              []atomLink

	// Dublin Core, from either namespace.
	dcTitles, creators, issued, dates []string
	publishers, languages, spatial    []string
	subjects                          []string
}

// reset empties e, keeping the room of its lists.
func (e *atomEntry) reset() {
	*e = atomEntry{
		authors: e.authors[:0], contributors: e.contributors[:0], categories: e.categories[:0], links: e.links[:0],
		dcTitles: e.dcTitles[:0], creators: e.creators[:0], issued: e.issued[:0], dates: e.dates[:0],
		publishers: e.publishers[:0], languages: e.languages[:0], spatial: e.spatial[:0], subjects: e.subjects[:0],
	}
}

type atomCategory struct{ term, label, scheme string }

type atomLink struct {
	href, rel, typ, title string
	length                int64
	sha256                string     // fs:sha256 (see app.FieldshelfNS)
	chains                [][]string // indirect acquisition paths
}

func (l atomLink) appLink() app.Link {
	return app.Link{Href: l.href, Rel: l.rel, Type: l.typ, Title: l.title, Length: l.length, SHA256: l.sha256}
}

// isCatalogLink reports whether a link leads to another catalogue page.
func (l atomLink) isCatalogLink() bool {
	return isCatalogType(l.typ) || (l.typ == "" && l.rel == "subsection")
}

func (e *atomEntry) hasAcquisition() bool {
	for _, l := range e.links {
		if isAcquisitionRel(l.rel) {
			return true
		}
	}
	return false
}

// isNavigation reports whether the entry is a navigation entry: no
// acquisition link, and a link to a catalogue page.
func (e *atomEntry) isNavigation() bool {
	if e.hasAcquisition() {
		return false
	}
	for _, l := range e.links {
		if l.isCatalogLink() {
			return true
		}
	}
	return false
}

// toEntry turns a publication entry into an app.Entry.
func (e *atomEntry) toEntry() app.Entry {
	out := app.Entry{
		ID:        e.id,
		Title:     oneLine(e.title),
		Publisher: first(e.publishers),
		Language:  first(e.languages),
		Updated:   parseTime(e.updated),
		Summary:   e.content,
	}
	if out.Title == "" {
		out.Title = first(e.dcTitles)
	}
	if strings.TrimSpace(out.Summary) == "" {
		out.Summary = e.summary
	}
	out.Authors = e.authorNames()
	out.Year = e.year()
	out.Tags = e.tags()
	e.addLinks(&out)
	finishEntry(&out)
	return out
}

// authorNames returns the authors; contributors or dc:creator stand in
// when there is no author.
func (e *atomEntry) authorNames() []string {
	for _, names := range [][]string{e.authors, e.contributors, e.creators} {
		var out []string
		for _, n := range names {
			out = addAuthors(out, n)
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// year takes the first known year of dcterms:issued, dc:date and published.
func (e *atomEntry) year() int {
	for _, list := range [][]string{e.issued, e.dates, {e.published}} {
		for _, s := range list {
			if y := parseYear(s); y > 0 {
				return y
			}
		}
	}
	return 0
}

func (e *atomEntry) tags() []app.Tag {
	var tags []app.Tag
	for _, c := range e.categories {
		if t, ok := newTag(c.term, c.label, c.scheme, ""); ok {
			tags = append(tags, t)
		}
	}
	for _, s := range e.subjects {
		if t, ok := newTag(s, s, "", ""); ok {
			tags = append(tags, t)
		}
	}
	for _, s := range e.spatial {
		if t, ok := newTag(s, s, "", app.TagRegion); ok {
			tags = append(tags, t)
		}
	}
	return tags
}

// addLinks sets the acquisition links and the cover.
func (e *atomEntry) addLinks(out *app.Entry) {
	coverRankSeen := 2
	for _, l := range e.links {
		if isAcquisitionRel(l.rel) && len(l.chains) == 0 {
			out.Links = append(out.Links, l.appLink())
			continue
		}
		if isAcquisitionRel(l.rel) {
			out.Links = append(out.Links, withIndirect(l.appLink(), l.chains)...)
			continue
		}
		if addAnnotationSet(out, l.appLink()) {
			continue
		}
		if r := coverRank(l.rel); r >= 0 && r < coverRankSeen {
			out.Cover, coverRankSeen = l.href, r
		}
	}
}

func first(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}

// notNavRels are the rels of links that never count as navigation.
var notNavRels = setOf(
	"self", "start", "up", "search", "next", "previous", "prev", "first", "last",
	"http://opds-spec.org/shelf", "http://opds-spec.org/subscriptions",
)

// feedBuilder gathers the parts of a Feed.
type feedBuilder struct {
	f                   *Feed
	nav, search, facets linkList
}

// feedLink sorts a feed-level link: next, search, facet, or (for crawlable
// only) navigation.
func (b *feedBuilder) feedLink(l atomLink) {
	switch {
	case l.href == "":
	case l.rel == "next":
		if b.f.Next == "" {
			b.f.Next = l.href
		}
	case l.rel == "search":
		b.search.add(l.appLink())
	case isFacetRel(l.rel):
		b.facets.add(l.appLink())
	case l.rel == relCrawlable:
		b.nav.add(l.appLink())
	}
}

// atomEntry adds an entry: a publication, or the links of a navigation entry.
func (b *feedBuilder) atomEntry(e *atomEntry) {
	if !e.isNavigation() {
		b.f.Entries = append(b.f.Entries, e.toEntry())
		return
	}
	title := oneLine(e.title)
	for _, l := range e.links {
		if !l.isCatalogLink() || notNavRels[l.rel] {
			continue
		}
		x := l.appLink()
		if isFacetRel(l.rel) {
			x.Title = firstNonEmpty(l.title, title)
			b.facets.add(x)
			continue
		}
		x.Title = firstNonEmpty(title, l.title)
		b.nav.add(x)
	}
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// done finishes the feed and decides its kind.
func (b *feedBuilder) done() *Feed {
	f := b.f
	f.Navigation, f.Search, f.Facets = b.nav.links, b.search.links, b.facets.links
	if f.Kind != KindEntry {
		f.Kind = KindAcquisition
		if len(f.Entries) == 0 && len(f.Navigation) > 0 {
			f.Kind = KindNavigation
		}
	}
	return f
}

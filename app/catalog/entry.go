package catalog

import (
	"slices"
	"strings"

	"fieldshelf/app"
)

// Link relations the decoders act on.
const (
	relAcquisition = "http://opds-spec.org/acquisition"
	relCrawlable   = "http://opds-spec.org/crawlable"
	relImage       = "http://opds-spec.org/image"
	relThumbnail   = "http://opds-spec.org/image/thumbnail"
)

// Limits that keep hostile input from blowing up the output.
const (
	maxIndirectDepth = 8  // nesting of indirect acquisitions followed
	maxChains        = 16 // indirect paths kept per link
)

// normRel trims a rel and spells the OPDS namespace with http, as the
// specification does.
func normRel(rel string) string {
	rel = strings.TrimSpace(rel)
	if strings.HasPrefix(rel, "https://opds-spec.org/") {
		rel = "http://" + rel[len("https://"):]
	}
	return rel
}

func isAcquisitionRel(rel string) bool {
	return rel == relAcquisition || strings.HasPrefix(rel, relAcquisition+"/")
}

// isSampleRel reports whether an acquisition rel gives only part of the
// publication.
func isSampleRel(rel string) bool {
	return strings.HasSuffix(rel, "/sample") || strings.HasSuffix(rel, "/preview")
}

// isFacetRel accepts http://opds-spec.org/facet and the non-standard facet
// rels of some servers, such as http://www.feedbooks.com/opds/facet.
func isFacetRel(rel string) bool {
	return strings.Contains(strings.ToLower(rel), "facet")
}

// isCatalogType reports whether a media type is that of an OPDS page.
func isCatalogType(t string) bool {
	switch app.MediaType(t) {
	case "application/atom+xml", "application/opds+json":
		return true
	}
	return false
}

// coverRank ranks image rels: 0 for a cover, 1 for a thumbnail, -1 for
// anything else.
func coverRank(rel string) int {
	switch rel {
	case relImage, "http://opds-spec.org/cover", "x-stanza-cover-image", "cover":
		return 0
	case relThumbnail, "http://opds-spec.org/thumbnail", "x-stanza-cover-image-thumbnail":
		return 1
	}
	return -1
}

// withIndirect returns one copy of l per indirect acquisition path, or l
// alone when there is none.
func withIndirect(l app.Link, chains [][]string) []app.Link {
	if len(chains) == 0 {
		return []app.Link{l}
	}
	out := make([]app.Link, 0, len(chains))
	for _, c := range chains {
		x := l
		x.Indirect = c
		out = append(out, x)
	}
	return out
}

// linkRank orders acquisition links: full PDF, full other, sample PDF,
// sample other.
func linkRank(l app.Link) int {
	r := 0
	if !app.IsPDF(l) {
		r++
	}
	if isSampleRel(l.Rel) {
		r += 2
	}
	return r
}

// orderLinks sorts acquisition links best first, keeping feed order within
// a rank, and drops exact repeats.
func orderLinks(links []app.Link) []app.Link {
	if len(links) < 2 {
		return links
	}
	slices.SortStableFunc(links, func(a, b app.Link) int { return linkRank(a) - linkRank(b) })
	seen := make(map[string]bool, len(links))
	out := links[:0]
	for _, l := range links {
		k := l.Href + "\x00" + l.Rel + "\x00" + l.Type + "\x00" + strings.Join(l.Indirect, "\x00")
		if !seen[k] {
			seen[k] = true
			out = append(out, l)
		}
	}
	return out
}

// finishEntry applies what both decoders share: link order, tags listed at
// the end of the summary, and tag deduplication.
func finishEntry(e *app.Entry) {
	e.Links = orderLinks(e.Links)
	summary, tags := splitSummaryTags(e.Summary)
	e.Summary = summary
	e.Tags = dedupeTags(append(e.Tags, tags...))
}

// linkList collects links, skipping hrefs already present.
type linkList struct {
	links []app.Link
	seen  map[string]bool
}

func (l *linkList) add(x app.Link) {
	if x.Href == "" {
		return
	}
	if l.seen == nil {
		l.seen = make(map[string]bool)
	}
	if l.seen[x.Href] {
		return
	}
	l.seen[x.Href] = true
	l.links = append(l.links, x)
}

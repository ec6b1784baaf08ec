package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// writeCatalogue stamps the entries and writes every page of every
// listing in both formats.
func (r *run) writeCatalogue() error {
	now := r.o.Now().UTC().Truncate(time.Second)
	for _, p := range r.pubs {
		p.hash = p.entryHash()
		prev, ok := r.prev.Entries[p.id]
		switch {
		case !ok:
			r.rep.Added++
			p.updated = now
		case prev.Hash != p.hash:
			r.rep.Changed++
			p.updated = now
		default:
			p.updated = prev.Updated.UTC()
		}
		r.next.Entries[p.id] = entryState{Hash: p.hash, Updated: p.updated}
	}
	for id := range r.prev.Entries {
		if _, ok := r.next.Entries[id]; !ok {
			r.rep.Removed++
		}
	}
	changed := r.rep.Added+r.rep.Changed+r.rep.Removed > 0
	r.next.Updated = r.prev.Updated.UTC()
	if changed || r.next.Updated.IsZero() {
		r.next.Updated = now
	}
	r.rep.Publications = len(r.pubs)
	r.lists = r.listings()
	for _, l := range r.lists {
		for n := 1; n <= r.pages(l); n++ {
			if err := r.writeAtomPage(l, n); err != nil {
				return err
			}
			if err := r.writeJSONPage(l, n); err != nil {
				return err
			}
		}
	}
	return nil
}

// entryHash sums what an entry says, so that its updated stamp changes
// only when the entry or its file does.
func (p *publication) entryHash() string {
	var sets []string
	for _, s := range p.sets {
		sets = append(sets, s.path, s.title)
	}
	b, _ := json.Marshal([]any{p.Row, p.sha256, p.size, p.cover != "", sets})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// pageOf returns the publications on page n of a listing.
func (r *run) pageOf(l *listing, n int) []*publication {
	start := min((n-1)*r.o.PageSize, len(l.pubs))
	return l.pubs[start:min(start+r.o.PageSize, len(l.pubs))]
}

// facetLink is a facet link of a page: a value of a group, the page it
// leads to and its count.
type facetLink struct {
	group, value, path string
	count              int
	active             bool
}

// facetLinks are the facet links of every page: each value of each group,
// the current listing's marked active.
func (r *run) facetLinks(current *listing, ext string) []facetLink {
	var out []facetLink
	for _, l := range r.lists {
		if l.group == "" {
			continue
		}
		out = append(out, facetLink{group: l.group, value: l.value, path: pagePath(l, 1, ext), count: len(l.pubs),
			active: l == current})
	}
	return out
}

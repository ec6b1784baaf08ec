package library

import (
	"context"

	"fieldshelf/app"
)

// Tiers of a publication found by a search: a match in its catalogue entry
// comes before a match in the user's own notes, which comes before a match
// in the text of its pages, whatever their bm25 ranks (which compare only
// within one index). SearchPublications adds the hits tier by tier.
const (
	tierCatalogue = iota
	tierNotes
	tierPages
)

// SearchPublications runs a search (the words as Search takes them) and
// lists each matching publication once, at most limit: first those whose
// catalogue entry matches (title, authors, tags, publisher, summary), then
// those where only the user's notes or highlights match, then those where
// only the text of pages matches, each tier by rank. Each publication
// carries its best snippet, where to open it, how many of its pages match
// (PageHits lists them) and its matching annotations.
func (l *Library) SearchPublications(ctx context.Context, query string, limit int) ([]app.PublicationHit, error) {
	meta, err := l.store.Search(ctx, query, limit)
	if err != nil {
		return nil, err
	}
	notes, err := l.store.SearchAnnotations(ctx, query, limit)
	if err != nil {
		return nil, err
	}
	groups, err := l.store.SearchPageGroups(ctx, query, limit)
	if err != nil {
		return nil, err
	}
	g := grouping{pubs: []app.PublicationHit{}, byID: map[int64]int{}}
	for _, h := range meta {
		g.add(h, tierCatalogue)
	}
	for _, h := range notes {
		g.add(h, tierNotes)
	}
	for _, pg := range groups {
		g.add(pg.Best, tierPages)
		g.pubs[g.byID[pg.Best.Document.ID]].Pages = pg.Pages
	}
	return g.first(limit), nil
}

// PageHits lists the pages of a publication's file whose text matches a
// query, in page order, at most limit (0: all), each with its snippet;
// total is how many pages match.
func (l *Library) PageHits(ctx context.Context, docID int64, query string, limit int) (hits []app.SearchHit, total int, err error) {
	return l.store.DocumentPageHits(ctx, docID, query, limit)
}

// grouping gathers the hits of a search by publication. The hits arrive
// tier by tier, best first within each, so a publication's first hit is
// its best and the publications are in order as they come.
type grouping struct {
	pubs []app.PublicationHit
	byID map[int64]int
}

func (g *grouping) add(h app.SearchHit, tier int) {
	i, ok := g.byID[h.Document.ID]
	if !ok {
		i = len(g.pubs)
		g.byID[h.Document.ID] = i
		g.pubs = append(g.pubs, app.PublicationHit{Document: h.Document, Kind: h.Kind, Snippet: h.Snippet, Page: h.Page})
	}
	if tier == tierNotes {
		g.pubs[i].Annotations = append(g.pubs[i].Annotations, h)
	}
}

// first returns the first publications, at most limit.
func (g *grouping) first(limit int) []app.PublicationHit {
	if limit > 0 && len(g.pubs) > limit {
		return g.pubs[:limit]
	}
	return g.pubs
}

package ui

import (
	"context"

	"fieldshelf/app"
)

// pageRows is how many documents one page of the listing holds.
const pageRows = 100

// maxPages bounds the pages kept in memory; older ones are dropped and
// reloaded when scrolled back to.
const maxPages = 24

// listing is the library list's data: the count of matching documents and
// the pages of rows loaded so far. The list asks for rows by index; a row
// whose page is not loaded yet comes back empty and its page is fetched in
// the background. Only the UI goroutine touches a listing.
type listing struct {
	filter  app.Filter
	count   int
	gen     int // bumped on every new filter, so stale loads are dropped
	pages   map[int][]app.Document
	loading map[int]bool
	order   []int // pages by load time, oldest first
	hits    []app.PublicationHit
	query   string // the search the hits answer
	search  bool   // the rows are search hits, not a filtered listing
}

func newListing() *listing {
	return &listing{pages: map[int][]app.Document{}, loading: map[int]bool{}}
}

// reset starts a new listing for f with count rows.
func (l *listing) reset(f app.Filter, count int) {
	l.filter, l.count, l.search, l.hits = f, count, false, nil
	l.gen++
	l.pages, l.loading, l.order = map[int][]app.Document{}, map[int]bool{}, nil
}

// setHits makes the listing a list of search results: one row per
// publication.
func (l *listing) setHits(query string, hits []app.PublicationHit) {
	l.reset(l.filter, len(hits))
	l.search, l.hits, l.query = true, hits, query
}

// row returns row i and whether it is loaded; when it is not, need is the
// page to load (-1 when a load is already running).
func (l *listing) row(i int) (d app.Document, ok bool, need int) {
	if l.search {
		if i < len(l.hits) {
			return l.hits[i].Document, true, -1
		}
		return d, false, -1
	}
	p := i / pageRows
	rows, ok := l.pages[p]
	if !ok {
		if l.loading[p] {
			return d, false, -1
		}
		l.loading[p] = true
		return d, false, p
	}
	if j := i % pageRows; j < len(rows) {
		return rows[j], true, -1
	}
	return d, false, -1
}

// hit returns the search hit of row i, if the listing is a search.
func (l *listing) hit(i int) (app.PublicationHit, bool) {
	if !l.search || i >= len(l.hits) {
		return app.PublicationHit{}, false
	}
	return l.hits[i], true
}

// fetch loads page p of generation gen; it runs off the UI goroutine.
func fetchPage(ctx context.Context, lib Library, f app.Filter, p int) ([]app.Document, error) {
	f.Limit, f.Offset = pageRows, p*pageRows
	return lib.Documents(ctx, f)
}

// store keeps a loaded page unless the listing changed meanwhile. It
// reports whether the page was kept.
func (l *listing) store(gen, p int, rows []app.Document) bool {
	if gen != l.gen {
		return false
	}
	delete(l.loading, p)
	l.pages[p] = rows
	l.order = append(l.order, p)
	for len(l.order) > maxPages {
		delete(l.pages, l.order[0])
		l.order = l.order[1:]
	}
	return true
}

// failed forgets a page load that failed, so a later scroll retries it.
func (l *listing) failed(gen, p int) {
	if gen == l.gen {
		delete(l.loading, p)
	}
}

// replace updates a document wherever it is loaded (after a download,
// removal or pin) and returns its row index, -1 when not loaded.
func (l *listing) replace(d app.Document) int {
	for i := range l.hits {
		if l.hits[i].Document.ID == d.ID {
			l.hits[i].Document = d
			return i
		}
	}
	for p, rows := range l.pages {
		for j := range rows {
			if rows[j].ID == d.ID {
				rows[j] = d
				return p*pageRows + j
			}
		}
	}
	return -1
}

package ui

import (
	"context"
	"errors"
	"sort"
	"strings"

	"fyne.io/fyne/v2/lang"

	"fieldshelf/app"
)

// finder searches the open document (the toolbar's find field) and holds
// the hits, which are drawn over their pages, the current one apart.
// Enter goes to the next hit, Shift+Enter (and the ↑ button) to the one
// before; a search of a long document shows its progress and can be
// stopped; clearing the field clears the marks.
type finder struct {
	rs      *ReaderScreen
	query   string
	hits    []FindHit
	cur     int
	stop    context.CancelFunc // of the search running, nil when none
	partial bool               // the hits are those found before a stop
}

// rectsOn returns the rectangles to highlight on a page, and which of them
// are the current hit's.
func (f *finder) rectsOn(page int) (rects []app.Rect, current []bool) {
	for i, h := range f.hits {
		if h.Page == page {
			for _, r := range h.Rects {
				rects = append(rects, r)
				current = append(current, i == f.cur)
			}
		}
	}
	return rects, current
}

// search searches the document, or goes to the next hit when the query
// did not change.
func (f *finder) search(q string) { f.searchFrom(q, 0) }

// searchFrom searches the document for q and marks the hits; with a page
// (from 1), it stays on that page, the current hit being its first, and
// the next search goes on from there; without, it goes to the first hit.
func (f *finder) searchFrom(q string, page int) {
	rs := f.rs
	q = strings.TrimSpace(q)
	if rs.src == nil || q == "" {
		return
	}
	if q == f.query && (len(f.hits) > 0 || f.stop != nil) {
		f.step(1)
		return
	}
	f.cancel()
	ctx, stop := context.WithCancel(rs.ctx)
	f.stop, f.query, f.hits, f.partial = stop, q, nil, false
	rs.refreshMarks()
	rs.bar.searching(true)
	rs.bar.found.SetText(lang.L("Searching…"))
	throttle := newThrottle(rs.u.th)
	progress := func(done, total int) {
		if throttle.Allow(0, false) {
			rs.u.th.Do(func() {
				if f.stop != nil && ctx.Err() == nil {
					rs.bar.found.SetText(lang.L("Searching page {{.Page}} of {{.Count}}…",
						map[string]any{"Page": done, "Count": total}))
				}
			})
		}
	}
	var hits []FindHit
	var err error
	src := rs.src
	rs.u.background(func() { hits, err = src.Find(ctx, q, progress) }, func() {
		if f.query != q || f.stop == nil || rs.ctx.Err() != nil {
			return // a newer search or a cleared field
		}
		stopped := errors.Is(err, context.Canceled)
		f.stop = nil
		stop()
		rs.bar.searching(false)
		if err != nil && !stopped {
			rs.bar.found.SetText(lang.L("Search failed"))
			rs.u.showError("search the document", err)
			return
		}
		f.hits, f.cur, f.partial = hits, 0, stopped
		switch {
		case len(hits) == 0 && stopped:
			rs.bar.found.SetText(lang.L("Stopped: no matches so far"))
			rs.refreshMarks()
		case len(hits) == 0:
			rs.bar.found.SetText(lang.L("No matches"))
			rs.refreshMarks()
		case page > 0:
			f.stayOn(page)
		default:
			f.showHit()
		}
	})
}

// cancel stops the search running, if any.
func (f *finder) cancel() {
	if f.stop != nil {
		f.stop()
		f.stop = nil
		f.rs.bar.searching(false)
	}
}

// Stop stops the search running and keeps the hits found so far.
func (f *finder) Stop() {
	if f.stop != nil {
		f.stop() // the search returns what it found; its end shows it
	}
}

// clear forgets the search and its marks (the find field was emptied).
func (f *finder) clear() {
	f.cancel()
	f.query, f.hits, f.cur, f.partial = "", nil, 0, false
	f.rs.bar.found.SetText("")
	f.rs.refreshMarks()
}

// step goes to the next hit (dir 1) or the one before (-1), round the
// document.
func (f *finder) step(dir int) {
	if len(f.hits) == 0 {
		return
	}
	f.cur = (f.cur + dir + len(f.hits)) % len(f.hits)
	f.showHit()
}

// previous goes to the hit before the current one (Shift+Enter), or
// searches when the field holds a new query.
func (f *finder) previous() {
	q := strings.TrimSpace(f.rs.bar.find.Text)
	if q != f.query || len(f.hits) == 0 {
		f.search(q)
		return
	}
	f.step(-1)
}

// stayOn makes the first hit on or after page the current one without
// leaving page: when it lies on a later page, the next search goes there.
func (f *finder) stayOn(page int) {
	i := sort.Search(len(f.hits), func(i int) bool { return f.hits[i].Page >= page })
	if i < len(f.hits) && f.hits[i].Page == page {
		f.cur = i
		f.showHit()
		return
	}
	f.cur = i - 1 // Enter goes to hit i, or wraps to the first
	f.rs.bar.found.SetText(lang.N("{{.Count}} matches", len(f.hits), map[string]any{"Count": len(f.hits)}))
	f.rs.showPage()
}

// showHit goes to the current hit, scrolled into view, and says which it
// is.
func (f *finder) showHit() {
	h := f.hits[f.cur]
	status := lang.L("{{.N}} of {{.Count}}", map[string]any{"N": f.cur + 1, "Count": len(f.hits)})
	if f.partial {
		status = lang.L("{{.N}} of {{.Count}} (stopped)", map[string]any{"N": f.cur + 1, "Count": len(f.hits)})
	}
	f.rs.bar.found.SetText(status)
	sp := spot{}
	if len(h.Rects) > 0 {
		sp.y, sp.third = h.Rects[0].Y0, true
		sp.ifOut = h.Page == f.rs.page
	}
	f.rs.goTo(h.Page, sp)
	f.rs.refreshMarks()
}

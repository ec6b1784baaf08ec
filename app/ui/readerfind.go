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
	gen     int                // counts the searches, so that a stale one's answers are dropped
	partial bool               // the hits are those found before a stop
	shown   bool               // a hit of this search was gone to
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
// The hits show as they are found: the first one at once, while the rest
// of a long document is searched.
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
	f.gen++
	gen := f.gen
	ctx, stop := context.WithCancel(rs.ctx)
	f.stop, f.query, f.hits, f.cur, f.partial, f.shown = stop, q, nil, 0, false, false
	rs.refreshMarks()
	rs.bar.searching(true)
	rs.bar.found.SetText(lang.L("Searching…"))
	throttle := newThrottle(rs.u.th)
	progress := func(done, total int, found []FindHit) {
		if !throttle.Allow(0, false) {
			return
		}
		soFar := append([]FindHit(nil), found...)
		rs.u.th.Do(func() {
			if gen == f.gen && f.stop != nil {
				f.found(soFar, page)
				f.rs.bar.found.SetText(f.searchingStatus(done, total))
			}
		})
	}
	var hits []FindHit
	var err error
	src := rs.src
	rs.u.background(func() { hits, err = src.Find(ctx, q, progress) }, func() {
		if gen != f.gen || f.stop == nil || rs.ctx.Err() != nil {
			return // a newer search or a cleared field
		}
		stopped := errors.Is(err, context.Canceled)
		f.stop = nil
		stop()
		rs.bar.searching(false)
		if err != nil && !stopped {
			rs.bar.found.SetText(lang.L("Search failed"))
			rs.u.showError(lang.L("search the document"), err)
			return
		}
		f.partial = stopped
		f.found(hits, page)
		switch {
		case len(hits) == 0 && stopped:
			rs.bar.found.SetText(lang.L("Stopped: no matches so far"))
		case len(hits) == 0:
			rs.bar.found.SetText(lang.L("No matches"))
		case !f.shown:
			f.stayOn(page)
		default:
			f.showStatus()
		}
	})
}

// found takes the hits found so far: the first is shown as soon as there
// is one (with a page, the first on that page), the others are marked.
func (f *finder) found(hits []FindHit, page int) {
	f.hits = hits
	f.cur = min(f.cur, max(len(hits)-1, 0))
	switch {
	case f.shown || len(hits) == 0:
		f.rs.refreshMarks()
	case page == 0:
		f.cur, f.shown = 0, true
		f.showHit()
	default:
		for i, h := range hits {
			if h.Page == page {
				f.cur, f.shown = i, true
				f.showHit()
				return
			}
		}
		f.rs.refreshMarks()
	}
}

// searchingStatus says how far a search has gone, and which hit is shown.
func (f *finder) searchingStatus(done, total int) string {
	if !f.shown {
		return lang.L("Searching page {{.Page}} of {{.Count}}…", map[string]any{"Page": done, "Count": total})
	}
	return lang.L("{{.N}} of {{.Found}}, searching page {{.Page}} of {{.Count}}…",
		map[string]any{"N": f.cur + 1, "Found": len(f.hits), "Page": done, "Count": total})
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
	f.gen++
	f.query, f.hits, f.cur, f.partial, f.shown = "", nil, 0, false, false
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
	if page == 0 {
		f.showHit()
		return
	}
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

// showStatus says which hit is the current one.
func (f *finder) showStatus() {
	status := lang.L("{{.N}} of {{.Count}}", map[string]any{"N": f.cur + 1, "Count": len(f.hits)})
	if f.partial {
		status = lang.L("{{.N}} of {{.Count}} (stopped)", map[string]any{"N": f.cur + 1, "Count": len(f.hits)})
	}
	f.rs.bar.found.SetText(status)
}

// showHit goes to the current hit, scrolled into view, and says which it
// is.
func (f *finder) showHit() {
	h := f.hits[f.cur]
	f.shown = true
	f.showStatus()
	sp := spot{}
	if len(h.Rects) > 0 {
		sp.y, sp.third = h.Rects[0].Y0, true
		sp.ifOut = h.Page == f.rs.page
	}
	f.rs.goTo(h.Page, sp)
	f.rs.refreshMarks()
}

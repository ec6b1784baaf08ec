package library

import (
	"context"
	"fmt"

	"fieldshelf/app"
	"fieldshelf/storage"
)

// nearbyPages is how far from its old page a quote is looked for before
// the whole document is searched.
const nearbyPages = 5

// Reanchor places the annotations of a document that were made on another
// version of its cached file (a new edition, or an import from a trainer's
// copy) in the current one. A highlight is found again by its quote: on
// the same page first, then on the pages nearby, then anywhere; its page,
// rectangles and file version are updated. Bookmarks and page notes keep
// their page, clamped to the page count. An annotation whose quote or page
// is gone is kept and marked as needing review: none is ever dropped.
// Annotations in the trash are re-anchored too, so they restore in place,
// and so are those of the layers (annotations published with the
// catalogue); the report counts the user's own.
func (l *Library) Reanchor(ctx context.Context, docID int64) (app.ReanchorReport, error) {
	d, err := l.store.Document(ctx, docID)
	if err != nil {
		return app.ReanchorReport{}, err
	}
	return l.reanchor(ctx, d)
}

func (l *Library) reanchor(ctx context.Context, d app.Document) (app.ReanchorReport, error) {
	var rep app.ReanchorReport
	if d.File == nil {
		return rep, fmt.Errorf("library: re-anchor %q: not offline", d.Title)
	}
	set, err := l.store.Annotations(ctx, d.ID, true)
	if err != nil {
		return rep, err
	}
	layers, err := l.store.LayerAnnotations(ctx, d.ID, true)
	if err != nil {
		return rep, err
	}
	sha := d.File.SHA256
	stale := func(a app.Annotation) bool { return a.FileSHA256 != sha }
	if !anyStale(set, stale) && !anyStale(layers, stale) {
		return rep, nil
	}
	td, err := l.openFile(ctx, d)
	if err != nil {
		return rep, err
	}
	defer td.Close()
	r := &anchorer{ctx: ctx, td: td, pages: td.NumPages(), sha: sha, text: map[int]string{}}
	own := r.anchors(set, stale)
	rep = r.report // of the user's own annotations
	theirs := r.anchors(layers, stale)
	if r.err != nil {
		return rep, fmt.Errorf("library: re-anchor %q: %w", d.Title, r.err)
	}
	if err := l.store.SetAnchors(ctx, own); err != nil {
		return rep, err
	}
	if len(theirs) == 0 {
		return rep, nil
	}
	return rep, l.store.SetLayerAnchors(ctx, theirs)
}

// anchors finds the places of a set's annotations that stale says were
// made on another version of the file (and of highlights never placed).
func (r *anchorer) anchors(set storage.AnnotationSet, stale func(app.Annotation) bool) []storage.Anchor {
	var out []storage.Anchor
	for _, h := range set.Highlights {
		if stale(h.Annotation) || (len(h.Rects) == 0 && !h.NeedsReview) {
			out = append(out, r.highlight(h))
		}
	}
	for _, b := range set.Bookmarks {
		if stale(b.Annotation) {
			out = append(out, r.page(app.KindBookmark, b.ID, b.Page))
		}
	}
	for _, n := range set.Notes {
		if stale(n.Annotation) {
			out = append(out, r.page(app.KindNote, n.ID, n.Page))
		}
	}
	return out
}

func anyStale(set storage.AnnotationSet, stale func(app.Annotation) bool) bool {
	for _, h := range set.Highlights {
		if stale(h.Annotation) || len(h.Rects) == 0 && !h.NeedsReview {
			return true
		}
	}
	for _, b := range set.Bookmarks {
		if stale(b.Annotation) {
			return true
		}
	}
	for _, n := range set.Notes {
		if stale(n.Annotation) {
			return true
		}
	}
	return false
}

// anchorer finds annotations in one open file version.
type anchorer struct {
	ctx    context.Context
	td     TextDoc
	pages  int
	sha    string
	text   map[int]string // page texts read so far
	report app.ReanchorReport
	err    error // the first read error; what follows is not trusted
}

// page keeps a quote-less annotation on its page, clamped to the document.
func (r *anchorer) page(kind app.AnnotationKind, id int64, page int) storage.Anchor {
	r.report.Checked++
	a := storage.Anchor{Kind: kind, ID: id, Page: page, FileSHA256: r.sha}
	if page > r.pages {
		a.Page, a.NeedsReview = max(r.pages, 1), true
		r.report.NeedsReview++
	}
	return a
}

// highlight finds a highlight's quote: among the occurrences on its old
// page and the pages nearby, the one whose surroundings best match the
// highlight's (the nearest on a tie); failing that, the best anywhere.
func (r *anchorer) highlight(h app.Highlight) storage.Anchor {
	r.report.Checked++
	a := storage.Anchor{Kind: app.KindHighlight, ID: h.ID, Page: h.Page, Rects: h.Rects, FileSHA256: r.sha}
	order := searchOrder(h.Page, r.pages)
	near := min(len(order), 2*nearbyPages+1)
	for _, pages := range [][]int{order[:near], order[near:]} {
		best, bestScore := 0, -1
		var bestRects []app.Rect
		for _, p := range pages {
			if rects, score, ok := r.find(p, h); ok && score > bestScore {
				best, bestScore, bestRects = p, score, rects
			}
		}
		if bestScore >= 0 {
			if best != h.Page {
				r.report.Moved++
			}
			a.Page, a.Rects = best, bestRects
			return a
		}
	}
	a.Page, a.NeedsReview = min(max(h.Page, 1), max(r.pages, 1)), true
	r.report.NeedsReview++
	return a
}

// find looks for h's quote on page p and returns the rectangles of the
// occurrence whose surroundings best match the highlight's, with how many
// characters of them match.
func (r *anchorer) find(p int, h app.Highlight) ([]app.Rect, int, bool) {
	if r.err != nil || h.Quote == "" {
		return nil, 0, false
	}
	text, ok := r.text[p]
	if !ok {
		t, err := r.td.PageText(r.ctx, p)
		if err != nil {
			r.err = fmt.Errorf("read page %d: %w", p, err)
			return nil, 0, false
		}
		text, r.text[p] = t, t
	}
	if len(occurrences(text, h.Quote)) == 0 {
		return nil, 0, false
	}
	found, err := r.td.Find(r.ctx, p, h.Quote)
	if err != nil {
		r.err = fmt.Errorf("find on page %d: %w", p, err)
		return nil, 0, false
	}
	if len(found) == 0 {
		return nil, 0, false
	}
	i, score := bestOccurrence(text, h.Quote, h.Prefix, h.Suffix)
	if i >= len(found) {
		i = 0
	}
	return found[i], score, true
}

// searchOrder lists the pages to look at: from, then its neighbours
// outwards up to nearbyPages, then every other page in order.
func searchOrder(from, pages int) []int {
	from = min(max(from, 1), max(pages, 1))
	seen := make(map[int]bool, pages)
	var out []int
	add := func(p int) {
		if p >= 1 && p <= pages && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	add(from)
	for d := 1; d <= nearbyPages; d++ {
		add(from - d)
		add(from + d)
	}
	for p := 1; p <= pages; p++ {
		add(p)
	}
	return out
}

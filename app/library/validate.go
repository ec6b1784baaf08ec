package library

import (
	"context"
	"fmt"
	"math"
	"strings"

	"fieldshelf/app"
)

// What an annotation may hold, whether typed or imported: the same checks
// apply to both.
const (
	// MaxNoteBytes caps a note, a highlight's note or quote and a
	// bookmark's label.
	MaxNoteBytes = 64 << 10
	// MaxRects caps the rectangles of one highlight.
	MaxRects = 1000
	// maxPage and maxPoints bound a page number and a coordinate when the
	// document's file is not at hand to say more.
	maxPage   = 100000
	maxPoints = 1e6
	// slack is how far (in points) a rectangle may stray past the page's
	// edge: text extraction rounds.
	slack = 2
)

// checkText refuses a text over MaxNoteBytes.
func checkText(what, s string) error {
	if len(s) > MaxNoteBytes {
		return fmt.Errorf("library: the %s is %d bytes long; it can hold at most %d", what, len(s), MaxNoteBytes)
	}
	return nil
}

// checkColor returns a highlight's colour as one of the known set, or ""
// (the default, yellow).
func checkColor(c string) (string, error) {
	c = strings.ToLower(strings.TrimSpace(c))
	if c == "" {
		return "", nil
	}
	for _, k := range app.HighlightColors {
		if c == k {
			return c, nil
		}
	}
	return "", fmt.Errorf("library: colour %q: use %s", c, strings.Join(app.HighlightColors, ", "))
}

// checkHighlight checks what a highlight holds besides its place: the
// length of its quote and note, and its colour, which it puts in the
// known form.
func checkHighlight(h *app.Highlight) error {
	c, err := checkColor(h.Color)
	if err != nil {
		return err
	}
	h.Color = c
	if err := checkText("quote", h.Quote); err != nil {
		return err
	}
	return checkText("note", h.Note)
}

// pageBounds checks pages and rectangles against a document's cached
// file when it is at hand (offline, with a PDF engine): its page count and
// page sizes. Without it, only the absolute bounds are checked.
type pageBounds struct {
	d     app.Document
	td    TextDoc // nil when the file is not at hand
	sizes map[int][2]float64
}

// bounds opens the bounds of a document. A file that cannot be opened
// gives none: the checks are what can be done, never a reason to refuse.
func (l *Library) bounds(ctx context.Context, d app.Document) *pageBounds {
	b := &pageBounds{d: d, sizes: map[int][2]float64{}}
	if d.File != nil && l.open != nil {
		if td, err := l.openFile(ctx, d); err == nil {
			b.td = td
		}
	}
	return b
}

func (b *pageBounds) close() {
	if b.td != nil {
		b.td.Close()
	}
}

// sha returns the file version the bounds know, "" when none.
func (b *pageBounds) sha() string {
	if b.td == nil {
		return ""
	}
	return b.d.File.SHA256
}

// page refuses a page before the first, after the last, or past maxPage.
func (b *pageBounds) page(page int) error {
	if page < 1 {
		return fmt.Errorf("library: page %d: pages count from 1", page)
	}
	if b.td != nil && page > b.td.NumPages() {
		return fmt.Errorf("library: page %d: %q has %d pages", page, b.d.Title, b.td.NumPages())
	}
	if page > maxPage {
		return fmt.Errorf("library: page %d: no document has that many pages", page)
	}
	return nil
}

// rects refuses rectangles that are too many, not finite or off the page
// (off any page when its size is not known).
func (b *pageBounds) rects(ctx context.Context, page int, rects []app.Rect) error {
	if len(rects) > MaxRects {
		return fmt.Errorf("library: a highlight of %d rectangles; the most is %d", len(rects), MaxRects)
	}
	w, h := b.size(ctx, page)
	for _, r := range rects {
		for _, v := range []float64{r.X0, r.Y0, r.X1, r.Y1} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("library: a highlight's rectangle %v is not a place on a page", r)
			}
		}
		if !inRange(r.X0, w) || !inRange(r.X1, w) || !inRange(r.Y0, h) || !inRange(r.Y1, h) {
			return fmt.Errorf("library: a highlight's rectangle %v is off page %d (%.0f × %.0f points)", r, page, w, h)
		}
	}
	return nil
}

// inRange reports whether a coordinate lies on a side of length n.
func inRange(v, n float64) bool { return v >= -slack && v <= n+slack }

// size returns a page's size, maxPoints a side when it is not known.
func (b *pageBounds) size(ctx context.Context, page int) (float64, float64) {
	if b.td == nil {
		return maxPoints, maxPoints
	}
	if s, ok := b.sizes[page]; ok {
		return s[0], s[1]
	}
	w, h, err := b.td.PageSize(ctx, page)
	if err != nil {
		w, h = maxPoints, maxPoints
	}
	b.sizes[page] = [2]float64{w, h}
	return w, h
}

// checkPage refuses a page a document does not have (see pageBounds.page).
func (l *Library) checkPage(ctx context.Context, d app.Document, page int) error {
	return l.checkPlace(ctx, d, page, nil)
}

// checkPlace refuses a page a document does not have, or rectangles off
// it (see pageBounds).
func (l *Library) checkPlace(ctx context.Context, d app.Document, page int, rects []app.Rect) error {
	b := l.bounds(ctx, d)
	defer b.close()
	if err := b.page(page); err != nil {
		return err
	}
	return b.rects(ctx, page, rects)
}

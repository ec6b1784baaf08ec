package library

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fieldshelf/app"
)

// contextRunes is how much text around a quote a highlight keeps.
const contextRunes = 32

// openFile opens the text of a document's cached file.
func (l *Library) openFile(ctx context.Context, d app.Document) (TextDoc, error) {
	path, err := l.CachedFile(ctx, d)
	if err != nil {
		return nil, fmt.Errorf("library: %w", err)
	}
	if l.open == nil {
		return nil, ErrNoEngine
	}
	td, err := l.open(ctx, path, "")
	if err != nil {
		return nil, fmt.Errorf("library: open %q: %w", d.Title, err)
	}
	return td, nil
}

// AddHighlight highlights the first occurrence of quote on a page of a
// document's cached file, with an optional Markdown note and a colour
// ("" for yellow). It fails when the quote is not on that page.
func (l *Library) AddHighlight(ctx context.Context, docID int64, page int, quote, note, color string) (app.Highlight, error) {
	quote = strings.Join(strings.Fields(quote), " ")
	if quote == "" {
		return app.Highlight{}, errors.New("library: a highlight needs the text it marks")
	}
	checked := app.Highlight{Quote: quote, Note: note, Color: color}
	if err := checkHighlight(&checked); err != nil {
		return app.Highlight{}, err
	}
	a, d, err := l.newAnnotation(ctx, docID)
	if err != nil {
		return app.Highlight{}, err
	}
	td, err := l.openFile(ctx, d)
	if err != nil {
		return app.Highlight{}, err
	}
	defer td.Close()
	if page < 1 || page > td.NumPages() {
		return app.Highlight{}, fmt.Errorf("library: page %d: %q has %d pages", page, d.Title, td.NumPages())
	}
	text, err := td.PageText(ctx, page)
	if err != nil {
		return app.Highlight{}, fmt.Errorf("library: read page %d: %w", page, err)
	}
	found, err := td.Find(ctx, page, quote)
	if err != nil {
		return app.Highlight{}, fmt.Errorf("library: find the quote on page %d: %w", page, err)
	}
	if len(found) == 0 {
		return app.Highlight{}, fmt.Errorf("library: %q is not on page %d: %w", app.Clip(quote, 40), page, app.ErrNotFound)
	}
	prefix, suffix := quoteContext(text, quote, 0)
	h := app.Highlight{Annotation: a, Page: page, Rects: found[0], Quote: quote, Prefix: prefix, Suffix: suffix,
		Color: checked.Color, Note: note}
	return l.store.AddHighlight(ctx, h)
}

// AddHighlightRects stores a highlight the user drew over a page: the
// rectangles (in points) and the text they cover, as the reader selected
// it (empty for an area with no text), with an optional Markdown note and
// a colour ("" for yellow). The quote's surrounding text is kept too when
// the document's file can be read, so the highlight can be found again in
// a new edition.
func (l *Library) AddHighlightRects(ctx context.Context, docID int64, page int, rects []app.Rect, quote, note, color string) (app.Highlight, error) {
	quote = strings.Join(strings.Fields(quote), " ")
	if len(rects) == 0 {
		return app.Highlight{}, errors.New("library: a highlight needs the rectangles it covers")
	}
	a, d, err := l.newAnnotation(ctx, docID)
	if err != nil {
		return app.Highlight{}, err
	}
	h := app.Highlight{Annotation: a, Page: page, Rects: rects, Quote: quote, Color: color, Note: note}
	if err := l.checkPlace(ctx, d, page, rects); err != nil {
		return app.Highlight{}, err
	}
	if err := checkHighlight(&h); err != nil {
		return app.Highlight{}, err
	}
	if quote != "" {
		h.Prefix, h.Suffix = l.drawnContext(ctx, d, page, rects[0], quote)
	}
	return l.store.AddHighlight(ctx, h)
}

// drawnContext returns the text around the occurrence of quote on a page
// that starts nearest first; none when the file cannot be read. It is a
// courtesy for re-anchoring, so it never fails.
func (l *Library) drawnContext(ctx context.Context, d app.Document, page int, first app.Rect, quote string) (prefix, suffix string) {
	if d.File == nil || l.open == nil {
		return "", ""
	}
	td, err := l.openFile(ctx, d)
	if err != nil {
		return "", ""
	}
	defer td.Close()
	text, err := td.PageText(ctx, page)
	if err != nil {
		return "", ""
	}
	found, err := td.Find(ctx, page, quote)
	if err != nil || len(found) == 0 {
		return "", ""
	}
	best, dist := 0, -1.0
	for i, occ := range found {
		if len(occ) == 0 {
			continue
		}
		dx, dy := occ[0].X0-first.X0, occ[0].Y0-first.Y0
		if d := dx*dx + dy*dy; dist < 0 || d < dist {
			best, dist = i, d
		}
	}
	return quoteContext(text, quote, best)
}

// foldText prepares text for matching the way Find does: lower case, runs
// of white space as one space.
func foldText(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// occurrences returns the rune offsets of quote in text, both folded.
func occurrences(text, quote string) []int {
	t, q := []rune(foldText(text)), foldText(quote)
	var out []int
	s := string(t)
	for from := 0; ; {
		i := strings.Index(s[from:], q)
		if i < 0 || q == "" {
			return out
		}
		out = append(out, len([]rune(s[:from+i])))
		from += i + len(q)
	}
}

// quoteContext returns up to contextRunes runes of the text before and
// after the n-th occurrence of quote in text, white space collapsed. The
// case is kept unless folding changed the length of the text.
func quoteContext(text, quote string, n int) (prefix, suffix string) {
	at := occurrences(text, quote)
	if n >= len(at) {
		return "", ""
	}
	t := []rune(strings.Join(strings.Fields(text), " "))
	if folded := []rune(foldText(text)); len(folded) != len(t) {
		t = folded
	}
	start, end := at[n], at[n]+len([]rune(foldText(quote)))
	prefix = string(t[max(0, start-contextRunes):start])
	suffix = string(t[end:min(len(t), end+contextRunes)])
	return prefix, suffix
}

// bestOccurrence picks, among the occurrences of quote in text, the one
// whose surroundings share most with prefix and suffix, and how many
// characters they share.
func bestOccurrence(text, quote, prefix, suffix string) (int, int) {
	at := occurrences(text, quote)
	best, bestScore := 0, -1
	for i := range at {
		p, s := quoteContext(text, quote, i)
		score := commonSuffix(foldText(p), foldText(prefix)) + commonPrefix(foldText(s), foldText(suffix))
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return best, max(bestScore, 0)
}

func commonPrefix(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[n] == rb[n] {
		n++
	}
	return n
}

func commonSuffix(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[len(ra)-1-n] == rb[len(rb)-1-n] {
		n++
	}
	return n
}

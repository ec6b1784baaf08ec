package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// matchLimit bounds the page hits listed in the detail pane; the heading
// says how many there are in all.
const matchLimit = 100

// matchesPane lists, under a search hit's details, where the publication
// matched: the user's notes and highlights, then its pages in order. Each
// entry opens the document at its page with the search's words marked.
type matchesPane struct {
	p       *DetailPane
	heading *widget.Label
	box     *fyne.Container
	content *fyne.Container
	gen     int // bumped by every change of hit, so late page lists are dropped
}

func newMatchesPane(p *DetailPane) *matchesPane {
	m := &matchesPane{p: p, heading: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		box: container.NewVBox()}
	m.heading.Wrapping = fyne.TextWrapWord
	m.content = container.NewVBox(widget.NewSeparator(), m.heading, m.box)
	m.content.Hide()
	return m
}

// show lists what of h matched the query q; a zero h hides the pane.
func (m *matchesPane) show(h app.PublicationHit, q string) {
	m.gen++
	m.box.RemoveAll()
	if h.Document.ID == 0 || (h.Pages == 0 && len(h.Annotations) == 0) {
		m.content.Hide()
		return
	}
	for _, a := range h.Annotations {
		label := "Your " + a.Kind
		if a.Page > 0 {
			label = fmt.Sprintf("Your %s, page %d", a.Kind, a.Page)
		}
		m.box.Add(newMatchRow(label, a.Snippet, m.opener(a.Page, q)))
	}
	m.heading.SetText(matchesHeading(h, 0))
	m.content.Show()
	if h.Pages > 0 && h.Document.File != nil {
		m.loadPages(h, q)
	}
}

// loadPages lists the matching pages in the background.
func (m *matchesPane) loadPages(h app.PublicationHit, q string) {
	gen, u := m.gen, m.p.u
	var hits []app.SearchHit
	var total int
	var err error
	u.background(func() { hits, total, err = u.lib.PageHits(u.ctx, h.Document.ID, q, matchLimit) }, func() {
		if gen != m.gen {
			return
		}
		if !u.report("list the matching pages", err) {
			return
		}
		for _, ph := range hits {
			m.box.Add(newMatchRow(fmt.Sprintf("Page %d", ph.Page), ph.Snippet, m.opener(ph.Page, q)))
		}
		m.heading.SetText(matchesHeading(h, total))
		m.p.relayout()
	})
}

// opener opens the document at page with the query's words marked.
func (m *matchesPane) opener(page int, q string) func() {
	return func() { m.p.u.openReader(m.p.doc, page, q) }
}

// matchesHeading is "Found on 12 pages" (with "the first 100 listed" when
// there are more), or "Found in your notes".
func matchesHeading(h app.PublicationHit, total int) string {
	switch {
	case h.Pages == 0:
		return "Found in your notes"
	case h.Document.File == nil:
		return fmt.Sprintf("Found on %s of an older download: download it again to read them", pagesWord(h.Pages))
	case total > matchLimit:
		return fmt.Sprintf("Found on %s (the first %d listed)", pagesWord(total), matchLimit)
	}
	return "Found on " + pagesWord(max(total, h.Pages))
}

func pagesWord(n int) string {
	if n == 1 {
		return "1 page"
	}
	return thousands(n) + " pages"
}

// matchRow is one place a search matched: where (a page) and the snippet,
// wrapped; a click opens it.
type matchRow struct {
	widget.BaseWidget
	where *widget.Label
	text  *widget.RichText
	hover *canvas.Rectangle
	onTap func()
}

func newMatchRow(where, snippet string, onTap func()) *matchRow {
	r := &matchRow{where: widget.NewLabelWithStyle(where, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		text: widget.NewRichText(snippetSegments(snippet, theme.SizeNameText)...), onTap: onTap,
		hover: canvas.NewRectangle(theme.Color(theme.ColorNameHover))}
	r.where.SizeName = theme.SizeNameCaptionText
	r.text.Wrapping = fyne.TextWrapWord
	r.hover.CornerRadius = theme.InputRadiusSize()
	r.hover.Hide()
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer lays the row out: where above the snippet.
func (r *matchRow) CreateRenderer() fyne.WidgetRenderer {
	body := container.New(layout.NewCustomPaddedVBoxLayout(-8), r.where, r.text)
	return widget.NewSimpleRenderer(container.NewStack(r.hover, body))
}

// Tapped opens the match.
func (r *matchRow) Tapped(*fyne.PointEvent) { r.onTap() }

// Cursor shows that the row is a link.
func (r *matchRow) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn marks the row under the pointer.
func (r *matchRow) MouseIn(*desktop.MouseEvent) { r.hover.Show(); r.hover.Refresh() }

// MouseMoved does nothing: the row is marked already.
func (r *matchRow) MouseMoved(*desktop.MouseEvent) {}

// MouseOut unmarks the row.
func (r *matchRow) MouseOut() { r.hover.Hide() }

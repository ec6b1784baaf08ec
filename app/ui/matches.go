package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
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
		label := yourAnnotation(a.Kind, a.Page)
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
		if !u.report(lang.L("list the matching pages"), err) {
			return
		}
		for _, ph := range hits {
			m.box.Add(newMatchRow(lang.L("Page {{.Page}}", map[string]any{"Page": ph.Page}), ph.Snippet, m.opener(ph.Page, q)))
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
		return lang.L("Found in your notes")
	case h.Document.File == nil:
		return lang.N("Found on {{.Count}} pages of an older download: download it again to read them", h.Pages,
			map[string]any{"Count": thousands(h.Pages)})
	case total > matchLimit:
		return lang.N("Found on {{.Count}} pages (the first {{.Listed}} listed)", total,
			map[string]any{"Count": thousands(total), "Listed": thousands(matchLimit)})
	}
	n := max(total, h.Pages)
	return lang.N("Found on {{.Count}} pages", n, map[string]any{"Count": thousands(n)})
}

// yourAnnotation labels a note or highlight found by a search: "Your
// note, page 4".
func yourAnnotation(kind string, page int) string {
	args := map[string]any{"Page": page}
	switch {
	case kind == "highlight" && page > 0:
		return lang.L("Your highlight, page {{.Page}}", args)
	case kind == "highlight":
		return lang.L("Your highlight")
	case kind == "bookmark" && page > 0:
		return lang.L("Your bookmark, page {{.Page}}", args)
	case kind == "bookmark":
		return lang.L("Your bookmark")
	case page > 0:
		return lang.L("Your note, page {{.Page}}", args)
	}
	return lang.L("Your note")
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

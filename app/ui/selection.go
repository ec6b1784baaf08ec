package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// selectionFill and selectionStroke draw the selection being made.
var (
	selectionFill   = color.NRGBA{0x30, 0x80, 0xff, 0x40}
	selectionStroke = color.NRGBA{0x30, 0x80, 0xff, 0xc0}
)

// selection is a highlight being drawn: the dragged box, then, once the
// mouse is released, the text lines inside it.
type selection struct {
	page  int
	box   app.Rect   // the dragged rectangle, in points
	rects []app.Rect // the text lines inside it, or the box for an area
	text  string
	done  bool // released and looked up
}

// highlighter selects text and draws highlights over the reader's pages:
// a drag selects the text lines inside the box, which Ctrl+C or the
// right-click menu copies; with the Highlight toggle on (or Shift held) a
// dialog then asks for the highlight's colour and a note at once. A tap
// elsewhere or Escape drops the selection; a tap on a saved highlight
// edits it.
type highlighter struct {
	rs        *ReaderScreen
	on        bool          // the Highlight toggle
	sel       *selection    // the highlight being drawn
	dialog    dialog.Dialog // asking for the selection's colour and note
	lastColor string        // the colour chosen last
	shownMenu *fyne.Menu    // the right-click menu shown last
}

func newHighlighter(rs *ReaderScreen) *highlighter {
	return &highlighter{rs: rs, lastColor: highlightColorNames[0]}
}

// marks returns the marks of the selection on a page.
func (h *highlighter) marks(page int) []pageMark {
	s := h.sel
	switch {
	case s == nil || s.page != page:
		return nil
	case !s.done:
		return []pageMark{{r: s.box, fill: color.NRGBA{0x30, 0x80, 0xff, 0x18}, stroke: selectionStroke}}
	}
	out := make([]pageMark, len(s.rects))
	for i, r := range s.rects {
		out[i] = pageMark{r: r, fill: selectionFill}
	}
	return out
}

// pageLocator maps positions on a page view to pages and points.
type pageLocator interface {
	// pageAt returns the page under pos; 0 when none.
	pageAt(pos fyne.Position) int
	// toPage converts pos to points on a page, unclamped.
	toPage(pos fyne.Position, page int) (x, y float64)
}

// dragTrack follows one drag on a page view.
type dragTrack struct {
	on        bool
	start     fyne.Position
	page      int
	highlight bool // the drag makes a highlight (Highlight on or Shift held as it began)
}

// highlighting reports whether a drag draws a highlight at once: the
// Highlight toggle is on or Shift is held.
func (h *highlighter) highlighting() bool {
	if h.on {
		return true
	}
	return h.rs.u.mods()&fyne.KeyModifierShift != 0
}

// onDrag grows the selection box as the mouse moves.
func (h *highlighter) onDrag(l pageLocator, tr *dragTrack, ev *fyne.DragEvent) {
	rs := h.rs
	if rs.src == nil || h.dialog != nil {
		return
	}
	if !tr.on {
		start := ev.Position.Subtract(ev.Dragged)
		page := l.pageAt(start)
		if page == 0 {
			return
		}
		tr.on, tr.start, tr.page, tr.highlight = true, start, page, h.highlighting()
	}
	x0, y0 := l.toPage(tr.start, tr.page)
	x1, y1 := l.toPage(ev.Position, tr.page)
	box := app.Rect{X0: min(x0, x1), Y0: min(y0, y1), X1: max(x0, x1), Y1: max(y0, y1)}
	if d, ok := rs.r.knownDims(tr.page); ok {
		box = app.Rect{X0: max(box.X0, 0), Y0: max(box.Y0, 0), X1: min(box.X1, d.w), Y1: min(box.Y1, d.h)}
	}
	h.sel = &selection{page: tr.page, box: box}
	rs.refreshMarks()
}

// onDragEnd looks up the text inside the box; when highlighting, it asks
// for the highlight's colour and note, else the selection stays for Copy
// and the right-click menu.
func (h *highlighter) onDragEnd(tr *dragTrack) {
	if !tr.on {
		return
	}
	tr.on = false
	rs, sel, highlight := h.rs, h.sel, tr.highlight
	if sel == nil || sel.box.X1-sel.box.X0 < 2 || sel.box.Y1-sel.box.Y0 < 2 {
		h.sel = nil
		rs.refreshMarks()
		return
	}
	var text string
	var rects []app.Rect
	var err error
	src := rs.src
	rs.u.background(func() { text, rects, err = src.SelectText(rs.ctx, sel.page, sel.box) }, func() {
		if h.sel != sel {
			return
		}
		rs.u.report(lang.L("read the selected text"), err)
		if len(rects) == 0 {
			rects, text = []app.Rect{sel.box}, "" // no text there: highlight the area
		}
		sel.rects, sel.text, sel.done = rects, text, true
		rs.refreshMarks()
		if highlight {
			h.ask(sel, false)
		}
	})
}

// ask offers the colours and a note for the selection, and Copy; with
// toNote the note field has the keyboard.
func (h *highlighter) ask(sel *selection, toNote bool) {
	colors := newColorChoice(h.lastColor, nil)
	note := newDialogEntry(h.rs.u, true)
	note.SetPlaceHolder(lang.L("Note (optional; Ctrl+Enter saves)"))
	note.SetMinRowsVisible(3)
	what := lang.L("An area of the page (no text there)")
	if sel.text != "" {
		what = "“" + app.Clip(sel.text, 180) + "”"
	}
	quote := widget.NewLabel(what)
	quote.Wrapping = fyne.TextWrapWord
	top := fyne.CanvasObject(quote)
	if sel.text != "" {
		cp := widget.NewButtonWithIcon(lang.L("Copy"), theme.ContentCopyIcon(), func() { h.copy(sel) })
		top = container.NewBorder(nil, nil, nil, container.NewVBox(cp), quote)
	}
	d := dialog.NewCustomConfirm(lang.L("Highlight on page {{.Page}}", map[string]any{"Page": sel.page}), lang.L("Save"), lang.L("Cancel"),
		container.NewVBox(top, colors, note), func(ok bool) {
			h.finish(sel, ok, colorOf(colors.Selected), note.Text)
		}, h.rs.u.win)
	h.dialog = d
	d.Resize(fyne.NewSize(480, 300))
	h.rs.u.showModal(d, d.Confirm)
	if toNote {
		h.rs.u.win.Canvas().Focus(note)
	}
}

// copy puts the selection's text on the clipboard.
func (h *highlighter) copy(sel *selection) {
	if sel != nil && sel.done && sel.text != "" {
		h.rs.u.app.Clipboard().SetContent(sel.text)
	}
}

// Copy copies the selected text (Ctrl+C); it reports whether there was
// any.
func (h *highlighter) Copy() bool {
	if h.sel == nil || !h.sel.done || h.sel.text == "" {
		return false
	}
	h.copy(h.sel)
	return true
}

// drop forgets the selection (a tap elsewhere, Escape); it reports
// whether there was one.
func (h *highlighter) drop() bool {
	if h.sel == nil || h.dialog != nil {
		return false
	}
	h.sel = nil
	h.rs.refreshMarks()
	return true
}

// menu shows the right-click menu at pos (in the window): Copy, Highlight
// and Add note for the selection; without one, a note or a bookmark on
// the page.
func (h *highlighter) menu(l pageLocator, pos, abs fyne.Position) {
	rs := h.rs
	if rs.src == nil || h.dialog != nil {
		return
	}
	var items []*fyne.MenuItem
	if sel := h.sel; sel != nil && sel.done {
		cp := fyne.NewMenuItem(lang.L("Copy"), func() { h.copy(sel) })
		cp.Disabled = sel.text == ""
		items = []*fyne.MenuItem{cp,
			fyne.NewMenuItem(lang.L("Highlight"), func() { h.ask(sel, false) }),
			fyne.NewMenuItem(lang.L("Add note"), func() { h.ask(sel, true) })}
	} else {
		page := l.pageAt(pos)
		if page == 0 {
			return
		}
		items = []*fyne.MenuItem{
			fyne.NewMenuItem(lang.L("Add note to this page"), func() {
				rs.askNote(app.AnnotationItem{Kind: app.KindNote, Page: page})
			}),
			fyne.NewMenuItem(lang.L("Bookmark this page"), func() { rs.GoTo(page); rs.AddBookmark() }),
		}
	}
	h.shownMenu = fyne.NewMenu("", items...)
	widget.ShowPopUpMenuAtPosition(h.shownMenu, rs.u.win.Canvas(), abs)
}

// finish saves the selection as a highlight, or drops it; it does nothing
// when sel is no longer the selection.
func (h *highlighter) finish(sel *selection, ok bool, color, note string) {
	rs := h.rs
	if sel == nil || h.sel != sel {
		return
	}
	h.sel, h.dialog = nil, nil
	defer rs.refreshMarks()
	if !ok || !sel.done {
		return
	}
	if color != "" {
		h.lastColor = color
	}
	rs.annotate(func(an Annotations) error {
		_, err := an.AddHighlightRects(rs.ctx, rs.doc.ID, sel.page, sel.rects, sel.text, note, color)
		return err
	}, rs.side.showNotes)
}

// onTap drops the selection, or opens the saved highlight under a tap.
func (h *highlighter) onTap(l pageLocator, pos fyne.Position) {
	page := l.pageAt(pos)
	if h.drop() || page == 0 || h.sel != nil {
		return
	}
	x, y := l.toPage(pos, page)
	for _, a := range h.rs.side.notes.items {
		if a.Kind != app.KindHighlight || a.Page != page {
			continue
		}
		for _, r := range a.Rects {
			if x >= r.X0 && x <= r.X1 && y >= r.Y0 && y <= r.Y1 {
				h.rs.openAnnotation(a)
				return
			}
		}
	}
}

package ui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// TextSelector is a page source that can tell which text lies inside a
// rectangle of a page. The PDF engine's adapter provides it; a source
// without it makes area highlights only.
type TextSelector interface {
	// SelectText returns the text of the characters of a page (from 1)
	// whose boxes meet r, a line per text line, and one rectangle per
	// line, all in points.
	SelectText(ctx context.Context, page int, r app.Rect) (text string, rects []app.Rect, err error)
}

// Highlighter is an annotations store that saves highlights drawn in the
// reader.
type Highlighter interface {
	// AddHighlight saves a highlight over rects (points) of a page, with
	// the text they cover (empty for an area), a note and a colour name.
	AddHighlight(ctx context.Context, docID int64, page int, rects []app.Rect, quote, note, color string) (Annotation, error)
}

// errNoHighlights explains a build whose annotations store cannot save
// drawn highlights.
var errNoHighlights = errors.New("highlights cannot be saved in this build")

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

// selectionMarks returns the marks of the selection on a page.
func (rs *ReaderScreen) selectionMarks(page int) []pageMark {
	s := rs.sel
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
	on    bool
	start fyne.Position
	page  int
}

// selecting reports whether a drag draws a highlight: the Highlight
// toggle is on or Shift is held.
func (rs *ReaderScreen) selecting() bool {
	if rs.highlight {
		return true
	}
	d, ok := fyne.CurrentApp().Driver().(desktop.Driver)
	return ok && d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
}

// onDrag grows the selection box as the mouse moves.
func (rs *ReaderScreen) onDrag(l pageLocator, tr *dragTrack, ev *fyne.DragEvent) {
	if rs.src == nil || rs.hlDialog != nil {
		return
	}
	if !tr.on {
		start := ev.Position.Subtract(ev.Dragged)
		page := l.pageAt(start)
		if page == 0 || !rs.selecting() {
			return
		}
		tr.on, tr.start, tr.page = true, start, page
	}
	x0, y0 := l.toPage(tr.start, tr.page)
	x1, y1 := l.toPage(ev.Position, tr.page)
	box := app.Rect{X0: min(x0, x1), Y0: min(y0, y1), X1: max(x0, x1), Y1: max(y0, y1)}
	if d, ok := rs.r.knownDims(tr.page); ok {
		box = app.Rect{X0: max(box.X0, 0), Y0: max(box.Y0, 0), X1: min(box.X1, d.w), Y1: min(box.Y1, d.h)}
	}
	rs.sel = &selection{page: tr.page, box: box}
	rs.refreshMarks()
}

// onDragEnd looks up the text inside the box and asks what to do with it.
func (rs *ReaderScreen) onDragEnd(tr *dragTrack) {
	if !tr.on {
		return
	}
	tr.on = false
	sel := rs.sel
	if sel == nil || sel.box.X1-sel.box.X0 < 2 || sel.box.Y1-sel.box.Y0 < 2 {
		rs.sel = nil
		rs.refreshMarks()
		return
	}
	ts, _ := rs.src.(TextSelector)
	var text string
	var rects []app.Rect
	var err error
	rs.u.background(func() {
		if ts != nil {
			text, rects, err = ts.SelectText(rs.ctx, sel.page, sel.box)
		}
	}, func() {
		if rs.sel != sel {
			return
		}
		if err != nil {
			rs.u.showError("read the selected text", err)
		}
		if len(rects) == 0 {
			rects, text = []app.Rect{sel.box}, "" // no text there: highlight the area
		}
		sel.rects, sel.text, sel.done = rects, text, true
		rs.refreshMarks()
		rs.askHighlight(sel)
	})
}

// askHighlight offers the colours and a note for the selection.
func (rs *ReaderScreen) askHighlight(sel *selection) {
	colors := widget.NewRadioGroup(highlightColorNames, nil)
	colors.Horizontal = true
	colors.Required = true
	colors.SetSelected(rs.lastColor)
	note := widget.NewMultiLineEntry()
	note.SetPlaceHolder("Note (optional)")
	note.SetMinRowsVisible(3)
	note.Wrapping = fyne.TextWrapWord
	what := "An area of the page (no text there)"
	if sel.text != "" {
		what = "“" + clip(strings.Join(strings.Fields(sel.text), " "), 180) + "”"
	}
	quote := widget.NewLabel(what)
	quote.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(fmt.Sprintf("Highlight on page %d", sel.page), "Save", "Cancel",
		container.NewVBox(quote, colors, note), func(ok bool) {
			rs.finishSelection(sel, ok, colors.Selected, note.Text)
		}, rs.u.win)
	rs.hlDialog = d
	d.Resize(fyne.NewSize(480, 300))
	d.Show()
}

// finishSelection saves the selection as a highlight, or drops it; it does
// nothing when sel is no longer the selection.
func (rs *ReaderScreen) finishSelection(sel *selection, ok bool, color, note string) {
	if sel == nil || rs.sel != sel {
		return
	}
	rs.sel, rs.hlDialog = nil, nil
	defer rs.refreshMarks()
	if !ok || !sel.done {
		return
	}
	if color != "" {
		rs.lastColor = color
	}
	rs.annotate(func(an Annotations) error {
		h, ok := an.(Highlighter)
		if !ok {
			return errNoHighlights
		}
		_, err := h.AddHighlight(rs.ctx, rs.doc.ID, sel.page, sel.rects, sel.text, note, color)
		return err
	}, rs.side.showNotes)
}

// onTap edits the saved highlight under a tap, if any.
func (rs *ReaderScreen) onTap(l pageLocator, pos fyne.Position) {
	page := l.pageAt(pos)
	if page == 0 || rs.sel != nil {
		return
	}
	x, y := l.toPage(pos, page)
	for _, a := range rs.side.notes.items {
		if a.Kind != KindHighlight || a.Page != page {
			continue
		}
		for _, r := range a.Rects {
			if x >= r.X0 && x <= r.X1 && y >= r.Y0 && y <= r.Y1 {
				rs.askNote(a)
				return
			}
		}
	}
}

// refreshMarks redraws the marks of the pages shown.
func (rs *ReaderScreen) refreshMarks() {
	if rs.cont {
		for p, sl := range rs.strip.slots {
			sl.marks.set(rs.marksOn(p), rs.strip.perPoint(p))
		}
		rs.strip.Refresh()
		return
	}
	if rs.view.page > 0 {
		rs.view.marks.set(rs.marksOn(rs.view.page), rs.view.perPoint)
		rs.view.Refresh()
	}
}

// clip shortens s to n runes.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

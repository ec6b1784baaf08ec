package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Hooks into the reader's navigation, links, find and selection for the
// tests of package ui_test.

// HoldKeys makes the UI see mods as the modifier keys held down.
func (u *UI) HoldKeys(mods fyne.KeyModifier) { u.mods = func() fyne.KeyModifier { return mods } }

// ViewOffset returns the scroll offset of the page view (the column in the
// continuous mode).
func (rs *ReaderScreen) ViewOffset() fyne.Position { return rs.lay.scroll().Offset }

// ViewMaxY returns the largest vertical offset of the page view.
func (rs *ReaderScreen) ViewMaxY() float32 {
	s := rs.lay.scroll()
	return max(s.Content.Size().Height-s.Size().Height, 0)
}

// ViewHeight returns the height of the page view.
func (rs *ReaderScreen) ViewHeight() float32 { return rs.lay.scroll().Size().Height }

// pointAt returns the view position of the point (x, y) of the current
// page, in the scroll's content.
func (rs *ReaderScreen) pointAt(x, y float64) fyne.Position {
	if rs.lay.cont {
		o, f := rs.lay.strip.origin(rs.page), rs.lay.strip.perPoint(rs.page)
		return o.Add(fyne.NewPos(float32(x)*f, float32(y)*f))
	}
	v := rs.lay.view
	return v.origin.Add(fyne.NewPos(float32(x)*v.perPoint, float32(y)*v.perPoint))
}

// PointInView returns where the point (x, y) of the current page is in the
// visible part of the view.
func (rs *ReaderScreen) PointInView(x, y float64) fyne.Position {
	return rs.pointAt(x, y).Subtract(rs.ViewOffset())
}

// Wheel turns the mouse wheel by dy (Fyne's units: 25 a notch) with the
// mouse on the point (x, y) of the current page.
func (rs *ReaderScreen) Wheel(dy float32, x, y float64) {
	ev := &fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: rs.pointAt(x, y)}, Scrolled: fyne.NewDelta(0, dy)}
	if rs.lay.cont {
		rs.lay.strip.Scrolled(ev)
		return
	}
	rs.lay.view.Scrolled(ev)
}

// ThumbFrames returns the stroke width of each thumbnail shown, by page.
func (rs *ReaderScreen) ThumbFrames() map[int]float32 {
	out := map[int]float32{}
	for o, page := range rs.side.thumbOf {
		_, frame, _ := thumbParts(o)
		out[page] = frame.StrokeWidth
	}
	return out
}

// ShowThumbs shows the side panel's thumbnails.
func (rs *ReaderScreen) ShowThumbs() { rs.side.tabs.SelectIndex(1) }

// FindField returns the find field.
func (rs *ReaderScreen) FindField() fyne.Focusable { return rs.bar.find }

// SetFindText types into the find field.
func (rs *ReaderScreen) SetFindText(s string) { rs.bar.find.SetText(s) }

// FindPrevButton and FindStopButton are the find field's buttons.
func (rs *ReaderScreen) FindPrevButton() *widget.Button { return rs.bar.prevHit }

// FindStopButton stops a search.
func (rs *ReaderScreen) FindStopButton() *widget.Button { return rs.bar.stop }

// FindMarks returns how many find hits are marked on the page shown, and
// how many of them as the current one.
func (rs *ReaderScreen) FindMarks() (all, current int) {
	for _, m := range rs.marksOn(rs.page) {
		if m.fill == findFill || m.fill == findCurrentFill {
			all++
		}
		if m.thick {
			current++
		}
	}
	return all, current
}

// BackButton returns the toolbar's Back button.
func (rs *ReaderScreen) BackButton() *widget.Button { return rs.bar.back }

// LinkAddress returns the address the open-link dialog shows; "" when
// none is showing.
func (rs *ReaderScreen) LinkAddress() string {
	if rs.linkDialog == nil || len(rs.u.modals) == 0 {
		return ""
	}
	for _, o := range rs.u.win.Canvas().Overlays().List() {
		if l := findLabel(o); l != "" {
			return l
		}
	}
	return ""
}

// findLabel returns the text of the first label in o that is an address.
func findLabel(o fyne.CanvasObject) string {
	switch w := o.(type) {
	case *widget.Label:
		if strings.Contains(w.Text, "://") {
			return w.Text
		}
	case *fyne.Container:
		for _, c := range w.Objects {
			if s := findLabel(c); s != "" {
				return s
			}
		}
	case fyne.Widget:
		r := test.WidgetRenderer(w)
		for _, c := range r.Objects() {
			if s := findLabel(c); s != "" {
				return s
			}
		}
	}
	return ""
}

// SelectOutline reloads the outline and selects its entry id ("0", "0/1").
func (rs *ReaderScreen) SelectOutline(id string) {
	rs.side.load()
	rs.side.tree.Select(id)
}

// RightClickOnPage right-clicks the current page at point (x, y) and
// returns the labels of the menu shown.
func (rs *ReaderScreen) RightClickOnPage(x, y float64) []string {
	rs.hl.shownMenu = nil
	pos := rs.pointAt(x, y)
	ev := &fyne.PointEvent{Position: pos, AbsolutePosition: pos}
	if rs.lay.cont {
		rs.lay.strip.TappedSecondary(ev)
	} else {
		rs.lay.view.TappedSecondary(ev)
	}
	if rs.hl.shownMenu == nil {
		return nil
	}
	var out []string
	for _, it := range rs.hl.shownMenu.Items {
		out = append(out, it.Label)
	}
	return out
}

// ChooseMenu runs the item of the menu shown last with that label.
func (rs *ReaderScreen) ChooseMenu(label string) {
	for _, it := range rs.hl.shownMenu.Items {
		if it.Label == label {
			it.Action()
		}
	}
	for _, o := range rs.u.win.Canvas().Overlays().List() {
		if p, ok := o.(*widget.PopUpMenu); ok {
			p.Hide()
		}
	}
}

// HighlightCopy taps the Copy button of the highlight dialog.
func (rs *ReaderScreen) HighlightCopy() {
	for _, o := range rs.u.win.Canvas().Overlays().List() {
		if b := findButton(o, "Copy"); b != nil {
			test.Tap(b)
			return
		}
	}
}

// findButton returns the button labelled text in o.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch w := o.(type) {
	case *widget.Button:
		if w.Text == text {
			return w
		}
	case *fyne.Container:
		for _, c := range w.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

// NotesRows returns the texts of the Notes tab's rows.
func (rs *ReaderScreen) NotesRows() []string {
	p := rs.side.notes
	var out []string
	for i := range p.rows {
		o := newNoteRow()
		p.updateRow(i, o)
		out = append(out, o.(*fyne.Container).Objects[0].(*widget.Label).Text)
	}
	return out
}

// SelectNotesRow selects row i of the Notes tab.
func (rs *ReaderScreen) SelectNotesRow(i int) { rs.side.notes.list.Select(i) }

// FileDialogText returns the texts of the labels of the dialog showing a
// note or field of the file; "" when none shows.
func (rs *ReaderScreen) FileDialogText() string {
	if rs.fileDialog == nil || len(rs.u.modals) == 0 {
		return ""
	}
	var texts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			texts = append(texts, w.Text)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	for _, o := range rs.u.win.Canvas().Overlays().List() {
		walk(o)
	}
	return strings.Join(texts, "|")
}

// HoverOnPage moves the mouse to the point (x, y) of the current page and
// returns the cursor shown there.
func (rs *ReaderScreen) HoverOnPage(x, y float64) desktop.Cursor {
	ev := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: rs.pointAt(x, y)}}
	if rs.lay.cont {
		rs.lay.strip.MouseMoved(ev)
		return rs.lay.strip.Cursor()
	}
	rs.lay.view.MouseMoved(ev)
	return rs.lay.view.Cursor()
}

// ToolbarParts returns the find field and the toolbar's Back button and "?"
// button, the buttons of the top row's left (Library, Bookmark) and the
// last part of the second row, to measure where they are.
func (rs *ReaderScreen) ToolbarParts() []fyne.CanvasObject {
	var help fyne.CanvasObject
	var left []fyne.CanvasObject
	for _, o := range rs.bar.content.(*fyne.Container).Objects[0].(*fyne.Container).Objects {
		if c, ok := o.(*fyne.Container); ok {
			if help == nil {
				left = c.Objects
			}
			help = c.Objects[len(c.Objects)-1]
		}
	}
	nav := rs.bar.content.(*fyne.Container).Objects[1].(*fyne.Container).Objects
	return append([]fyne.CanvasObject{rs.bar.find, rs.bar.nextHit, help, rs.bar.back, nav[len(nav)-1]}, left...)
}

// ShowSearchProgress shows what the toolbar shows while a search runs on
// page done of total with found hits, the one before last shown.
func (rs *ReaderScreen) ShowSearchProgress(found, done, total int) {
	rs.find.hits = make([]FindHit, found)
	rs.find.cur, rs.find.shown = found-2, true
	rs.bar.searching(true)
	rs.bar.found.SetText(rs.find.searchingStatus(done, total))
}

// ShowNotesTab shows the side panel's Notes tab.
func (rs *ReaderScreen) ShowNotesTab() { rs.side.tabs.SelectIndex(2) }

// HighlightColours returns the colour choice of the highlight popup.
func (rs *ReaderScreen) HighlightColours() *widget.RadioGroup {
	var find func(o fyne.CanvasObject) *widget.RadioGroup
	find = func(o fyne.CanvasObject) *widget.RadioGroup {
		switch o := o.(type) {
		case *widget.RadioGroup:
			return o
		case *fyne.Container:
			for _, c := range o.Objects {
				if r := find(c); r != nil {
					return r
				}
			}
		}
		return nil
	}
	for _, o := range rs.u.win.Canvas().Overlays().List() {
		if p, ok := o.(*widget.PopUp); ok {
			if r := find(p.Content); r != nil {
				return r
			}
		}
	}
	return nil
}

// ConfirmHighlight answers the highlight popup with Save, as its button.
func (rs *ReaderScreen) ConfirmHighlight() { rs.hl.dialog.(*dialog.ConfirmDialog).Confirm() }

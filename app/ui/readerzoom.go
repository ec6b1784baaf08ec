package ui

import (
	"context"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// layout places the toolbar over the side panel and the page.
func (rs *ReaderScreen) layout() fyne.CanvasObject {
	msg := container.NewGridWrap(fyne.NewSize(460, 120), rs.message)
	page := container.NewStack(rs.view.scroll, rs.strip.scroll, container.NewCenter(msg))
	split := container.NewHSplit(rs.side.content, page)
	split.Offset = 0.24
	return container.NewBorder(rs.bar.content, nil, nil, nil, split)
}

// ZoomIn enlarges the page one step.
func (rs *ReaderScreen) ZoomIn() { rs.setZoom(rs.factor * zoomStep) }

// ZoomOut shrinks the page one step.
func (rs *ReaderScreen) ZoomOut() { rs.setZoom(rs.factor / zoomStep) }

func (rs *ReaderScreen) setZoom(f float32) {
	rs.mode, rs.factor = zoomFixed, min(max(f, zoomMin), zoomMax)
	rs.refit()
}

// FitWidth fits the page's width to the view.
func (rs *ReaderScreen) FitWidth() { rs.mode = zoomFitWidth; rs.refit() }

// FitPage fits the whole page in the view.
func (rs *ReaderScreen) FitPage() { rs.mode = zoomFitPage; rs.refit() }

func (rs *ReaderScreen) refit() {
	if rs.src == nil {
		return
	}
	rs.showPage()
	rs.savePosition()
}

func (rs *ReaderScreen) onWheelZoom(in bool) {
	if in {
		rs.ZoomIn()
	} else {
		rs.ZoomOut()
	}
}

// SetNight turns night mode (an inverted page) on or off.
func (rs *ReaderScreen) SetNight(on bool) {
	rs.night = on
	if rs.src != nil {
		rs.showPage()
	}
}

// savePosition records the page and zoom in the background.
func (rs *ReaderScreen) savePosition() {
	pos := Position{Page: rs.page}
	switch rs.mode {
	case zoomFitPage:
		pos.Zoom = -1
	case zoomFixed:
		pos.Zoom = float64(rs.factor)
	}
	id, u := rs.doc.ID, rs.u
	u.th.Go(func() { _ = u.positions().SetPosition(context.WithoutCancel(u.ctx), id, pos) })
}

// close stops rendering and releases the document.
func (rs *ReaderScreen) close() {
	rs.cancel()
	rs.stop()
	if src := rs.src; src != nil {
		rs.u.th.Go(func() { src.Close() })
	}
}

// askPassword asks for the password of a protected document.
func (rs *ReaderScreen) askPassword(wrong bool, page int) {
	pw := widget.NewPasswordEntry()
	msg := "This document is password-protected. Enter its password to read it."
	if wrong {
		msg = "That password did not open the document. Try again."
	}
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	rs.message.SetText("This document is password-protected.")
	d := dialog.NewForm("Password", "Open", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("", label), widget.NewFormItem("Password", pw)},
		func(ok bool) {
			if ok {
				rs.open(pw.Text, page)
			}
		}, rs.u.win)
	d.Resize(fyne.NewSize(420, 220))
	d.Show()
	rs.u.win.Canvas().Focus(pw)
}

// askPage asks for a page number (Ctrl+G).
func (rs *ReaderScreen) askPage() {
	e := widget.NewEntry()
	e.SetPlaceHolder(fmt.Sprintf("1 – %d", rs.pages))
	d := dialog.NewForm("Go to page", "Go", "Cancel", []*widget.FormItem{widget.NewFormItem("Page", e)},
		func(ok bool) {
			if n, err := strconv.Atoi(e.Text); ok && err == nil {
				rs.GoTo(n)
			}
		}, rs.u.win)
	e.OnSubmitted = func(string) { d.Submit() }
	d.Show()
	rs.u.win.Canvas().Focus(e)
}

// prefsPositions keeps reading positions in Fyne's preferences, until the
// annotations store provides them.
type prefsPositions struct{ p fyne.Preferences }

func (pp prefsPositions) Position(_ context.Context, id int64) (Position, error) {
	k := fmt.Sprintf("position.%d.", id)
	return Position{Page: pp.p.Int(k + "page"), Zoom: pp.p.Float(k + "zoom")}, nil
}

func (pp prefsPositions) SetPosition(_ context.Context, id int64, pos Position) error {
	k := fmt.Sprintf("position.%d.", id)
	pp.p.SetInt(k+"page", pos.Page)
	pp.p.SetFloat(k+"zoom", pos.Zoom)
	return nil
}

// positions returns where reading positions are kept.
func (u *UI) positions() Positions {
	if p, ok := u.cfg.Annotations.(Positions); ok {
		return p
	}
	return prefsPositions{u.app.Preferences()}
}

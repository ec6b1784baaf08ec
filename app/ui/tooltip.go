package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tipDelay is how long the pointer rests on a cut title before the whole
// title shows.
const tipDelay = 500 * time.Millisecond

// tipWidth bounds the width of a title's tip; longer titles wrap.
const tipWidth = 480

// hoverTitle is a title cut to its width with an ellipsis that shows in
// full, in a tip by the pointer, when the pointer rests on it.
type hoverTitle struct {
	widget.Label
	th     Threads
	tip    *widget.PopUp
	cancel func()
}

func newHoverTitle(th Threads) *hoverTitle {
	l := &hoverTitle{th: th, cancel: func() {}}
	l.TextStyle.Bold = true
	l.Truncation = fyne.TextTruncateEllipsis
	l.ExtendBaseWidget(l)
	return l
}

// MouseIn waits for the pointer to rest, then shows the tip.
func (l *hoverTitle) MouseIn(ev *desktop.MouseEvent) {
	l.cancel()
	at := ev.AbsolutePosition
	l.cancel = l.th.After(tipDelay, func() { l.th.Do(func() { l.showTip(at) }) })
}

// MouseMoved does nothing: the tip stays where it opened.
func (l *hoverTitle) MouseMoved(*desktop.MouseEvent) {}

// MouseOut hides the tip.
func (l *hoverTitle) MouseOut() {
	l.cancel()
	if l.tip != nil {
		l.tip.Hide()
		l.tip = nil
	}
}

// cut reports whether the title does not fit its width.
func (l *hoverTitle) cut() bool {
	w := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width
	return w+2*theme.InnerPadding() > l.Size().Width
}

// showTip shows the whole title by the pointer, when it is cut.
func (l *hoverTitle) showTip(at fyne.Position) {
	c := fyne.CurrentApp().Driver().CanvasForObject(l)
	if c == nil || !l.cut() {
		return
	}
	text := widget.NewLabel(l.Text)
	text.Wrapping = fyne.TextWrapWord
	l.tip = widget.NewPopUp(text, c)
	w := min(fyne.MeasureText(l.Text, theme.TextSize(), fyne.TextStyle{}).Width+4*theme.InnerPadding(), tipWidth)
	l.tip.Resize(fyne.NewSize(w, 0))
	l.tip.Resize(fyne.NewSize(w, l.tip.MinSize().Height))
	l.tip.ShowAtPosition(at.Add(fyne.NewPos(12, 18)))
}

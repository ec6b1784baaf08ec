package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// filterBar shows the library's filters in a row when the window is wide
// enough, and otherwise collapses them into a "Filters" button that opens
// them in a panel under it: the window never has to grow to hold them.
type filterBar struct {
	items   []fyne.CanvasObject
	row     *fyne.Container // the filters in a row (wide windows)
	panel   *fyne.Container // the filters in a column (the popup of narrow windows)
	button  *widget.Button
	popup   *widget.PopUp
	active  func() int // how many filters are on, for the button's label
	content *fyne.Container
	compact bool
}

func newFilterBar(win fyne.Window, active func() int, items ...fyne.CanvasObject) *filterBar {
	b := &filterBar{items: items, row: container.NewHBox(items...), panel: container.NewVBox(), active: active}
	b.button = widget.NewButtonWithIcon(lang.L("Filters"), theme.ListIcon(), b.openPanel)
	b.popup = widget.NewPopUp(container.NewPadded(b.panel), win.Canvas())
	b.button.Hide()
	b.content = container.New(&collapseLayout{b: b}, b.row, b.button)
	return b
}

// rowWidth is the width the filters need in a row.
func (b *filterBar) rowWidth() float32 {
	pad := theme.Padding()
	w := -pad
	for _, o := range b.items {
		w += o.MinSize().Width + pad
	}
	return w
}

// setCompact moves the filters into the popup's column (compact) or back
// into the row.
func (b *filterBar) setCompact(compact bool) {
	if compact == b.compact {
		return
	}
	b.compact = compact
	b.popup.Hide()
	if compact {
		b.row.Objects, b.panel.Objects = nil, b.items
	} else {
		b.row.Objects, b.panel.Objects = b.items, nil
	}
	setVisible(b.row, !compact)
	setVisible(b.button, compact)
	b.row.Refresh()
	b.panel.Refresh()
	b.showActive()
}

// showActive writes how many filters are on in the button: "Filters (2)".
func (b *filterBar) showActive() {
	text := lang.L("Filters")
	if n := b.active(); n > 0 {
		text = lang.L("Filters ({{.Count}})", map[string]any{"Count": n})
	}
	b.button.SetText(text)
}

// openPanel shows the filters under the button.
func (b *filterBar) openPanel() {
	c := fyne.CurrentApp().Driver().CanvasForObject(b.button)
	if c == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b.button)
	b.popup.ShowAtPosition(pos.Add(fyne.NewPos(0, b.button.Size().Height)))
	b.popup.Resize(fyne.NewSize(max(b.panel.MinSize().Width, 260)+2*theme.Padding(), b.popup.MinSize().Height))
}

// collapseLayout lays out a filterBar: the row when it fits, the button
// otherwise. Its minimum width is the button's, so the bar never holds
// the window wider than the screen.
type collapseLayout struct{ b *filterBar }

func (l *collapseLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.b.setCompact(l.b.rowWidth() > size.Width)
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(size.Width, size.Height))
	}
	l.b.button.Resize(fyne.NewSize(l.b.button.MinSize().Width, size.Height))
}

func (l *collapseLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	h := l.b.button.MinSize().Height
	for _, o := range l.b.items {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.b.button.MinSize().Width, h)
}

package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// The Notes tab's rows. With no layer, it lists the user's annotations as
// they are. With layers, each author has a heading: "Your notes" first,
// then each layer in its colour with its catalogue and a Hide or Show
// button, its annotations under it (none while it is hidden); the author
// filter above the list keeps one of them. Every annotation's line names
// its author after its page.

// noteRow is a row of the Notes tab: an author's heading or an annotation.
type noteRow struct {
	head  bool
	layer app.Layer // a heading's layer; zero for the user's own
	count int       // a heading's annotations
	item  int       // an annotation's index in notesPanel.items
	// section is a heading of the file's own annotations; file, when not
	// 0, is a row of one of them: its index in notesPanel.file, plus 1.
	section fileSection
	file    int
}

// buildRows lays the annotations out under their authors, as the filter
// lets them through.
func (p *notesPanel) buildRows() {
	p.rows = p.rows[:0]
	byLayer := map[int64][]int{}
	for i, a := range p.items {
		byLayer[a.Layer] = append(byLayer[a.Layer], i)
	}
	add := func(items []int) {
		for _, i := range items {
			p.rows = append(p.rows, noteRow{item: i})
		}
	}
	defer p.addFileRows()
	if len(p.layers) == 0 {
		add(byLayer[0])
		return
	}
	if p.showsLayer(0) {
		p.rows = append(p.rows, noteRow{head: true, count: len(byLayer[0])})
		add(byLayer[0])
	}
	for _, l := range p.layers {
		if p.showsLayer(l.ID) {
			p.rows = append(p.rows, noteRow{head: true, layer: l, count: l.Items})
			add(byLayer[l.ID])
		}
	}
}

// showFilter offers the author filter when the document has layers.
func (p *notesPanel) showFilter() {
	if len(p.layers) == 0 {
		p.filter = ""
		p.filterSel.Hide()
		return
	}
	opts := p.filterOptions()
	p.filterSel.Options = opts
	keep := false
	for _, o := range opts {
		keep = keep || o == p.filter
	}
	if !keep {
		p.filter = filterEveryone()
	}
	p.filterSel.Selected = p.filter
	p.filterSel.Refresh()
	p.filterSel.Show()
}

func (p *notesPanel) onFilter(choice string) {
	if choice == p.filter {
		return
	}
	p.filter = choice
	p.buildRows()
	p.sel = -1
	p.list.UnselectAll()
	p.edit.Disable()
	p.del.Disable()
	p.list.Refresh()
}

// newNoteRow is the list's row template: a colour swatch and an icon, the
// text, and the button of a layer's heading.
func newNoteRow() fyne.CanvasObject {
	swatch := canvas.NewRectangle(color.Transparent)
	swatch.SetMinSize(fyne.NewSize(4, 20))
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	toggle := widget.NewButton(lang.L("Hide"), nil)
	toggle.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, container.NewHBox(swatch, widget.NewIcon(theme.DocumentIcon())), toggle, l)
}

func (p *notesPanel) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	row := p.rows[i]
	c := o.(*fyne.Container)
	label, toggle := c.Objects[0].(*widget.Label), c.Objects[2].(*widget.Button)
	left := c.Objects[1].(*fyne.Container)
	swatch, icon := left.Objects[0].(*canvas.Rectangle), left.Objects[1].(*widget.Icon)
	swatch.FillColor = color.Transparent
	label.TextStyle.Bold = row.head
	if row.head {
		p.updateHeading(row, label, toggle, icon, swatch)
		return
	}
	if row.file > 0 {
		n := p.file[row.file-1]
		icon.Show()
		toggle.Hide()
		icon.SetResource(theme.MailComposeIcon())
		if n.Field {
			icon.SetResource(theme.DocumentIcon())
		}
		swatch.Refresh()
		label.SetText(fileLine(n))
		return
	}
	a := p.items[row.item]
	icon.Show()
	toggle.Hide()
	icon.SetResource(map[app.AnnotationKind]fyne.Resource{app.KindBookmark: theme.ContentAddIcon(),
		app.KindNote: theme.DocumentCreateIcon(), app.KindHighlight: theme.ColorPaletteIcon()}[a.Kind])
	if a.Layer != 0 {
		swatch.FillColor = inkOf(p.layer(a.Layer).Color)
	}
	swatch.Refresh()
	label.SetText(annotationLine(a, p.authorOf(a)))
}

func (p *notesPanel) updateHeading(row noteRow, label *widget.Label, toggle *widget.Button, icon *widget.Icon,
	swatch *canvas.Rectangle) {
	icon.Hide()
	if row.section != 0 {
		toggle.Hide()
		swatch.Refresh()
		label.SetText(fileHeading(row.section, row.count))
		return
	}
	if row.layer.ID == 0 {
		toggle.Hide()
		swatch.Refresh()
		label.SetText(lang.L("Your notes ({{.Count}})", map[string]any{"Count": thousands(row.count)}))
		return
	}
	l := row.layer
	swatch.FillColor = inkOf(l.Color)
	swatch.Refresh()
	text := fmt.Sprintf("%s (%s)", layerTitle(l), thousands(row.count))
	toggle.SetText(lang.L("Hide"))
	if l.Hidden {
		text = lang.L("{{.Layer}} ({{.Count}}), hidden", map[string]any{"Layer": layerTitle(l), "Count": thousands(row.count)})
		toggle.SetText(lang.L("Show"))
	}
	label.SetText(text)
	toggle.OnTapped = func() { p.toggleLayer(l) }
	toggle.Show()
}

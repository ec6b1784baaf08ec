package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// sourcesPanel lists the catalogues with add, edit and remove.
type sourcesPanel struct {
	u       *UI
	list    *widget.List
	items   []app.Source
	sel     int
	edit    *widget.Button
	remove  *widget.Button
	content fyne.CanvasObject
}

func newSourcesPanel(u *UI) *sourcesPanel {
	p := &sourcesPanel{u: u, sel: -1}
	p.list = widget.NewList(func() int { return len(p.items) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(sourceLine(p.items[i])) })
	p.list.OnSelected = func(i widget.ListItemID) { p.sel = i; p.edit.Enable(); p.remove.Enable() }
	add := widget.NewButtonWithIcon("Add…", theme.ContentAddIcon(), func() { p.showForm(app.Source{}) })
	p.edit = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), func() { p.showForm(p.items[p.sel]) })
	p.remove = widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), p.onRemove)
	p.edit.Disable()
	p.remove.Disable()
	p.content = container.NewBorder(nil, container.NewHBox(add, p.edit, p.remove), nil, nil, p.list)
	p.load()
	return p
}

func sourceLine(s app.Source) string {
	line := fmt.Sprintf("%s — %s entries, %s", s.Label(), thousands(s.Entries), strings.ToLower(lastSyncedText(s.LastSync, nowFunc())))
	if !isNetworkURL(s.URL) {
		line = fmt.Sprintf("%s — %s entries, on this computer", s.Label(), thousands(s.Entries))
	}
	switch {
	case s.CutShort():
		line += " — " + app.ListingCutShort
	case s.LastError != "":
		line += " — last sync failed"
	}
	return line
}

func (p *sourcesPanel) load() {
	var srcs []app.Source
	var err error
	p.u.background(func() { srcs, err = p.u.lib.Sources(p.u.ctx) }, func() {
		if !p.u.report("read the sources", err) {
			return
		}
		p.items, p.sel = srcs, -1
		p.list.UnselectAll()
		p.edit.Disable()
		p.remove.Disable()
		p.list.Refresh()
	})
}

func (p *sourcesPanel) onRemove() {
	src := p.items[p.sel]
	d := dialog.NewConfirm("Remove catalogue", fmt.Sprintf("Stop following %s? Downloaded files and your notes stay.", src.Label()),
		func(ok bool) {
			if !ok {
				return
			}
			var err error
			p.u.background(func() { err = p.u.lib.RemoveSource(p.u.ctx, src.ID) }, func() {
				p.u.report("remove the catalogue", err)
				p.load()
				p.u.shelf.reload()
			})
		}, p.u.win)
	p.u.showModal(d, d.Confirm)
}

package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
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
	add := widget.NewButtonWithIcon(lang.L("Add…"), theme.ContentAddIcon(), func() { p.showForm(app.Source{}) })
	p.edit = widget.NewButtonWithIcon(lang.L("Edit…"), theme.DocumentCreateIcon(), func() { p.showForm(p.items[p.sel]) })
	p.remove = widget.NewButtonWithIcon(lang.L("Remove"), theme.DeleteIcon(), p.onRemove)
	p.edit.Disable()
	p.remove.Disable()
	p.content = container.NewBorder(nil, container.NewHBox(add, p.edit, p.remove), nil, nil, p.list)
	p.load()
	return p
}

func sourceLine(s app.Source) string {
	args := map[string]any{"Catalogue": s.Label(), "Count": thousands(s.Entries), "Synced": strings.ToLower(lastSyncedText(s.LastSync, nowFunc()))}
	line := lang.N("{{.Catalogue}} — {{.Count}} entries, {{.Synced}}", s.Entries, args)
	if !isNetworkURL(s.URL) {
		line = lang.N("{{.Catalogue}} — {{.Count}} entries, on this computer", s.Entries, args)
	}
	switch {
	case s.CutShort():
		line += " — " + lang.L("listing cut short")
	case s.LastError != "":
		line += " — " + lang.L("last sync failed")
	}
	return line
}

func (p *sourcesPanel) load() {
	var srcs []app.Source
	var err error
	p.u.background(func() { srcs, err = p.u.lib.Sources(p.u.ctx) }, func() {
		if !p.u.report(lang.L("read the catalogues"), err) {
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
	d := dialog.NewConfirm(lang.L("Remove catalogue"), lang.L("Stop following {{.Catalogue}}? Downloaded files and your notes stay.",
		map[string]any{"Catalogue": src.Label()}),
		func(ok bool) {
			if !ok {
				return
			}
			var err error
			p.u.background(func() { err = p.u.lib.RemoveSource(p.u.ctx, src.ID) }, func() {
				p.u.report(lang.L("remove the catalogue"), err)
				p.load()
				p.u.shelf.reload()
			})
		}, p.u.win)
	d.SetConfirmText(lang.L("Remove"))
	d.SetDismissText(lang.L("Cancel"))
	p.u.showModal(d, d.Confirm)
}

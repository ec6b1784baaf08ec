package ui

import (
	"context"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// Layers is what the reader needs of the annotation layers: the
// annotations that catalogues publish with their publications (a
// trainer's), read-only, one layer per catalogue and author. The library's
// Annotations lists the items of the layers shown beside the user's own.
type Layers interface {
	// DocumentLayers lists the layers with annotations on a document,
	// hidden ones too.
	DocumentLayers(ctx context.Context, docID int64) ([]app.Layer, error)
	SetLayerHidden(ctx context.Context, id int64, hidden bool) error
	// CopyLayerAnnotation copies an annotation of a layer into the user's
	// own, under the user's name.
	CopyLayerAnnotation(ctx context.Context, id int64) (app.AnnotationItem, error)
}

// layerInk are the colours of app.LayerColors: dark enough for the
// author's name drawn in them on a white page to read at AA contrast.
var layerInk = map[string]color.NRGBA{
	"purple": {0x6a, 0x1b, 0x9a, 0xff},
	"teal":   {0x00, 0x69, 0x5c, 0xff},
	"orange": {0xa8, 0x40, 0x00, 0xff},
	"red":    {0xb7, 0x1c, 0x1c, 0xff},
	"brown":  {0x5d, 0x40, 0x37, 0xff},
	"indigo": {0x28, 0x35, 0x93, 0xff},
}

// inkOf returns a layer colour's ink; an unknown name is purple.
func inkOf(name string) color.NRGBA {
	if c, ok := layerInk[name]; ok {
		return c
	}
	return layerInk["purple"]
}

// layerFill is the translucent fill of a layer's highlights.
func layerFill(name string) color.NRGBA {
	c := inkOf(name)
	c.A = 0x48
	return c
}

// authorOf says who wrote an annotation: the layer's author, or the
// user's own name ("you" when none is set).
func (p *notesPanel) authorOf(a app.AnnotationItem) string {
	if a.Layer != 0 {
		return layerName(p.layer(a.Layer))
	}
	if a.Author != "" {
		return a.Author
	}
	return lang.L("you")
}

// layer returns one of the document's layers by id.
func (p *notesPanel) layer(id int64) app.Layer {
	for _, l := range p.layers {
		if l.ID == id {
			return l
		}
	}
	return app.Layer{ID: id}
}

// filterOptions are the choices of the author filter: everyone, the user,
// then each layer.
func (p *notesPanel) filterOptions() []string {
	out := []string{filterEveryone(), filterYou()}
	for _, l := range p.layers {
		out = append(out, layerTitle(l))
	}
	return out
}

// filterEveryone and filterYou are the author filter's first choices.
func filterEveryone() string { return lang.L("Every author") }
func filterYou() string      { return lang.L("Your own") }

// showsLayer reports whether the author filter lets a layer's rows (0 for
// the user's own) through.
func (p *notesPanel) showsLayer(id int64) bool {
	switch p.filter {
	case "", filterEveryone():
		return true
	case filterYou():
		return id == 0
	}
	return id != 0 && layerTitle(p.layer(id)) == p.filter
}

// toggleLayer hides or shows a layer, then lists the annotations again.
func (p *notesPanel) toggleLayer(l app.Layer) {
	rs := p.rs
	rs.annotate(func(an Annotations) error { return an.SetLayerHidden(rs.ctx, l.ID, !l.Hidden) }, nil)
}

// openAnnotation opens an annotation: the user's own to edit, a layer's
// to read and copy.
func (rs *ReaderScreen) openAnnotation(a app.AnnotationItem) {
	if a.Layer != 0 {
		rs.showLayerItem(a)
		return
	}
	rs.askNote(a)
}

// showLayerItem shows an annotation of a layer, which cannot be changed:
// its text, its author and catalogue, and a button that copies it into
// the user's own notes.
func (rs *ReaderScreen) showLayerItem(a app.AnnotationItem) {
	l := rs.side.notes.layer(a.Layer)
	text := a.Text
	if a.Quote != "" {
		text = "“" + app.Clip(a.Quote, 300) + "”\n\n" + a.Text
	}
	body := widget.NewLabel(text)
	body.Wrapping = fyne.TextWrapWord
	by := widget.NewLabel(lang.L("By {{.Author}}, published with {{.Catalogue}}. It cannot be changed here: copy it to make it yours.",
		map[string]any{"Author": layerName(l), "Catalogue": l.Source}))
	by.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(layerItemTitle(a), lang.L("Copy to my notes"), lang.L("Close"),
		container.NewVBox(body, widget.NewSeparator(), by), func(copyIt bool) {
			if copyIt {
				rs.annotate(func(an Annotations) error {
					_, err := an.CopyLayerAnnotation(rs.ctx, a.ID)
					return err
				}, nil)
			}
		}, rs.u.win)
	d.Resize(rs.u.dialogSize(480, 300))
	rs.u.showModal(d, d.Confirm)
}

// layerItemTitle is "Highlight on page 4", "Note on the document".
func layerItemTitle(a app.AnnotationItem) string {
	page := map[string]any{"Page": a.Page}
	switch {
	case a.Kind == app.KindBookmark && a.Page > 0:
		return lang.L("Bookmark on page {{.Page}}", page)
	case a.Kind == app.KindHighlight && a.Page > 0:
		return lang.L("Highlight on page {{.Page}}", page)
	case a.Page > 0:
		return lang.L("Note on page {{.Page}}", page)
	case a.Kind == app.KindBookmark:
		return lang.L("Bookmark on the document")
	case a.Kind == app.KindHighlight:
		return lang.L("Highlight on the document")
	}
	return lang.L("Note on the document")
}

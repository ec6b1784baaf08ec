package ui_test

import (
	"context"

	"fieldshelf/app"
)

// The fake library's annotation layers: n.layers, whose items are among
// n.items with their Layer set.

func (n *fakeNotes) hidden(layer int64) bool {
	for _, l := range n.layers {
		if l.ID == layer {
			return l.Hidden
		}
	}
	return false
}

func (n *fakeNotes) DocumentLayers(context.Context, int64) ([]app.Layer, error) {
	return append([]app.Layer(nil), n.layers...), nil
}

func (n *fakeNotes) SetLayerHidden(_ context.Context, id int64, hidden bool) error {
	for i := range n.layers {
		if n.layers[i].ID == id {
			n.layers[i].Hidden = hidden
			return nil
		}
	}
	return app.ErrNotFound
}

// CopyLayerAnnotation copies a layer's item as the user's own.
func (n *fakeNotes) CopyLayerAnnotation(_ context.Context, id int64) (app.AnnotationItem, error) {
	for _, a := range n.items {
		if a.Layer != 0 && a.ID == id {
			a.Layer, a.Author = 0, "me"
			a.Annotation = n.add(a)
			return a, nil
		}
	}
	return app.AnnotationItem{}, app.ErrNotFound
}

package ui_test

import (
	"context"
	"errors"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/ui"
)

func TestOpenWithOpensTheLoadedDocument(t *testing.T) {
	lib := newFakeLib(3)
	src := &fakeSource{pages: 4}
	u, _ := newUI(t, lib, ui.Config{Opener: func(context.Context, app.Document, string) (ui.PageSource, error) { return src, nil }})
	local := app.Document{ID: 2, Title: "My file", File: &app.File{Path: "files/2.pdf"}}
	u.OpenWith(func(context.Context) (app.Document, error) { return local, nil })
	rs := u.Reader()
	if rs == nil {
		t.Fatal("no reader opened")
	}
	if page, w, _, _ := rs.Shown(); page != 1 || w == 0 {
		t.Fatalf("shown page %d at width %d, want page 1", page, w)
	}
	if got := u.Library().Detail().Title(); got != "My file" {
		t.Fatalf("detail pane shows %q; closing the reader should come back to the file", got)
	}
}

func TestOpenWithShowsWhyNot(t *testing.T) {
	u, _ := newUI(t, newFakeLib(1), ui.Config{})
	u.OpenWith(func(context.Context) (app.Document, error) {
		return app.Document{}, errors.New("notes.pdf is not a PDF file")
	})
	if u.Reader() != nil {
		t.Fatal("a reader opened on a failure")
	}
	if got := u.SyncBar().Error(); got != "Could not open the file: notes.pdf is not a PDF file." {
		t.Fatalf("error line = %q", got)
	}
}

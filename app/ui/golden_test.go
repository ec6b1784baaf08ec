package ui_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"fieldshelf/app/ui"
)

// The markup goldens pin the parts of the screens whose layout is stable:
// a list row and the detail pane of a document without a file.

func TestLibraryRowMarkup(t *testing.T) {
	lib := newFakeLib(3)
	u, _ := newUI(t, lib, ui.Config{})
	s := u.Library()
	row := s.NewRow()
	s.BindRow(1, row)
	w := test.NewTempWindow(t, row)
	w.Resize(fyne.NewSize(640, 80))
	test.AssertRendersToMarkup(t, "library_row.xml", w.Canvas())
}

func TestDetailPaneMarkup(t *testing.T) {
	lib := newFakeLib(2)
	u, _ := newUI(t, lib, ui.Config{})
	u.Library().Select(0)
	pane := u.Library().Detail().Content().(fyne.CanvasObject)
	w := test.NewTempWindow(t, pane)
	w.Resize(fyne.NewSize(480, 420))
	test.AssertRendersToMarkup(t, "detail_no_file.xml", w.Canvas())
}

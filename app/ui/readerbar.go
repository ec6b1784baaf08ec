package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// readerBar is the reader's toolbar.
type readerBar struct {
	rs      *ReaderScreen
	page    *widget.Entry
	total   *widget.Label
	zoom    *widget.Label
	night   *widget.Check
	cont    *widget.Check
	mark    *widget.Check
	find    *keyEntry
	found   *widget.Label
	prevHit *widget.Button
	nextHit *widget.Button
	stop    *widget.Button // stops a search
	back    *widget.Button // back along the links followed
	forward *widget.Button
	title   *widget.Label
	content fyne.CanvasObject
}

func newReaderBar(rs *ReaderScreen) *readerBar {
	b := &readerBar{rs: rs, page: widget.NewEntry(), total: widget.NewLabel("/ –"), zoom: widget.NewLabel("")}
	b.page.OnSubmitted = func(s string) {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
			rs.GoTo(n)
		} else {
			b.showPage()
		}
	}
	b.night = widget.NewCheck(lang.L("Night"), rs.SetNight)
	b.cont = widget.NewCheck(lang.L("Scroll"), rs.SetContinuous)
	b.cont.Checked = rs.lay.cont
	b.mark = widget.NewCheck(lang.L("Highlight"), func(on bool) { rs.hl.on = on })
	b.find = newKeyEntry(rs.u)
	b.find.SetPlaceHolder(lang.L("Find in document (Ctrl+F)"))
	b.find.OnSubmitted = rs.find.search
	b.find.onKey = b.onFindKey
	b.find.OnChanged = func(s string) {
		if strings.TrimSpace(s) == "" {
			rs.find.clear()
		}
	}
	b.found = widget.NewLabel("")
	b.prevHit = widget.NewButtonWithIcon("", theme.MoveUpIcon(), rs.find.previous)
	b.nextHit = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { rs.find.search(b.find.Text) })
	b.stop = widget.NewButton(lang.L("Stop"), rs.find.Stop)
	b.stop.Hide()
	b.back = widget.NewButtonWithIcon("", theme.MailReplyIcon(), rs.Back)
	b.forward = widget.NewButtonWithIcon("", theme.MailForwardIcon(), rs.Forward)
	b.back.Disable()
	b.forward.Disable()
	b.title = widget.NewLabelWithStyle(rs.doc.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.title.Truncation = fyne.TextTruncateEllipsis
	btn := func(icon fyne.Resource, tip string, f func()) *widget.Button {
		bt := widget.NewButtonWithIcon("", icon, f)
		bt.Importance = widget.LowImportance
		return bt
	}
	back := widget.NewButtonWithIcon(lang.L("Library"), theme.NavigateBackIcon(), rs.u.closeReader)
	nav := container.NewHBox(
		b.back, b.forward,
		btn(theme.MediaSkipPreviousIcon(), "first", func() { rs.GoTo(1) }),
		btn(theme.NavigateBackIcon(), "previous", rs.Prev),
		sized(b.page, 64), b.total,
		btn(theme.NavigateNextIcon(), "next", rs.Next),
		btn(theme.MediaSkipNextIcon(), "last", func() { rs.GoTo(rs.pages) }),
		widget.NewSeparator(),
		btn(theme.ZoomOutIcon(), "zoom out", rs.ZoomOut), b.zoom,
		btn(theme.ZoomInIcon(), "zoom in", rs.ZoomIn),
		widget.NewButton(lang.L("Width"), rs.FitWidth), widget.NewButton(lang.L("Page"), rs.FitPage),
		b.cont, b.night, b.mark,
	)
	// Bookmark sits by Library at the top left: the second row has no
	// room left for it in the longer languages (Russian) at 1024 pixels.
	bookmark := widget.NewButtonWithIcon(lang.L("Bookmark"), theme.ContentAddIcon(), rs.AddBookmark)
	// The find field sits at the top right, its status and Stop to its
	// left, so that its buttons stay put whatever the status says.
	findBox := container.NewHBox(b.stop, b.found, sized(b.find, findWidth), b.prevHit, b.nextHit,
		widget.NewButton("?", rs.u.showHelp))
	top := container.NewBorder(nil, nil, container.NewHBox(back, bookmark), findBox, b.title)
	b.content = container.NewVBox(top, nav, widget.NewSeparator())
	return b
}

// findWidth is the width of the find field.
const findWidth = 240

// showPage writes the page number and count.
func (b *readerBar) showPage() {
	b.page.SetText(strconv.Itoa(b.rs.page))
	b.total.SetText(fmt.Sprintf("/ %d", b.rs.pages))
}

// onFindKey takes the find field's keys: Shift+Enter goes to the hit
// before, Escape leaves the field (the keys turn pages again).
func (b *readerBar) onFindKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if b.rs.u.mods()&fyne.KeyModifierShift == 0 {
			return false
		}
		b.rs.find.previous()
	case fyne.KeyEscape:
		b.rs.u.win.Canvas().Unfocus()
	default:
		return false
	}
	return true
}

// searching shows Stop while a search runs, and the hit buttons otherwise.
func (b *readerBar) searching(on bool) {
	if on {
		b.stop.Show()
	} else {
		b.stop.Hide()
	}
}

// showZoom writes the zoom as a percentage of 100% = 1 pixel per point at 96 DPI.
func (b *readerBar) showZoom() {
	b.zoom.SetText(fmt.Sprintf("%d%%", int(b.rs.lay.factor*100+0.5)))
}

// Find runs an in-document search, as typing in the find field and Enter
// would.
func (rs *ReaderScreen) Find(q string) {
	rs.bar.find.SetText(q)
	rs.find.search(q)
}

// FindStatus returns "2 of 5", "No matches" or "".
func (rs *ReaderScreen) FindStatus() string { return rs.bar.found.Text }

// Message returns the message shown instead of a page ("" when none).
func (rs *ReaderScreen) Message() string {
	return rs.notice.shown()
}

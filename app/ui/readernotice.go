package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// readerNotice is what the reader shows instead of a page: "Opening…",
// or why the document could not be opened, with what can be done about
// it (download the file again, remove it) and the technical details.
type readerNotice struct {
	rs      *ReaderScreen
	text    *widget.Label
	detail  *widget.Label
	actions *fyne.Container
	content *fyne.Container
}

func newReaderNotice(rs *ReaderScreen) *readerNotice {
	n := &readerNotice{rs: rs, text: widget.NewLabel("Opening…"), detail: widget.NewLabel("")}
	n.text.Wrapping = fyne.TextWrapWord
	n.text.Alignment = fyne.TextAlignCenter
	n.detail.Wrapping = fyne.TextWrapBreak
	n.detail.Selectable = true
	n.detail.SizeName = theme.SizeNameCaptionText
	n.detail.Hide()
	again := widget.NewButtonWithIcon("Download again", theme.DownloadIcon(), n.onDownloadAgain)
	again.Importance = widget.HighImportance
	if rs.doc.FileURL == "" {
		again.Hide()
	}
	remove := widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), n.onRemove)
	n.actions = container.NewCenter(container.NewHBox(again, remove))
	n.actions.Hide()
	n.content = container.NewVBox(n.text, n.actions, n.detail)
	return n
}

// say shows a message with nothing to do about it.
func (n *readerNotice) say(text string) {
	n.text.SetText(text)
	n.actions.Hide()
	n.detail.Hide()
	n.content.Show()
}

// fail says why the document cannot be read and offers to download it
// again or remove it.
func (n *readerNotice) fail(err error) {
	msg, detail := app.Explain("open "+app.QuotedTitle(n.rs.doc), err)
	n.text.SetText(msg)
	n.detail.SetText("Details: " + detail)
	n.detail.Show()
	n.actions.Show()
	n.content.Show()
}

func (n *readerNotice) hide() { n.content.Hide() }

// shown returns the message shown, "" when none.
func (n *readerNotice) shown() string {
	if !n.content.Visible() {
		return ""
	}
	return n.text.Text
}

// onDownloadAgain closes the reader, removes the file and fetches it anew.
func (n *readerNotice) onDownloadAgain() {
	d, u := n.rs.doc, n.rs.u
	u.closeReader()
	u.removeFile(d, func() {
		d.File = nil
		u.dls.start(d)
	})
}

// onRemove closes the reader and removes the file.
func (n *readerNotice) onRemove() {
	d, u := n.rs.doc, n.rs.u
	u.closeReader()
	u.removeFile(d, nil)
}

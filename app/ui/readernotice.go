package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
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
	more    *widget.Accordion // "Details", holding detail
	actions *fyne.Container
	again   *widget.Button
	remove  *widget.Button
	content *fyne.Container
}

func newReaderNotice(rs *ReaderScreen) *readerNotice {
	n := &readerNotice{rs: rs, text: widget.NewLabel(lang.L("Opening…")), detail: widget.NewLabel("")}
	n.text.Wrapping = fyne.TextWrapWord
	n.text.Alignment = fyne.TextAlignCenter
	n.detail.Wrapping = fyne.TextWrapWord
	n.detail.Selectable = true
	n.detail.SizeName = theme.SizeNameCaptionText
	n.more = widget.NewAccordion(widget.NewAccordionItem(lang.L("Details"), n.detail))
	n.more.Hide()
	n.again = widget.NewButtonWithIcon(lang.L("Download again"), theme.DownloadIcon(), n.onDownloadAgain)
	n.again.Importance = widget.HighImportance
	if rs.doc.FileURL == "" {
		n.again.Hide()
	}
	n.remove = widget.NewButtonWithIcon(lang.L("Remove"), theme.DeleteIcon(), n.onRemove)
	n.actions = container.NewCenter(container.NewHBox(n.again, n.remove))
	n.actions.Hide()
	n.content = container.NewVBox(n.text, n.actions, n.more)
	return n
}

// say shows a message with nothing to do about it.
func (n *readerNotice) say(text string) {
	n.text.SetText(text)
	n.actions.Hide()
	n.more.Hide()
	n.content.Show()
}

// fail says why the document cannot be read and offers to download it
// again or remove it.
func (n *readerNotice) fail(err error) {
	msg, detail := explain(lang.L("open {{.Title}}", map[string]any{"Title": app.QuotedTitle(n.rs.doc)}), err)
	n.text.SetText(msg)
	n.detail.SetText(detail)
	n.more.Show()
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
	u.removeFile(d, func() { u.dls.start(d) }) // d keeps its old file's pin
}

// onRemove closes the reader and removes the file.
func (n *readerNotice) onRemove() {
	d, u := n.rs.doc, n.rs.u
	u.closeReader()
	u.removeFile(d, nil)
}

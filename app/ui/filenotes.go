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

// The annotations a PDF file carries itself: its sticky notes open on a
// click on their icon (which MuPDF draws) and are listed in the Notes tab
// under "In the file" with their authors; its form fields are listed with
// their values under "Form fields". Fieldshelf reads them and never
// writes the file: forms are read-only, and it says so.

// fileSection is a Notes tab heading of the file's own annotations.
type fileSection int

const (
	fileNotesSection fileSection = iota + 1
	fileFieldsSection
)

// loadFile reads the file's own notes and fields in the background.
func (p *notesPanel) loadFile() {
	rs := p.rs
	src := rs.src
	if src == nil {
		return
	}
	var notes []app.FileNote
	var err error
	rs.u.background(func() { notes, err = src.FileNotes(rs.ctx) }, func() {
		if err != nil || rs.ctx.Err() != nil {
			return // a file whose annotations cannot be read reads as before
		}
		p.file = notes
		p.buildRows()
		p.list.Refresh()
	})
}

// addFileRows lists the file's sticky notes, then its form fields, each
// under a heading, when the author filter shows every author.
func (p *notesPanel) addFileRows() {
	if p.filter != "" && p.filter != filterEveryone() {
		return
	}
	for _, sec := range []fileSection{fileNotesSection, fileFieldsSection} {
		var idx []int
		for i, n := range p.file {
			if n.Field == (sec == fileFieldsSection) {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			continue
		}
		p.rows = append(p.rows, noteRow{head: true, section: sec, count: len(idx)})
		for _, i := range idx {
			p.rows = append(p.rows, noteRow{file: i + 1})
		}
	}
}

// fileHeading is the text of a heading of the file's annotations.
func fileHeading(sec fileSection, count int) string {
	if sec == fileFieldsSection {
		return lang.L("Form fields, read-only ({{.Count}})", map[string]any{"Count": thousands(count)})
	}
	return lang.L("In the file ({{.Count}})", map[string]any{"Count": thousands(count)})
}

// fileLine is the row of a note or field of the file.
func fileLine(n app.FileNote) string {
	where := lang.L("p. {{.Page}}", map[string]any{"Page": n.Page})
	if n.Field {
		return where + "  " + n.Name + ": " + oneLine(n.Value)
	}
	return where + "  " + orUnknownAuthor(n.Author) + ": " + oneLine(n.Text)
}

// orUnknownAuthor is the author of a note that names none.
func orUnknownAuthor(a string) string {
	if a == "" {
		return lang.L("Unknown author")
	}
	return a
}

// showFileNote goes to a note or field of the file and shows it.
func (rs *ReaderScreen) showFileNote(n app.FileNote) {
	if n.Page != rs.page {
		rs.goTo(n.Page, spot{y: n.Rect.Y0, third: true})
	}
	text := widget.NewLabel(n.Text)
	text.Wrapping = fyne.TextWrapWord
	title := lang.L("Note by {{.Author}}", map[string]any{"Author": orUnknownAuthor(n.Author)})
	copyText := n.Text
	body := fyne.CanvasObject(text)
	if n.Field {
		title = lang.L("Form field")
		msg := widget.NewLabel(lang.L("Fieldshelf shows forms as the file fills them in: they cannot be filled in or changed here."))
		msg.Wrapping = fyne.TextWrapWord
		value := n.Value
		if value == "" {
			value = lang.L("(empty)")
		}
		text.SetText(n.Name + ": " + value)
		copyText = n.Value
		body = container.NewVBox(msg, text)
	}
	cp := widget.NewButtonWithIcon(lang.L("Copy"), theme.ContentCopyIcon(), func() { rs.u.app.Clipboard().SetContent(copyText) })
	d := dialog.NewCustom(title, lang.L("Close"), container.NewBorder(nil, container.NewHBox(cp), nil, nil,
		container.NewVScroll(body)), rs.u.win)
	d.Resize(rs.u.dialogSize(460, 280))
	rs.fileDialog = d
	rs.u.showModal(d, nil)
}

// fileNoteAt returns the note or field of the file under the point (x, y)
// of page.
func (p *notesPanel) fileNoteAt(page int, x, y float64) (app.FileNote, bool) {
	for _, n := range p.file {
		if r := n.Rect; n.Page == page && x >= r.X0 && x <= r.X1 && y >= r.Y0 && y <= r.Y1 {
			return n, true
		}
	}
	return app.FileNote{}, false
}

// oneLine collapses a text's white space into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

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

// notesPanel lists the open document's annotations: the user's own and,
// under their authors' names, those of the layers that catalogues publish
// (see notesrows.go).
type notesPanel struct {
	rs        *ReaderScreen
	items     []app.AnnotationItem // the user's own and the shown layers'
	file      []app.FileNote       // the sticky notes and form fields of the file itself
	layers    []app.Layer          // the document's layers, hidden ones too
	rows      []noteRow            // what the list shows
	filter    string               // the author filter's choice
	sel       int                  // the selected item; -1 for none
	undo      *app.AnnotationItem
	list      *widget.List
	filterSel *widget.Select
	undoBtn   *widget.Button
	edit      *widget.Button
	del       *widget.Button
	content   fyne.CanvasObject
}

func newNotesPanel(rs *ReaderScreen) *notesPanel {
	p := &notesPanel{rs: rs, sel: -1}
	p.list = widget.NewList(func() int { return len(p.rows) }, newNoteRow, p.updateRow)
	p.list.OnSelected = p.onSelected
	p.filterSel = widget.NewSelect(nil, p.onFilter)
	p.filterSel.Hide()
	p.edit = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), p.onEdit)
	p.del = widget.NewButtonWithIcon("", theme.DeleteIcon(), p.onDelete)
	p.undoBtn = widget.NewButtonWithIcon(lang.L("Undo"), theme.ContentUndoIcon(), p.onUndo)
	p.edit.Disable()
	p.del.Disable()
	p.undoBtn.Disable()
	note := widget.NewButtonWithIcon(lang.L("Note"), theme.ContentAddIcon(), rs.addPageNote)
	docNote := widget.NewButton(lang.L("Doc note"), func() { rs.askNote(app.AnnotationItem{Kind: app.KindNote}) })
	export := widget.NewButtonWithIcon("", theme.DocumentSaveIcon(), p.onExport)
	imp := widget.NewButtonWithIcon("", theme.FolderOpenIcon(), p.onImport)
	tools := container.NewVBox(container.NewHBox(note, docNote, export, imp), container.NewHBox(p.edit, p.del, p.undoBtn))
	p.content = container.NewBorder(p.filterSel, tools, nil, nil, p.list)
	return p
}

// annotationLine is an annotation's row: its page, its author and its
// text.
func annotationLine(a app.AnnotationItem, author string) string {
	where := lang.L("Document")
	if a.Page > 0 {
		where = lang.L("p. {{.Page}}", map[string]any{"Page": a.Page})
	}
	text := a.Text
	if a.Kind == app.KindHighlight && a.Quote != "" {
		text = "“" + a.Quote + "” " + a.Text
	}
	if text == "" && a.Kind == app.KindBookmark {
		text = lang.L("Bookmark")
	}
	line := where + "  " + author + ": " + strings.Join(strings.Fields(text), " ")
	if a.NeedsReview {
		line += "  " + lang.L("(needs review)")
	}
	return line
}

// load lists the annotations and the document's layers in the
// background.
func (p *notesPanel) load() {
	var items []app.AnnotationItem
	var layers []app.Layer
	var err error
	rs := p.rs
	rs.u.background(func() {
		if items, err = rs.u.lib.Annotations(rs.ctx, rs.doc.ID); err == nil {
			layers, err = rs.u.lib.DocumentLayers(rs.ctx, rs.doc.ID)
		}
	}, func() {
		if !rs.u.report(lang.L("list the annotations"), err) {
			return
		}
		p.items, p.layers, p.sel = items, layers, -1
		p.showFilter()
		p.buildRows()
		p.list.UnselectAll()
		p.edit.Disable()
		p.del.Disable()
		p.list.Refresh()
		rs.refreshMarks() // saved highlights are drawn over their pages
	})
}

func (p *notesPanel) onSelected(i widget.ListItemID) {
	row := p.rows[i]
	if row.head {
		p.list.Unselect(i)
		return
	}
	if row.file > 0 {
		p.sel = -1
		p.edit.Disable()
		p.del.Disable()
		p.list.Unselect(i) // a second click shows it again
		p.rs.showFileNote(p.file[row.file-1])
		return
	}
	p.sel = row.item
	a := p.items[row.item]
	p.edit.Enable()
	if a.Layer == 0 {
		p.del.Enable()
	} else {
		p.del.Disable() // a layer's annotations are read-only
	}
	if a.Page > 0 {
		p.rs.GoTo(a.Page)
	}
}

func (p *notesPanel) onEdit() {
	if p.sel >= 0 {
		p.rs.openAnnotation(p.items[p.sel])
	}
}

func (p *notesPanel) onDelete() {
	if p.sel < 0 || p.items[p.sel].Layer != 0 {
		return
	}
	a := p.items[p.sel]
	p.rs.annotate(func(an Annotations) error { return an.RemoveAnnotation(p.rs.ctx, a.Kind, a.ID) }, func() {
		p.undo = &a
		p.undoBtn.Enable()
	})
}

func (p *notesPanel) onUndo() {
	if p.undo == nil {
		return
	}
	a := *p.undo
	p.rs.annotate(func(an Annotations) error { return an.RestoreAnnotation(p.rs.ctx, a.Kind, a.ID) }, func() {
		p.undo = nil
		p.undoBtn.Disable()
	})
}

// Items returns the annotations listed.
func (p *notesPanel) Items() []app.AnnotationItem { return p.items }

// annotate runs a change in the background, then reloads the panel.
func (rs *ReaderScreen) annotate(change func(Annotations) error, done func()) {
	var err error
	rs.u.background(func() { err = change(rs.u.lib) }, func() {
		if !rs.u.report(lang.L("save the annotation"), err) {
			return
		}
		if done != nil {
			done()
		}
		rs.side.notes.load()
	})
}

// AddBookmark bookmarks the page shown (Ctrl+B); a document that could
// not be opened has no page to bookmark.
func (rs *ReaderScreen) AddBookmark() {
	if rs.src == nil {
		return
	}
	page := rs.page
	rs.annotate(func(an Annotations) error {
		_, err := an.AddBookmark(rs.ctx, rs.doc.ID, page, lang.L("Page {{.Page}}", map[string]any{"Page": page}))
		return err
	}, func() { rs.side.showNotes() })
}

// AddNote adds a note to the page shown (page 0: to the document).
func (rs *ReaderScreen) AddNote(page int, text string) {
	rs.annotate(func(an Annotations) error {
		_, err := an.AddNote(rs.ctx, rs.doc.ID, page, text)
		return err
	}, func() { rs.side.showNotes() })
}

func (rs *ReaderScreen) addPageNote() {
	if rs.src == nil {
		return
	}
	rs.askNote(app.AnnotationItem{Kind: app.KindNote, Page: rs.page})
}

// Annotations returns the annotations the panel lists.
func (rs *ReaderScreen) Annotations() []app.AnnotationItem { return rs.side.notes.Items() }

// askNote writes a new note (a.ID == 0) or edits an annotation's text,
// and a highlight's colour.
func (rs *ReaderScreen) askNote(a app.AnnotationItem) {
	e := newDialogEntry(rs.u, true)
	e.SetText(a.Text)
	e.SetPlaceHolder(lang.L("Markdown; Ctrl+Enter saves"))
	e.SetMinRowsVisible(6)
	title := lang.L("Note on the document")
	if a.Page > 0 {
		title = lang.L("Note on page {{.Page}}", map[string]any{"Page": a.Page})
	}
	var content fyne.CanvasObject = e
	if a.ID != 0 {
		content = container.NewBorder(nil, widget.NewLabel(lang.L("By {{.Author}}", map[string]any{"Author": rs.side.notes.authorOf(a)})), nil, nil, e)
	}
	if a.Kind == app.KindHighlight {
		title = lang.L("Highlight on page {{.Page}}", map[string]any{"Page": a.Page})
		colors := newColorChoice(a.Color, func(c string) { a.Color = c })
		what := lang.L("An area of the page")
		if a.Quote != "" {
			what = "“" + app.Clip(a.Quote, 180) + "”"
		}
		quote := widget.NewLabel(what)
		quote.Wrapping = fyne.TextWrapWord
		content = container.NewVBox(quote, colors, content)
	}
	d := dialog.NewCustomConfirm(title, lang.L("Save"), lang.L("Cancel"), content, func(ok bool) {
		switch {
		case !ok:
		case a.ID == 0 && strings.TrimSpace(e.Text) != "":
			rs.AddNote(a.Page, e.Text)
		case a.ID != 0:
			a.Text = e.Text
			rs.annotate(func(an Annotations) error { return an.EditAnnotation(rs.ctx, a.Kind, a.ID, a.Text, a.Color) }, nil)
		}
	}, rs.u.win)
	d.Resize(fyne.NewSize(460, 280))
	rs.u.showModal(d, d.Confirm)
	rs.u.win.Canvas().Focus(e)
}

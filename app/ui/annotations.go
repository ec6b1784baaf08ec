package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// AnnotationKind says what an annotation is.
type AnnotationKind string

// The kinds of annotation.
const (
	KindBookmark  AnnotationKind = "bookmark"
	KindNote      AnnotationKind = "note"
	KindHighlight AnnotationKind = "highlight"
)

// Annotation is a bookmark, note or highlight as the panel shows it.
type Annotation struct {
	ID          int64
	Kind        AnnotationKind
	Page        int    // from 1; 0 for a note on the whole document
	Text        string // a bookmark's label, a note's body or a highlight's note
	Quote       string // a highlight's quoted text
	Color       string
	Author      string
	Updated     time.Time
	NeedsReview bool       // a highlight not found again in a new edition
	Rects       []app.Rect // a highlight's rectangles on its page, in points
}

// Annotations keeps a document's annotations. The annotations store
// provides it through an adapter; tests use a fake.
type Annotations interface {
	List(ctx context.Context, docID int64) ([]Annotation, error)
	AddBookmark(ctx context.Context, docID int64, page int, label string) (Annotation, error)
	AddNote(ctx context.Context, docID int64, page int, text string) (Annotation, error)
	Edit(ctx context.Context, a Annotation) error
	Delete(ctx context.Context, a Annotation) error
	Undelete(ctx context.Context, a Annotation) error
	// Export writes the document's annotations (all when docID is 0) to
	// path as Markdown ("md") or W3C Web Annotation JSON-LD ("w3c").
	Export(ctx context.Context, docID int64, format, path string) error
	// Import reads a W3C export and returns how many annotations it added.
	Import(ctx context.Context, path string) (int, error)
}

// errNoAnnotations explains a build without the annotations store.
var errNoAnnotations = errors.New("annotations are not available in this build")

// notesPanel lists the open document's annotations.
type notesPanel struct {
	rs      *ReaderScreen
	items   []Annotation
	sel     int
	undo    *Annotation
	list    *widget.List
	undoBtn *widget.Button
	edit    *widget.Button
	del     *widget.Button
	content fyne.CanvasObject
}

func newNotesPanel(rs *ReaderScreen) *notesPanel {
	p := &notesPanel{rs: rs, sel: -1}
	p.list = widget.NewList(func() int { return len(p.items) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewIcon(theme.DocumentIcon()), nil, l)
		}, p.updateItem)
	p.list.OnSelected = p.onSelected
	p.edit = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), p.onEdit)
	p.del = widget.NewButtonWithIcon("", theme.DeleteIcon(), p.onDelete)
	p.undoBtn = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), p.onUndo)
	p.edit.Disable()
	p.del.Disable()
	p.undoBtn.Disable()
	note := widget.NewButtonWithIcon("Note", theme.ContentAddIcon(), rs.addPageNote)
	docNote := widget.NewButton("Doc note", func() { rs.askNote(Annotation{Kind: KindNote}) })
	export := widget.NewButtonWithIcon("", theme.DocumentSaveIcon(), p.onExport)
	imp := widget.NewButtonWithIcon("", theme.FolderOpenIcon(), p.onImport)
	tools := container.NewVBox(container.NewHBox(note, docNote, export, imp), container.NewHBox(p.edit, p.del, p.undoBtn))
	p.content = container.NewBorder(nil, tools, nil, nil, p.list)
	return p
}

func (p *notesPanel) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	a := p.items[i]
	c := o.(*fyne.Container)
	c.Objects[0].(*widget.Label).SetText(annotationLine(a))
	icon := map[AnnotationKind]fyne.Resource{KindBookmark: theme.ContentAddIcon(), KindNote: theme.DocumentCreateIcon(),
		KindHighlight: theme.ColorPaletteIcon()}[a.Kind]
	c.Objects[1].(*widget.Icon).SetResource(icon)
}

func annotationLine(a Annotation) string {
	where := "Document"
	if a.Page > 0 {
		where = fmt.Sprintf("p. %d", a.Page)
	}
	text := a.Text
	if a.Kind == KindHighlight && a.Quote != "" {
		text = "“" + a.Quote + "” " + a.Text
	}
	if text == "" && a.Kind == KindBookmark {
		text = "Bookmark"
	}
	line := where + "  " + strings.Join(strings.Fields(text), " ")
	if a.NeedsReview {
		line += "  (needs review)"
	}
	return line
}

// load lists the annotations in the background.
func (p *notesPanel) load() {
	an := p.rs.u.cfg.Annotations
	if an == nil {
		return
	}
	var items []Annotation
	var err error
	p.rs.u.background(func() { items, err = an.List(p.rs.ctx, p.rs.doc.ID) }, func() {
		if err != nil {
			p.rs.u.showError("list the annotations", err)
			return
		}
		p.items, p.sel = items, -1
		p.list.UnselectAll()
		p.edit.Disable()
		p.del.Disable()
		p.list.Refresh()
		p.rs.refreshMarks() // saved highlights are drawn over their pages
	})
}

func (p *notesPanel) onSelected(i widget.ListItemID) {
	p.sel = i
	p.edit.Enable()
	p.del.Enable()
	if a := p.items[i]; a.Page > 0 {
		p.rs.GoTo(a.Page)
	}
}

func (p *notesPanel) onEdit() {
	if p.sel >= 0 {
		p.rs.askNote(p.items[p.sel])
	}
}

func (p *notesPanel) onDelete() {
	if p.sel < 0 {
		return
	}
	a := p.items[p.sel]
	p.rs.annotate(func(an Annotations) error { return an.Delete(p.rs.ctx, a) }, func() {
		p.undo = &a
		p.undoBtn.Enable()
	})
}

func (p *notesPanel) onUndo() {
	if p.undo == nil {
		return
	}
	a := *p.undo
	p.rs.annotate(func(an Annotations) error { return an.Undelete(p.rs.ctx, a) }, func() {
		p.undo = nil
		p.undoBtn.Disable()
	})
}

// Items returns the annotations listed.
func (p *notesPanel) Items() []Annotation { return p.items }

// annotate runs a change in the background, then reloads the panel.
func (rs *ReaderScreen) annotate(change func(Annotations) error, done func()) {
	an := rs.u.cfg.Annotations
	if an == nil {
		rs.u.showError("save the annotation", errNoAnnotations)
		return
	}
	var err error
	rs.u.background(func() { err = change(an) }, func() {
		if err != nil {
			rs.u.showError("save the annotation", err)
			return
		}
		if done != nil {
			done()
		}
		rs.side.notes.load()
	})
}

// AddBookmark bookmarks the page shown (Ctrl+B).
func (rs *ReaderScreen) AddBookmark() {
	page := rs.page
	rs.annotate(func(an Annotations) error {
		_, err := an.AddBookmark(rs.ctx, rs.doc.ID, page, fmt.Sprintf("Page %d", page))
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

func (rs *ReaderScreen) addPageNote() { rs.askNote(Annotation{Kind: KindNote, Page: rs.page}) }

// Annotations returns the annotations the panel lists.
func (rs *ReaderScreen) Annotations() []Annotation { return rs.side.notes.Items() }

// askNote writes a new note (a.ID == 0) or edits an annotation's text,
// and a highlight's colour.
func (rs *ReaderScreen) askNote(a Annotation) {
	e := widget.NewMultiLineEntry()
	e.SetText(a.Text)
	e.SetMinRowsVisible(6)
	e.Wrapping = fyne.TextWrapWord
	title := "Note on the document"
	if a.Page > 0 {
		title = fmt.Sprintf("Note on page %d", a.Page)
	}
	var content fyne.CanvasObject = e
	if a.Kind == KindHighlight {
		title = fmt.Sprintf("Highlight on page %d", a.Page)
		colors := widget.NewRadioGroup(highlightColorNames, func(c string) { a.Color = c })
		colors.Horizontal, colors.Required = true, true
		colors.SetSelected(a.Color)
		what := "An area of the page"
		if a.Quote != "" {
			what = "“" + clip(a.Quote, 180) + "”"
		}
		quote := widget.NewLabel(what)
		quote.Wrapping = fyne.TextWrapWord
		content = container.NewVBox(quote, colors, e)
	}
	d := dialog.NewCustomConfirm(title, "Save", "Cancel", content, func(ok bool) {
		switch {
		case !ok:
		case a.ID == 0 && strings.TrimSpace(e.Text) != "":
			rs.AddNote(a.Page, e.Text)
		case a.ID != 0:
			a.Text = e.Text
			rs.annotate(func(an Annotations) error { return an.Edit(rs.ctx, a) }, nil)
		}
	}, rs.u.win)
	d.Resize(fyne.NewSize(460, 280))
	d.Show()
	rs.u.win.Canvas().Focus(e)
}

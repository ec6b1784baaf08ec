package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// Test hooks of the Notes tab's authors and layers.

// NoteRows returns the text of each row of the Notes tab, as the list
// shows it.
func (rs *ReaderScreen) NoteRows() []string {
	p := rs.side.notes
	out := make([]string, len(p.rows))
	for i := range p.rows {
		o := newNoteRow()
		p.updateRow(i, o)
		out[i] = o.(*fyne.Container).Objects[0].(*widget.Label).Text
	}
	return out
}

// NoteToggle returns the Hide or Show button of the heading in row i.
func (rs *ReaderScreen) NoteToggle(i int) *widget.Button {
	o := newNoteRow()
	rs.side.notes.updateRow(i, o)
	return o.(*fyne.Container).Objects[2].(*widget.Button)
}

// FilterNotes chooses an author in the Notes tab's filter.
func (rs *ReaderScreen) FilterNotes(choice string) { rs.side.notes.filterSel.SetSelected(choice) }

// FilterChoices returns the filter's choices, none when it is hidden.
func (rs *ReaderScreen) FilterChoices() []string {
	if !rs.side.notes.filterSel.Visible() {
		return nil
	}
	return rs.side.notes.filterSel.Options
}

// SelectNote selects row i of the Notes tab; EditNote taps its pencil.
func (rs *ReaderScreen) SelectNote(i int) { rs.side.notes.list.Select(i) }
func (rs *ReaderScreen) EditNote()        { rs.side.notes.onEdit() }
func (rs *ReaderScreen) DeleteEnabled() bool {
	return !rs.side.notes.del.Disabled()
}

// MarkLabels returns the labels written over the page shown.
func (rs *ReaderScreen) MarkLabels() []string {
	var out []string
	for _, o := range rs.lay.view.marks.objs {
		if t, ok := o.(*canvas.Text); ok {
			out = append(out, t.Text)
		}
	}
	return out
}

// ShareButton returns the toolbar's Share button.
func (u *UI) ShareButton() *widget.Button { return u.share.button }

// ShareSwitch returns the dialog's on/off check and its status text; the
// dialog must be open.
func (u *UI) ShareSwitch() (*widget.Check, string) { return u.share.check, u.share.status.Text }

// PublishForm is the Publish screen as tests fill it.
type PublishForm struct {
	Dir, Out, Title *keyEntry
	Publish, Share  *widget.Button
	f               *publishForm
}

// Result returns what the screen says after a publish.
func (p PublishForm) Result() string { return p.f.result.Text }

// AddAnnotations adds an annotation file, as Add… does.
func (p PublishForm) AddAnnotations(path string) { p.f.sets = append(p.f.sets, path) }

// OpenPublish opens the Publish screen.
func (u *UI) OpenPublish() PublishForm {
	f := newPublishForm(u)
	f.show()
	return PublishForm{Dir: f.dir, Out: f.out, Title: f.title, Publish: f.publishBtn, Share: f.share, f: f}
}

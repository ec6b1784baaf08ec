package ui

import (
	"encoding/json"
	"slices"

	"fyne.io/fyne/v2"

	"fieldshelf/app"
)

// Preferences that bring the window back as it was left.
const (
	prefWidth    = "window.width"
	prefHeight   = "window.height"
	prefListing  = "library.listing" // the sort and filters, as JSON
	prefDocument = "reader.document" // the document open when Fieldshelf closed; 0 for none
)

// listingState is the library's sort and filters as they are kept.
type listingState struct {
	Sort      string `json:"sort,omitempty"`
	Tag       string `json:"tag,omitempty"`
	Type      string `json:"type,omitempty"`
	Year      string `json:"year,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Offline   bool   `json:"offline,omitempty"`
	Notes     bool   `json:"notes,omitempty"`
	Updates   bool   `json:"updates,omitempty"`
}

// restoreSize gives the window the size it had when Fieldshelf closed.
func (u *UI) restoreSize() {
	p := u.app.Preferences()
	if w, h := p.Float(prefWidth), p.Float(prefHeight); w > 0 && h > 0 {
		u.win.Resize(fyne.NewSize(float32(w), float32(h)))
	}
}

// saveState keeps the window's size and the open document for the next
// start (the sort and filters are kept as they change).
func (u *UI) saveState() {
	p := u.app.Preferences()
	if s := u.win.Canvas().Size(); s.Width > 0 && s.Height > 0 {
		p.SetFloat(prefWidth, float64(s.Width))
		p.SetFloat(prefHeight, float64(s.Height))
	}
	id := int64(0)
	if u.read != nil {
		id = u.read.doc.ID
	}
	p.SetInt(prefDocument, int(id))
}

// restoreDocument opens the document that was open when Fieldshelf closed,
// where the reader left it, unless another one is open already.
func (u *UI) restoreDocument() {
	id := int64(u.app.Preferences().Int(prefDocument))
	if id == 0 {
		return
	}
	var d app.Document
	var err error
	u.background(func() { d, err = u.lib.Document(u.ctx, id) }, func() {
		if err == nil && d.File != nil && u.read == nil && !u.openingFile {
			u.shelf.detail.show(d) // where closing the reader comes back to
			u.openReader(d, 0, "")
		}
	})
}

// saveListing keeps the sort and filters.
func (s *LibraryScreen) saveListing() {
	st := listingState{Sort: sortKeys[max(s.sort.SelectedIndex(), 0)], Year: s.year.Text, Publisher: s.pub.Text,
		Offline: s.offline.Checked, Notes: s.notes.Checked, Updates: s.updates.Checked}
	if s.tag.Selected != anyTag() {
		st.Tag = s.tag.Selected
	}
	if s.kind.Selected != anyType() {
		st.Type = s.kind.Selected
	}
	b, _ := json.Marshal(st)
	s.u.app.Preferences().SetString(prefListing, string(b))
}

// restoreListing sets the sort and filters as they were kept. The tag and
// type wait for their menus (see loadTags).
func (s *LibraryScreen) restoreListing() {
	var st listingState
	if json.Unmarshal([]byte(s.u.app.Preferences().String(prefListing)), &st) != nil {
		return
	}
	if i := slices.Index(sortKeys, st.Sort); i >= 0 {
		s.sort.SetSelectedIndex(i)
	}
	s.year.SetText(st.Year)
	s.pub.SetText(st.Publisher)
	s.offline.SetChecked(st.Offline)
	s.notes.SetChecked(st.Notes)
	s.updates.SetChecked(st.Updates)
	s.wantTag, s.wantType = st.Tag, st.Type
}

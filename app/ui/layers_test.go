package ui_test

import (
	"reflect"
	"testing"

	"fieldshelf/app"
)

// trainerNotes is a document with the user's note and a trainer's layer:
// a highlight on page 2 and a note on page 3.
func trainerNotes() *fakeNotes {
	n := newFakeNotes()
	n.layers = []app.Layer{{ID: 7, Source: "Workshop", Author: "Maria Lopez", Color: "teal", Items: 2}}
	n.items = []app.AnnotationItem{
		{Annotation: app.Annotation{ID: 1, Author: "Sam"}, Kind: app.KindNote, Page: 2, Text: "mine"},
		{Annotation: app.Annotation{ID: 101, Layer: 7}, Kind: app.KindHighlight, Page: 2, Quote: "consent first",
			Rects: []app.Rect{{X0: 50, Y0: 100, X1: 200, Y1: 112}, {X0: 50, Y0: 120, X1: 120, Y1: 132}}},
		{Annotation: app.Annotation{ID: 102, Layer: 7}, Kind: app.KindNote, Page: 3, Text: "trainer note"},
	}
	n.next = 200
	return n
}

func TestNotesTabListsAnnotationsUnderTheirAuthors(t *testing.T) {
	notes := trainerNotes()
	u, _ := openReader(t, 10, notes, nil)
	rs := u.Reader()
	rs.GoTo(2)
	want := []string{"Your notes (1)", "p. 2  Sam: mine", "Maria Lopez, Workshop (2)",
		"p. 2  Maria Lopez: “consent first”", "p. 3  Maria Lopez: trainer note"}
	if got := rs.NoteRows(); !reflect.DeepEqual(got, want) {
		t.Fatalf("rows %q, want %q", got, want)
	}
	if rs.Marks() != 3 || !reflect.DeepEqual(rs.MarkLabels(), []string{"Maria Lopez"}) {
		t.Fatalf("page 2 shows %d marks labelled %v, want the two lines and Maria's name", rs.Marks(), rs.MarkLabels())
	}
	if got := rs.FilterChoices(); len(got) != 3 || got[2] != "Maria Lopez, Workshop" {
		t.Fatalf("filter %v", got)
	}
	rs.FilterNotes("Maria Lopez, Workshop")
	if got := rs.NoteRows(); len(got) != 3 || got[0] != want[2] {
		t.Fatalf("Maria's rows %q", got)
	}
	rs.FilterNotes("Your own")
	if got := rs.NoteRows(); !reflect.DeepEqual(got, want[:2]) {
		t.Fatalf("the user's rows %q", got)
	}
	rs.FilterNotes("Every author")

	// A layer's annotation cannot be deleted; it can be copied.
	rs.SelectNote(4)
	if rs.DeleteEnabled() {
		t.Fatal("Delete is on for a trainer's note")
	}
	before := u.Dialogs()
	rs.EditNote()
	if u.Dialogs() != before+1 {
		t.Fatal("the trainer's note did not open")
	}
	u.TypeKey("Return") // Copy to my notes
	if n := len(notes.items); n != 4 || notes.items[3].Layer != 0 || notes.items[3].Text != "trainer note" {
		t.Fatalf("after the copy: %+v", notes.items)
	}

	// Tapped on the page, the trainer's highlight opens to be read, not
	// edited.
	rs.GoTo(2)
	before = u.Dialogs()
	rs.TapOnPage(60, 105)
	if u.Dialogs() != before+1 {
		t.Fatal("tapping the trainer's highlight did not open it")
	}
	u.TypeKey("Return") // Copy to my notes: the dialog is the layer's
	if n := len(notes.items); n != 5 || notes.items[4].Layer != 0 || notes.items[4].Quote != "consent first" {
		t.Fatalf("after copying the tapped highlight: %+v", notes.items)
	}
	if notes.items[1].Text != "" {
		t.Fatalf("the trainer's highlight was edited: %+v", notes.items[1])
	}

	// Hidden, the layer keeps its heading and nothing else, on the list and
	// on the page.
	rows := rs.NoteRows()
	toggle := rs.NoteToggle(len(rows) - 3)
	if toggle.Text != "Hide" {
		t.Fatalf("row %q has %q", rows[len(rows)-3], toggle.Text)
	}
	toggle.OnTapped()
	if !notes.layers[0].Hidden {
		t.Fatal("the layer was not hidden")
	}
	// The page keeps the copy (its two lines), without the trainer's name.
	if got := rs.NoteRows(); got[len(got)-1] != "Maria Lopez, Workshop (2), hidden" || rs.Marks() != 2 ||
		len(rs.MarkLabels()) != 0 {
		t.Fatalf("rows %q, %d marks labelled %v once hidden", got, rs.Marks(), rs.MarkLabels())
	}
}

package ui_test

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"fieldshelf/app"
	"fieldshelf/app/ui"
)

// searchLib is a library of 10 documents where "needle" is in the title of
// document 6 and in the page text of documents 3 (pages 3 and 5) and 4
// (page 1), both offline.
func searchLib() *fakeLib {
	lib := newFakeLib(10)
	lib.docs[5].Title = "The needle handbook"
	for _, i := range []int{2, 3} {
		lib.docs[i].File = &app.File{Path: "files/x.pdf", Size: 100}
	}
	lib.pageText[3] = []string{"one", "two", "a needle", "four", "needle again", "six"}
	lib.pageText[4] = []string{"needle first"}
	return lib
}

func TestSearchListsEachPublicationOnce(t *testing.T) {
	u, _ := newUI(t, searchLib(), ui.Config{})
	s := u.Library()
	s.Search("needle")
	if got := s.Count(); got != 3 || s.CountText() != "3 matching publications" {
		t.Fatalf("Count()=%d, text %q; want 3 publications", got, s.CountText())
	}
	title, meta, line := s.RowTexts(0)
	if title != "The needle handbook" || strings.Contains(meta, "match") {
		t.Errorf("row 0: %q, %q; want the title match first, without pages", title, meta)
	}
	title, meta, line = s.RowTexts(1)
	if title != "Report 00003 on field safety" || !strings.HasSuffix(meta, "· 2 pages match") || !strings.Contains(line, "needle") {
		t.Errorf("row 1: %q, %q, %q; want document 3 with its 2 pages and a snippet", title, meta, line)
	}
	if _, meta, _ = s.RowTexts(2); !strings.HasSuffix(meta, "· 1 page matches") {
		t.Errorf("row 2 meta %q, want 1 page", meta)
	}
	s.Select(1)
	heading, rows := s.Detail().Matches()
	if heading != "Found on 2 pages" || len(rows) != 2 {
		t.Fatalf("matches: %q with %d rows; want 2 pages listed", heading, len(rows))
	}
	s.Select(0)
	if heading, _ := s.Detail().Matches(); heading != "" {
		t.Errorf("a title match lists matches %q, want none", heading)
	}
}

func TestOpeningASearchHitGoesToItsPage(t *testing.T) {
	lib := searchLib()
	lib.fakeNotes.pos[3] = app.ReadingPosition{DocumentID: 3, Page: 6}
	src := &fakeSource{pages: 6}
	open := func(context.Context, app.Document, string) (ui.PageSource, error) { return src, nil }
	u, _ := newUI(t, lib, ui.Config{Opener: open})
	s := u.Library()
	s.Search("needle")
	s.Select(1)
	// Read (as Enter) opens at the best page, not where reading stopped,
	// with the words found and marked.
	u.TypeKey(fyne.KeyReturn)
	rs := u.Reader()
	if rs == nil || rs.Page() != 3 || rs.FindStatus() != "1 of 2" || rs.Marks() == 0 {
		t.Fatalf("opened at page %d, find %q, %d marks; want page 3, hit 1 of 2 marked", rs.Page(), rs.FindStatus(), rs.Marks())
	}
	u.TypeKey(fyne.KeyEscape)
	// A page of the detail pane's list opens there.
	_, rows := s.Detail().Matches()
	test.Tap(rows[1])
	if rs = u.Reader(); rs == nil || rs.Page() != 5 || rs.FindStatus() != "2 of 2" {
		t.Fatalf("the second match opened page %d, find %q; want page 5, hit 2 of 2", rs.Page(), rs.FindStatus())
	}
}

package ui_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"fieldshelf/app"
	"fieldshelf/app/ui"
)

// openReader opens document 1 (offline) on a fake source of n pages.
func openReader(t *testing.T, n int, notes *fakeNotes, open ui.Opener) (*ui.UI, *fakeSource) {
	t.Helper()
	return openReaderIn(t, "", n, notes, open)
}

// openReaderIn is openReader with the interface in the language code
// ("" for the system's).
func openReaderIn(t *testing.T, code string, n int, notes *fakeNotes, open ui.Opener) (*ui.UI, *fakeSource) {
	t.Helper()
	lib := newFakeLib(3)
	lib.docs[0].File = &app.File{Path: "files/1.pdf", Size: 100}
	lib.docs[0].FileURL = "https://ilo.test/1.pdf"
	src := &fakeSource{pages: n, outline: []ui.OutlineItem{{Title: "Intro", Page: 1,
		Children: []ui.OutlineItem{{Title: "Part", Page: 4}}}}}
	if open == nil {
		open = func(context.Context, app.Document, string) (ui.PageSource, error) { return src, nil }
	}
	if notes != nil {
		lib.fakeNotes = notes
	}
	u, _ := newUIIn(t, code, lib, ui.Config{Opener: open})
	u.Library().Select(0)
	test.Tap(u.Library().Detail().ReadButton())
	if u.Reader() == nil {
		t.Fatal("Read opened no reader")
	}
	return u, src
}

func TestReaderTurnsPagesAtExactPixelSize(t *testing.T) {
	u, src := openReader(t, 10, nil, nil)
	rs := u.Reader()
	page, w, h, _ := rs.Shown()
	if page != 1 || w == 0 || h != w*3/2 {
		t.Fatalf("shown page %d at %dx%d, want page 1 at a 2:3 size", page, w, h)
	}
	if !rs.Cached(2) {
		t.Fatal("page 2 was not prefetched")
	}
	before := src.renders
	u.TypeKey(fyne.KeyRight)
	if got, _, _, _ := rs.Shown(); got != 2 || rs.PageEntry().Text != "2" {
		t.Fatalf("after Right: page %d, entry %q; want 2", got, rs.PageEntry().Text)
	}
	if src.renders != before+1 { // page 2 came from the cache; only page 3 was prefetched
		t.Fatalf("renders=%d, want %d", src.renders, before+1)
	}
	u.TypeKey(fyne.KeyEnd)
	if rs.Page() != 10 {
		t.Fatalf("after End: page %d", rs.Page())
	}
	rs.PageEntry().SetText("4")
	rs.PageEntry().OnSubmitted("4")
	if rs.Page() != 4 {
		t.Fatalf("after typing 4: page %d", rs.Page())
	}
	u.TypeKey(fyne.KeyEscape)
	if u.Reader() != nil || !src.closed {
		t.Fatalf("after Escape: reader open %v, document closed %v; want both closed", u.Reader() != nil, src.closed)
	}
}

func TestReaderZoomNightAndResume(t *testing.T) {
	notes := newFakeNotes()
	u, _ := openReader(t, 10, notes, nil)
	rs := u.Reader()
	_, w0, _, _ := rs.Shown()
	rs.ZoomIn()
	if _, w1, _, _ := rs.Shown(); w1 <= w0 {
		t.Fatalf("zoom in: width %d, was %d", w1, w0)
	}
	rs.SetNight(true)
	if _, _, _, night := rs.Shown(); !night {
		t.Fatal("night mode not rendered")
	}
	rs.GoTo(7)
	if p := notes.pos[1]; p.Page != 7 || p.Zoom <= 0 {
		t.Fatalf("saved position %+v, want page 7 at a fixed zoom", p)
	}
	test.Tap(u.Library().Detail().ReadButton()) // reopen
	if got := u.Reader().Page(); got != 7 {
		t.Fatalf("reopened at page %d, want 7", got)
	}
}

func TestReaderFindHighlightsHits(t *testing.T) {
	u, _ := openReader(t, 10, nil, nil)
	rs := u.Reader()
	rs.Find("needle")
	if rs.Page() != 3 || rs.Marks() != 1 || rs.FindStatus() != "1 of 2" {
		t.Fatalf("after find: page %d, marks %d, status %q", rs.Page(), rs.Marks(), rs.FindStatus())
	}
	rs.Find("needle")
	if rs.Page() != 5 || rs.FindStatus() != "2 of 2" {
		t.Fatalf("next hit: page %d, status %q", rs.Page(), rs.FindStatus())
	}
	rs.Find("absent")
	if rs.FindStatus() != "No matches" || rs.Marks() != 0 {
		t.Fatalf("no hit: status %q, marks %d", rs.FindStatus(), rs.Marks())
	}
}

func TestReaderBookmarkNoteDeleteUndo(t *testing.T) {
	notes := newFakeNotes()
	u, _ := openReader(t, 10, notes, nil)
	rs := u.Reader()
	rs.GoTo(3)
	rs.AddBookmark()
	rs.AddNote(3, "Check the referral form")
	got := rs.Annotations()
	if len(got) != 2 || got[0].Kind != app.KindBookmark || got[0].Page != 3 || got[1].Text != "Check the referral form" {
		t.Fatalf("annotations=%+v", got)
	}
	rs.DeleteAnnotation(0)
	if len(rs.Annotations()) != 1 {
		t.Fatalf("after delete: %+v", rs.Annotations())
	}
	rs.Undo()
	if len(rs.Annotations()) != 2 {
		t.Fatalf("after undo: %+v", rs.Annotations())
	}
}

func TestReaderBrokenAndEncrypted(t *testing.T) {
	broken := func(_ context.Context, d app.Document, _ string) (ui.PageSource, error) {
		return nil, &app.Failure{Op: app.OpOpen, Subject: app.QuotedTitle(d), Kind: app.FailDamaged,
			Err: fmt.Errorf("%w: pdf: open 1.pdf: mupdf: no objects found", app.ErrDamaged)}
	}
	u, _ := openReader(t, 1, nil, broken)
	want := "“Report 00001 on field safety” could not be opened: its file is damaged or incomplete. Download it again, or remove it."
	if msg := u.Reader().Message(); msg != want {
		t.Fatalf("message=%q, want %q", msg, want)
	}
	u.Reader().AddBookmark()
	if n := len(u.Reader().Annotations()); n != 0 {
		t.Fatalf("a document that could not be opened took %d bookmarks", n)
	}
	again, remove := u.Reader().NoticeButtons()
	if !again.Visible() || !remove.Visible() {
		t.Fatalf("Download again shown %v, Remove shown %v; want both", again.Visible(), remove.Visible())
	}
	lib := u.Library()
	test.Tap(again)
	if u.Reader() != nil || !lib.Detail().ReadButton().Visible() {
		t.Fatalf("Download again: reader open %v, document offline %v; want it closed and fetched anew",
			u.Reader() != nil, lib.Detail().ReadButton().Visible())
	}
	var tries []string
	src := &fakeSource{pages: 2}
	locked := func(_ context.Context, _ app.Document, pw string) (ui.PageSource, error) {
		tries = append(tries, pw)
		if pw != "secret" {
			return nil, fmt.Errorf("open: %w", ui.ErrPassword)
		}
		return src, nil
	}
	u, _ = openReader(t, 1, nil, locked)
	if msg := u.Reader().Message(); !strings.Contains(msg, "password-protected") {
		t.Fatalf("message=%q", msg)
	}
	u.Reader().OpenWithPassword("secret")
	if u.Reader().Message() != "" || u.Reader().Page() != 1 || len(tries) != 2 {
		t.Fatalf("after the password: message %q, page %d, tries %q", u.Reader().Message(), u.Reader().Page(), tries)
	}
}

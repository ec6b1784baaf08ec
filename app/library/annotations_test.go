package library_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/library"
)

// fakePDF is the text of one file version, page by page. Find reports each
// occurrence as one rectangle whose X0 is the occurrence's offset in the
// folded page text and whose Y0 is the page, so tests can tell them apart.
type fakePDF struct{ pages []string }

func (f *fakePDF) NumPages() int { return len(f.pages) }

func (f *fakePDF) PageText(_ context.Context, p int) (string, error) {
	if p < 1 || p > len(f.pages) {
		return "", fmt.Errorf("no page %d", p)
	}
	return f.pages[p-1], nil
}

func (f *fakePDF) Find(_ context.Context, p int, quote string) ([][]app.Rect, error) {
	text, err := f.PageText(context.Background(), p)
	if err != nil {
		return nil, err
	}
	fold := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	t, q := fold(text), fold(quote)
	var out [][]app.Rect
	for from := 0; q != ""; {
		i := strings.Index(t[from:], q)
		if i < 0 {
			break
		}
		at := from + i
		out = append(out, []app.Rect{{X0: float64(at), Y0: float64(p), X1: float64(at + len(q)), Y1: float64(p) + 1}})
		from = at + len(q)
	}
	return out, nil
}

// PageSize is large: the fake's rectangles are text offsets.
func (f *fakePDF) PageSize(context.Context, int) (float64, float64, error) { return 10000, 10000, nil }

func (f *fakePDF) Close() error { return nil }

// fakeEngine opens cached files by the SHA-256 of their bytes.
type fakeEngine struct {
	mu    sync.Mutex
	texts map[string][]string
}

// withEngine gives a library a fake PDF engine.
func withEngine(l *library.Library) (*library.Library, *fakeEngine) {
	e := &fakeEngine{texts: map[string][]string{}}
	return library.Reopen(l, library.Options{OpenText: e.open}), e
}

// set gives the file b its pages.
func (e *fakeEngine) set(b []byte, pages ...string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.texts[sha(b)] = pages
}

func (e *fakeEngine) open(_ context.Context, path, _ string) (library.TextDoc, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	pages, ok := e.texts[sha(b)]
	if !ok {
		return nil, errors.New("fake engine: unknown file")
	}
	return &fakePDF{pages: pages}, nil
}

// Version 1 of the handbook the tests annotate (document 1, file 0.pdf).
var v1Pages = []string{
	"Introduction. This handbook is for caseworkers.",
	"Before the screening interview, read the consent form aloud.",
	"Signs of debt bondage include withheld wages.",
	"Annex: the hotline numbers of every region.",
}

// offline syncs a catalogue of n documents, gives the library a fake engine
// that knows file 0.pdf as v1Pages, and downloads document 1.
func offline(t *testing.T, n int) (*feedServer, *fileSet, *library.Library, app.Source, []genEntry, *fakeEngine) {
	t.Helper()
	srv, files, l, src, entries := syncedWithFiles(t, n)
	l, eng := withEngine(l)
	files.mu.Lock()
	eng.set(files.files["0.pdf"], v1Pages...)
	files.mu.Unlock()
	if _, err := l.Download(context.Background(), []int64{1}, app.DownloadOptions{}); err != nil {
		t.Fatal(err)
	}
	return srv, files, l, src, entries, eng
}

func TestAddAnnotationsCarryIdentityAndAuthor(t *testing.T) {
	_, _, l, src, _, _ := offline(t, 2)
	ctx := context.Background()
	if err := l.SetSetting(ctx, app.SettingAuthor, "Amina"); err != nil {
		t.Fatal(err)
	}
	b, err := l.AddBookmark(ctx, 1, 2, "consent")
	if err != nil {
		t.Fatal(err)
	}
	d, _ := l.Document(ctx, 1)
	if b.Author != "Amina" || b.SourceURL != src.URL || b.EntryKey != d.EntryID || b.FileSHA256 != d.File.SHA256 {
		t.Fatalf("bookmark = %+v, want the author, identity and file version", b)
	}
	if _, err := l.AddBookmark(ctx, 1, 9, ""); err == nil {
		t.Fatal("a bookmark past the last page was accepted")
	}
	n, err := l.AddNote(ctx, 2, 0, "Read before the field visit")
	if err != nil || n.Page != 0 || n.FileSHA256 != "" {
		t.Fatalf("note on a document with no file = %+v, %v", n, err)
	}
	if _, err := l.EditNote(ctx, n.ID, "Read twice"); err != nil {
		t.Fatal(err)
	}
	if err := l.RemoveAnnotation(ctx, app.KindNote, n.ID); err != nil {
		t.Fatal(err)
	}
	trash, _ := l.Trash(ctx)
	if len(trash) != 1 || trash[0].Text != "Read twice" {
		t.Fatalf("trash = %+v", trash)
	}
	if err := l.RestoreAnnotation(ctx, app.KindNote, n.ID); err != nil {
		t.Fatal(err)
	}
	if notes, _ := l.Notes(ctx, 2); len(notes) != 1 {
		t.Fatalf("notes after restore = %+v", notes)
	}
	if err := l.SetReadingPosition(ctx, 1, 3, 1.25); err != nil {
		t.Fatal(err)
	}
	if p, _ := l.ReadingPosition(ctx, 1); p.Page != 3 || p.Zoom != 1.25 {
		t.Fatalf("position = %+v", p)
	}
}

func TestAddHighlightFindsTheQuoteOnThePage(t *testing.T) {
	_, _, l, _, _, _ := offline(t, 1)
	ctx := context.Background()
	h, err := l.AddHighlight(ctx, 1, 3, "DEBT   bondage", "ask about loans", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Rects) != 1 || h.Rects[0].Y0 != 3 || h.Quote != "DEBT bondage" || h.Color != "yellow" {
		t.Fatalf("highlight = %+v", h)
	}
	if h.Prefix != "Signs of " || h.Suffix != " include withheld wages." {
		t.Fatalf("context = %q / %q", h.Prefix, h.Suffix)
	}
	if _, err := l.AddHighlight(ctx, 1, 2, "debt bondage", "", ""); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("a quote from another page: %v", err)
	}
	hits, err := l.Search(ctx, "loans", 10)
	if err != nil || len(hits) != 1 || hits[0].Kind != "highlight" || hits[0].Page != 3 || hits[0].AnnotationID != h.ID {
		t.Fatalf("search = %+v, %v", hits, err)
	}
}

// newEdition publishes new bytes for file 0.pdf with the given pages,
// syncs and downloads it.
func newEdition(t *testing.T, srv *feedServer, files *fileSet, l *library.Library, src app.Source,
	entries []genEntry, eng *fakeEngine, seed int64, stamp string, pages ...string) {
	t.Helper()
	b := pdfBytes(seed, 60000+int(seed))
	eng.set(b, pages...)
	files.set("0.pdf", b)
	entries[0].size, entries[0].updated = int64(len(b)), stamp
	servePaged(srv, entries, 10)
	syncOK(t, l, src)
	if _, err := l.Download(context.Background(), []int64{1}, app.DownloadOptions{}); err != nil {
		t.Fatal(err)
	}
	if d, _ := l.Document(context.Background(), 1); d.File.SHA256 != sha(b) {
		t.Fatal("the new edition was not downloaded")
	}
}

func TestNewEditionReanchorsAndFlagsWhatIsGone(t *testing.T) {
	srv, files, l, src, entries, eng := offline(t, 1)
	ctx := context.Background()
	consent, _ := l.AddHighlight(ctx, 1, 2, "the screening interview", "", "")
	bondage, _ := l.AddHighlight(ctx, 1, 3, "debt bondage", "", "")
	hotline, _ := l.AddHighlight(ctx, 1, 4, "hotline numbers", "", "")
	mark, _ := l.AddBookmark(ctx, 1, 4, "annex")
	note, _ := l.AddNote(ctx, 1, 3, "page note")
	if err := l.RemoveAnnotation(ctx, app.KindHighlight, bondage.ID); err != nil { // in the trash: re-anchored too
		t.Fatal(err)
	}

	// Version 2: two pages inserted before, the consent sentence repeated,
	// debt bondage moved to the last page, the hotline annex gone.
	v2 := []string{"Cover", "Foreword", "Introduction.", "The screening interview of adults differs.",
		"Before the screening interview, read the consent form aloud.", "", "", "", "", "", "",
		"Signs of debt bondage include withheld wages."}
	newEdition(t, srv, files, l, src, entries, eng, 2, "2026-03-01T00:00:00Z", v2...)

	got := func(id int64) app.Highlight {
		h, err := l.Store().Highlight(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	d, _ := l.Document(ctx, 1)
	if h := got(consent.ID); h.Page != 5 || h.NeedsReview || h.FileSHA256 != d.File.SHA256 || h.Rects[0].X0 != 7 {
		t.Errorf("consent = page %d review %v rects %v, want page 5 at the occurrence of version 1", h.Page, h.NeedsReview, h.Rects)
	}
	if h := got(bondage.ID); h.Page != 12 || h.NeedsReview || h.Deleted.IsZero() {
		t.Errorf("bondage = page %d review %v deleted %v, want found on page 12 and still in the trash", h.Page, h.NeedsReview, h.Deleted)
	}
	if h := got(hotline.ID); h.Page != 4 || !h.NeedsReview || h.Quote != "hotline numbers" {
		t.Errorf("hotline = %+v, want kept on page 4 and flagged", h)
	}
	if b, _ := l.Store().Bookmark(ctx, mark.ID); b.Page != 4 || b.NeedsReview || b.FileSHA256 != d.File.SHA256 {
		t.Errorf("bookmark = %+v", b)
	}

	// Version 3 has two pages: the page bookmark and note are clamped and flagged.
	newEdition(t, srv, files, l, src, entries, eng, 3, "2026-04-01T00:00:00Z", "Summary", "Before the screening interview, read.")
	if b, _ := l.Store().Bookmark(ctx, mark.ID); b.Page != 2 || !b.NeedsReview {
		t.Errorf("bookmark on a page that is gone = %+v", b)
	}
	if n, _ := l.Store().Note(ctx, note.ID); n.Page != 2 || !n.NeedsReview {
		t.Errorf("note on a page that is gone = %+v", n)
	}
	if h := got(consent.ID); h.Page != 2 || h.NeedsReview {
		t.Errorf("consent in version 3 = %+v", h)
	}
	set, _ := l.Store().Annotations(ctx, 1, true)
	if set.Len() != 5 {
		t.Fatalf("%d annotations after two new editions, want all 5", set.Len())
	}
}

func TestAddHighlightRectsKeepsTheDrawnRectsAndContext(t *testing.T) {
	_, _, l, _, _, _ := offline(t, 1)
	ctx := context.Background()
	rects := []app.Rect{{X0: 10, Y0: 3, X1: 90, Y1: 15}}
	h, err := l.AddHighlightRects(ctx, 1, 3, rects, "debt\nbondage", "ask about loans", "green")
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Rects) != 1 || h.Rects[0] != rects[0] || h.Quote != "debt bondage" || h.Color != "green" {
		t.Fatalf("highlight = %+v", h)
	}
	if h.Prefix != "Signs of " || h.Suffix != " include withheld wages." {
		t.Fatalf("context = %q / %q", h.Prefix, h.Suffix)
	}
	hls, err := l.Highlights(ctx, 1)
	if err != nil || len(hls) != 1 || hls[0].Rects[0] != rects[0] || hls[0].Note != "ask about loans" {
		t.Fatalf("stored = %+v, %v", hls, err)
	}
	area, err := l.AddHighlightRects(ctx, 1, 2, []app.Rect{{X0: 1, Y0: 1, X1: 50, Y1: 50}}, "", "the chart", "blue")
	if err != nil || area.Quote != "" || area.Prefix != "" || len(area.Rects) != 1 {
		t.Fatalf("area highlight = %+v, %v", area, err)
	}
	if _, err := l.AddHighlightRects(ctx, 1, 3, nil, "debt", "", ""); err == nil {
		t.Fatal("a highlight without rectangles was stored")
	}
	if _, err := l.AddHighlightRects(ctx, 1, 99, rects, "debt", "", ""); err == nil {
		t.Fatal("a highlight past the last page was stored")
	}
}

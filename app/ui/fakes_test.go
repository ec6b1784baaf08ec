package ui_test

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"sort"
	"strings"
	"sync"

	"fieldshelf/app"
	"fieldshelf/app/ui"
)

// fakeLib is an in-memory library.
type fakeLib struct {
	mu        sync.Mutex
	docs      []app.Document
	sources   []app.Source
	settings  map[string]string
	syncErr   error
	listErr   error
	syncSteps int
	onStep    func(i int) // called after each sync progress report
	dlSteps   int
	onDLStep  func(i int)        // called after each download progress report
	pageText  map[int64][]string // the text of offline documents' pages
	passwords map[int64]string   // by source
	calls     []string
	*fakeNotes
}

func newFakeLib(n int) *fakeLib {
	l := &fakeLib{settings: map[string]string{}, pageText: map[int64][]string{}, passwords: map[int64]string{}, sources: []app.Source{{ID: 1, URL: "file:///demo/catalog.xml", Name: "Demo"}},
		fakeNotes: newFakeNotes()}
	for i := 1; i <= n; i++ {
		d := app.Document{ID: int64(i), SourceID: 1, Title: fmt.Sprintf("Report %05d on field safety", i),
			Publisher: []string{"OSCE", "ILO", "FAST"}[i%3], Year: 2000 + i%25, Summary: "A summary.",
			Tags: []app.Tag{{Label: []string{"Asia", "Europe"}[i%2], Kind: app.TagRegion}, {Label: "Report", Kind: app.TagType}}}
		l.docs = append(l.docs, d)
	}
	return l
}

func (l *fakeLib) record(s string) { l.mu.Lock(); l.calls = append(l.calls, s); l.mu.Unlock() }

func (l *fakeLib) called(prefix string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, c := range l.calls {
		if strings.HasPrefix(c, prefix) {
			n++
		}
	}
	return n
}

func (l *fakeLib) filtered(f app.Filter) []app.Document {
	var out []app.Document
	for _, d := range l.docs {
		if f.Offline && d.File == nil || f.Year != 0 && d.Year != f.Year ||
			f.Publisher != "" && !strings.Contains(d.Publisher, f.Publisher) {
			continue
		}
		if f.Tag != "" && !strings.EqualFold(d.TagNames(app.TagRegion)[0], f.Tag) {
			continue
		}
		out = append(out, d)
	}
	if f.Sort == app.SortTitle {
		sort.SliceStable(out, func(i, j int) bool { return out[i].Title < out[j].Title })
	}
	return out
}

func (l *fakeLib) Documents(_ context.Context, f app.Filter) ([]app.Document, error) {
	l.record(fmt.Sprintf("documents %d", f.Offset))
	if l.listErr != nil {
		return nil, l.listErr
	}
	docs := l.filtered(f)
	if f.Offset > len(docs) {
		return nil, nil
	}
	docs = docs[f.Offset:]
	if f.Limit > 0 && len(docs) > f.Limit {
		docs = docs[:f.Limit]
	}
	return append([]app.Document(nil), docs...), nil
}

func (l *fakeLib) CountDocuments(_ context.Context, f app.Filter) (int, error) {
	if l.listErr != nil {
		return 0, l.listErr
	}
	return len(l.filtered(f)), nil
}

func (l *fakeLib) Document(_ context.Context, id int64) (app.Document, error) {
	for _, d := range l.docs {
		if d.ID == id {
			return d, nil
		}
	}
	return app.Document{}, app.ErrNotFound
}

// SearchPublications finds q in titles (catalogue hits) and in the page
// texts set in pageText (page hits), one hit per document, titles first.
func (l *fakeLib) SearchPublications(_ context.Context, q string, limit int) ([]app.PublicationHit, error) {
	l.record("search " + q)
	var title, pages []app.PublicationHit
	for _, d := range l.docs {
		h := app.PublicationHit{Document: d}
		for p, text := range l.pageText[d.ID] {
			if strings.Contains(strings.ToLower(text), strings.ToLower(q)) {
				if h.Pages++; h.Page == 0 {
					h.Kind, h.Page, h.Snippet = "page", p+1, "… ["+q+"] on page …"
				}
			}
		}
		if strings.Contains(strings.ToLower(d.Title), strings.ToLower(q)) {
			h.Kind, h.Page, h.Snippet = "metadata", 0, "["+q+"]"
			title = append(title, h)
		} else if h.Pages > 0 {
			pages = append(pages, h)
		}
	}
	hits := append(title, pages...)
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

// PageHits lists the pages of pageText holding q.
func (l *fakeLib) PageHits(_ context.Context, id int64, q string, limit int) ([]app.SearchHit, int, error) {
	var hits []app.SearchHit
	for p, text := range l.pageText[id] {
		if strings.Contains(strings.ToLower(text), strings.ToLower(q)) {
			hits = append(hits, app.SearchHit{Kind: "page", Page: p + 1, Snippet: "[" + q + "] on page " + fmt.Sprint(p+1)})
		}
	}
	total := len(hits)
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, total, nil
}

func (l *fakeLib) Tags(context.Context) ([]app.TagCount, error) {
	return []app.TagCount{{Kind: app.TagRegion, Label: "Asia"}, {Kind: app.TagRegion, Label: "Europe"},
		{Kind: app.TagType, Label: "Report"}}, nil
}

func (l *fakeLib) Sync(_ context.Context, _ []int64, progress func(app.SyncProgress)) (app.SyncStats, error) {
	l.record("sync")
	for i := 1; i <= l.syncSteps; i++ {
		progress(app.SyncProgress{Source: l.sources[0], Pages: i, Entries: i * 50})
		if l.onStep != nil {
			l.onStep(i)
		}
	}
	if l.syncErr != nil {
		return app.SyncStats{}, l.syncErr
	}
	return app.SyncStats{Added: 3, Updated: 1}, nil
}

func (l *fakeLib) Sources(context.Context) ([]app.Source, error) { return l.sources, nil }

func (l *fakeLib) AddSource(_ context.Context, s app.Source) (app.Source, error) {
	s.ID = int64(len(l.sources) + 1)
	l.sources = append(l.sources, s)
	return s, nil
}

func (l *fakeLib) UpdateSource(_ context.Context, s app.Source) error {
	for i := range l.sources {
		if l.sources[i].ID == s.ID {
			l.sources[i] = s
			return nil
		}
	}
	return app.ErrNotFound
}

func (l *fakeLib) RemoveSource(context.Context, int64) error { l.sources = nil; return nil }

// CheckSource finds 214 publications at ilo.test, and no catalogue
// elsewhere.
func (l *fakeLib) CheckSource(_ context.Context, s app.Source, pw string) (app.SourceCheck, error) {
	l.record("check " + s.URL + " " + pw)
	if strings.Contains(s.URL, "ilo.test") {
		return app.SourceCheck{Format: "OPDS 1.2", Publications: 214}, nil
	}
	return app.SourceCheck{}, &app.Failure{Op: app.OpCheck, Subject: s.URL, Kind: app.FailNotCatalogue,
		Err: errors.New("library: check: catalog: not OPDS: malformed feed")}
}

// SetSourcePassword keeps passwords in the fake keyring.
func (l *fakeLib) SetSourcePassword(_ context.Context, id int64, pw string) (app.PasswordKeeping, error) {
	l.record(fmt.Sprintf("password %d %s", id, pw))
	l.passwords[id] = pw
	return app.PasswordKeyring, nil
}

func (l *fakeLib) PasswordKept(_ context.Context, id int64) (app.PasswordKeeping, error) {
	if l.passwords[id] != "" {
		return app.PasswordKeyring, nil
	}
	return app.PasswordNone, nil
}

func (l *fakeLib) HasKeyring() bool { return true }

func (l *fakeLib) Download(ctx context.Context, ids []int64, o app.DownloadOptions) ([]app.DownloadResult, error) {
	l.record("download")
	d, _ := l.Document(ctx, ids[0])
	for i := 1; i <= l.dlSteps; i++ {
		o.Progress(app.DownloadProgress{Document: d, Done: int64(i * 100), Total: int64(l.dlSteps * 100)})
		if l.onDLStep != nil {
			l.onDLStep(i)
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("document %d: %w", d.ID, ctx.Err())
		}
	}
	l.setFile(ids[0], &app.File{Size: 1234, Path: "files/x.pdf"})
	return nil, nil
}

func (l *fakeLib) setFile(id int64, f *app.File) {
	for i := range l.docs {
		if l.docs[i].ID == id {
			l.docs[i].File = f
		}
	}
}

func (l *fakeLib) Remove(_ context.Context, ids []int64) error {
	l.setFile(ids[0], nil)
	return nil
}

func (l *fakeLib) Pin(_ context.Context, id int64, on bool) error {
	l.record(fmt.Sprintf("pin %d %v", id, on))
	return nil
}

func (l *fakeLib) Opened(context.Context, int64) error { return nil }

func (l *fakeLib) Setting(_ context.Context, k string) (string, error) { return l.settings[k], nil }

func (l *fakeLib) SetSetting(_ context.Context, k, v string) error { l.settings[k] = v; return nil }

func (l *fakeLib) DataDir() string { return "/tmp/fieldshelf-test" }

// RunIndexer has nothing to index.
func (l *fakeLib) RunIndexer(context.Context, func(app.IndexProgress)) {}

// fakeSource draws numbered pages: page n is filled with the grey n*10.
type fakeSource struct {
	pages   int
	renders int
	closed  bool
	outline []ui.OutlineItem
	wide    map[int]bool // landscape pages (600x400 instead of 400x600)
	links   map[int][]app.PageLink
	notes   []app.FileNote // the file's own sticky notes and fields
	onPage  func(page int) // called as Find searches each page
}

func (s *fakeSource) NumPages() int { return s.pages }

func (s *fakeSource) PageSize(page int) (float64, float64, error) {
	if page < 1 || page > s.pages {
		return 0, 0, errors.New("no such page")
	}
	if s.wide[page] {
		return 600, 400, nil
	}
	return 400, 600, nil
}

func (s *fakeSource) Render(_ context.Context, page, w, h int) (*image.RGBA, error) {
	s.renders++
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	c := color.RGBA{uint8(page * 10), uint8(page * 10), uint8(page * 10), 255}
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	return img, nil
}

func (s *fakeSource) Outline(context.Context) ([]ui.OutlineItem, error) { return s.outline, nil }

// Find searches page by page: "needle" is on page 3 near its top and on
// page 5 lower down; "line" is once at the bottom of every page.
func (s *fakeSource) Find(ctx context.Context, q string, progress func(done, total int, found []ui.FindHit)) ([]ui.FindHit, error) {
	var hits []ui.FindHit
	for p := 1; p <= s.pages; p++ {
		if err := ctx.Err(); err != nil {
			return hits, err
		}
		switch {
		case q == "needle" && p == 3:
			hits = append(hits, ui.FindHit{Page: 3, Rects: []app.Rect{{X0: 10, Y0: 10, X1: 60, Y1: 22}}})
		case q == "needle" && p == 5:
			hits = append(hits, ui.FindHit{Page: 5, Rects: []app.Rect{{X0: 10, Y0: 540, X1: 60, Y1: 552}}})
		case q == "line":
			hits = append(hits, ui.FindHit{Page: p, Rects: []app.Rect{{X0: 50, Y0: 560, X1: 90, Y1: 572}}})
		}
		if progress != nil {
			progress(p, s.pages, hits)
		}
		if s.onPage != nil {
			s.onPage(p)
		}
	}
	return hits, nil
}

func (s *fakeSource) FileNotes(context.Context) ([]app.FileNote, error) { return s.notes, nil }

func (s *fakeSource) Links(_ context.Context, page int) ([]app.PageLink, error) {
	return s.links[page], nil
}

func (s *fakeSource) Close() error { s.closed = true; return nil }

// fakeNotes is an in-memory annotations store: the annotation use cases
// of the fake library.
type fakeNotes struct {
	items   []app.AnnotationItem
	deleted []app.AnnotationItem
	next    int64
	pos     map[int64]app.ReadingPosition
	layers  []app.Layer // see fakelayers_test.go
}

func newFakeNotes() *fakeNotes { return &fakeNotes{pos: map[int64]app.ReadingPosition{}} }

func (n *fakeNotes) Annotations(context.Context, int64) ([]app.AnnotationItem, error) {
	var out []app.AnnotationItem
	for _, a := range n.items {
		if !n.hidden(a.Layer) {
			out = append(out, a)
		}
	}
	return out, nil
}

func (n *fakeNotes) add(a app.AnnotationItem) app.Annotation {
	n.next++
	a.ID = n.next
	n.items = append(n.items, a)
	return a.Annotation
}

func (n *fakeNotes) AddBookmark(_ context.Context, _ int64, page int, label string) (app.Bookmark, error) {
	return app.Bookmark{Annotation: n.add(app.AnnotationItem{Kind: app.KindBookmark, Page: page, Text: label}),
		Page: page, Label: label}, nil
}

func (n *fakeNotes) AddNote(_ context.Context, _ int64, page int, text string) (app.Note, error) {
	return app.Note{Annotation: n.add(app.AnnotationItem{Kind: app.KindNote, Page: page, Text: text}),
		Page: page, Body: text}, nil
}

// AddHighlightRects stores a drawn highlight.
func (n *fakeNotes) AddHighlightRects(_ context.Context, _ int64, page int, rects []app.Rect, quote, note, color string) (app.Highlight, error) {
	a := n.add(app.AnnotationItem{Kind: app.KindHighlight, Page: page, Rects: rects, Quote: quote, Text: note, Color: color})
	return app.Highlight{Annotation: a, Page: page, Rects: rects, Quote: quote, Note: note, Color: color}, nil
}

func (n *fakeNotes) EditAnnotation(_ context.Context, kind app.AnnotationKind, id int64, text, color string) error {
	for i := range n.items {
		if n.items[i].Kind == kind && n.items[i].ID == id {
			n.items[i].Text, n.items[i].Color = text, color
		}
	}
	return nil
}

func (n *fakeNotes) RemoveAnnotation(_ context.Context, kind app.AnnotationKind, id int64) error {
	for i, a := range n.items {
		if a.Kind == kind && a.ID == id {
			n.items = append(n.items[:i], n.items[i+1:]...)
			n.deleted = append(n.deleted, a)
			return nil
		}
	}
	return app.ErrNotFound
}

func (n *fakeNotes) RestoreAnnotation(_ context.Context, kind app.AnnotationKind, id int64) error {
	for i, a := range n.deleted {
		if a.Kind == kind && a.ID == id {
			n.deleted = append(n.deleted[:i], n.deleted[i+1:]...)
			n.items = append(n.items, a)
			return nil
		}
	}
	return app.ErrNotFound
}

func (n *fakeNotes) ExportFile(context.Context, int64, app.ExportFormat, string) (int, error) {
	return 0, nil
}

func (n *fakeNotes) ImportFile(context.Context, string) (app.ImportReport, error) {
	return app.ImportReport{}, nil
}

func (n *fakeNotes) ReadingPosition(_ context.Context, id int64) (app.ReadingPosition, error) {
	return n.pos[id], nil
}

func (n *fakeNotes) SetReadingPosition(_ context.Context, id int64, page int, zoom float64) error {
	n.pos[id] = app.ReadingPosition{DocumentID: id, Page: page, Zoom: zoom}
	return nil
}

// SelectText finds the fake's text lines, 20 points apart from y=100,
// each 12 points high and spanning x 50-350, that meet r.
func (s *fakeSource) SelectText(_ context.Context, page int, r app.Rect) (string, []app.Rect, error) {
	var lines []string
	var rects []app.Rect
	for i := 0; i < 10; i++ {
		line := app.Rect{X0: 50, Y0: 100 + 20*float64(i), X1: 350, Y1: 112 + 20*float64(i)}
		if line.X1 < r.X0 || line.X0 > r.X1 || line.Y1 < r.Y0 || line.Y0 > r.Y1 {
			continue
		}
		rects = append(rects, app.Rect{X0: max(line.X0, r.X0), Y0: line.Y0, X1: min(line.X1, r.X1), Y1: line.Y1})
		lines = append(lines, fmt.Sprintf("line %d of page %d", i+1, page))
	}
	return strings.Join(lines, "\n"), rects, nil
}

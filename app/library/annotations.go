package library

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"fieldshelf/app"
	"fieldshelf/storage"
)

// Annotations: bookmarks, notes, highlights and reading positions. Every
// change is committed to the database before the call returns. Removing
// moves an annotation to the trash, where it stays for TrashRetention and
// can be restored.

// TrashRetention is how long removed annotations stay restorable.
const TrashRetention = 30 * 24 * time.Hour

// newAnnotation starts an annotation on a document: its id, the file
// version it is made on and the author setting.
func (l *Library) newAnnotation(ctx context.Context, docID int64) (app.Annotation, app.Document, error) {
	d, err := l.store.Document(ctx, docID)
	if err != nil {
		return app.Annotation{}, d, err
	}
	author, err := l.store.Setting(ctx, app.SettingAuthor, "")
	if err != nil {
		return app.Annotation{}, d, err
	}
	a := app.Annotation{DocumentID: docID, Author: author}
	if d.File != nil {
		a.FileSHA256 = d.File.SHA256
	}
	return a, d, nil
}

// AddBookmark bookmarks a page of a document.
func (l *Library) AddBookmark(ctx context.Context, docID int64, page int, label string) (app.Bookmark, error) {
	if err := checkText("label", label); err != nil {
		return app.Bookmark{}, err
	}
	a, d, err := l.newAnnotation(ctx, docID)
	if err != nil {
		return app.Bookmark{}, err
	}
	if err := l.checkPage(ctx, d, page); err != nil {
		return app.Bookmark{}, err
	}
	return l.store.AddBookmark(ctx, app.Bookmark{Annotation: a, Page: page, Label: strings.TrimSpace(label)})
}

// EditBookmark replaces a bookmark's label.
func (l *Library) EditBookmark(ctx context.Context, id int64, label string) (app.Bookmark, error) {
	if err := checkText("label", label); err != nil {
		return app.Bookmark{}, err
	}
	return l.store.EditBookmark(ctx, id, strings.TrimSpace(label))
}

// Bookmarks lists the bookmarks of a document, or of all documents for 0.
func (l *Library) Bookmarks(ctx context.Context, docID int64) ([]app.Bookmark, error) {
	return l.store.Bookmarks(ctx, docID)
}

// AddNote adds a Markdown note to a page of a document, or to the whole
// document when page is 0.
func (l *Library) AddNote(ctx context.Context, docID int64, page int, body string) (app.Note, error) {
	if strings.TrimSpace(body) == "" {
		return app.Note{}, errors.New("library: a note needs some text")
	}
	if err := checkText("note", body); err != nil {
		return app.Note{}, err
	}
	a, d, err := l.newAnnotation(ctx, docID)
	if err != nil {
		return app.Note{}, err
	}
	if page != 0 {
		if err := l.checkPage(ctx, d, page); err != nil {
			return app.Note{}, err
		}
	}
	return l.store.AddNote(ctx, app.Note{Annotation: a, Page: page, Body: body})
}

// EditNote replaces a note's text.
func (l *Library) EditNote(ctx context.Context, id int64, body string) (app.Note, error) {
	if strings.TrimSpace(body) == "" {
		return app.Note{}, errors.New("library: a note needs some text; remove it instead")
	}
	if err := checkText("note", body); err != nil {
		return app.Note{}, err
	}
	return l.store.EditNote(ctx, id, body)
}

// Notes lists the notes of a document, or of all documents for 0.
func (l *Library) Notes(ctx context.Context, docID int64) ([]app.Note, error) {
	return l.store.Notes(ctx, docID)
}

// Highlights lists the highlights of a document, or of all documents for 0.
func (l *Library) Highlights(ctx context.Context, docID int64) ([]app.Highlight, error) {
	return l.store.Highlights(ctx, docID)
}

// EditHighlight replaces a highlight's note and colour ("" keeps the colour).
func (l *Library) EditHighlight(ctx context.Context, id int64, note, color string) (app.Highlight, error) {
	h, err := l.store.Highlight(ctx, id)
	if err != nil {
		return h, err
	}
	if color == "" {
		color = h.Color
	}
	if color, err = checkColor(color); err != nil {
		return h, err
	}
	if err := checkText("note", note); err != nil {
		return h, err
	}
	return l.store.EditHighlight(ctx, id, note, color)
}

// Annotations lists a document's bookmarks, notes and highlights in one
// list, the user's own and those of the layers shown (Annotation.Layer
// tells them apart), as the reader shows them: by page (notes on the whole document
// first), then bookmarks before notes before highlights, then oldest
// first.
func (l *Library) Annotations(ctx context.Context, docID int64) ([]app.AnnotationItem, error) {
	set, err := l.store.Annotations(ctx, docID, false)
	if err != nil {
		return nil, err
	}
	layers, err := l.store.LayerAnnotations(ctx, docID, false)
	if err != nil {
		return nil, err
	}
	items := append(itemsOf(set), itemsOf(layers)...)
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.Page != b.Page {
			return a.Page < b.Page
		}
		if a.Kind != b.Kind {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		return a.Created.Before(b.Created)
	})
	return items, nil
}

// itemsOf lays a set's annotations out as items of a list.
func itemsOf(set storage.AnnotationSet) []app.AnnotationItem {
	items := make([]app.AnnotationItem, 0, set.Len())
	for _, b := range set.Bookmarks {
		items = append(items, b.Item())
	}
	for _, n := range set.Notes {
		items = append(items, n.Item())
	}
	for _, h := range set.Highlights {
		items = append(items, h.Item())
	}
	return items
}

// kindOrder sorts a page's bookmarks before its notes and highlights.
var kindOrder = map[app.AnnotationKind]int{app.KindBookmark: 0, app.KindNote: 1, app.KindHighlight: 2}

// EditAnnotation replaces the text of an annotation of any kind: a
// bookmark's label, a note's body or a highlight's note, and a
// highlight's colour ("" keeps it).
func (l *Library) EditAnnotation(ctx context.Context, kind app.AnnotationKind, id int64, text, color string) error {
	var err error
	switch kind {
	case app.KindBookmark:
		_, err = l.EditBookmark(ctx, id, text)
	case app.KindNote:
		_, err = l.EditNote(ctx, id, text)
	case app.KindHighlight:
		_, err = l.EditHighlight(ctx, id, text, color)
	default:
		err = fmt.Errorf("library: unknown annotation kind %q", kind)
	}
	return err
}

// RemoveAnnotation moves a bookmark, note or highlight to the trash.
func (l *Library) RemoveAnnotation(ctx context.Context, kind app.AnnotationKind, id int64) error {
	return l.store.Trash(ctx, kind, id)
}

// Trash lists the removed annotations that can still be restored.
func (l *Library) Trash(ctx context.Context) ([]app.TrashItem, error) {
	return l.store.TrashItems(ctx)
}

// RestoreAnnotation takes an annotation out of the trash.
func (l *Library) RestoreAnnotation(ctx context.Context, kind app.AnnotationKind, id int64) error {
	return l.store.Restore(ctx, kind, id)
}

// PurgeTrash deletes for good the annotations removed more than
// TrashRetention ago, and returns how many.
func (l *Library) PurgeTrash(ctx context.Context) (int, error) {
	return l.store.PurgeTrash(ctx, l.store.Now().Add(-TrashRetention))
}

// SetReadingPosition records the page and zoom (0 for fit width,
// app.ZoomFitPage, or a scale) the user is at in a document.
func (l *Library) SetReadingPosition(ctx context.Context, docID int64, page int, zoom float64) error {
	if page < 1 || (zoom < 0 && zoom != app.ZoomFitPage) {
		return fmt.Errorf("library: reading position page %d zoom %g: out of range", page, zoom)
	}
	return l.store.SetReadingPosition(ctx, app.ReadingPosition{DocumentID: docID, Page: page, Zoom: zoom})
}

// ReadingPosition returns where the user left a document: page 1 at fit
// width when it was never opened.
func (l *Library) ReadingPosition(ctx context.Context, docID int64) (app.ReadingPosition, error) {
	p, err := l.store.ReadingPosition(ctx, docID)
	if errors.Is(err, app.ErrNotFound) {
		return app.ReadingPosition{DocumentID: docID, Page: 1}, nil
	}
	return p, err
}

// withAnnotationHits adds the matching notes and highlights to the hits of
// a search and orders them all by bm25 rank, best first, up to limit.
func (l *Library) withAnnotationHits(ctx context.Context, hits []app.SearchHit, query string, limit int) ([]app.SearchHit, error) {
	notes, err := l.store.SearchAnnotations(ctx, query, limit)
	if err != nil {
		return nil, err
	}
	if len(notes) == 0 {
		return hits, nil
	}
	hits = append(hits, notes...)
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Rank < hits[j].Rank })
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

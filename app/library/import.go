package library

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"fieldshelf/app"
	"fieldshelf/storage"
)

// Import reads W3C Web Annotations (as ExportW3C writes them, or a bare
// annotation, array or AnnotationPage) and adds those not yet in the
// library, beside the user's own, keeping their ids, authors and times.
// Importing the same file twice adds nothing.
//
// Each annotation goes to the local copy of its document, found by
// identity (see storage.FindDocument): the same catalogue URL and entry id,
// else the same entry id in any catalogue, else the same file URL, else
// the same title. When the local file is another version than the one the
// annotation was made on, the annotation is re-anchored by its quote.
func (l *Library) Import(ctx context.Context, r io.Reader) (app.ImportReport, error) {
	var rep app.ImportReport
	set, err := l.readW3C(ctx, r, 0, &rep)
	if err != nil {
		return app.ImportReport{}, err
	}
	added, err := l.store.ImportAnnotations(ctx, set)
	if err != nil {
		return rep, err
	}
	rep.Added, rep.Existing = added.Len(), set.Len()-added.Len()
	rep.Reanchored = l.reanchorImported(ctx, added)
	return rep, nil
}

// readW3C reads W3C annotations within the caps of an import
// (MaxImportBytes, MaxImportItems) and keeps those that pass its checks,
// each for the document its target names, or for docID when it is not 0.
// rep counts what was left out and why.
func (l *Library) readW3C(ctx context.Context, r io.Reader, docID int64, rep *app.ImportReport) (storage.AnnotationSet, error) {
	m := &importer{l: l, ctx: ctx, docs: map[storage.Identity]int64{}, missing: map[string]bool{},
		problems: map[string]bool{}, rep: rep, fixed: docID}
	defer m.close()
	var set storage.AnnotationSet
	err := eachAnnotation(r, func(raw json.RawMessage) error { return m.add(&set, raw) })
	return set, err
}

// reanchorImported re-anchors the documents that received annotations and
// are offline. A document with no file, or no PDF engine, waits for the
// next download, whose hook re-anchors it.
func (l *Library) reanchorImported(ctx context.Context, added storage.AnnotationSet) app.ReanchorReport {
	var total app.ReanchorReport
	seen := map[int64]bool{}
	ids := []int64{}
	for _, a := range itemsOf(added) {
		if !seen[a.DocumentID] {
			seen[a.DocumentID] = true
			ids = append(ids, a.DocumentID)
		}
	}
	for _, id := range ids {
		rep, err := l.Reanchor(ctx, id)
		if err != nil {
			continue
		}
		total.Checked += rep.Checked
		total.Moved += rep.Moved
		total.NeedsReview += rep.NeedsReview
	}
	return total
}

// oneOrMany reads a JSON value that may be one thing or an array of them.
func oneOrMany(raw json.RawMessage) []json.RawMessage {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var many []json.RawMessage
	if json.Unmarshal(raw, &many) == nil {
		return many
	}
	return []json.RawMessage{raw}
}

// w3cIn is an annotation as read: the properties that may be one value
// or several are kept raw.
type w3cIn struct {
	ID         string          `json:"id"`
	Motivation json.RawMessage `json:"motivation"`
	Creator    json.RawMessage `json:"creator"`
	Created    string          `json:"created"`
	Modified   string          `json:"modified"`
	Body       json.RawMessage `json:"body"`
	Target     json.RawMessage `json:"target"`
}

// importer turns decoded annotations into the library's.
type importer struct {
	l        *Library
	ctx      context.Context
	docs     map[storage.Identity]int64 // 0 for not found
	missing  map[string]bool
	problems map[string]bool
	rep      *app.ImportReport
	bounds   *pageBounds // of the document of the last annotation
	// fixed, when set, is the document of every annotation, whatever its
	// target names: that of an entry publishing an annotation set.
	fixed int64
}

// close releases the file the checks keep open.
func (m *importer) close() {
	if m.bounds != nil {
		m.bounds.close()
		m.bounds = nil
	}
}

// skip counts an annotation left out and notes why.
func (m *importer) skip(why string) {
	m.rep.Skipped++
	if !m.problems[why] && len(m.problems) < 10 {
		m.problems[why] = true
		m.rep.Problems = append(m.rep.Problems, why)
	}
}

func (m *importer) add(set *storage.AnnotationSet, raw json.RawMessage) error {
	if compactSize(raw) > maxItemBytes {
		m.skip(fmt.Sprintf("an annotation larger than %s", app.FormatSize(maxItemBytes)))
		return nil
	}
	var in w3cIn
	if err := json.Unmarshal(raw, &in); err != nil {
		m.skip("not a W3C annotation")
		return nil
	}
	t := readTarget(in.Target)
	docID, err := m.document(t)
	if err != nil || docID == 0 {
		return err
	}
	a := app.Annotation{UID: idToUID(in.ID), DocumentID: docID, FileSHA256: t.SHA256, Author: readCreator(in.Creator),
		Created: readTime(in.Created), Updated: readTime(in.Modified)}
	if a.UID == "" {
		sum := sha256.Sum256(raw)
		a.UID = fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
	}
	if a.Updated.IsZero() {
		a.Updated = a.Created
	}
	text, color := readBody(in.Body)
	quote, page := t.quote(), t.page()
	switch motivation := firstString(in.Motivation); {
	case motivation == motivationBookmark:
		b := app.Bookmark{Annotation: flagged(a, page == 0), Page: max(page, 1), Label: text}
		m.keep(checkText("label", b.Label), b.Annotation, b.Page, nil, func() { set.Bookmarks = append(set.Bookmarks, b) })
	case quote.Exact != "":
		h := app.Highlight{Annotation: flagged(a, page == 0), Page: max(page, 1), Rects: t.rects(), Quote: quote.Exact,
			Prefix: quote.Prefix, Suffix: quote.Suffix, Color: color, Note: text}
		m.keep(checkHighlight(&h), h.Annotation, h.Page, h.Rects, func() { set.Highlights = append(set.Highlights, h) })
	case strings.TrimSpace(text) != "":
		n := app.Note{Annotation: a, Page: page, Body: text}
		m.keep(checkText("note", n.Body), n.Annotation, max(page, 1), nil, func() { set.Notes = append(set.Notes, n) })
	default:
		m.rep.Unsupported++
	}
	return nil
}

// keep adds an annotation (through add) when it passes the checks a typed
// one gets: err, the checks of its text, and its page and rectangles
// against the document's file. On another version of the file than the
// one it was made on, only the absolute bounds hold: re-anchoring places
// it, on the last page at most.
func (m *importer) keep(err error, a app.Annotation, page int, rects []app.Rect, add func()) {
	if err == nil {
		b := m.boundsOf(a.DocumentID)
		if a.FileSHA256 != "" && a.FileSHA256 == b.sha() {
			err = b.page(page)
		} else {
			err = (&pageBounds{d: b.d}).page(page)
			b = &pageBounds{}
		}
		if err == nil {
			err = b.rects(m.ctx, page, rects)
		}
	}
	if err != nil {
		m.skip(strings.TrimPrefix(err.Error(), "library: "))
		return
	}
	add()
}

// boundsOf returns the bounds of a document, keeping one file open at a
// time: an export lists each document's annotations together.
func (m *importer) boundsOf(docID int64) *pageBounds {
	if m.bounds != nil && m.bounds.d.ID == docID {
		return m.bounds
	}
	m.close()
	d, err := m.l.store.Document(m.ctx, docID)
	if err != nil {
		d = app.Document{ID: docID}
	}
	m.bounds = m.l.bounds(m.ctx, d)
	return m.bounds
}

// flagged marks an annotation for review when its place is unknown.
func flagged(a app.Annotation, unknownPage bool) app.Annotation {
	a.NeedsReview = a.NeedsReview || unknownPage
	return a
}

// document finds the local document an annotation's target names; 0 (and
// a note in the report) when there is none.
func (m *importer) document(t targetIn) (int64, error) {
	if m.fixed != 0 {
		return m.fixed, nil
	}
	id := storage.Identity{SourceURL: t.Catalogue, EntryKey: t.Entry, FileURL: t.Source, Title: t.Title}
	if e, ok := strings.CutPrefix(t.Source, "urn:fieldshelf:entry:"); ok && id.EntryKey == "" {
		id.EntryKey, _ = url.PathUnescape(e)
	}
	docID, ok := m.docs[id]
	if !ok {
		d, err := m.l.store.FindDocument(m.ctx, id)
		if err != nil && !errors.Is(err, app.ErrNotFound) {
			return 0, err
		}
		docID, m.docs[id] = d.ID, d.ID
	}
	if docID == 0 {
		m.rep.Unmatched++
		name := firstNonEmpty(t.Title, t.Source, t.Entry)
		if !m.missing[name] {
			m.missing[name] = true
			m.rep.Missing = append(m.rep.Missing, name)
		}
	}
	return docID, nil
}

// targetIn is a target as read.
type targetIn struct {
	w3cTarget
	selectors []w3cSelector
}

func readTarget(raw json.RawMessage) targetIn {
	var t targetIn
	var s string
	if json.Unmarshal(raw, &s) == nil {
		t.Source = s
		return t
	}
	var obj struct {
		w3cTarget
		Selector json.RawMessage `json:"selector"`
	}
	if json.Unmarshal(raw, &obj) != nil {
		return t
	}
	t.w3cTarget = obj.w3cTarget
	for _, r := range oneOrMany(obj.Selector) {
		var sel w3cSelector
		if json.Unmarshal(r, &sel) == nil {
			t.selectors = append(t.selectors, sel)
		}
	}
	return t
}

func (t targetIn) quote() w3cSelector {
	for _, s := range t.selectors {
		if s.Type == "TextQuoteSelector" {
			return s
		}
	}
	return w3cSelector{}
}

// page reads "page=N" from a FragmentSelector; 0 when there is none.
func (t targetIn) page() int {
	for _, s := range t.selectors {
		if s.Type != "FragmentSelector" {
			continue
		}
		for _, part := range strings.Split(strings.TrimPrefix(s.Value, "#"), "&") {
			if v, ok := strings.CutPrefix(part, "page="); ok {
				if n, err := strconv.Atoi(v); err == nil && n > 0 {
					return n
				}
			}
		}
	}
	return 0
}

func (t targetIn) rects() []app.Rect {
	out := make([]app.Rect, 0, len(t.Rects))
	for _, r := range t.Rects {
		out = append(out, app.Rect{X0: r[0], Y0: r[1], X1: r[2], Y1: r[3]})
	}
	return out
}

// readBody returns the text of the first textual body and the colour of
// any body.
func readBody(raw json.RawMessage) (text, color string) {
	for _, r := range oneOrMany(raw) {
		var b w3cBody
		if json.Unmarshal(r, &b) != nil {
			continue
		}
		if color == "" {
			color = b.Color
		}
		if text == "" && (b.Type == "TextualBody" || b.Type == "") && b.Purpose != "tagging" {
			text = b.Value
		}
	}
	return text, color
}

// readCreator returns the creator's name (or the first of several).
func readCreator(raw json.RawMessage) string {
	for _, r := range oneOrMany(raw) {
		var a struct {
			Name     string `json:"name"`
			Nickname string `json:"nickname"`
		}
		if json.Unmarshal(r, &a) == nil {
			return firstNonEmpty(a.Name, a.Nickname)
		}
		var s string
		if json.Unmarshal(r, &s) == nil {
			return s
		}
	}
	return ""
}

func firstString(raw json.RawMessage) string {
	for _, r := range oneOrMany(raw) {
		var s string
		if json.Unmarshal(r, &s) == nil {
			return s
		}
	}
	return ""
}

func readTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

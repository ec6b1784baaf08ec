package library

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"fieldshelf/app"
	"fieldshelf/storage"
)

// W3C Web Annotation export (https://www.w3.org/TR/annotation-model/).
//
// The file is an AnnotationCollection whose first page holds every
// annotation. Each annotation is complete on its own (it repeats the
// @context), so a tool may also take the items one by one:
//
//   - id: "urn:uuid:" and the annotation's uid, the key of idempotent import;
//   - motivation: bookmarking, commenting (a note) or highlighting;
//   - creator: {type Person, name} from the author setting;
//   - body: a TextualBody with the note's Markdown (format text/markdown)
//     or the bookmark's label; a highlight's body carries its "color";
//   - target.source: the document's file URL as the catalogue gives it, or
//     "urn:fieldshelf:entry:" and the entry id when there is none;
//   - target.selector: a TextQuoteSelector {exact, prefix, suffix} for a
//     highlight and a FragmentSelector "page=N" (RFC 3778) for anything on
//     a page; a note on the whole document has no selector.
//
// Fieldshelf adds a few plain properties to the target, which other tools
// ignore: "catalogue" (the source URL) and "entry" (the entry id) — the
// document's identity, which import matches on —, "title", "sha256" (the
// file version the annotation is anchored on) and "rects" (the highlight's
// rectangles, [[x0,y0,x1,y1],...] in PDF points from the top left).

// w3cContext is the JSON-LD context of the Web Annotation vocabulary.
const w3cContext = "http://www.w3.org/ns/anno.jsonld"

// The RFC that defines PDF fragment identifiers (page=N).
const pdfFragmentSpec = "http://tools.ietf.org/rfc/rfc3778"

// Motivations of the Web Annotation vocabulary that Fieldshelf uses.
const (
	motivationBookmark  = "bookmarking"
	motivationComment   = "commenting"
	motivationHighlight = "highlighting"
)

type w3cCollection struct {
	Context   string      `json:"@context"`
	Type      string      `json:"type"`
	Label     string      `json:"label"`
	Total     int         `json:"total"`
	Generator w3cAgent    `json:"generator"`
	Generated string      `json:"generated"`
	First     w3cPageJSON `json:"first"`
}

type w3cPageJSON struct {
	Type       string          `json:"type"`
	StartIndex int             `json:"startIndex"`
	Items      []w3cAnnotation `json:"items"`
}

type w3cAnnotation struct {
	Context    string    `json:"@context,omitempty"`
	ID         string    `json:"id"`
	Type       string    `json:"type"`
	Motivation string    `json:"motivation"`
	Creator    *w3cAgent `json:"creator,omitempty"`
	Created    string    `json:"created,omitempty"`
	Modified   string    `json:"modified,omitempty"`
	Body       *w3cBody  `json:"body,omitempty"`
	Target     w3cTarget `json:"target"`
}

type w3cAgent struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

type w3cBody struct {
	Type    string `json:"type"`
	Value   string `json:"value"`
	Format  string `json:"format,omitempty"`
	Purpose string `json:"purpose,omitempty"`
	Color   string `json:"color,omitempty"`
}

type w3cTarget struct {
	Source    string        `json:"source"`
	Catalogue string        `json:"catalogue,omitempty"`
	Entry     string        `json:"entry,omitempty"`
	Title     string        `json:"title,omitempty"`
	SHA256    string        `json:"sha256,omitempty"`
	Rects     [][4]float64  `json:"rects,omitempty"`
	Selector  []w3cSelector `json:"selector,omitempty"`
}

type w3cSelector struct {
	Type       string `json:"type"`
	Exact      string `json:"exact,omitempty"`
	Prefix     string `json:"prefix,omitempty"`
	Suffix     string `json:"suffix,omitempty"`
	ConformsTo string `json:"conformsTo,omitempty"`
	Value      string `json:"value,omitempty"`
}

// ExportW3C writes the annotations of a document (of every document for 0)
// as a W3C Web Annotation collection and returns how many it wrote.
// Annotations in the trash are left out.
func (l *Library) ExportW3C(ctx context.Context, docID int64, w io.Writer) (int, error) {
	set, err := l.store.Annotations(ctx, docID, false)
	if err != nil {
		return 0, err
	}
	docs, err := l.docsOf(ctx, set)
	if err != nil {
		return 0, err
	}
	items := w3cItems(set, docs)
	c := w3cCollection{Context: w3cContext, Type: "AnnotationCollection", Label: "Fieldshelf annotations",
		Total: len(items), Generator: w3cAgent{Type: "Software", Name: "Fieldshelf"},
		Generated: l.store.Now().UTC().Format(time.RFC3339),
		First:     w3cPageJSON{Type: "AnnotationPage", Items: items}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c); err != nil {
		return 0, fmt.Errorf("library: write annotations: %w", err)
	}
	return len(items), nil
}

// docsOf loads the documents the annotations belong to.
func (l *Library) docsOf(ctx context.Context, set storage.AnnotationSet) (map[int64]app.Document, error) {
	docs := map[int64]app.Document{}
	add := func(id int64) error {
		if _, ok := docs[id]; ok {
			return nil
		}
		d, err := l.store.Document(ctx, id)
		docs[id] = d
		return err
	}
	for _, b := range set.Bookmarks {
		if err := add(b.DocumentID); err != nil {
			return nil, err
		}
	}
	for _, n := range set.Notes {
		if err := add(n.DocumentID); err != nil {
			return nil, err
		}
	}
	for _, h := range set.Highlights {
		if err := add(h.DocumentID); err != nil {
			return nil, err
		}
	}
	return docs, nil
}

// w3cItems converts a set, in an order that does not depend on row ids:
// by document identity, page, creation and uid.
func w3cItems(set storage.AnnotationSet, docs map[int64]app.Document) []w3cAnnotation {
	type keyed struct {
		key  string
		item w3cAnnotation
	}
	var all []keyed
	add := func(a app.Annotation, page int, item w3cAnnotation) {
		k := fmt.Sprintf("%s\x00%s\x00%09d\x00%s\x00%s", a.SourceURL, a.EntryKey, page,
			a.Created.UTC().Format(time.RFC3339Nano), a.UID)
		all = append(all, keyed{k, item})
	}
	for _, b := range set.Bookmarks {
		add(b.Annotation, b.Page, bookmarkW3C(b, docs[b.DocumentID]))
	}
	for _, n := range set.Notes {
		add(n.Annotation, n.Page, noteW3C(n, docs[n.DocumentID]))
	}
	for _, h := range set.Highlights {
		add(h.Annotation, h.Page, highlightW3C(h, docs[h.DocumentID]))
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].key < all[j].key })
	out := make([]w3cAnnotation, len(all))
	for i, k := range all {
		out[i] = k.item
	}
	return out
}

// w3cBase fills in what every annotation has.
func w3cBase(a app.Annotation, d app.Document, motivation string, page int) w3cAnnotation {
	w := w3cAnnotation{Context: w3cContext, ID: uidToID(a.UID), Type: "Annotation", Motivation: motivation,
		Created: a.Created.UTC().Format(time.RFC3339Nano), Modified: a.Updated.UTC().Format(time.RFC3339Nano),
		Target: w3cTarget{Source: documentSource(d), Catalogue: a.SourceURL, Entry: a.EntryKey, Title: d.Title,
			SHA256: a.FileSHA256}}
	if a.Author != "" {
		w.Creator = &w3cAgent{Type: "Person", Name: a.Author}
	}
	if page > 0 {
		w.Target.Selector = []w3cSelector{{Type: "FragmentSelector", ConformsTo: pdfFragmentSpec,
			Value: "page=" + strconv.Itoa(page)}}
	}
	return w
}

func bookmarkW3C(b app.Bookmark, d app.Document) w3cAnnotation {
	w := w3cBase(b.Annotation, d, motivationBookmark, b.Page)
	if b.Label != "" {
		w.Body = &w3cBody{Type: "TextualBody", Value: b.Label, Format: "text/plain", Purpose: "describing"}
	}
	return w
}

func noteW3C(n app.Note, d app.Document) w3cAnnotation {
	w := w3cBase(n.Annotation, d, motivationComment, n.Page)
	w.Body = &w3cBody{Type: "TextualBody", Value: n.Body, Format: "text/markdown", Purpose: "commenting"}
	return w
}

func highlightW3C(h app.Highlight, d app.Document) w3cAnnotation {
	w := w3cBase(h.Annotation, d, motivationHighlight, h.Page)
	w.Body = &w3cBody{Type: "TextualBody", Value: h.Note, Color: h.Color}
	if h.Note != "" {
		w.Body.Format, w.Body.Purpose = "text/markdown", "commenting"
	}
	quote := w3cSelector{Type: "TextQuoteSelector", Exact: h.Quote, Prefix: h.Prefix, Suffix: h.Suffix}
	w.Target.Selector = append([]w3cSelector{quote}, w.Target.Selector...)
	for _, r := range h.Rects {
		w.Target.Rects = append(w.Target.Rects, [4]float64{r.X0, r.Y0, r.X1, r.Y1})
	}
	return w
}

// documentSource names a document in target.source: its file URL, or a
// URN built from the entry id when the catalogue offers no file.
func documentSource(d app.Document) string {
	if d.FileURL != "" {
		return d.FileURL
	}
	return "urn:fieldshelf:entry:" + url.PathEscape(d.EntryID)
}

// uidToID makes a W3C id of a uid: a UUID becomes urn:uuid:..., an id
// imported from another tool is kept as it came.
func uidToID(uid string) string {
	if isUUID(uid) {
		return "urn:uuid:" + uid
	}
	return uid
}

// idToUID is the inverse of uidToID.
func idToUID(id string) string {
	if u, ok := strings.CutPrefix(strings.ToLower(id), "urn:uuid:"); ok && isUUID(u) {
		return u
	}
	return id
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if c != '-' {
				return false
			}
		case !strings.ContainsRune("0123456789abcdefABCDEF", c):
			return false
		}
	}
	return true
}

package app

import (
	"fmt"
	"strings"
	"time"
)

// AnnotationKind names a kind of user annotation.
type AnnotationKind string

// The kinds of annotation.
const (
	KindBookmark  AnnotationKind = "bookmark"
	KindNote      AnnotationKind = "note"
	KindHighlight AnnotationKind = "highlight"
)

// Annotation is what every bookmark, note and highlight carries: the
// document it belongs to, by row and by stable identity, the file version
// it was made on, its author and its history.
type Annotation struct {
	ID         int64  // the row id, per kind; what the CLI shows
	UID        string // stable and random (a UUID for our own); the W3C id is built from it
	DocumentID int64
	// SourceURL and EntryKey are the document's stable identity: the
	// catalogue's URL and the entry's id (or fallback key) within it.
	SourceURL string
	EntryKey  string
	// FileSHA256 is the SHA-256 (hex) of the file version the annotation
	// is anchored on; empty when it was made with no file.
	FileSHA256 string
	Author     string
	Created    time.Time
	Updated    time.Time
	Deleted    time.Time // set while the annotation is in the trash
	// NeedsReview is set when a new edition of the file no longer has the
	// annotation's quote or page: it is kept where it was for the user to
	// look at.
	NeedsReview bool
	// Layer is the layer the annotation belongs to: 0 for the user's own,
	// else a read-only annotation a catalogue published (see Layer).
	Layer int64
}

// Bookmark marks a page.
type Bookmark struct {
	Annotation
	Page  int // from 1
	Label string
}

// Note is a Markdown note on a page or on the whole document.
type Note struct {
	Annotation
	Page int // from 1; 0 for a note on the whole document
	Body string
}

// Highlight marks a passage of a page.
type Highlight struct {
	Annotation
	Page   int    // from 1
	Rects  []Rect // the passage's rectangles in page coordinates
	Quote  string // the highlighted text
	Prefix string // a little of the text before the quote, to tell repeats apart
	Suffix string // and after it
	Color  string // one of HighlightColors
	Note   string // an optional Markdown note
}

// HighlightColors are the colours a highlight can have; the first is the
// default.
var HighlightColors = []string{"yellow", "green", "blue", "pink"}

// ReadingPosition is where the user left a document.
type ReadingPosition struct {
	DocumentID int64
	Page       int     // from 1
	Zoom       float64 // 0 means fit width
	Updated    time.Time
}

// TrashItem is an annotation in the trash.
type TrashItem struct {
	Kind       AnnotationKind
	ID         int64
	DocumentID int64
	Title      string // the document's title
	Page       int
	Text       string // the label, note or quote
	Deleted    time.Time
}

// AnnotationItem is a bookmark, note or highlight in a document's list of
// annotations, with what the kinds do not share laid flat.
type AnnotationItem struct {
	Annotation
	Kind  AnnotationKind
	Page  int    // from 1; 0 for a note on the whole document
	Text  string // a bookmark's label, a note's body or a highlight's note
	Quote string // a highlight's quoted text
	Color string // a highlight's colour
	Rects []Rect // a highlight's rectangles on its page, in points
}

// Item returns the bookmark as an item of a list of annotations.
func (b Bookmark) Item() AnnotationItem {
	return AnnotationItem{Annotation: b.Annotation, Kind: KindBookmark, Page: b.Page, Text: b.Label}
}

// Item returns the note as an item of a list of annotations.
func (n Note) Item() AnnotationItem {
	return AnnotationItem{Annotation: n.Annotation, Kind: KindNote, Page: n.Page, Text: n.Body}
}

// Item returns the highlight as an item of a list of annotations.
func (h Highlight) Item() AnnotationItem {
	return AnnotationItem{Annotation: h.Annotation, Kind: KindHighlight, Page: h.Page, Text: h.Note,
		Quote: h.Quote, Color: h.Color, Rects: h.Rects}
}

// ZoomFitPage is the reading position's zoom that fits the whole page in
// the window; 0 fits its width, a positive zoom is a fixed scale.
const ZoomFitPage = -1

// ExportFormat names a format of exported annotations.
type ExportFormat string

// The formats annotations are exported in.
const (
	FormatMarkdown ExportFormat = "md"  // Markdown, for people to read
	FormatW3C      ExportFormat = "w3c" // W3C Web Annotations, for another Fieldshelf to import
)

// ImportReport says what an import of annotations did.
type ImportReport struct {
	Added       int      // annotations new to this library
	Existing    int      // already here (imported before, or our own): left as they were
	Unmatched   int      // for documents this library does not have
	Unsupported int      // neither a bookmark, a note nor a highlight
	Missing     []string // the titles (or sources) of the documents not found
	// Skipped counts the annotations left out because they were malformed
	// or failed the checks typed ones get (a page the document does not
	// have, a rectangle off the page, an unknown colour, a note too long);
	// Problems says why, one line for each kind of problem met.
	Skipped    int
	Problems   []string
	Reanchored ReanchorReport
}

// SkippedText says in one line how many annotations an import left out
// and why; "" when it left none.
func (r ImportReport) SkippedText() string {
	if r.Skipped == 0 {
		return ""
	}
	return fmt.Sprintf("%d annotations skipped: %s", r.Skipped, strings.Join(r.Problems, "; "))
}

// ReanchorReport says what re-anchoring annotations in another version of
// a file did.
type ReanchorReport struct {
	Checked     int // annotations made on another version of the file
	Moved       int // of which found on another page
	NeedsReview int // of which not found (kept where they were, flagged)
}

package app

import "time"

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
	Color  string // a colour name such as "yellow", or "#rrggbb"
	Note   string // an optional Markdown note
}

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

// Package app holds Fieldshelf's domain types and sentinel errors.
//
// It imports only the standard library. The packages below it decode
// catalogues (app/catalog), talk HTTP (app/fetch), run the use cases
// (app/library) and draw the screens (app/ui); storage/ keeps it all in
// SQLite.
package app

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sentinel errors shared by the packages of the application. Callers test
// them with errors.Is; the wrapping error carries the detail.
var (
	// ErrNotFound reports that a source, document or annotation does not exist.
	ErrNotFound = errors.New("not found")
	// ErrMalformedFeed reports a feed that is neither OPDS 1.2 Atom nor OPDS 2.0 JSON.
	ErrMalformedFeed = errors.New("malformed feed")
	// ErrTooLarge reports a response over the size cap.
	ErrTooLarge = errors.New("response too large")
	// ErrNoSpace reports a disk too full for a download.
	ErrNoSpace = errors.New("not enough disk space")
	// ErrNotPDF reports a downloaded file that is not a PDF, such as an HTML
	// login or error page.
	ErrNotPDF = errors.New("not a PDF")
	// ErrNotOffline reports a document whose file is not in the offline
	// cache (never downloaded, removed, or deleted outside Fieldshelf).
	ErrNotOffline = errors.New("not offline")
	// ErrReadOnly reports a change that cannot be saved: the library's
	// folder or database cannot be written (write-protected, or the disk
	// is full), so it was opened read-only.
	ErrReadOnly = errors.New("the library is read-only")
	// ErrNewerSchema reports a database written by a newer Fieldshelf.
	ErrNewerSchema = errors.New("database is from a newer version of Fieldshelf")
)

// NotFoundError reports that the thing of a kind ("document", "source",
// "note"...) with an id does not exist. It is ErrNotFound for errors.Is.
type NotFoundError struct {
	Kind string
	ID   int64
}

// NotFound returns the error for a missing thing of a kind.
func NotFound(kind string, id int64) error { return &NotFoundError{Kind: kind, ID: id} }

func (e *NotFoundError) Error() string { return fmt.Sprintf("%s %d: %v", e.Kind, e.ID, ErrNotFound) }

// Is makes a NotFoundError match ErrNotFound.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// Source is a catalogue the user subscribes to: an OPDS feed URL (http,
// https or file) with an optional name and HTTP Basic credentials. The
// password is never stored: PasswordEnv names the environment variable that
// holds it.
type Source struct {
	ID          int64
	URL         string
	Name        string
	Username    string
	PasswordEnv string
	CreatedAt   time.Time
	LastSync    time.Time // end of the last successful sync; zero if never
	LastError   string    // message of the last failed sync; empty after a success
	Entries     int       // documents currently listed (not withdrawn)
}

// ListingCutShort starts a source's LastError when its last sync stopped
// at the cap on pages: what was read was applied, but the listing was not
// read to its end, so nothing was withdrawn.
const ListingCutShort = "listing cut short"

// CutShort reports whether the source's last sync stopped at the cap on
// pages (see ListingCutShort).
func (s Source) CutShort() bool { return strings.HasPrefix(s.LastError, ListingCutShort) }

// Label returns the source's name, or its URL when it has none.
func (s Source) Label() string {
	if s.Name != "" {
		return s.Name
	}
	return s.URL
}

// TagKind classifies a tag for filtering.
type TagKind string

// The kinds of tag Fieldshelf distinguishes.
const (
	TagSubject TagKind = "subject" // any other category
	TagType    TagKind = "type"    // the kind of publication: Guidance, Report, Handbook...
	TagRegion  TagKind = "region"  // a geographic tag: Global, Asia, Europe...
)

// Tag is a category of a document: OPDS/Atom term, label and scheme.
type Tag struct {
	Term   string
	Label  string // what users see; falls back to Term
	Scheme string
	Kind   TagKind
}

// Name returns the label, or the term when there is no label.
func (t Tag) Name() string {
	if t.Label != "" {
		return t.Label
	}
	return t.Term
}

// Link is a link of a catalogue entry, resolved to an absolute URL.
type Link struct {
	Href   string `json:"href"`
	Rel    string `json:"rel,omitempty"`    // absolute rel, e.g. http://opds-spec.org/acquisition/open-access
	Type   string `json:"type,omitempty"`   // media type as sent, e.g. application/pdf
	Title  string `json:"title,omitempty"`  // link title, if any
	Length int64  `json:"length,omitempty"` // size in bytes announced by the feed; 0 if unknown
	// Indirect lists the media types of an indirect acquisition chain, outermost first
	// (e.g. Adobe ADEPT, then application/pdf).
	Indirect []string `json:"indirect,omitempty"`
	// SHA256 is the file's SHA-256 (lower-case hex) when the catalogue
	// publishes it (see ReadSHA256); a download is then verified against it.
	SHA256 string `json:"sha256,omitempty"`
}

// Entry is one publication as decoded from a feed, before it is stored.
type Entry struct {
	ID        string // the feed's id for the entry; may repeat or be empty
	Title     string
	Authors   []string
	Publisher string
	Year      int // 0 when unknown
	Language  string
	Updated   time.Time // the entry's updated (or modified) stamp; zero if absent
	Summary   string    // sanitised plain text
	Tags      []Tag
	Links     []Link // acquisition links, best first (a PDF first when there is one)
	Cover     string // absolute URL of a cover or thumbnail image; data: URIs are dropped
	// Annotations are the links to the annotation sets published with the
	// entry (see RelAnnotations).
	Annotations []Link
}

// FileLink returns the entry's file link: the first full (not sample or
// preview) acquisition link that delivers a PDF, directly or at the end of
// an indirect chain, else the first full acquisition link of another type.
// A sample is never taken for the document. ok is false when the entry
// has no full acquisition link.
func (e Entry) FileLink() (l Link, ok bool) {
	for _, l := range e.Links {
		if IsPDF(l) && !IsSample(l) {
			return l, true
		}
	}
	for _, l := range e.Links {
		if !IsSample(l) {
			return l, true
		}
	}
	return Link{}, false
}

// IsSample reports whether a link offers only a sample or preview.
func IsSample(l Link) bool {
	return strings.HasSuffix(l.Rel, "/sample") || strings.HasSuffix(l.Rel, "/preview")
}

// IsPDF reports whether a link delivers a PDF, directly or at the end of an
// indirect acquisition chain.
func IsPDF(l Link) bool {
	if MediaType(l.Type) == "application/pdf" {
		return true
	}
	n := len(l.Indirect)
	return n > 0 && MediaType(l.Indirect[n-1]) == "application/pdf"
}

// Document is a catalogue entry as stored in the library.
type Document struct {
	ID        int64
	SourceID  int64
	EntryID   string // the feed's id, or the fallback key when ids repeat or are missing
	Title     string
	Authors   []string
	Publisher string
	Year      int
	Language  string
	Summary   string
	Tags      []Tag
	Links     []Link
	Cover     string
	FileURL   string    // the link of its file: a PDF, or what the catalogue offers instead
	FileType  string    // the file's media type, as the catalogue gives it
	FileSize  int64     // the file's size as the catalogue gives it; 0 when unknown
	Updated   time.Time // upstream updated stamp
	FirstSeen time.Time
	ChangedAt time.Time // last time a sync changed this row
	Withdrawn bool
	// UpdateAvailable is set when the document is cached and its upstream file
	// link, size or stamp changed since the cached copy was downloaded.
	UpdateAvailable bool
	File            *File // the cached copy; nil when not offline
}

// TagNames returns the labels of the document's tags, optionally only those of one kind.
func (d Document) TagNames(kinds ...TagKind) []string {
	names := []string{}
	for _, t := range d.Tags {
		if len(kinds) > 0 && !hasKind(kinds, t.Kind) {
			continue
		}
		names = append(names, t.Name())
	}
	return names
}

func hasKind(kinds []TagKind, k TagKind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// File is a cached PDF on disk.
type File struct {
	DocumentID   int64
	Path         string // relative to the data directory; built from our own ids
	Size         int64
	SHA256       string // hex
	URL          string // the URL it was fetched from
	ETag         string
	LastModified string
	Pinned       bool
	DownloadedAt time.Time
	LastOpened   time.Time
}

// SyncStats counts what a sync did to the catalogue.
type SyncStats struct {
	Entries     int // entries seen in the feeds
	Added       int
	Updated     int
	Withdrawn   int
	Unchanged   int
	Pages       int   // feed pages fetched (including 304 answers)
	NotModified int   // of which answered 304
	Bytes       int64 // body bytes received
	// CutShort names the sources whose listing stopped at the cap on
	// pages (see ListingCutShort).
	CutShort []string
	// Layers counts what the sync did to the annotation sets the
	// catalogues publish.
	Layers LayerStats
}

// CutShortText says in a few words which listings a sync cut short; ""
// when none.
func (st SyncStats) CutShortText() string {
	if len(st.CutShort) == 0 {
		return ""
	}
	return "the listing of " + strings.Join(st.CutShort, ", ") + " was cut short at the cap on pages: nothing was withdrawn"
}

// Filter selects documents in a listing.
type Filter struct {
	Tag       string // label or term, any kind
	Type      string
	Region    string
	Year      int
	Publisher string
	SourceID  int64
	Offline   bool // only documents with a cached file
	Withdrawn bool // include withdrawn documents
	// WithNotes keeps documents that have a bookmark, note or highlight.
	WithNotes bool
	// UpdateAvailable keeps cached documents whose upstream file changed.
	UpdateAvailable bool
	Sort            Sort
	Limit           int // 0 for no limit
	Offset          int
}

// Sort orders a listing.
type Sort string

// The orders of a listing.
const (
	SortNewest Sort = "newest" // by year, newest first (the default)
	SortTitle  Sort = "title"  // alphabetically
	SortRecent Sort = "recent" // recently opened first
)

// SearchHit is one ranked result of a full-text search.
type SearchHit struct {
	Document Document
	// Kind says what matched: "metadata" (the catalogue entry), "page" (the
	// text of a page of the cached file), "note" or "highlight".
	Kind         string
	Page         int     // the page of a page, note or highlight hit, from 1; 0 otherwise
	AnnotationID int64   // the note or highlight of an annotation hit
	Snippet      string  // the matching text with the hits between [ and ]
	Rank         float64 // bm25: lower is better
}

// Rect is a rectangle on a page in PDF points (1/72 inch), origin at the
// top left of the page as MuPDF reports it, y growing downwards.
type Rect struct {
	X0, Y0, X1, Y1 float64
}

// PageLink is a link on a page of a PDF: to a place in the document or to
// an address outside it.
type PageLink struct {
	Rect Rect    // on the page, in points
	Page int     // the target page, from 1; 0 for an address outside
	Y    float64 // the place on the target page, in points from its top
	URI  string  // the address outside the document
}

// FileNote is an annotation a PDF file carries itself: a sticky note (a
// Text annotation) with its author, or a form field with its value. The
// reader shows them and never changes the file.
type FileNote struct {
	Page      int    // from 1
	Rect      Rect   // on the page, in points
	Field     bool   // a form field: Name and Value are set
	Author    string // a sticky note's author
	Text      string // a sticky note's text
	Name      string // a field's full name
	Value     string // a field's value, as the file holds it
	FieldType string // "text", "checkbox", "radiobutton", "combobox", "listbox", "button" or "signature"
}

// MediaType returns the bare, lower-case media type of a Content-Type or
// link type, without parameters ("application/atom+xml;profile=opds-catalog"
// gives "application/atom+xml").
func MediaType(t string) string {
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = t[:i]
	}
	return strings.ToLower(strings.TrimSpace(t))
}

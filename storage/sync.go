package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"fieldshelf/app"
)

// Page is what the store keeps about one fetched feed page of a source.
type Page struct {
	URL          string
	ETag         string
	LastModified string
	BodySHA256   string
	Links        []PageLink // the pages reached from this page (next, subsections)
	Entries      int
	// Shared is set when the page lists a publication that another page
	// of the crawl lists too (a catalogue that lists its books by title, by
	// author and by tag).
	Shared bool
}

// PageLink is a link a crawl followed from a page, recorded with what the
// crawl knew of the page it leads to, so that an unchanged page is followed
// the same way next time.
type PageLink struct {
	URL  string `json:"u"`
	Next bool   `json:"n,omitempty"` // rel="next": the same listing goes on
	// InTags is set for a page under a listing of tags ("By tags"), and Tag
	// names the tag subsection the page belongs to ("Handbook").
	InTags bool   `json:"i,omitempty"`
	Tag    string `json:"t,omitempty"`
}

// SyncEntry is one publication found by a crawl, with the key it is stored
// under (unique within the source).
type SyncEntry struct {
	Key   string
	Page  string // URL of the page that listed it
	Entry app.Entry
}

// SyncBatch is the outcome of one crawl of a source, applied at once.
type SyncBatch struct {
	Pages []Page // every page visited, changed or not
	// Unchanged holds the URLs of visited pages that were not modified (304,
	// or the same body as last time). Their documents count as listed
	// without being decoded again.
	Unchanged []string
	Entries   []SyncEntry // the entries of the changed pages
	// Complete is true when the crawl reached every page; only then do
	// documents missing from it become withdrawn.
	Complete bool
}

// Pages returns the pages recorded for a source by its last sync, by URL.
func (s *Store) Pages(ctx context.Context, sourceID int64) (map[string]Page, error) {
	pages, err := loadPages(ctx, s.db, sourceID)
	if err != nil {
		return nil, fmt.Errorf("storage: pages of source %d: %w", sourceID, err)
	}
	return pages, nil
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

// docRow is an entry prepared for the documents table: its lists encoded
// as JSON, its tags as [term, label, scheme, kind].
type docRow struct {
	Key, EntryID, Title, Authors, AuthorsText, Publisher string
	Year                                                 *int
	Language, Summary, TagsText, Cover                   string
	Tags                                                 [][4]string
	FileURL, FileType                                    string
	FileSize                                             int64
	Links, Updated, Hash, Page                           string
	year                                                 int // where Year points
}

// newDocRow prepares an entry for the documents table, with the columns
// the encoder computes (see rowEncoder.setText).
func newDocRow(se *SyncEntry, re *rowEncoder) *docRow {
	e := &se.Entry
	r := re.newRow()
	r.Key, r.EntryID, r.Title, r.Publisher, r.Language = se.Key, e.ID, e.Title, e.Publisher, e.Language
	r.Summary, r.Cover, r.Page = e.Summary, e.Cover, se.Page
	pdf, _ := e.FileLink()
	r.FileURL, r.FileType, r.FileSize = pdf.Href, pdf.Type, pdf.Length
	if e.Year != 0 {
		r.year = e.Year
		r.Year = &r.year
	}
	r.Tags = re.newTags(len(e.Tags))
	for i := range e.Tags {
		t := &e.Tags[i]
		kind := t.Kind
		if kind == "" {
			kind = app.TagSubject
		}
		r.Tags[i] = [4]string{t.Term, t.Name(), t.Scheme, string(kind)}
	}
	re.setText(r, e)
	return r
}

// jsonArray encodes a slice as a JSON array ("[]" for nil).
func jsonArray[T any](s []T) string {
	if s == nil {
		return "[]"
	}
	b, err := json.Marshal(s)
	if err != nil {
		panic("storage: encode " + err.Error()) // only plain data is encoded
	}
	return string(b)
}

// placeholders returns "(?, ?), (?, ?)" for rows rows of cols columns.
func placeholders(rows, cols int) string {
	one := "(?" + strings.Repeat(", ?", cols-1) + ")"
	return one + strings.Repeat(", "+one, rows-1)
}

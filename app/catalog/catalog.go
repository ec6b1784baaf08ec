// Package catalog decodes OPDS catalogue pages into Fieldshelf's domain types.
//
// It understands OPDS 1.2 (Atom XML feeds and standalone entries) and OPDS
// 2.0 (JSON feeds, groups and publication documents), plus the OpenSearch
// descriptions that OPDS 1 search links point to. The decoders are pure: they
// read bytes and never touch the network or the file system.
//
// # Links
//
// Every href that comes out is absolute (http, https or file): relative
// references are resolved against xml:base (nested, at any element) and the
// page URL, default ports (:80, :443) are dropped, and references that cannot
// be made absolute (or are data: or javascript: URIs) are left out. Template
// expressions such as {searchTerms} and {?query} are kept verbatim; fill them
// with FillTemplate.
//
// # What the crawler gets
//
// A page decodes to a Feed. Entries holds publications: every OPDS 2
// publication, and every Atom entry that is not a navigation entry. An Atom
// entry is a navigation entry when it has no acquisition link and links to a
// catalogue (a link typed application/atom+xml or application/opds+json, or a
// subsection link without a type); its catalogue links go to
// Feed.Navigation (titled by the entry) and its facet links to Feed.Facets.
// Kind is KindNavigation when a feed has navigation but no publications.
//
// Of the feed-level links only http://opds-spec.org/crawlable is put in
// Navigation: sort/new, sort/popular, featured, shelf and the like lead to
// other views of publications that the crawl reaches anyway, and following
// them would multiply the pages fetched. OPDS 2 navigation items, the
// navigation of groups and the self link of each group (its "see more") are
// navigation; templated links and links to web pages are not. Next is the
// first rel="next" link; rel="last" is never exposed.
//
// # Acquisition links
//
// Entry.Links lists acquisition links only (rels under
// http://opds-spec.org/acquisition, buy, borrow and subscribe included),
// best first: full acquisitions that end in a PDF, then the other full
// acquisitions, then samples (rel .../sample or .../preview) that end in a
// PDF, then other samples; feed order is kept within each rank. A link whose
// indirect acquisition branches (Adobe ADEPT to EPUB or to PDF) becomes one
// Link per path, so the PDF path can be chosen. app.Entry.FileLink picks
// the document's file among them: never a sample, a PDF when there is one.
//
// # Metadata
//
// Ids are kept as given, even when they repeat or are not URIs; a missing id
// is "" (an OPDS 2 publication without one takes its self link). Times are in
// UTC; a stamp in none of the usual layouts is read as an e-mail date (RFC
// 822/1123, named zones such as EST with their offsets); Go's zero time
// (0001-01-01), sent by some servers for "unknown", is zero.
//
// Text stays text: Atom text constructs of type "text" (the default) and
// OPDS 2 strings are kept as they are after XML or JSON unescaping, with
// "<", ">", "&" and quotes, and only white space tidied (titles and names on
// one line). Only type="html" and type="xhtml" are read as markup: tags
// dropped, entities decoded, blocks become lines. A summary with no type at
// all, and an OPDS 2 description, are read as HTML only when they hold real
// markup (a tag of a known HTML element, a comment or an entity reference);
// titles and names never are. Tags listed at the end of a summary ("TAGS:
// Global, Asia") are moved to Entry.Tags.
//
// Authors come from atom:author, else atom:contributor, else dc:creator (OPDS
// 2: author only). One author string holding several names is split on ";"
// when every part has one to six words, and on " & " only when every part
// looks like a personal name: one to four capitalised words (particles such
// as "van" aside), word counts differing by at most one, no part a firm word
// like "Sons" or "Co". So "John Smith & Jane Doe" and "Smith & Jones" split;
// "Investors Against Slavery & Trafficking" and "Dombey & Son" do not.
//
// Tags are TagType when the scheme's last segment or fragment is type,
// types, doctype or documenttype, TagRegion when the scheme's path mentions
// region, geo, spatial or coverage, then by label: known publication types
// (Guidance, Report, Handbook, Working Paper..., plurals too) and regions
// (Global, Africa, Asia-Pacific, MENA...); anything else is TagSubject.
// dcterms:spatial and dcterms:coverage give region tags. Tags are
// deduplicated by kind and label, ignoring case.
//
// # Tolerance
//
// Real servers send broken documents. The decoders accept any Atom namespace
// spelling (https, the root's own), Dublin Core under either namespace and
// any prefix, the encodings declared by the XML or the Content-Type (UTF-16
// too), and they repair invalid UTF-8, stray control characters and bare
// '&'s. Mismatched or unclosed XML elements and broken JSON syntax are
// errors: the feed is then rejected as a whole, never half-read. All errors
// about the content wrap app.ErrMalformedFeed; read errors of ParseAtom and
// ParseJSON do not.
package catalog

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"strings"
	"time"

	"fieldshelf/app"
)

// Kind says what sort of page a Feed was decoded from.
type Kind int

// The kinds of page.
const (
	KindAcquisition Kind = iota // a feed listing publications (also an empty feed)
	KindNavigation              // a feed that only links to other feeds
	KindEntry                   // a standalone Atom entry or OPDS 2 publication document
)

// String returns the kind's name.
func (k Kind) String() string {
	switch k {
	case KindAcquisition:
		return "acquisition"
	case KindNavigation:
		return "navigation"
	case KindEntry:
		return "entry"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Feed is one decoded catalogue page.
type Feed struct {
	Kind    Kind
	ID      string
	Title   string
	Updated time.Time // UTC; zero when absent

	// Entries are the publications of the page, in feed order.
	Entries []app.Entry
	// Navigation lists the links the crawler may follow to reach more
	// publications, deduplicated by href. Title is the entry or link title.
	Navigation []app.Link
	// Next is the absolute URL of the next page, "" if none.
	Next string
	// Search lists the search links: OpenSearch descriptions or templates.
	Search []app.Link
	// Facets lists facet links. They are informational: the crawler does not
	// follow them.
	Facets []app.Link
}

// Parse decodes a catalogue page fetched from baseURL (after redirects).
// contentType is the response's Content-Type, possibly empty. JSON is
// recognised by its first non-space byte or by the content type; anything
// else is read as XML. The charset parameter of contentType is used for XML
// that declares no encoding. Errors wrap app.ErrMalformedFeed.
func Parse(baseURL, contentType string, body []byte) (*Feed, error) {
	return parse(baseURL, contentType, body, false)
}

// NextLink returns the rel="next" link of an Atom feed page when the page
// gives it before its first entry, as servers do, reading only that far;
// otherwise, and for OPDS 2, it returns "". Parse finds the same link. A
// crawler uses it to fetch the next page while it decodes this one.
func NextLink(baseURL, contentType string, body []byte) string {
	f, err := parse(baseURL, contentType, body, true)
	if err != nil || f == nil {
		return ""
	}
	return f.Next
}

// parse decodes a page; with head set it reads an Atom feed only up to its
// first entry, and JSON not at all (nil).
func parse(baseURL, contentType string, body []byte, head bool) (*Feed, error) {
	body, transcoded, err := fromUTF16(body)
	if err != nil {
		return nil, err
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(body, utf8BOM), " \t\r\n")
	if len(trimmed) == 0 {
		return nil, malformed(nil, "empty response body")
	}
	mt, params, _ := mime.ParseMediaType(contentType)
	if trimmed[0] == '{' || trimmed[0] == '[' || (trimmed[0] != '<' && strings.Contains(mt, "json")) {
		if head {
			return nil, nil
		}
		return parseJSON(baseURL, trimmed)
	}
	cs := params["charset"]
	if transcoded {
		cs = "utf-8"
	}
	return parseAtomBytes(baseURL, body, cs, head)
}

// ParseAtom decodes an OPDS 1 Atom feed or standalone entry read from r.
// baseURL is the URL it was fetched from. Errors wrap app.ErrMalformedFeed.
func ParseAtom(baseURL string, r io.Reader) (*Feed, error) {
	return parseAtom(baseURL, r, "", false)
}

// ParseJSON decodes an OPDS 2 feed or publication read from r. baseURL is
// the URL it was fetched from. Errors wrap app.ErrMalformedFeed.
func ParseJSON(baseURL string, r io.Reader) (*Feed, error) {
	body, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("catalog: reading JSON: %w", err)
	}
	body, _, err = fromUTF16(body)
	if err != nil {
		return nil, err
	}
	return parseJSON(baseURL, body)
}

// feedError is a malformed-feed error: it matches app.ErrMalformedFeed and
// the underlying cause, if any.
type feedError struct {
	msg   string
	cause error
}

func (e *feedError) Error() string {
	if e.cause == nil {
		return "catalog: " + e.msg
	}
	return "catalog: " + e.msg + ": " + e.cause.Error()
}

func (e *feedError) Unwrap() []error {
	if e.cause == nil {
		return []error{app.ErrMalformedFeed}
	}
	return []error{app.ErrMalformedFeed, e.cause}
}

// malformed returns an error wrapping app.ErrMalformedFeed and cause.
func malformed(cause error, format string, args ...any) error {
	return &feedError{msg: fmt.Sprintf(format, args...), cause: cause}
}

package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
	"unicode/utf8"

	"fieldshelf/app"
)

// rowEncoder turns crawled entries into docRows. It writes the JSON that
// encoding/json's Marshal writes for an app.Entry, byte for byte, by hand:
// the fingerprint of every document a sync ever stored is the SHA-256 of
// those bytes (see newDocRow), and so are the authors and links columns,
// so any difference would mark every document of a library changed on its
// next sync. rowenc_test.go holds the encoder to json.Marshal over every
// field, and fails when app.Entry, app.Tag or app.Link gains a field that
// appendEntry does not write.
//
// Its buffers are reused from entry to entry, and the rows and their tag
// arrays are cut from slabs, so that staging a catalogue allocates little
// more than one string per row. A rowEncoder is used by one goroutine.
type rowEncoder struct {
	entry []byte // the JSON of the entry being encoded
	text  []byte // the text columns of the row being built
	rows  []docRow
	tags  [][4]string
}

func newRowEncoder() *rowEncoder { return &rowEncoder{} }

// slabRows is how many docRows (and at least how many tags) one slab holds.
const slabRows = 256

// newRow returns a zeroed docRow cut from the current slab.
func (re *rowEncoder) newRow() *docRow {
	if len(re.rows) == 0 {
		re.rows = make([]docRow, slabRows)
	}
	r := &re.rows[0]
	re.rows = re.rows[1:]
	return r
}

// newTags returns n tag arrays cut from the current slab; the slice cannot
// grow into the next row's. It is never nil, as when each row made its own.
func (re *rowEncoder) newTags(n int) [][4]string {
	if n == 0 {
		return [][4]string{}
	}
	if len(re.tags) < n {
		re.tags = make([][4]string, max(n, slabRows))
	}
	t := re.tags[:n:n]
	re.tags = re.tags[n:]
	return t
}

// setText sets the columns of r that are computed from e: the JSON of the
// authors and links, the joined authors and tag names, the time and the
// Hash, which fingerprints everything a sync stores about the entry: the
// first half of the SHA-256 of json.Marshal(e), in hex. The columns share
// one string; r.Tags must be set.
func (re *rowEncoder) setText(r *docRow, e *app.Entry) {
	var at entrySpans
	re.entry, at = appendEntry(re.entry[:0], e)
	b := append(re.text[:0], re.entry[at.authors.start:at.authors.end]...)
	var cut [5]int
	cut[0] = len(b)
	if len(e.Authors) > 1 {
		b = appendJoin(b, e.Authors, "; ")
	}
	cut[1] = len(b)
	if len(r.Tags) > 1 {
		for i := range r.Tags {
			if i > 0 {
				b = append(b, "; "...)
			}
			b = append(b, r.Tags[i][1]...)
		}
	}
	cut[2] = len(b)
	b = append(b, re.entry[at.links.start:at.links.end]...)
	cut[3] = len(b)
	switch {
	case e.Updated.IsZero():
	case e.Updated.Location() == time.UTC: // as catalogues' times are: the JSON has it
		b = append(b, re.entry[at.updated.start:at.updated.end]...)
	default:
		b = e.Updated.UTC().AppendFormat(b, time.RFC3339Nano)
	}
	cut[4] = len(b)
	b = fingerprint(b, re.entry)
	re.text = b
	s := string(b)

	r.Authors, r.AuthorsText = "[]", ""
	if e.Authors != nil {
		r.Authors = s[:cut[0]]
	}
	if len(e.Authors) == 1 {
		r.AuthorsText = e.Authors[0]
	} else {
		r.AuthorsText = s[cut[0]:cut[1]]
	}
	if len(r.Tags) == 1 {
		r.TagsText = r.Tags[0][1]
	} else {
		r.TagsText = s[cut[1]:cut[2]]
	}
	r.Links = "[]"
	if e.Links != nil {
		r.Links = s[cut[2]:cut[3]]
	}
	r.Updated, r.Hash = s[cut[3]:cut[4]], s[cut[4]:]
}

// entrySpans tell where parts of an entry's JSON are, by byte offsets.
type entrySpans struct {
	authors, links span // the arrays; empty when the slices are nil
	updated        span // the time, inside its quotes
}

// appendEntry appends json.Marshal(e) to b, and tells where some of its
// parts are. Field names, order and omitempty follow the types'
// declarations and tags; TestRowEncoderFields keeps them in step.
func appendEntry(b []byte, e *app.Entry) (out []byte, at entrySpans) {
	b = append(b, `{"ID":`...)
	b = appendString(b, e.ID)
	b = append(b, `,"Title":`...)
	b = appendString(b, e.Title)
	b = append(b, `,"Authors":`...)
	if e.Authors != nil {
		at.authors.start = len(b)
		b = appendStrings(b, e.Authors)
		at.authors.end = len(b)
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"Publisher":`...)
	b = appendString(b, e.Publisher)
	b = append(b, `,"Year":`...)
	b = strconv.AppendInt(b, int64(e.Year), 10)
	b = append(b, `,"Language":`...)
	b = appendString(b, e.Language)
	b = append(b, `,"Updated":`...)
	at.updated.start = len(b) + 1
	b = appendTime(b, e.Updated)
	at.updated.end = len(b) - 1
	b = append(b, `,"Summary":`...)
	b = appendString(b, e.Summary)
	b = append(b, `,"Tags":`...)
	b = appendTags(b, e.Tags)
	b = append(b, `,"Links":`...)
	if e.Links != nil {
		at.links.start = len(b)
		b = appendLinks(b, e.Links)
		at.links.end = len(b)
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"Cover":`...)
	b = appendString(b, e.Cover)
	b = append(b, `,"Annotations":`...)
	b = appendLinks(b, e.Annotations)
	return append(b, '}'), at
}

// appendStrings appends a []string as encoding/json does: null for nil.
func appendStrings(b []byte, s []string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, v := range s {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, v)
	}
	return append(b, ']')
}

func appendTags(b []byte, tags []app.Tag) []byte {
	if tags == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range tags {
		t := &tags[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"Term":`...)
		b = appendString(b, t.Term)
		b = append(b, `,"Label":`...)
		b = appendString(b, t.Label)
		b = append(b, `,"Scheme":`...)
		b = appendString(b, t.Scheme)
		b = append(b, `,"Kind":`...)
		b = appendString(b, string(t.Kind))
		b = append(b, '}')
	}
	return append(b, ']')
}

func appendLinks(b []byte, links []app.Link) []byte {
	if links == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range links {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendLink(b, &links[i])
	}
	return append(b, ']')
}

// appendLink writes a Link by its json tags: href always, the rest only
// when not empty.
func appendLink(b []byte, l *app.Link) []byte {
	b = append(b, `{"href":`...)
	b = appendString(b, l.Href)
	if l.Rel != "" {
		b = append(b, `,"rel":`...)
		b = appendString(b, l.Rel)
	}
	if l.Type != "" {
		b = append(b, `,"type":`...)
		b = appendString(b, l.Type)
	}
	if l.Title != "" {
		b = append(b, `,"title":`...)
		b = appendString(b, l.Title)
	}
	if l.Length != 0 {
		b = append(b, `,"length":`...)
		b = strconv.AppendInt(b, l.Length, 10)
	}
	if len(l.Indirect) > 0 {
		b = append(b, `,"indirect":`...)
		b = appendStrings(b, l.Indirect)
	}
	if l.SHA256 != "" {
		b = append(b, `,"sha256":`...)
		b = appendString(b, l.SHA256)
	}
	return append(b, '}')
}

// appendTime writes a time as time.Time's MarshalJSON does: RFC 3339 with
// nanoseconds, in the time's own zone. MarshalJSON fails for a year
// outside 0-9999 or a zone offset of 24 hours or more (and json.Marshal
// with it), which no stored fingerprint can therefore come from: such a
// time is written all the same, as time's RFC 3339 formatting has it.
func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// jsonSafe holds the bytes encoding/json writes as they are when it
// escapes HTML (as Marshal does): ASCII but the controls, '"', '\\', '<',
// '>' and '&'.
var jsonSafe = func() (safe [256]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		safe[c] = true
	}
	for _, c := range `"\<>&` {
		safe[c] = false
	}
	return safe
}()

// appendString appends s as a JSON string the way json.Marshal writes it:
// '"' and '\\' escaped with a backslash, \b \f \n \r \t by name, the other
// controls and '<' '>' '&' as \u00XX, U+2028 and U+2029 as \u2028 and
// \u2029, and each byte that is not valid UTF-8 as \ufffd.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		i += safeLen(s[i:])
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// safeLen returns the length of the run of jsonSafe bytes s starts with,
// testing 8 bytes at a time.
func safeLen(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if unsafeBits(word(s[i:])) != 0 {
			break
		}
	}
	if i+8 > len(s) && len(s) >= 8 && unsafeBits(word(s[len(s)-8:])) == 0 {
		return len(s) // the tail, read as the last 8 bytes
	}
	for i < len(s) && jsonSafe[s[i]] {
		i++
	}
	return i
}

// unsafeBits is zero when the 8 bytes of x are all jsonSafe.
// (v-ones)&^v&highs is not zero exactly when v has a zero byte, and
// (v-ones*0x20)&^v&highs when v has a byte below 0x20. A byte is '"' or
// '&' when, with bit 2 set, it is 0x26; it is '<' or '>' when, with bit 1
// set, it is 0x3e.
func unsafeBits(x uint64) uint64 {
	q, t, e := x|ones*0x04^ones*'&', x|ones*0x02^ones*'>', x^ones*'\\'
	return ((x-ones*0x20)&^x | (q-ones)&^q | (t-ones)&^t | (e-ones)&^e | x) & highs
}

// Bytes repeated over a word, for appendString's test of 8 bytes at once.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// word reads the first 8 bytes of s, little-endian (one load).
func word(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// appendJoin appends the strings of s separated by sep, as strings.Join.
func appendJoin(b []byte, s []string, sep string) []byte {
	for i, v := range s {
		if i > 0 {
			b = append(b, sep...)
		}
		b = append(b, v...)
	}
	return b
}

// fingerprint returns the first half of the SHA-256 of data, in hex.
func fingerprint(b []byte, data []byte) []byte {
	sum := sha256.Sum256(data)
	return hex.AppendEncode(b, sum[:16])
}

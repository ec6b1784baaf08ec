package storage

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"fieldshelf/app"
)

// The old row encoder, through encoding/json: the reference the hand
// written one is held to, and the baseline of BenchmarkNewDocRow.

// jsonRowEncoder encodes the JSON of docRows with encoding/json into one
// reused buffer.
type jsonRowEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

func newJSONRowEncoder() *jsonRowEncoder {
	re := &jsonRowEncoder{}
	re.enc = json.NewEncoder(&re.buf)
	return re
}

func (re *jsonRowEncoder) encode(v any) []byte {
	re.buf.Reset()
	if err := re.enc.Encode(v); err != nil {
		panic("storage: encode " + err.Error())
	}
	return bytes.TrimSuffix(re.buf.Bytes(), []byte("\n"))
}

func (re *jsonRowEncoder) array(v any, empty bool) string {
	if empty {
		return "[]"
	}
	return string(re.encode(v))
}

func (re *jsonRowEncoder) hash(e *app.Entry) string {
	sum := sha256.Sum256(re.encode(e))
	return hex.EncodeToString(sum[:16])
}

// jsonDocRow is newDocRow as it was before rowEncoder wrote the JSON by
// hand.
func jsonDocRow(se SyncEntry, re *jsonRowEncoder) *docRow {
	e := se.Entry
	r := &docRow{Key: se.Key, EntryID: e.ID, Title: e.Title, Publisher: e.Publisher, Language: e.Language,
		Summary: e.Summary, Cover: e.Cover, Page: se.Page}
	pdf, _ := e.FileLink()
	r.FileURL, r.FileType, r.FileSize = pdf.Href, pdf.Type, pdf.Length
	if e.Year != 0 {
		y := e.Year
		r.Year = &y
	}
	r.Authors = re.array(e.Authors, e.Authors == nil)
	r.AuthorsText = strings.Join(e.Authors, "; ")
	names := make([]string, len(e.Tags))
	tags := make([][4]string, len(e.Tags))
	for i, t := range e.Tags {
		names[i] = t.Name()
		kind := t.Kind
		if kind == "" {
			kind = app.TagSubject
		}
		tags[i] = [4]string{t.Term, t.Name(), t.Scheme, string(kind)}
	}
	r.Tags = tags
	r.TagsText = strings.Join(names, "; ")
	r.Links = re.array(e.Links, e.Links == nil)
	if !e.Updated.IsZero() {
		r.Updated = e.Updated.UTC().Format(time.RFC3339Nano)
	}
	r.Hash = re.hash(&e)
	return r
}

// checkEntry compares what the row encoder makes of e with encoding/json's
// bytes and with jsonDocRow's row.
func checkEntry(t *testing.T, re *rowEncoder, e app.Entry) {
	t.Helper()
	want, err := json.Marshal(e)
	if err != nil {
		t.Fatalf("json.Marshal(%#v): %v", e, err)
	}
	got, at := appendEntry(nil, &e)
	if !bytes.Equal(got, want) {
		t.Fatalf("appendEntry(%#v)\n = %s\nwant %s", e, got, want)
	}
	authors, links := at.authors, at.links
	if w, _ := json.Marshal(e.Updated); !bytes.Equal(got[at.updated.start-1:at.updated.end+1], w) {
		t.Errorf("updated span = %s, want %s", got[at.updated.start-1:at.updated.end+1], w)
	}
	if e.Authors != nil {
		if w, _ := json.Marshal(e.Authors); !bytes.Equal(got[authors.start:authors.end], w) {
			t.Errorf("authors span = %s, want %s", got[authors.start:authors.end], w)
		}
	}
	if e.Links != nil {
		if w, _ := json.Marshal(e.Links); !bytes.Equal(got[links.start:links.end], w) {
			t.Errorf("links span = %s, want %s", got[links.start:links.end], w)
		}
	}
	se := SyncEntry{Key: "k", Page: "http://p.test/1", Entry: e}
	r, w := *newDocRow(&se, re), *jsonDocRow(se, newJSONRowEncoder())
	r.year = 0
	if !reflect.DeepEqual(r, w) {
		t.Fatalf("newDocRow(%#v)\n = %#v\nwant %#v", e, r, w)
	}
}

// nastyStrings are strings that json.Marshal escapes, replaces or leaves
// alone in ways easy to get wrong.
var nastyStrings = func() []string {
	s := []string{"", "plain", `<>&'"\`, "a</script>b", "\u2028", "\u2029", "x\u2028y\u2029z",
		"\xff", "\xfe\xff", "\xc0\x80", "\xed\xa0\x80", "\xed\xbf\xbf", "\xf4\x90\x80\x80", "\xe6\x9d",
		"東京", "\xe6\x9d東京", "تقرير سنوي", "📚👩‍🔬🏳️‍🌈", "e\u0301", "\ufffd", "\u007f", "\u0080", "\u00a0",
		"\ufeffBOM", "\U0010ffff", `Ünïcödé & <Escaping> "Test": 東京`, "tab\there\r\nnew\bline\fform"}
	for c := 0; c < 0x80; c++ {
		s = append(s, string(rune(c)), "a"+string(rune(c))+"b")
	}
	return s
}()

// TestRowEncoderMatchesMarshal checks that the row encoder writes the very
// bytes of json.Marshal, so that the fingerprints of the documents already
// stored still match, and the rows of jsonDocRow.
func TestRowEncoderMatchesMarshal(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		ny = time.FixedZone("EST", -5*3600)
	}
	entries := []app.Entry{
		{},
		{ID: "urn:1", Title: `Ünïcödé & <Escaping> "Test": 東京`, Summary: "تقرير 📚 \u2028 line\nbreak",
			Authors: []string{"A. Author", "<b>B</b>"}, Year: 2021, Updated: time.Date(2025, 6, 1, 9, 0, 0, 5, time.UTC),
			Tags:  []app.Tag{{Term: "asia", Label: "Asia & Pacific", Kind: app.TagRegion}},
			Links: []app.Link{{Href: "http://a.test/x.pdf?a=1&b=2", Type: "application/pdf", Length: 10}}},
		{ID: "bad \xff utf-8", Authors: []string{}, Links: []app.Link{}, Tags: []app.Tag{}, Annotations: []app.Link{}},
		{Authors: []string{"One"}, Tags: []app.Tag{{Term: "t"}, {Term: "u", Label: "U", Scheme: "s", Kind: app.TagType}},
			Links: []app.Link{{Href: "h", Rel: "r", Type: "t", Title: "T", Length: -1, Indirect: []string{"a", "b"},
				SHA256: "ab"}, {Href: "", Indirect: []string{}}},
			Annotations: []app.Link{{Href: "http://a.test/notes.json", Rel: app.RelAnnotations}}},
		{Year: -7, Updated: time.Date(2020, 2, 29, 23, 59, 59, 999999999, ny)},
		{Updated: time.Date(1999, 12, 31, 23, 0, 0, 120000000, time.FixedZone("", 5*3600+1800))},
		{Updated: time.Date(2001, 1, 1, 0, 0, 0, 0, time.FixedZone("odd", -(3*3600+25*60+7)))},
		{Updated: time.Now()}, // with a monotonic reading
		{Updated: time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)},
		{Updated: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Updated: time.Unix(0, 0)}, // local zone
	}
	for _, s := range nastyStrings {
		entries = append(entries, app.Entry{ID: s, Title: s, Authors: []string{s, s}, Publisher: s, Language: s,
			Summary: s, Cover: s, Tags: []app.Tag{{Term: s, Label: s, Scheme: s, Kind: app.TagKind(s)}, {Term: s}},
			Links:       []app.Link{{Href: s, Rel: s, Type: s, Title: s, Indirect: []string{s}, SHA256: s}},
			Annotations: []app.Link{{Href: s, Title: s}}})
	}
	re := newRowEncoder()
	for _, e := range entries {
		checkEntry(t, re, e)
	}
}

// TestRowEncoderRandom compares the row encoder with json.Marshal over
// random entries made of nasty strings, nil and empty slices and times in
// several zones.
func TestRowEncoderRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 2026))
	re := newRowEncoder()
	for range 3000 {
		checkEntry(t, re, randomEntry(rng))
	}
}

func randomEntry(rng *rand.Rand) app.Entry {
	str := func() string {
		var b strings.Builder
		for range rng.IntN(4) {
			b.WriteString(nastyStrings[rng.IntN(len(nastyStrings))])
		}
		return b.String()
	}
	strs := func() []string {
		switch rng.IntN(4) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		s := make([]string, 1+rng.IntN(3))
		for i := range s {
			s[i] = str()
		}
		return s
	}
	links := func() []app.Link {
		switch rng.IntN(4) {
		case 0:
			return nil
		case 1:
			return []app.Link{}
		}
		l := make([]app.Link, 1+rng.IntN(3))
		for i := range l {
			l[i] = app.Link{Href: str(), Rel: str(), Type: str(), Title: str(), Length: rng.Int64N(3) * rng.Int64(),
				Indirect: strs(), SHA256: str()}
			if rng.IntN(2) == 0 {
				l[i].Type = "application/pdf"
			}
		}
		return l
	}
	zones := []*time.Location{time.UTC, time.Local, time.FixedZone("", 0), time.FixedZone("X", -11*3600),
		time.FixedZone("Y", 13*3600+45*60), time.FixedZone("Z", 59)}
	e := app.Entry{ID: str(), Title: str(), Authors: strs(), Publisher: str(), Year: rng.IntN(3000) - 10,
		Language: str(), Summary: str(), Links: links(), Cover: str(), Annotations: links()}
	if rng.IntN(5) > 0 {
		e.Updated = time.Unix(rng.Int64N(253402300799), rng.Int64N(3)*rng.Int64N(1e9)).In(zones[rng.IntN(len(zones))])
	}
	if rng.IntN(4) > 0 {
		e.Tags = make([]app.Tag, rng.IntN(4))
		for i := range e.Tags {
			e.Tags[i] = app.Tag{Term: str(), Label: str(), Scheme: str(), Kind: app.TagKind(str())}
		}
	}
	return e
}

// TestRowEncoderEveryField fills every field of an entry, and of the types
// within it, through reflection, so that a field added to app.Entry,
// app.Tag or app.Link and not written by appendEntry fails here.
func TestRowEncoderEveryField(t *testing.T) {
	var e app.Entry
	n := 0
	fill(reflect.ValueOf(&e).Elem(), &n)
	checkEntry(t, newRowEncoder(), e)
}

// fill sets every field of v, recursively, to a value of its own that
// json.Marshal writes (omitempty or not); n numbers the values.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("<v%d> & \u2028", *n))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(*n))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(*n) + 0.5)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n)
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		k, x := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, n)
		fill(x, n)
		v.SetMapIndex(k, x)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2000+*n, 1, 2, 3, 4, 5, *n, time.FixedZone("", 3600))))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n)
			}
		}
	default:
		panic("fill: no value for a " + v.Type().String())
	}
}

// TestRowEncoderFields lists the JSON fields of app.Entry, app.Tag and
// app.Link, as encoding/json names them, in order: appendEntry writes
// exactly these. A field added to one of the types fails here (and in
// TestRowEncoderEveryField); teach appendEntry to write it, then add it.
func TestRowEncoderFields(t *testing.T) {
	for _, c := range []struct {
		t    reflect.Type
		want string
	}{
		{reflect.TypeFor[app.Entry](), "ID Title Authors:[]string Publisher Year:int Language Updated:time.Time " +
			"Summary Tags:[]app.Tag Links:[]app.Link Cover Annotations:[]app.Link"},
		{reflect.TypeFor[app.Tag](), "Term Label Scheme Kind:app.TagKind"},
		{reflect.TypeFor[app.Link](), "href rel,omitempty type,omitempty title,omitempty length,omitempty:int64 " +
			"indirect,omitempty:[]string sha256,omitempty"},
	} {
		var got []string
		for i := range c.t.NumField() {
			f := c.t.Field(i)
			name := f.Name
			if tag, ok := f.Tag.Lookup("json"); ok {
				name = tag
			}
			if f.Type.String() != "string" {
				name += ":" + f.Type.String()
			}
			got = append(got, name)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("fields of %v = %s\nthe row encoder writes %s", c.t, strings.Join(got, " "), c.want)
		}
	}
}

// TestSafeLen checks the 8-bytes-at-a-time scan of appendString against
// the table, for every byte at every position of a 19-byte string.
func TestSafeLen(t *testing.T) {
	for c := range 256 {
		for at := range 19 {
			b := []byte("abcdefghijklmnopqrs")
			b[at] = byte(c)
			want := 19
			if !jsonSafe[c] {
				want = at
			}
			for from := range at + 1 {
				if got := safeLen(string(b[from:])); got != want-from {
					t.Fatalf("safeLen(%q) = %d, want %d", b[from:], got, want-from)
				}
			}
		}
	}
}

// TestRowEncoderBadTime checks that a time json.Marshal refuses (a year of
// five digits) gives a row rather than a panic, and that rows do not share
// memory with each other.
func TestRowEncoderBadTime(t *testing.T) {
	re := newRowEncoder()
	e := app.Entry{ID: "x", Updated: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}
	r := newDocRow(&SyncEntry{Key: "k", Entry: e}, re)
	b, _ := appendEntry(nil, &e)
	if !json.Valid(b) || r.Updated != "10000-01-01T00:00:00Z" || len(r.Hash) != 32 {
		t.Errorf("entry of year 10000: %s, row %+v", b, r)
	}
	r2 := newDocRow(&SyncEntry{Key: "k2", Entry: app.Entry{ID: "y", Authors: []string{"P", "Q"}}}, re)
	if r.Hash == r2.Hash || r2.AuthorsText != "P; Q" || r.Updated != "10000-01-01T00:00:00Z" {
		t.Errorf("rows %+v and %+v", r, r2)
	}
}

// FuzzRowEncoder compares the row encoder with json.Marshal over entries
// made of the fuzzer's strings.
func FuzzRowEncoder(f *testing.F) {
	for i, s := range nastyStrings {
		f.Add(s, nastyStrings[(i+7)%len(nastyStrings)], int64(i)*86400*397, int32(i*1800), uint8(i))
	}
	f.Add("", "", int64(0), int32(0), uint8(0))
	re := newRowEncoder()
	f.Fuzz(func(t *testing.T, a, b string, sec int64, offset int32, shape uint8) {
		e := app.Entry{ID: a, Title: b, Publisher: a + b, Language: b, Summary: a, Cover: b, Year: int(sec % 3000)}
		if shape&1 != 0 {
			e.Authors = []string{a, b}[:shape>>6%3]
		}
		if shape&2 != 0 {
			e.Tags = []app.Tag{{Term: a, Label: b, Scheme: a, Kind: app.TagKind(b)}, {Term: b}}[:shape>>6%3]
		}
		if shape&4 != 0 {
			e.Links = []app.Link{{Href: a, Rel: b, Type: a, Title: b, Length: sec, Indirect: []string{b}, SHA256: a},
				{Href: b, Type: "application/pdf"}}[:shape>>6%3]
		}
		if shape&8 != 0 {
			e.Annotations = []app.Link{{Href: b, Title: a}}
		}
		if shape&16 != 0 {
			e.Updated = time.Unix(sec, int64(offset)).In(time.FixedZone(a, int(offset)%(36*3600)))
		}
		if _, err := json.Marshal(e); err != nil {
			// json.Marshal refuses some times: the encoder still gives a row.
			newDocRow(&SyncEntry{Entry: e}, re)
			return
		}
		checkEntry(t, re, e)
	})
}

// BenchmarkNewDocRow prepares rows from entries shaped like a catalogue's:
// fieldshelf with the hand written encoder, baseline through
// encoding/json as before.
func BenchmarkNewDocRow(b *testing.B) {
	entries := rowBenchEntries(1000)
	b.Run("fieldshelf", func(b *testing.B) {
		re := newRowEncoder()
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			newDocRow(&entries[i%len(entries)], re)
		}
	})
	b.Run("baseline", func(b *testing.B) {
		re := newJSONRowEncoder()
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			jsonDocRow(entries[i%len(entries)], re)
		}
	})
}

// rowBenchEntries makes n entries like those of the library benchmarks'
// catalogue, with two authors, two tags, a PDF and an ADEPT link each.
func rowBenchEntries(n int) []SyncEntry {
	words := []string{"water", "shelter", "nutrition", "protection", "health", "logistics", "education",
		"sanitation", "médecine", "東京"}
	w := func(i, k int) string { return words[(i*7+k*13)%len(words)] }
	out := make([]SyncEntry, n)
	for i := range out {
		out[i] = SyncEntry{Key: fmt.Sprintf("urn:gen:%d", i), Page: fmt.Sprintf("http://127.0.0.1:8080/catalog/%d.xml", i/100+1),
			Entry: app.Entry{
				ID:        fmt.Sprintf("urn:gen:%d", i),
				Title:     fmt.Sprintf("Handbook %d on %s & %s", i, w(i, 1), w(i, 2)),
				Authors:   []string{fmt.Sprintf("Author %d", i%97), "Field Team <ops>"},
				Publisher: fmt.Sprintf("Publisher %d", i%40),
				Year:      1995 + i%31,
				Language:  "en",
				Updated:   time.Date(2025, 1, 1+i%28, i%24, 0, 0, 0, time.UTC),
				Summary: fmt.Sprintf("Field guidance on %s, %s and %s for caseworkers, edition %d. It covers planning, "+
					"delivery and review, with checklists and \"worked examples\".", w(i, 3), w(i, 4), w(i, 5), i%9),
				Tags: []app.Tag{{Term: "asia", Label: "Asia", Scheme: "http://example.org/regions", Kind: app.TagRegion},
					{Term: w(i, 6)}},
				Links: []app.Link{
					{Href: fmt.Sprintf("http://files.test/files/%d.pdf", i), Rel: "http://opds-spec.org/acquisition",
						Type: "application/pdf", Length: int64(100000 + i)},
					{Href: fmt.Sprintf("http://files.test/files/%d.acsm", i), Rel: "http://opds-spec.org/acquisition",
						Type: "application/vnd.adobe.adept+xml", Indirect: []string{"application/pdf"}},
				},
				Cover: fmt.Sprintf("http://files.test/covers/%d.jpg", i),
			}}
	}
	return out
}

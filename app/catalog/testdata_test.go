package catalog_test

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf16"

	"fieldshelf/app"
	"fieldshelf/app/catalog"
)

func TestLatin1Declared(t *testing.T) {
	f := mustParse(t, "https://field.example.org/opds/fr/", "application/atom+xml", local(t, "latin1.xml"))
	eq(t, "Title", f.Title, "Bibliothèque de terrain")
	e := f.Entries[0]
	eq(t, "title", e.Title, "Guide pratique : santé et hygiène à l'école")
	eqSlice(t, "authors", e.Authors, []string{"Hélène Müller"})
	eq(t, "publisher", e.Publisher, "Médecins du Monde")
	eq(t, "year", e.Year, 2019)
	eq(t, "summary", e.Summary, "Conseils d'hygiène pour élèves et enseignants ; « fiches » réutilisables.")
	eq(t, "link", e.Links[0].Href, "https://field.example.org/docs/sant%C3%A9.pdf")
}

func TestWindows1251Declared(t *testing.T) {
	f := mustParse(t, "https://field.example.org/opds/ru/index.xml", "", local(t, "cp1251.xml"))
	eq(t, "Title", f.Title, "Полевая библиотека")
	eq(t, "Updated", f.Updated, time.Date(2024, 3, 1, 5, 0, 0, 0, time.UTC))
	e := f.Entries[0]
	eq(t, "title", e.Title, "Руководство по оказанию первой помощи")
	eqSlice(t, "authors", e.Authors, []string{"Иван Петров"})
	eq(t, "language", e.Language, "ru")
	eq(t, "year", e.Year, 2021)
	eq(t, "summary", e.Summary, "Краткое руководство для волонтёров.")
	eqSlice(t, "tags", e.Tags, []app.Tag{{Term: "guidance", Label: "Руководство", Kind: app.TagSubject}})
	eqSlice(t, "links", e.Links, []app.Link{{Href: "https://field.example.org/opds/ru/first-aid.pdf", Rel: acq + "/open-access", Type: "application/pdf", Length: 1048576}})
}

func TestCharsetFromContentType(t *testing.T) {
	body := local(t, "cp1252_nodecl.xml")
	f := mustParse(t, "https://field.example.org/x/", "application/atom+xml; charset=windows-1252", body)
	eq(t, "Title", f.Title, "Résumé – “field” notes")
	eq(t, "entry", f.Entries[0].Title, "Café workers’ rights — a primer")
	// Without the header the bytes are not UTF-8: they are replaced, not fatal.
	g := mustParse(t, "https://field.example.org/x/", "application/atom+xml", body)
	eq(t, "replacement", strings.ContainsRune(g.Title, '\uFFFD'), true)
}

func TestUTF16WithBOM(t *testing.T) {
	body := local(t, "utf16.xml")
	for _, parse := range []func() (*catalog.Feed, error){
		func() (*catalog.Feed, error) { return catalog.Parse("https://field.example.org/", "", body) },
		func() (*catalog.Feed, error) {
			return catalog.ParseAtom("https://field.example.org/", bytesReader(body))
		},
	} {
		f, err := parse()
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "Title", f.Title, "Ünïcödé feed")
		eq(t, "entry", f.Entries[0].Title, "Ωmega report")
		eq(t, "link", f.Entries[0].Links[0].Href, "https://field.example.org/omega.pdf")
	}
}

func TestTagsInSummary(t *testing.T) {
	f := mustParse(t, "https://field.example.org/", "", local(t, "tags_in_summary.xml"))
	first := entryByID(t, f, "urn:fieldshelf:test:tags:1")
	eq(t, "summary without tag line", first.Summary, "How to refer survivors safely.")
	eqSlice(t, "tags", first.Tags, []app.Tag{
		{Term: "g", Label: "Good Practices", Scheme: "http://example.org/vocab/doctype", Kind: app.TagType},
		{Term: "eap", Label: "East Asia and Pacific", Scheme: "http://example.org/vocab/region", Kind: app.TagRegion},
		{Term: "protection", Label: "Protection", Kind: app.TagSubject},
		{Term: "asia", Label: "asia", Kind: app.TagRegion},
		{Term: "Global", Label: "Global", Kind: app.TagRegion},
		{Term: "Guidance", Label: "Guidance", Kind: app.TagType},
	}) // "Asia" from the summary repeats the category "asia" and is dropped

	second := entryByID(t, f, "urn:fieldshelf:test:tags:2")
	eq(t, "inline marker removed", second.Summary, "Market analysis for cash programmes.")
	eqSlice(t, "inline tags", second.Tags, []app.Tag{
		{Term: "Africa", Label: "Africa", Kind: app.TagRegion},
		{Term: "Working Paper", Label: "Working Paper", Kind: app.TagType},
		{Term: "Cash", Label: "Cash", Kind: app.TagSubject},
	})

	third := entryByID(t, f, "urn:fieldshelf:test:tags:3")
	eq(t, "two marker lines removed", third.Summary, "Water trucking in emergencies.")
	eqSlice(t, "marker tags", third.Tags, []app.Tag{
		{Term: "Chad", Label: "Chad", Kind: app.TagRegion}, // dcterms:spatial
		{Term: "WASH", Label: "WASH", Kind: app.TagSubject},
		{Term: "Handbooks", Label: "Handbooks", Kind: app.TagType},
		{Term: "Sahel", Label: "Sahel", Kind: app.TagRegion}, // Region: forces the kind
	})

	prose := entryByID(t, f, "urn:fieldshelf:test:tags:4")
	eq(t, "prose kept", strings.HasPrefix(prose.Summary, "Region: the area around the lake"), true)
	eq(t, "no tags from prose", len(prose.Tags), 0)
}

func TestAuthorSplitting(t *testing.T) {
	f := mustParse(t, "https://field.example.org/", "", local(t, "authors.xml"))
	want := map[string][]string{
		"a1":  {"John Smith", "Jane Doe"},
		"a2":  {"Smith", "Jones"},
		"a3":  {"Investors Against Slavery & Trafficking"},
		"a4":  {"Smith, John", "Doe, Jane", "UNHCR"},
		"a5":  {"Dombey & Son"},
		"a6":  {"Amina Yusuf"},
		"a7":  {"Water & sanitation"},
		"a8":  {"Ana Lima"},
		"a9":  {"Field Team"},
		"a10": {"Ludwig van Beethoven", "Clara de la Cruz"},
	}
	eq(t, "entries (no links: still publications)", len(f.Entries), len(want))
	for id, authors := range want {
		eqSlice(t, id, entryByID(t, f, id).Authors, authors)
	}
}

func TestXMLBaseForms(t *testing.T) {
	f := mustParse(t, "https://ignored.example.com/feed.xml", "", local(t, "xmlbase.xml"))
	eq(t, "Next (path-relative, :80 dropped)", f.Next, "http://library.example.org/opds/root/page2.xml")
	eqSlice(t, "search template", hrefs(f.Search), []string{"http://library.example.org/opds/search?q={searchTerms}&page={startPage?}"})
	eq(t, "fill", catalog.FillTemplate(f.Search[0].Href, "wash"), "http://library.example.org/opds/search?q=wash&page=")
	eqSlice(t, "only crawlable is feed-level navigation", hrefs(f.Navigation), []string{"http://library.example.org/crawl"})
	nested := f.Entries[0]
	eq(t, "title whitespace", nested.Title, "Nested bases")
	eqSlice(t, "nested bases", nested.Links, []app.Link{
		{Href: "https://mirror.example.net/files/2024/doc%201.pdf", Rel: acq, Type: "application/pdf"},
		{Href: "https://mirror.example.net/other/doc.epub", Rel: acq, Type: "application/epub+zip"},
		{Href: "https://mirror.example.net/up.mobi", Rel: acq, Type: "application/x-mobipocket-ebook"},
		{Href: "https://cdn.example.com/sample.pdf", Rel: acq + "/sample", Type: "application/pdf"},
	}) // javascript: is dropped; the sample PDF ranks after full acquisitions
	eq(t, "data: cover skipped for the thumbnail", nested.Cover, "https://mirror.example.net/files/2024/thumb.png")
	eqSlice(t, "absolute, default ports", hrefs(f.Entries[1].Links), []string{
		"http://Other.Example.ORG:443/a.pdf",
		"https://secure.example.org/b.pdf",
		"http://library.example.org/root/c%20d.pdf",
	})
}

func TestOPDS2Variants(t *testing.T) {
	f := mustParse(t, "https://field.example.org/opds2/page1.json", "application/opds+json", local(t, "opds2_variants.json"))
	eq(t, "Title (language map, first)", f.Title, "Bibliothèque")
	eq(t, "ID", f.ID, "urn:fieldshelf:test:opds2")
	eq(t, "Updated", f.Updated, time.Date(2024, 1, 2, 2, 4, 5, 123456789, time.UTC))
	eq(t, "Next (rel list), not last", f.Next, "https://field.example.org/opds2/page2.json")
	eq(t, "search", f.Search[0].Href, "https://field.example.org/opds2/search{?query,page}")
	eq(t, "fill", catalog.FillTemplate(f.Search[0].Href, "eau potable"), "https://field.example.org/opds2/search?query=eau%20potable")
	eqSlice(t, "navigation", titles(f.Navigation), []string{"", "Reports"})
	eqSlice(t, "navigation hrefs", hrefs(f.Navigation), []string{"https://field.example.org/opds2/all.json", "https://field.example.org/opds2/reports.json"})
	eqSlice(t, "facets", f.Facets, []app.Link{{Href: "https://field.example.org/opds2/page1.json?lang=en", Type: "application/opds+json", Title: "English"}})

	e := f.Entries[0]
	eq(t, "title", e.Title, "Nutrition survey 2023")
	eqSlice(t, "authors split", e.Authors, []string{"Amina Yusuf", "Omar Haddad"})
	eq(t, "publisher", e.Publisher, "WFP")
	eq(t, "language", e.Language, "en")
	eq(t, "year", e.Year, 2023)
	eq(t, "summary", e.Summary, "Findings of the survey.")
	eqSlice(t, "tags", e.Tags, []app.Tag{
		{Term: "Nutrition", Label: "Nutrition", Kind: app.TagSubject},
		{Term: "Sahel", Label: "Sahel", Scheme: "http://example.org/geo/regions", Kind: app.TagRegion},
		{Term: "FS", Label: "Food security", Kind: app.TagSubject},
		{Term: "Africa", Label: "Africa", Kind: app.TagRegion},
		{Term: "Report", Label: "Report", Kind: app.TagType},
	})
	eq(t, "cover skips data:", e.Cover, "https://field.example.org/covers/1.jpg")
	adept := []string{"application/vnd.adobe.adept+xml"}
	eqSlice(t, "links", e.Links, []app.Link{
		{Href: "https://field.example.org/files/survey.pdf", Rel: acq + "/open-access", Type: "application/pdf"},
		{Href: "https://field.example.org/borrow/1", Rel: acq + "/borrow", Type: "application/opds-publication+json", Indirect: append(adept, "application/pdf")},
		{Href: "https://field.example.org/files/survey.epub", Rel: acq + "/open-access", Type: "application/epub+zip"},
		{Href: "https://field.example.org/borrow/1", Rel: acq + "/borrow", Type: "application/opds-publication+json", Indirect: append(adept[:1:1], "application/epub+zip")},
		{Href: "https://field.example.org/files/survey-sample.pdf", Rel: acq + "/sample", Type: "application/pdf"},
	})

	noID := f.Entries[1]
	eq(t, "id falls back to self", noID.ID, "https://field.example.org/pubs/2.json")
	eqSlice(t, "author name as language map", noID.Authors, []string{"Field Team"})
	eq(t, "numeric published", noID.Year, 1999)
}

func TestOPDS2PublicationDocument(t *testing.T) {
	f := mustParse(t, "https://example.org/pub/1.json", "application/opds-publication+json", local(t, "publication.json"))
	eq(t, "Kind", f.Kind, catalog.KindEntry)
	eq(t, "entries", len(f.Entries), 1)
	eq(t, "id", f.Entries[0].ID, "urn:isbn:9780000000001")
	eq(t, "pdf", f.Entries[0].Links[0].Href, "https://example.org/pub/1.pdf")
}

func TestRejected(t *testing.T) {
	cases := []struct {
		name, file, contentType, body, want string
	}{
		{"malformed XML", "malformed.xml", "", "", "catalog: malformed Atom: XML syntax error on line 3: element <title> closed by </entry>"},
		{"truncated JSON", "truncated.json", "application/opds+json", "", "catalog: malformed JSON: unterminated string at byte 71"},
		{"HTML error page", "error500.html", "text/html", "", `catalog: not an OPDS feed: got an HTML page ("500 Internal Server Error")`},
		{"HTML said to be JSON", "error500.html", "application/opds+json", "", "got an HTML page"},
		{"not OPDS JSON", "not_opds.json", "application/json", "", "catalog: not an OPDS feed: the JSON has no metadata"},
		{"RSS", "rss.xml", "application/rss+xml", "", "catalog: not an OPDS feed: got an RSS feed (<rss>), not Atom"},
		{"empty", "", "application/atom+xml", "", "catalog: empty response body"},
		{"blank", "", "", " \r\n\t", "catalog: empty response body"},
		{"JSON array", "", "", `[{"metadata":{}}]`, "the JSON is not an object"},
		{"plain text", "", "text/plain", "Service Unavailable", "not an OPDS feed: got text, not XML"},
		{"other XML", "", "", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`, "unexpected root element <svg>"},
		{"XHTML", "", "", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`, "got an HTML page"},
		{"unknown encoding", "", "", `<?xml version="1.0" encoding="x-unknown-42"?><feed/>`, `unsupported XML encoding "x-unknown-42"`},
		{"truncated Atom", "", "", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A`, "catalog: malformed Atom: XML syntax error on line 1: unexpected EOF"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := []byte(c.body)
			if c.file != "" {
				body = local(t, c.file)
			}
			f, err := catalog.Parse("https://field.example.org/opds", c.contentType, body)
			if f != nil {
				t.Errorf("got a feed with the error")
			}
			wantErr(t, err, c.want)
		})
	}
}

func TestParseAtomAndJSONDirectly(t *testing.T) {
	_, err := catalog.ParseJSON("https://x.example/", strings.NewReader(""))
	wantErr(t, err, "empty response body")
	_, err = catalog.ParseAtom("https://x.example/", strings.NewReader("<!-- only a comment -->"))
	wantErr(t, err, "no XML element found")
	f, err := catalog.ParseJSON("https://x.example/", strings.NewReader("\xEF\xBB\xBF"+`{"metadata":{"title":"BOM"},"publications":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "BOM stripped", f.Title, "BOM")
	// UTF-16 (little-endian, with a byte order mark).
	u16 := []byte{0xFF, 0xFE}
	for _, r := range utf16.Encode([]rune(`{"metadata":{"title":"Ωmega"},"publications":[]}`)) {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	g, err := catalog.Parse("https://x.example/", "application/opds+json", u16)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "UTF-16 JSON", g.Title, "Ωmega")
	eq(t, "empty feed is acquisition", f.Kind, catalog.KindAcquisition)
}

func TestReadErrorsAreNotMalformed(t *testing.T) {
	boom := errors.New("connection reset")
	in := io.MultiReader(strings.NewReader(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A`), iotest.ErrReader(boom))
	_, err := catalog.ParseAtom("https://x.example/", in)
	if !errors.Is(err, boom) || errors.Is(err, app.ErrMalformedFeed) {
		t.Errorf("ParseAtom error = %v; want the read error, not a malformed feed", err)
	}
	_, err = catalog.ParseJSON("https://x.example/", iotest.ErrReader(boom))
	if !errors.Is(err, boom) || errors.Is(err, app.ErrMalformedFeed) {
		t.Errorf("ParseJSON error = %v; want the read error, not a malformed feed", err)
	}
}

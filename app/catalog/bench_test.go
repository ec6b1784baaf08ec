package catalog_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"testing"

	"fieldshelf/app/catalog"
)

// atomPage generates an OPDS 1 acquisition page of n publications shaped
// like a humanitarian document library: HTML summaries, categories, a PDF,
// an EPUB, covers and relative hrefs.
func atomPage(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:opds="http://opds-spec.org/2010/catalog">
<id>urn:bench:feed</id><title>Bench library</title><updated>2024-05-01T10:00:00Z</updated>
<link rel="self" type="application/atom+xml;profile=opds-catalog;kind=acquisition" href="/opds/page/7"/>
<link rel="next" type="application/atom+xml;profile=opds-catalog;kind=acquisition" href="/opds/page/8"/>
<link rel="search" type="application/opensearchdescription+xml" href="/opds/search.xml"/>
`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<entry>
<id>urn:bench:doc:%[1]d</id>
<title>Field guide number %[1]d on water, sanitation and hygiene</title>
<author><name>Author %[1]d</name></author><author><name>WASH Cluster</name></author>
<updated>2024-04-%02[2]dT08:30:00.123Z</updated>
<dcterms:issued>20%02[3]d-03-01</dcterms:issued>
<dcterms:publisher>Global WASH Cluster</dcterms:publisher>
<dcterms:language>en</dcterms:language>
<category scheme="http://example.org/vocab/doctype" term="guidance" label="Guidance"/>
<category scheme="http://example.org/vocab/region" term="africa" label="Africa"/>
<category term="wash" label="Water, Sanitation and Hygiene"/>
<summary type="html">&lt;p&gt;This guide explains how to set up &lt;b&gt;safe water&lt;/b&gt; points in camps &amp;amp; settlements.&lt;/p&gt;&lt;p&gt;It covers chlorination, storage, monitoring and community engagement, with checklists for each phase of the response.&lt;/p&gt;&lt;p&gt;TAGS: Global, Guidance&lt;/p&gt;</summary>
<link rel="http://opds-spec.org/acquisition/open-access" type="application/epub+zip" href="/files/%[1]d.epub" length="234567"/>
<link rel="http://opds-spec.org/acquisition/open-access" type="application/pdf" href="/files/%[1]d.pdf" length="1234567"/>
<link rel="http://opds-spec.org/image" type="image/jpeg" href="/covers/%[1]d.jpg"/>
<link rel="http://opds-spec.org/image/thumbnail" type="image/jpeg" href="/covers/%[1]d-small.jpg"/>
<link rel="alternate" type="text/html" href="/docs/%[1]d"/>
</entry>
`, i, i%28+1, i%25)
	}
	b.WriteString("</feed>\n")
	return b.Bytes()
}

// syncPage generates a page shaped like those of the library's cold sync
// benchmark (app/library's genCatalogue and atomFeed): 100 entries with a
// plain summary, one region category and one absolute PDF link each.
func syncPage(page, n int) []byte {
	regions := []string{"Global", "Asia", "Europe", "Africa", "Americas", "Middle East"}
	words := []string{"trafficking", "labour", "migration", "protection", "survivors", "shelter", "referral",
		"identification", "prosecution", "prevention", "children", "recruitment", "debt", "bondage", "crisis",
		"border", "reintegration", "casework", "interview", "evidence", "finance", "supply", "chains", "forced"}
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:opds="http://opds-spec.org/2010/catalog">
<id>urn:gen:page:%d</id><title>Generated catalogue</title><updated>2026-01-01T00:00:00Z</updated>
<link rel="next" href="/catalog/%d.xml" type="application/atom+xml;profile=opds-catalog"/>
`, page, page+1)
	for k := 0; k < n; k++ {
		i := (page-1)*n + k
		w := func(k int) string { return words[(i*7+k*13)%len(words)] }
		fmt.Fprintf(&b, `<entry><id>urn:gen:%d</id><title>Handbook %d on %s and %s</title><updated>2025-06-01T00:00:00Z</updated>
<author><name>Research Unit</name></author><dcterms:publisher>Publisher %d</dcterms:publisher>
<dcterms:issued>%d</dcterms:issued><summary>Field guidance on %s, %s and %s for caseworkers, edition %d.</summary>
`, i, i, w(1), w(2), i%40, 1995+i%31, w(3), w(4), w(5), i%9)
		fmt.Fprintf(&b, `<category scheme="urn:fieldshelf:region" term="%s" label="%[1]s"/>`+"\n", regions[i%len(regions)])
		fmt.Fprintf(&b, `<link rel="http://opds-spec.org/acquisition/open-access" type="application/pdf" href="http://files.test/files/%d.pdf" length="%d"/>
</entry>
`, i, 100000+i)
	}
	b.WriteString("</feed>\n")
	return b.Bytes()
}

// xmlLink, xmlEntry and xmlFeed are what the baselines decode with
// encoding/xml: the fields Parse reads, without its resolving, cleaning
// and classifying.
type xmlLink struct {
	Rel    string `xml:"rel,attr"`
	Type   string `xml:"type,attr"`
	Href   string `xml:"href,attr"`
	Length int64  `xml:"length,attr"`
}

type xmlEntry struct {
	ID         string   `xml:"id"`
	Title      string   `xml:"title"`
	Updated    string   `xml:"updated"`
	Authors    []string `xml:"author>name"`
	Issued     string   `xml:"http://purl.org/dc/terms/ issued"`
	Publisher  string   `xml:"http://purl.org/dc/terms/ publisher"`
	Language   string   `xml:"http://purl.org/dc/terms/ language"`
	Categories []struct {
		Scheme string `xml:"scheme,attr"`
		Term   string `xml:"term,attr"`
		Label  string `xml:"label,attr"`
	} `xml:"category"`
	Summary string    `xml:"summary"`
	Links   []xmlLink `xml:"link"`
}

type xmlFeed struct {
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Updated string     `xml:"updated"`
	Links   []xmlLink  `xml:"link"`
	Entries []xmlEntry `xml:"entry"`
}

// benchAtom runs Parse (fieldshelf) and encoding/xml (baseline) on page.
func benchAtom(b *testing.B, page []byte, entries int) {
	const base = "https://library.example.org/opds/page/7"
	b.Run("fieldshelf", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		b.ReportAllocs()
		for b.Loop() {
			f, err := catalog.Parse(base, "application/atom+xml", page)
			if err != nil || len(f.Entries) != entries {
				b.Fatalf("%v, %d entries", err, len(f.Entries))
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		b.ReportAllocs()
		for b.Loop() {
			var f xmlFeed
			if err := xml.Unmarshal(page, &f); err != nil || len(f.Entries) != entries {
				b.Fatalf("%v, %d entries", err, len(f.Entries))
			}
		}
	})
}

func BenchmarkParseAtom(b *testing.B) { benchAtom(b, atomPage(100), 100) }

// BenchmarkParseAtomSync decodes a page of the library's cold sync benchmark.
func BenchmarkParseAtomSync(b *testing.B) { benchAtom(b, syncPage(7, 100), 100) }

// BenchmarkNextLink reads the next link from the head of a page, as the
// crawl does before it decodes the page. The baseline reads the same head
// with encoding/xml, up to the first entry.
func BenchmarkNextLink(b *testing.B) {
	const pageURL = "http://127.0.0.1:8080/catalog/7.xml"
	page := syncPage(7, 100)
	b.Run("fieldshelf", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if catalog.NextLink(pageURL, "application/atom+xml", page) == "" {
				b.Fatal("no next link")
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		base, err := url.Parse(pageURL)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if xmlNextLink(base, page) == "" {
				b.Fatal("no next link")
			}
		}
	})
}

// xmlNextLink returns the resolved rel="next" href that page gives before
// its first entry, reading it with encoding/xml.
func xmlNextLink(base *url.URL, page []byte) string {
	d := xml.NewDecoder(bytes.NewReader(page))
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch t.Name.Local {
		case "entry":
			return ""
		case "link":
			var rel, href string
			for _, a := range t.Attr {
				switch a.Name.Local {
				case "rel":
					rel = a.Value
				case "href":
					href = a.Value
				}
			}
			if rel != "next" {
				continue
			}
			u, err := base.Parse(href)
			if err != nil {
				return ""
			}
			return u.String()
		}
	}
}

func BenchmarkParseJSON(b *testing.B) {
	body := shared(b, "opds2_palace_groups.json")
	b.Run("fieldshelf", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			f, err := catalog.Parse("https://gorgon.staging.palaceproject.io/a1qa-test/groups/", "application/opds+json", body)
			if err != nil || len(f.Entries) != 217 {
				b.Fatalf("%v, %d entries", err, len(f.Entries))
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var v any
			if err := json.Unmarshal(body, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

package catalog_test

import (
	"bytes"
	"fmt"
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

func BenchmarkParseAtom(b *testing.B) {
	page := atomPage(100)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := catalog.Parse("https://library.example.org/opds/page/7", "application/atom+xml", page)
		if err != nil || len(f.Entries) != 100 {
			b.Fatalf("%v, %d entries", err, len(f.Entries))
		}
	}
}

func BenchmarkParseJSON(b *testing.B) {
	body := shared(b, "opds2_palace_groups.json")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := catalog.Parse("https://gorgon.staging.palaceproject.io/a1qa-test/groups/", "application/opds+json", body)
		if err != nil || len(f.Entries) != 217 {
			b.Fatalf("%v, %d entries", err, len(f.Entries))
		}
	}
}

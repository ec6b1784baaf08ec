package catalog_test

import (
	"strings"
	"testing"
	"time"

	"fieldshelf/app/catalog"
)

func TestFillTemplate(t *testing.T) {
	cases := []struct{ tpl, terms, want string }{
		{"http://x.org/s?q={searchTerms}", "water & food", "http://x.org/s?q=water%20%26%20food"},
		{"http://x.org/s?q={searchTerms}&p={startPage?}&n={count?}", "wash", "http://x.org/s?q=wash&p=&n="},
		{"http://x.org/s?q={searchTerms?}", "wash", "http://x.org/s?q=wash"},
		{"http://x.org/s/{searchTerms}/{language}", "a/b", "http://x.org/s/a%2Fb/"},
		{"http://x.org/s?q={searchTerms}&l={geo:box?}", "x", "http://x.org/s?q=x&l="},
		{"http://x.org/search{?query}", "élan vital", "http://x.org/search?query=%C3%A9lan%20vital"},
		{"http://x.org/search{?query,page}", "a", "http://x.org/search?query=a"},
		{"http://x.org/search{?page}", "a", "http://x.org/search"},
		{"http://x.org/search?lang=en{&query}", "a b", "http://x.org/search?lang=en&query=a%20b"},
		{"http://x.org/search/{query}", "a+b", "http://x.org/search/a%2Bb"},
		{"http://x.org/search/{+query}", "a/b c", "http://x.org/search/a/b%20c"},
		{"http://x.org/search{/query}", "a", "http://x.org/search/a"},
		{"http://x.org/search{?q}", "z", "http://x.org/search?q=z"},
		{"http://x.org/plain", "z", "http://x.org/plain"},
		{"http://x.org/broken{query", "z", "http://x.org/broken{query"},
	}
	for _, c := range cases {
		if got := catalog.FillTemplate(c.tpl, c.terms); got != c.want {
			t.Errorf("FillTemplate(%q, %q) = %q, want %q", c.tpl, c.terms, got, c.want)
		}
	}
}

func TestOpenSearchChoice(t *testing.T) {
	doc := `<?xml version="1.0"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <Url type="text/html" template="https://x.org/html?q={searchTerms}"/>
  <Url type="application/atom+xml" rel="suggestions" template="https://x.org/sugg?q={searchTerms}"/>
  <Url type="application/atom+xml" template="/atom?q={searchTerms}"/>
  <Url type="application/atom+xml;profile=opds-catalog;kind=acquisition" template="opds?q={searchTerms}&amp;p={startPage?}"/>
</OpenSearchDescription>`
	tpl, err := catalog.ParseOpenSearch("https://x.org/osd/desc.xml", strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "OPDS profile preferred, resolved", tpl, "https://x.org/osd/opds?q={searchTerms}&p={startPage?}")

	_, err = catalog.ParseOpenSearch("https://x.org/", strings.NewReader(`<OpenSearchDescription><Url type="text/html" template="/h?q={searchTerms}"/></OpenSearchDescription>`))
	wantErr(t, err, "no Atom or OPDS template")
	_, err = catalog.ParseOpenSearch("https://x.org/", strings.NewReader(`<feed/>`))
	wantErr(t, err, "not an OpenSearch description")
	_, err = catalog.ParseOpenSearch("https://x.org/", strings.NewReader(`<!DOCTYPE html><html><title>Oops</title>`))
	wantErr(t, err, "got an HTML page")
}

// feedWith wraps entry elements in a minimal Atom feed.
func feedWith(entries string) []byte {
	return []byte(`<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">` + entries + `</feed>`)
}

func TestDatesAndYears(t *testing.T) {
	cases := []struct {
		xml     string
		year    int
		updated time.Time
	}{
		{`<dcterms:issued>1813</dcterms:issued>`, 1813, time.Time{}},
		{`<dcterms:issued>2009-10</dcterms:issued><updated>2009-10-01</updated>`, 2009, time.Date(2009, 10, 1, 0, 0, 0, 0, time.UTC)},
		{`<dc:date>c. 1917</dc:date>`, 1917, time.Time{}},
		{`<dc:issued>0001-01-01T00:00:00Z</dc:issued><published>2013-04-07T00:00:00+00:00</published>`, 2013, time.Time{}},
		{`<published>0001-01-01T00:00:00Z</published><updated>0001-01-01T00:00:00Z</updated>`, 0, time.Time{}},
		{`<updated>2017-07-12T17:38:39.105944198+02:00</updated>`, 0, time.Date(2017, 7, 12, 15, 38, 39, 105944198, time.UTC)},
		{`<updated>2014-11-30T17:27:27+0100</updated>`, 0, time.Date(2014, 11, 30, 16, 27, 27, 0, time.UTC)},
		{`<updated>2014-11-30 17:27:27</updated>`, 0, time.Date(2014, 11, 30, 17, 27, 27, 0, time.UTC)},
		{`<updated>2014-11-30t17:27:27z</updated>`, 0, time.Date(2014, 11, 30, 17, 27, 27, 0, time.UTC)},
		{`<updated>Sun, 30 Nov 2014 17:27:27 GMT</updated>`, 0, time.Date(2014, 11, 30, 17, 27, 27, 0, time.UTC)},
		{`<updated>yesterday</updated><dcterms:issued>unknown</dcterms:issued>`, 0, time.Time{}},
	}
	for _, c := range cases {
		f := mustParse(t, "https://x.org/", "", feedWith("<entry><id>d</id>"+c.xml+"</entry>"))
		e := f.Entries[0]
		if e.Year != c.year || !e.Updated.Equal(c.updated) {
			t.Errorf("%s: year %d updated %v, want %d %v", c.xml, e.Year, e.Updated, c.year, c.updated)
		}
	}
}

func TestSummaryAndTitleForms(t *testing.T) {
	f := mustParse(t, "https://x.org/", "", feedWith(`
<entry><id>1</id><title type="html">Caf&amp;eacute; &lt;i&gt;guide&lt;/i&gt;</title>
  <summary type="html">&lt;script&gt;alert(1)&lt;/script&gt;&lt;style&gt;p{}&lt;/style&gt;&lt;p&gt;One&amp;nbsp;&amp;amp;   two&lt;br&gt;three&lt;/p&gt;</summary></entry>
<entry><id>2</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">X<b>H</b>TML</div></title>
  <summary>plain
   text   lines</summary><content type="text">  </content></entry>
<entry><id>3</id><title>t</title><content type="text">&lt;p&gt;HTML sent as text&lt;/p&gt;</content><summary>short</summary></entry>
<entry><id>4</id><title>t</title><content src="http://x.org/full.html" type="text/html"/><content type="application/pdf">JVBERi0=</content></entry>
<entry><dc:title>Only DC title</dc:title><dc:creator>Creator Name</dc:creator><dc:subject>Hygiene</dc:subject></entry>`))
	eq(t, "html title", f.Entries[0].Title, "Café guide")
	eq(t, "html summary", f.Entries[0].Summary, "One & two\nthree")
	eq(t, "xhtml title", f.Entries[1].Title, "XHTML")
	eq(t, "text summary keeps lines, blank content ignored", f.Entries[1].Summary, "plain\ntext lines")
	eq(t, "html in text content stays text", f.Entries[2].Summary, "<p>HTML sent as text</p>")
	eq(t, "out-of-line and binary content", f.Entries[3].Summary, "")
	last := f.Entries[4]
	eq(t, "missing id", last.ID, "")
	eq(t, "dc:title", last.Title, "Only DC title")
	eqSlice(t, "dc:creator", last.Authors, []string{"Creator Name"})
	eq(t, "dc:subject", last.Tags[0].Label, "Hygiene")
}

func TestTagClassification(t *testing.T) {
	f := mustParse(t, "https://x.org/", "", feedWith(`<entry><id>1</id>
<category term="a" label="Annual Reports"/>
<category term="b" label="Case Studies"/>
<category term="c" label="Worldwide"/>
<category term="d" label="Asia-Pacific"/>
<category term="e" scheme="https://vocab.example.org/terms#documentType" label="Anything"/>
<category term="f" scheme="http://example.org/types/" label="Other"/>
<category term="g" scheme="http://geo.example.org/terms/subject" label="Host is not path"/>
<category term="h" scheme="http://purl.org/dc/terms/spatial" label="Nairobi"/>
<category term="i" scheme="http://example.org/coverage" label="Kenya"/>
<category term="Report" label=""/>
<category term="" label=""/>
<category term="x" label="REPORT"/>
</entry>`))
	kinds := map[string]string{}
	for _, tg := range f.Entries[0].Tags {
		kinds[tg.Label] = string(tg.Kind)
	}
	want := map[string]string{
		"Annual Reports": "type", "Case Studies": "type", "Worldwide": "region", "Asia-Pacific": "region",
		"Anything": "type", "Other": "type", "Host is not path": "subject", "Nairobi": "region",
		"Kenya": "region", "Report": "type",
	}
	eq(t, "tags (REPORT deduplicated, empty dropped)", kinds, want)
}

func TestSloppyXML(t *testing.T) {
	f := mustParse(t, "https://x.org/opds/", "", []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>Livre en fran&#231;ais</title>
<entry><id>1</id><title>Tom & Jerry &foo; &eacute;&#0;`+"\x0c"+`</title>
<link rel="http://opds-spec.org/acquisition" type="application/pdf" href="/get?id=1&fmt=pdf&amp;x=2"/>
<summary><![CDATA[a & b <i>x</i> &amp;]]></summary></entry><!-- a & b --></feed>`))
	eq(t, "numeric reference", f.Title, "Livre en français")
	e := f.Entries[0]
	// A title is text: what XML unescaping (after repair) leaves is kept.
	eq(t, "bare & and unknown entities kept as text", e.Title, "Tom & Jerry &foo; é&#0;")
	eq(t, "bare & in href", e.Links[0].Href, "https://x.org/get?id=1&fmt=pdf&x=2")
	eq(t, "CDATA untouched", e.Summary, "a & b x &")
}

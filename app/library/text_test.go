package library_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html"
	"strings"
	"testing"
)

// tricky is text that must come back exactly as it was sent, and
// trickyName too, though it holds what would be markup in HTML: a title or
// a name is never taken for HTML (a summary with no type, or an OPDS 2
// description, is when it holds real markup).
const (
	tricky     = `Ünïcödé & <Escaping> "Test" 'q' 1 < 2 > 0: 東京 — مرحبا بالعالم 👩🏽‍💻`
	trickyName = tricky + ` <b>x</b> &amp; y`
)

func xmlText(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// textForms renders tricky as each kind of Atom text construct: the
// element's attributes and content.
var textForms = map[string]func(s string) (attrs, content string){
	"text":    func(s string) (string, string) { return ` type="text"`, xmlText(s) },
	"untyped": func(s string) (string, string) { return "", xmlText(s) },
	"html":    func(s string) (string, string) { return ` type="html"`, xmlText("<b>" + html.EscapeString(s) + "</b>") },
	"xhtml": func(s string) (string, string) {
		return ` type="xhtml"`, `<div xmlns="http://www.w3.org/1999/xhtml"><p>` + xmlText(s) + `</p></div>`
	},
}

// TestTextRoundTrip syncs titles, authors and summaries holding markup
// characters, quotes, CJK, Arabic and emoji in every Atom text form and in
// OPDS 2, and reads them back from the library exactly.
func TestTextRoundTrip(t *testing.T) {
	srv := newFeedServer(t)
	var atom strings.Builder
	atom.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:t</id><title>Text</title>`)
	for form, render := range textForms {
		attrs, title := render(trickyName)
		_, summary := render(tricky)
		atom.WriteString(`<entry><id>urn:atom:` + form + `</id><title` + attrs + `>` + title + `</title>
<author><name>` + xmlText(trickyName) + `</name></author><summary` + attrs + `>` + summary + `</summary>
<link rel="http://opds-spec.org/acquisition" type="application/pdf" href="/` + form + `.pdf"/></entry>`)
	}
	atom.WriteString(`</feed>`)
	srv.set("/atom.xml", atomType, atom.String())

	pub := func(id, description string) map[string]any {
		return map[string]any{"metadata": map[string]any{"identifier": id, "title": trickyName,
			"author": map[string]any{"name": trickyName}, "description": description},
			"links": []any{map[string]any{"rel": "http://opds-spec.org/acquisition", "href": "/" + id + ".pdf",
				"type": "application/pdf"}}}
	}
	doc, err := json.Marshal(map[string]any{"metadata": map[string]any{"title": "Text"}, "publications": []any{
		pub("urn:opds2:text", tricky), pub("urn:opds2:html", "<p>"+html.EscapeString(tricky)+"</p>")}})
	if err != nil {
		t.Fatal(err)
	}
	srv.set("/opds2.json", "application/opds+json", string(doc))

	l := newLibrary(t)
	for _, path := range []string{"/atom.xml", "/opds2.json"} {
		syncOK(t, l, addSource(t, l, srv.url(path)))
	}
	docs := docsByEntry(t, l)
	if len(docs) != len(textForms)+2 {
		t.Fatalf("%d documents, want %d", len(docs), len(textForms)+2)
	}
	for id, d := range docs {
		if d.Title != trickyName || !equalStrings(d.Authors, []string{trickyName}) || d.Summary != tricky {
			t.Errorf("%s:\n title   %q\n authors %q\n summary %q\nwant %q and %q", id, d.Title, d.Authors, d.Summary,
				trickyName, tricky)
		}
	}
	hits, err := l.Search(t.Context(), "Escaping", 20)
	if err != nil || len(hits) != len(docs) {
		t.Errorf("search for a word inside <...>: %d hits, %v", len(hits), err)
	}
}

func equalStrings(a, b []string) bool { return strings.Join(a, "\x00") == strings.Join(b, "\x00") }

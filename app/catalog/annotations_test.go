package catalog_test

import (
	"strings"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/catalog"
)

const setSHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

func TestAtomKeepsAnnotationSetsAndSHA256(t *testing.T) {
	feed := `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:fs="urn:fieldshelf:opds"><id>x</id><title>t</title>
	<entry><id>urn:a</id><title>Handbook</title>
	  <link rel="http://opds-spec.org/acquisition/open-access" type="application/pdf" href="files/h.pdf"
	        length="1234" fs:sha256="` + strings.ToUpper(setSHA) + `"/>
	  <link rel="http://www.w3.org/ns/oa#annotationService" type='application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
	        href="annotations/a.jsonld" title="Annotations by Maria"/>
	  <link rel="alternate" type='application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"' href="annotations/b.jsonld"/>
	  <link rel="http://www.w3.org/ns/oa#annotationService" href="annotations/a.jsonld"/>
	  <link rel="http://opds-spec.org/acquisition" type="application/pdf" href="files/bad.pdf" fs:sha256="not-a-sum"/>
	</entry></feed>`
	f, err := catalog.Parse("http://10.0.0.2:8421/catalog.xml", "", []byte(feed))
	if err != nil {
		t.Fatal(err)
	}
	e := f.Entries[0]
	if l, _ := e.FileLink(); l.SHA256 != setSHA || l.Length != 1234 {
		t.Fatalf("file link %+v, want the SHA-256 in lower case and the length", l)
	}
	if e.Links[1].SHA256 != "" {
		t.Fatalf("a malformed sum was kept: %+v", e.Links[1])
	}
	want := []string{"http://10.0.0.2:8421/annotations/a.jsonld", "http://10.0.0.2:8421/annotations/b.jsonld"}
	if len(e.Annotations) != 2 || e.Annotations[0].Href != want[0] || e.Annotations[1].Href != want[1] {
		t.Fatalf("annotation sets %+v, want %v once each", e.Annotations, want)
	}
	if e.Annotations[0].Title != "Annotations by Maria" || e.Annotations[1].Rel != app.RelAnnotations {
		t.Fatalf("annotation sets %+v", e.Annotations)
	}
}

func TestJSONKeepsAnnotationSetsAndSHA256(t *testing.T) {
	feed := `{"metadata":{"title":"t"},"links":[],"publications":[{"metadata":{"title":"Handbook","identifier":"urn:a"},
	  "links":[{"rel":"http://opds-spec.org/acquisition/open-access","type":"application/pdf","href":"files/h.pdf",
	            "properties":{"length":1234,"sha256":"` + setSHA + `"}},
	           {"rel":["related","http://www.w3.org/ns/oa#annotationService"],"href":"annotations/a.jsonld",
	            "type":"application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\""}]}]}`
	f, err := catalog.Parse("http://10.0.0.2:8421/catalog.json", "application/opds+json", []byte(feed))
	if err != nil {
		t.Fatal(err)
	}
	e := f.Entries[0]
	if l, _ := e.FileLink(); l.SHA256 != setSHA || l.Length != 1234 {
		t.Fatalf("file link %+v, want the SHA-256 and the length", l)
	}
	if len(e.Annotations) != 1 || e.Annotations[0].Href != "http://10.0.0.2:8421/annotations/a.jsonld" ||
		e.Annotations[0].Rel != app.RelAnnotations {
		t.Fatalf("annotation sets %+v", e.Annotations)
	}
}

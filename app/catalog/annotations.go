package catalog

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"

	"fieldshelf/app"
)

// What a catalogue publishes beside the OPDS of its entries, and Fieldshelf
// keeps: the links to the annotation sets of an entry (app.RelAnnotations)
// and the SHA-256 of a file. In Atom the SHA-256 is the attribute sha256 of
// a link in the namespace app.FieldshelfNS; in OPDS 2 it is the link's
// property "sha256", beside "length", the file's size.

// maxAnnotationSets caps the annotation sets kept for one entry.
const maxAnnotationSets = 16

// addAnnotationSet keeps l in e.Annotations when it leads to an annotation
// set, and reports whether it does.
func addAnnotationSet(e *app.Entry, l app.Link) bool {
	if !app.IsAnnotationSet(l.Rel, l.Type) {
		return false
	}
	if l.Href == "" || len(e.Annotations) >= maxAnnotationSets {
		return true
	}
	for _, x := range e.Annotations {
		if x.Href == l.Href {
			return true
		}
	}
	l.Rel = app.RelAnnotations
	e.Annotations = append(e.Annotations, l)
	return true
}

// annotationSet converts an OPDS 2 link that leads to an annotation set
// (its rels include RelAnnotations, or its type is W3C annotations); ok is
// false for any other link, whose strings stay undecoded.
func (l jsonLink) annotationSet(base *url.URL) (link app.Link, ok bool) {
	if hasRel(l, app.RelAnnotations) {
		return l.appLink(base, app.RelAnnotations, ""), true
	}
	if bytes.Contains(l.Type.b, []byte("ld+json")) && app.IsAnnotationSet("", l.Type.String()) {
		return l.appLink(base, "", ""), true
	}
	return app.Link{}, false
}

// fieldshelfAttr reads an Atom link's attribute in app.FieldshelfNS; it
// reports whether the attribute was one.
func (l *atomLink) fieldshelfAttr(space, local, value string) bool {
	if space != app.FieldshelfNS {
		return false
	}
	if local == "sha256" {
		l.sha256 = app.ReadSHA256(value)
	}
	return true
}

// linkProperty reads the "length" and "sha256" properties of an OPDS 2
// link; it reports whether key was one of them.
func (r *jreader) linkProperty(l *jsonLink, key string) bool {
	switch key {
	case "length":
		if n, err := strconv.ParseInt(strings.TrimSpace(r.text()), 10, 64); err == nil && n > 0 {
			l.Length = n
		}
	case "sha256":
		l.SHA256 = app.ReadSHA256(r.str())
	default:
		return false
	}
	return true
}

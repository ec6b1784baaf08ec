package library

import (
	"encoding/json"
	"io"
)

// W3CItem is one annotation of a W3C Web Annotation file as it was
// written, with what its target says of the document it is about: what a
// publisher needs to attach it to one of its publications.
type W3CItem struct {
	Raw       json.RawMessage // the annotation, whole
	ID        string          // its id
	Source    string          // target.source: the document's file URL, or a urn:fieldshelf:entry: URN
	Catalogue string          // Fieldshelf's target.catalogue and target.entry: the document's identity
	Entry     string
	Title     string // target.title
	SHA256    string // target.sha256: the file version it was made on
	Author    string // the creator's name
}

// ReadW3C calls fn with each annotation of a W3C Web Annotation file (a
// collection, a page, an array or one annotation), read as a stream within
// the caps of an import (MaxImportBytes, MaxImportItems). What is not an
// annotation at all is passed over; an error of fn stops it.
func ReadW3C(r io.Reader, fn func(W3CItem) error) error {
	return eachAnnotation(r, func(raw json.RawMessage) error {
		var in w3cIn
		if compactSize(raw) > maxItemBytes || json.Unmarshal(raw, &in) != nil {
			return nil
		}
		t := readTarget(in.Target)
		return fn(W3CItem{Raw: raw, ID: in.ID, Source: t.Source, Catalogue: t.Catalogue, Entry: t.Entry, Title: t.Title,
			SHA256: t.SHA256, Author: readCreator(in.Creator)})
	})
}

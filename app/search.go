package app

// PublicationHit is one publication found by a search, with what of it
// matched: its catalogue entry, the text of its pages, the user's notes
// and highlights. A search lists each publication once.
type PublicationHit struct {
	Document Document
	// Kind says what matched best: "metadata" (the catalogue entry:
	// title, authors, tags, publisher or summary), "note", "highlight" or
	// "page".
	Kind    string
	Snippet string // the best matching text, with the hits between [ and ]
	// Page is where to open the publication for this hit: the best
	// matching page, note or highlight; 0 for a catalogue match, which
	// opens where the reader left off.
	Page int
	// Pages counts the pages of the publication's file whose text
	// matches; the library's PageHits lists them.
	Pages int
	// Annotations are the matching notes and highlights, best first.
	Annotations []SearchHit
}

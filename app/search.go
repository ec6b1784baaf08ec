package app

import "fmt"

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

// SourceCheck is what a catalogue's address holds, as the library found
// it before the catalogue is added.
type SourceCheck struct {
	Format       string // "OPDS 1.2" or "OPDS 2.0"
	Title        string // the catalogue's own title
	Publications int    // publications counted on the pages read
	More         bool   // there are more pages than were read
	Sections     int    // navigation links to sections, for a catalogue that lists sections
}

// Summary is what the check found, for people: "OPDS 1.2 catalogue
// “ILO publications”, 214 publications".
func (c SourceCheck) Summary() string {
	s := c.Format + " catalogue"
	if c.Title != "" {
		s += " “" + Clip(c.Title, 50) + "”"
	}
	switch {
	case c.Publications == 0 && c.Sections > 0:
		return s + fmt.Sprintf(", %d sections", c.Sections)
	case c.More:
		return s + fmt.Sprintf(", more than %d publications", c.Publications)
	case c.Publications == 1:
		return s + ", 1 publication"
	}
	return s + fmt.Sprintf(", %d publications", c.Publications)
}

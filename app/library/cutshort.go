package library

import (
	"fmt"

	"fieldshelf/app"
)

// cutShortNote is what a source records when its listing stopped at the
// cap on pages.
func cutShortNote(maxPages int) string {
	return fmt.Sprintf("%s: stopped after %d pages (a catalogue that links to itself, or a very large one); "+
		"what was read is kept and nothing was withdrawn", app.ListingCutShort, maxPages)
}

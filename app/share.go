package app

import (
	"fmt"
	"strings"
)

// Publishing and sharing catalogues: what the screens and the command
// line say to app/publish and app/serve through the application.

// PublishRequest is what a trainer publishes: a folder of PDFs (with its
// catalogue.csv) as a catalogue in another folder.
type PublishRequest struct {
	Dir   string // the folder of PDFs
	Out   string // where the catalogue goes
	Title string // the catalogue's title; the folder's name when empty
	// BaseURL, when set, is the address the catalogue will be served at:
	// its links are then absolute under it, relative otherwise.
	BaseURL string
	// Annotations are W3C annotation files, or folders of them, to
	// publish with the publications they are about.
	Annotations []string
}

// PublishProgress says how far a publish got.
type PublishProgress struct {
	File        string // the file being read, relative to the folder
	Done, Total int
}

// PublishFailure is a file a publish left out, and why.
type PublishFailure struct {
	File   string // relative to the folder
	Reason string // for people: "it is damaged, or not a PDF"
	Detail string // the technical cause, for --verbose
}

// PublishReport says what a publish did.
type PublishReport struct {
	Out          string // the catalogue's folder
	Publications int    // in the catalogue
	Added        int    // entries new since the last publish
	Changed      int    // entries whose metadata or file changed
	Removed      int    // entries gone since the last publish
	Annotations  int    // annotations published with the publications
	Written      int    // files written; the others were left as they were
	Failed       []PublishFailure
	// Problems are what the catalogue was published without: rows of
	// catalogue.csv that name no file, values that are not understood,
	// annotations about no publication of the folder.
	Problems []string
}

// Summary says what the publish did in one sentence.
func (r PublishReport) Summary() string {
	s := fmt.Sprintf("published %s: %d added, %d changed, %d removed", counted(r.Publications, "publication"),
		r.Added, r.Changed, r.Removed)
	if r.Annotations > 0 {
		s += "; " + counted(r.Annotations, "annotation")
	}
	if len(r.Failed) > 0 {
		s += "; " + counted(len(r.Failed), "file") + " left out"
	}
	return s + "; " + counted(r.Written, "file") + " written"
}

// counted is "1 file", "2 files".
func counted(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Notes lists, one line each, the files left out and the problems.
func (r PublishReport) Notes() []string {
	var out []string
	for _, f := range r.Failed {
		out = append(out, "left out "+f.File+": "+f.Reason)
	}
	return append(out, r.Problems...)
}

// Sharing is a catalogue being served to the people nearby.
type Sharing struct {
	Dir   string // the catalogue's folder
	Local string // its address on this computer
	// Nearby are the addresses people on the local network add, one per
	// network this computer is on.
	Nearby []string
	// Reachable is false while the server listens on this computer only.
	Reachable bool
}

// Text says where the catalogue can be added, in a sentence.
func (s Sharing) Text() string {
	switch {
	case s.Reachable && len(s.Nearby) > 0:
		return "People nearby can add " + strings.Join(s.Nearby, " or ") + " as a catalogue."
	case s.Reachable:
		return "This computer is on no local network: people nearby cannot reach " + s.Local + " yet."
	}
	return "Only this computer can reach " + s.Local + "."
}

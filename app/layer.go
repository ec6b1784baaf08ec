package app

import (
	"fmt"
	"strings"
	"time"
)

// Annotation sets published with a catalogue.
//
// A catalogue may link each publication to sets of W3C Web Annotations (a
// trainer's notes on a handbook): the link has the rel RelAnnotations and
// the media type AnnotationsType. A library that syncs the catalogue keeps
// each set's annotations read-only, in one layer per catalogue and author,
// apart from the user's own.
const (
	// RelAnnotations is the rel of a link from a publication to an
	// annotation set: the Web Annotation Protocol's link from a resource to
	// the annotations about it.
	RelAnnotations = "http://www.w3.org/ns/oa#annotationService"
	// AnnotationsType is the media type of a W3C Web Annotation document.
	AnnotationsType = `application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"`
	// AnnotationsProfile is the profile of AnnotationsType.
	AnnotationsProfile = "http://www.w3.org/ns/anno.jsonld"
)

// Layer is the annotations one author published in one catalogue, as the
// library keeps them: read-only, shown or hidden as a whole.
type Layer struct {
	ID       int64
	SourceID int64
	Source   string // the catalogue's name, or its URL when it has none
	Author   string // the annotations' creator; "" when they name none
	Color    string // one of LayerColors
	Hidden   bool
	Items    int       // annotations it holds
	Updated  time.Time // when a sync last changed it
}

// Name is how the layer is shown: its author's name, or "Unnamed author"
// when the annotations name none.
func (l Layer) Name() string {
	if strings.TrimSpace(l.Author) == "" {
		return "Unnamed author"
	}
	return l.Author
}

// Title names the layer with its catalogue: "Maria Lopez, Workshop
// catalogue".
func (l Layer) Title() string { return l.Name() + ", " + l.Source }

// LayerColors are the colours layers are drawn in, none of them one of
// HighlightColors, so that a published highlight never looks like one of
// the user's own.
var LayerColors = []string{"purple", "teal", "orange", "red", "brown", "indigo"}

// LayerColor picks a layer's colour: the one its author's name hashes to,
// or the next one that no layer in used has yet.
func LayerColor(author string, used []string) string {
	h := uint32(2166136261)
	for _, b := range []byte(author) {
		h = (h ^ uint32(b)) * 16777619
	}
	start := int(h % uint32(len(LayerColors)))
	taken := map[string]bool{}
	for _, c := range used {
		taken[c] = true
	}
	for i := range LayerColors {
		if c := LayerColors[(start+i)%len(LayerColors)]; !taken[c] {
			return c
		}
	}
	return LayerColors[start]
}

// ReadSHA256 returns a published SHA-256 in lower-case hex, or "" when s
// is not 64 hexadecimal digits.
func ReadSHA256(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) != 64 {
		return ""
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return ""
		}
	}
	return s
}

// IsAnnotationSet reports whether a link leads to an annotation set: it
// has the rel RelAnnotations, or the media type of W3C annotations.
func IsAnnotationSet(rel, typ string) bool {
	if rel == RelAnnotations {
		return true
	}
	return MediaType(typ) == "application/ld+json" && strings.Contains(typ, AnnotationsProfile)
}

// FieldshelfNS is the namespace of Fieldshelf's extension attributes in
// an Atom feed: fs:sha256 on a link gives the SHA-256 of the file it
// leads to (in OPDS 2, the link's property "sha256").
const FieldshelfNS = "urn:fieldshelf:opds"

// LayerStats counts what a sync did to the annotation sets of catalogues.
type LayerStats struct {
	Sets        int // sets fetched, 304 answers included
	NotModified int // of which unchanged
	// Added, Changed and Removed count annotations.
	Added, Changed, Removed int
	Failed                  int // sets that could not be read: their annotations stay as they were
}

// Add sums two counts.
func (s LayerStats) Add(o LayerStats) LayerStats {
	return LayerStats{Sets: s.Sets + o.Sets, NotModified: s.NotModified + o.NotModified, Added: s.Added + o.Added,
		Changed: s.Changed + o.Changed, Removed: s.Removed + o.Removed, Failed: s.Failed + o.Failed}
}

// Text says what changed in a few words: "published annotations: 3 added,
// 1 changed, 1 removed"; "" when nothing did and nothing failed.
func (s LayerStats) Text() string {
	var parts []string
	if s.Added+s.Changed+s.Removed > 0 {
		parts = append(parts, fmt.Sprintf("published annotations: %d added, %d changed, %d removed", s.Added, s.Changed, s.Removed))
	}
	if s.Failed > 0 {
		parts = append(parts, fmt.Sprintf("%d annotation sets could not be read", s.Failed))
	}
	return strings.Join(parts, "; ")
}

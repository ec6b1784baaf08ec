package ui

import (
	"strings"

	"fieldshelf/app"
)

// keepMatching applies the filter widgets to search results.
func keepMatching(hits []app.PublicationHit, f app.Filter) []app.PublicationHit {
	out := hits[:0:0]
	for _, h := range hits {
		if matches(h.Document, f) {
			out = append(out, h)
		}
	}
	return out
}

func matches(d app.Document, f app.Filter) bool {
	switch {
	case f.Offline && d.File == nil,
		f.UpdateAvailable && !d.UpdateAvailable,
		f.Year != 0 && d.Year != f.Year,
		f.Publisher != "" && !strings.Contains(strings.ToLower(d.Publisher), strings.ToLower(f.Publisher)),
		f.Tag != "" && !hasTag(d, f.Tag, ""),
		f.Type != "" && !hasTag(d, f.Type, app.TagType):
		return false
	}
	return true
}

func hasTag(d app.Document, name string, kind app.TagKind) bool {
	for _, t := range d.Tags {
		if (kind == "" || t.Kind == kind) && (strings.EqualFold(t.Name(), name) || strings.EqualFold(t.Term, name)) {
			return true
		}
	}
	return false
}

package catalog

import (
	"encoding/xml"
	"io"
	"strings"

	"fieldshelf/app"
)

// ParseOpenSearch reads an OpenSearch description fetched from baseURL and
// returns the absolute template of its <Url> that answers with a catalogue:
// Atom with the OPDS profile first, then any Atom, then OPDS 2 JSON.
// Errors wrap app.ErrMalformedFeed.
func ParseOpenSearch(baseURL string, r io.Reader) (template string, err error) {
	rd, err := xmlReader(r, "")
	if err != nil {
		return "", err
	}
	d := newXMLDecoder(rd)
	base := parseBase(baseURL)
	best, bestRank := "", len(searchTypeRanks)
	sawRoot := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", malformed(err, "malformed OpenSearch description")
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !sawRoot {
			sawRoot = true
			if !strings.EqualFold(t.Name.Local, "OpenSearchDescription") {
				return "", malformed(nil, "not an OpenSearch description: root element <%s>", t.Name.Local)
			}
			base = withXMLBase(base, t.Attr)
			continue
		}
		if !strings.EqualFold(t.Name.Local, "Url") {
			continue
		}
		rank := searchTypeRank(attr(t, "type"), attr(t, "rel"))
		if rank < bestRank {
			if tpl := resolve(withXMLBase(base, t.Attr), attr(t, "template")); tpl != "" {
				best, bestRank = tpl, rank
			}
		}
	}
	if best == "" {
		return "", malformed(nil, "the OpenSearch description has no Atom or OPDS template")
	}
	return best, nil
}

// searchTypeRanks orders the result types a template may announce.
var searchTypeRanks = []func(mt, full string) bool{
	func(mt, full string) bool {
		return mt == "application/atom+xml" && strings.Contains(full, "opds-catalog")
	},
	func(mt, _ string) bool { return mt == "application/atom+xml" },
	func(mt, _ string) bool { return mt == "application/opds+json" },
}

// searchTypeRank ranks a <Url> by type (lower is better); results URLs only.
func searchTypeRank(typ, rel string) int {
	if rel = strings.TrimSpace(rel); rel != "" && rel != "results" {
		return len(searchTypeRanks)
	}
	mt, full := app.MediaType(typ), strings.ToLower(typ)
	for i, match := range searchTypeRanks {
		if match(mt, full) {
			return i
		}
	}
	return len(searchTypeRanks)
}

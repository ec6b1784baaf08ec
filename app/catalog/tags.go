package catalog

import (
	"strings"
	"unicode/utf8"

	"fieldshelf/app"
)

// typeSchemeNames are the last segments (or fragments) of category schemes
// that list publication types.
var typeSchemeNames = map[string]bool{
	"type": true, "types": true, "doctype": true, "documenttype": true,
}

// regionSchemeWords mark a scheme as geographic when its path contains one.
var regionSchemeWords = []string{"region", "geo", "spatial", "coverage"}

// typeLabels are labels known to name a kind of publication (lower case).
var typeLabels = setOf(
	"guidance", "good practices", "good practice", "report", "annual report",
	"handbook", "manual", "toolkit", "guide", "guidelines", "policy brief",
	"brief", "briefing", "research", "study", "factsheet", "fact sheet",
	"case study", "training", "working paper", "discussion paper", "paper",
	"checklist", "newsletter", "law", "legislation",
)

// regionLabels are labels known to name a region (lower case).
var regionLabels = setOf(
	"global", "worldwide", "international", "africa", "americas",
	"north america", "latin america", "south america", "central america",
	"caribbean", "asia", "asia pacific", "asia-pacific", "east asia",
	"south asia", "south-east asia", "southeast asia", "central asia", "europe",
	"eastern europe", "western europe", "middle east", "mena", "oceania", "pacific",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// classifyTag decides a tag's kind: by its scheme first (a scheme whose last
// segment is type/types/doctype/documenttype lists types; one whose path
// mentions region, geo, spatial or coverage lists regions), then by a known
// type or region label, plural forms included; everything else is a subject.
func classifyTag(label, scheme string) app.TagKind {
	if scheme != "" {
		path := schemePath(scheme)
		if typeSchemeNames[lastSegment(path)] {
			return app.TagType
		}
		for _, w := range regionSchemeWords {
			if strings.Contains(path, w) {
				return app.TagRegion
			}
		}
	}
	var buf [64]byte
	l := lowerLabel(buf[:0], strings.TrimSpace(label))
	switch {
	case typeLabels[l] || typeLabels[singular(l)]:
		return app.TagType
	case regionLabels[l]:
		return app.TagRegion
	}
	return app.TagSubject
}

// lowerLabel returns strings.ToLower(s), in buf when s is short ASCII
// (labels are looked up, not kept, so that saves an allocation per tag).
func lowerLabel(buf []byte, s string) string {
	if len(s) > cap(buf) {
		return strings.ToLower(s)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return unsafeString(buf)
}

// schemePath returns the lower-case scheme without its URL scheme and host,
// so that a host name cannot make a scheme look geographic.
func schemePath(scheme string) string {
	s := strings.ToLower(scheme)
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
		if j := strings.IndexByte(s, '/'); j >= 0 {
			s = s[j:]
		} else {
			s = ""
		}
	}
	return s
}

// lastSegment returns the last non-empty piece of a scheme path split at
// '/', '#', ':', '?' and '='.
func lastSegment(path string) string {
	end := len(path)
	for end > 0 && isSegmentSep(path[end-1]) {
		end--
	}
	start := end
	for start > 0 && !isSegmentSep(path[start-1]) {
		start--
	}
	return path[start:end]
}

func isSegmentSep(c byte) bool {
	return c == '/' || c == '#' || c == ':' || c == '?' || c == '='
}

// singular strips an English plural ending: "studies" gives "study",
// "reports" gives "report".
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// newTag builds a classified tag. The label falls back to the term; kind,
// when not empty, overrides the classification.
func newTag(term, label, scheme string, kind app.TagKind) (app.Tag, bool) {
	term, label, scheme = oneLine(term), oneLine(label), strings.TrimSpace(scheme)
	if label == "" {
		label = term
	}
	if label == "" {
		return app.Tag{}, false
	}
	if kind == "" {
		kind = classifyTag(label, scheme)
	}
	return app.Tag{Term: term, Label: label, Scheme: scheme, Kind: kind}, true
}

// dedupeTags drops tags whose kind and label repeat an earlier tag's,
// ignoring case.
func dedupeTags(tags []app.Tag) []app.Tag {
	if len(tags) < 2 {
		return tags
	}
	out := tags[:0]
	if len(tags) <= 16 {
		// Few tags, as entries have: compare each with those kept.
	next:
		for _, t := range tags {
			for _, u := range out {
				if t.Kind == u.Kind && sameLower(t.Label, u.Label) {
					continue next
				}
			}
			out = append(out, t)
		}
		return out
	}
	seen := make(map[string]bool, len(tags))
	for _, t := range tags {
		k := string(t.Kind) + "\x00" + strings.ToLower(t.Label)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, t)
	}
	return out
}

// sameLower reports whether strings.ToLower(a) == strings.ToLower(b),
// comparing ASCII strings without building their lower case.
func sameLower(a, b string) bool {
	if len(a) != len(b) {
		for i := 0; i < len(a); i++ {
			if a[i] >= utf8.RuneSelf {
				return strings.ToLower(a) == strings.ToLower(b)
			}
		}
		for i := 0; i < len(b); i++ {
			if b[i] >= utf8.RuneSelf {
				return strings.ToLower(a) == strings.ToLower(b)
			}
		}
		return false // ASCII keeps its length in lower case
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x >= utf8.RuneSelf || y >= utf8.RuneSelf {
			return strings.ToLower(a) == strings.ToLower(b)
		}
		if x != y && lowerASCII(x) != lowerASCII(y) {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// tagMarkers are the words under which some servers list tags at the end
// of a description, with the kind they force ("" to classify).
var tagMarkers = map[string]app.TagKind{
	"tags": "", "tag": "", "keywords": "", "keyword": "",
	"regions": app.TagRegion, "region": app.TagRegion,
}

// inlineMarkers are the spellings recognised inside a line, after a sentence.
var inlineMarkers = setOf("TAGS", "Tags", "KEYWORDS", "Keywords", "REGION", "Region")

// splitSummaryTags removes trailing "TAGS: a, b" lines (also Tags, Keywords,
// Region) from a plain-text summary and returns them as tags. The marker may
// also follow the last sentence of the last line ("... done. TAGS: x").
func splitSummaryTags(summary string) (string, []app.Tag) {
	var tags []app.Tag
	for summary != "" {
		i := strings.LastIndexByte(summary, '\n')
		line := summary[i+1:]
		tail := lineTail(line)
		if tail == "" {
			break
		}
		found, ok := parseTagList(tail)
		if !ok {
			break
		}
		tags = append(found, tags...)
		if head := strings.TrimRight(line[:len(line)-len(tail)], " "); head != "" {
			return summary[:i+1] + head, tags
		}
		if i < 0 {
			return "", tags
		}
		summary = summary[:i]
	}
	return summary, tags
}

// lineTail returns the part of line that starts with a tag marker: the whole
// line when it starts with one, or an inline marker that follows the end of
// a sentence; "" when there is none.
func lineTail(line string) string {
	if c := strings.IndexByte(line, ':'); c > 0 {
		if _, ok := tagMarkers[strings.ToLower(strings.TrimSpace(line[:c]))]; ok {
			return line
		}
	}
	// Inline: the last colon must close a marker word that follows a
	// sentence end and a space.
	c := strings.LastIndexByte(line, ':')
	w := c
	for w > 0 && isASCIILetter(line[w-1]) {
		w--
	}
	if c <= 0 || w < 2 || line[w-1] != ' ' || !inlineMarkers[line[w:c]] {
		return ""
	}
	prev := strings.TrimRight(line[:w], " ")
	if prev != "" && strings.IndexByte(".!?)\"'", prev[len(prev)-1]) >= 0 {
		return line[w:]
	}
	return ""
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// parseTagList reads "Marker: a, b; c" into tags. It fails when an item is
// too long to be a tag (over 60 bytes or 6 words), so prose is left alone.
func parseTagList(tail string) ([]app.Tag, bool) {
	c := strings.IndexByte(tail, ':')
	kind := tagMarkers[strings.ToLower(strings.TrimSpace(tail[:c]))]
	var tags []app.Tag
	for _, item := range strings.FieldsFunc(tail[c+1:], isListSep) {
		item = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(item), "."))
		if item == "" {
			continue
		}
		if len(item) > 60 || len(strings.Fields(item)) > 6 {
			return nil, false
		}
		if t, ok := newTag(item, item, "", kind); ok {
			tags = append(tags, t)
		}
	}
	return tags, len(tags) > 0
}

func isListSep(r rune) bool { return r == ',' || r == ';' || r == '|' }

// tagIndexTitles name the navigation entries under which servers list
// their tags, one subsection per tag: calibre's "By Tags", "Subjects" and
// the like (lower case, without a leading "by").
var tagIndexTitles = setOf("tags", "tag", "subjects", "subject", "categories", "category",
	"genres", "genre", "topics", "topic", "keywords", "keyword", "themes", "theme")

// IsTagIndex reports whether a navigation title names a listing of tags
// ("By Tags", "Subjects"), whose subsections each list the publications
// of one tag. Orderings such as "By newest" or "By title" are not.
func IsTagIndex(title string) bool {
	t := strings.ToLower(oneLine(title))
	t = strings.TrimPrefix(t, "by ")
	return tagIndexTitles[t]
}

// SubsectionTag returns the tag that a tag subsection titled label stands
// for, classified as an entry's own tag with that label would be.
func SubsectionTag(label string) (app.Tag, bool) {
	return newTag(label, label, "", "")
}

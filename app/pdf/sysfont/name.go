package sysfont

import "strings"

// styleSuffixes are the endings of font names that name a style or a
// vendor's mark rather than the family, longest first.
var styleSuffixes = []string{"bolditalic", "boldoblique", "semibold", "demibold", "italic", "oblique",
	"regular", "medium", "light", "black", "heavy", "roman", "bold", "book", "std", "pro", "mt", "ps"}

// ByName returns the face of the font named name, as PDFs name fonts:
// "ArialMT", "Arial,Bold", "ABCDEF+TimesNewRomanPS-BoldMT", "STSong-Light".
// The PostScript name must match exactly; a family name matches once
// style words are taken off the end of the name. bold and italic choose
// among the family's faces, as do the style words.
func (x *Index) ByName(name string, bold, italic bool) (Face, bool) {
	q := nameQuery{name, bold, italic}
	x.mu.Lock()
	defer x.mu.Unlock()
	if r, ok := x.byName[q]; ok {
		return r.face, r.ok
	}
	e := x.findName(name, bold, italic)
	r := result{ok: e != nil}
	if e != nil {
		r.face = e.Face
	}
	x.byName[q] = r
	return r.face, r.ok
}

func (x *Index) findName(name string, bold, italic bool) *entry {
	name = stripSubset(name)
	key := fold(name)
	lower := strings.ToLower(name)
	bold = bold || strings.Contains(lower, "bold")
	italic = italic || strings.Contains(lower, "italic") || strings.Contains(lower, "oblique")
	for _, e := range x.entries {
		if e.ps == key && key != "" {
			return e
		}
	}
	if i := strings.IndexByte(name, ','); i >= 0 {
		key = fold(name[:i])
	}
	for len(key) >= 3 {
		if e := x.family(key, bold, italic); e != nil {
			return e
		}
		trimmed := trimStyle(key)
		if trimmed == key {
			break
		}
		key = trimmed
	}
	return nil
}

// family returns the face of a family closest to the style asked for.
func (x *Index) family(key string, bold, italic bool) *entry {
	var best *entry
	bestScore := 0
	for _, e := range x.entries {
		if !hasWord(e.families, []string{key}) {
			continue
		}
		sc := 0
		if weightFits(e.weight, bold) {
			sc += 2
		}
		if e.italic == italic {
			sc++
		}
		if best == nil || sc > bestScore || (sc == bestScore && e.before(best)) {
			best, bestScore = e, sc
		}
	}
	return best
}

// trimStyle takes one style suffix off a folded name.
func trimStyle(key string) string {
	for _, s := range styleSuffixes {
		if strings.HasSuffix(key, s) {
			return strings.TrimSuffix(key, s)
		}
	}
	return key
}

// stripSubset removes the "ABCDEF+" tag of a subset font's name.
func stripSubset(name string) string {
	if len(name) > 7 && name[6] == '+' {
		for i := range 6 {
			if name[i] < 'A' || name[i] > 'Z' {
				return name
			}
		}
		return name[7:]
	}
	return name
}

// serifNameWords mark a serif face in a PDF's font name, whose words run
// together ("TimesNewRomanPSMT", "STSong-Light", "MS-Mincho").
var serifNameWords = []string{"serif", "times", "roman", "song", "ming", "mincho", "batang", "myeongjo", "naskh", "georgia"}

// SerifName says whether a font name reads as a serif face's.
func SerifName(name string) bool {
	key := fold(name)
	for _, w := range serifNameWords {
		if strings.Contains(key, w) {
			return true
		}
	}
	return false
}

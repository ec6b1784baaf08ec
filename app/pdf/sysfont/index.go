// Package sysfont finds the fonts of this computer that stand in for the
// fonts a PDF names without embedding them: by name when the computer has
// the very font, else by the script of the text (Chinese, Japanese,
// Korean, Thai, Arabic, Devanagari, Cyrillic, Greek, ...). The list of
// fonts comes from fontconfig where it is installed, else from reading the
// usual font folders of Linux, macOS and Windows. Lookups are cached, and
// font files are mapped into memory once, for the life of the process.
//
// It has no cgo: app/pdf hands what it finds to MuPDF.
package sysfont

import (
	"strings"
	"sync"
	"unicode"
)

// Face is one face of a font file: what MuPDF needs to load it.
type Face struct {
	Path   string
	Index  int    // of the face in a collection (.ttc, .otc), else 0
	Family string // the family name, for messages
}

// entry is a face of an index with what lookups compare.
type entry struct {
	Face
	families []string // family names, folded (see fold)
	ps       string   // PostScript name, folded
	words    []string // the words of the family names and style, lower case
	weight   int      // on fontconfig's scale: 80 regular, 200 bold
	italic   bool
	scripts  scriptSet // scripts it covers
	unsure   scriptSet // scripts it may cover: to be probed in the file
}

// setNames fills the name fields from the family names, the style and the
// PostScript name.
func (e *entry) setNames(families []string, style, ps string) {
	e.words = strings.FieldsFunc(strings.ToLower(style), notAlnum)
	for _, f := range families {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if e.Family == "" {
			e.Family = f
		}
		e.families = append(e.families, fold(f))
		e.words = append(e.words, strings.FieldsFunc(strings.ToLower(f), notAlnum)...)
	}
	e.ps = fold(ps)
}

// Index is a list of font faces and the answers to the lookups made so far.
// It is safe for concurrent use.
type Index struct {
	entries []*entry

	mu       sync.Mutex
	byName   map[nameQuery]result
	byScript map[scriptQuery]result
}

type nameQuery struct {
	name         string
	bold, italic bool
}

type scriptQuery struct {
	script              Script
	serif, bold, italic bool
}

type result struct {
	face Face
	ok   bool
}

func newIndex(entries []*entry) *Index {
	return &Index{entries: entries, byName: map[nameQuery]result{}, byScript: map[scriptQuery]result{}}
}

// Len returns the number of faces in the index.
func (x *Index) Len() int { return len(x.entries) }

// ForScript returns the face that best writes script s: one made for the
// script (and for the variant of Chinese, Japanese or Korean) before one
// that merely covers it, then the closest in style.
func (x *Index) ForScript(s Script, serif, bold, italic bool) (Face, bool) {
	q := scriptQuery{s, serif, bold, italic}
	x.mu.Lock()
	defer x.mu.Unlock()
	if r, ok := x.byScript[q]; ok {
		return r.face, r.ok
	}
	var best *entry
	bestScore := 0
	for _, e := range x.entries {
		if !e.covers(s) {
			continue
		}
		sc := e.score(s, serif, bold, italic)
		if best == nil || sc > bestScore || (sc == bestScore && e.before(best)) {
			best, bestScore = e, sc
		}
	}
	r := result{ok: best != nil}
	if best != nil {
		r.face = best.Face
	}
	x.byScript[q] = r
	return r.face, r.ok
}

// covers says whether the face has the letters of s, probing its file the
// first time the answer is unsure.
func (e *entry) covers(s Script) bool {
	if e.unsure.has(s) {
		found, err := probeFile(e.Path, e.Index, e.unsure)
		if err != nil {
			found = 0
		}
		e.scripts |= found
		e.unsure = 0
	}
	return e.scripts.has(s)
}

// Words that make a face a poorer stand-in for body text: widths, uses,
// and the display styles of scripts (Kufi for Arabic, Rashi for Hebrew).
var oddWords = []string{"mono", "ui", "display", "condensed", "narrow", "expanded", "emoji", "symbols",
	"math", "music", "kufi", "rashi", "nastaliq"}

// Words of the names of serif faces and their likes: Song, Ming and Mincho
// in Chinese and Japanese, Batang and Myeongjo in Korean, Naskh in Arabic,
// the looped Thai faces.
var serifWords = []string{"serif", "song", "songti", "simsun", "ming", "mingliu", "mincho", "batang",
	"myeongjo", "times", "naskh", "looped"}

// The weights of fontconfig's scale that read as regular and as bold.
const (
	weightRegular = 80
	weightBold    = 200
)

// weightFits says whether a weight reads as bold, or as regular.
func weightFits(weight int, bold bool) bool {
	if bold {
		return weight >= 180 && weight <= 205
	}
	return weight >= 75 && weight <= 100
}

// score rates how well the face writes s in the style asked for.
func (e *entry) score(s Script, serif, bold, italic bool) int {
	sc := 0
	if hasWord(e.words, scriptInfos[s].words) {
		sc += 8
	}
	for o := ChineseSimplified; s.cjk() && o <= Korean; o++ {
		if o != s && hasWord(e.words, scriptInfos[o].words) {
			sc -= 6
		}
	}
	if hasWord(e.words, serifWords) == serif {
		sc += 2
	}
	if weightFits(e.weight, bold) {
		sc += 2
	}
	if e.italic == italic {
		sc += 2
	}
	if hasWord(e.words, oddWords) {
		sc -= 3
	}
	return sc
}

// before orders faces of the same score: the plainer name first, then by
// file, so that lookups do not depend on the order of the list.
func (e *entry) before(o *entry) bool {
	if len(e.words) != len(o.words) {
		return len(e.words) < len(o.words)
	}
	if e.Path != o.Path {
		return e.Path < o.Path
	}
	return e.Index < o.Index
}

func hasWord(words, any []string) bool {
	for _, w := range words {
		for _, a := range any {
			if w == a {
				return true
			}
		}
	}
	return false
}

// fold keeps the lower-case letters and digits of a name: "Times New
// Roman" and "TimesNewRoman" fold alike.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if !notAlnum(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func notAlnum(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

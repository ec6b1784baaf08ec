package sysfont

import "unicode"

// Script is a writing system that a font stands in for. The Chinese,
// Japanese and Korean ones differ in the glyph shapes of their shared
// ideographs as well as in their own letters.
type Script uint8

// The scripts Fieldshelf finds fonts for.
const (
	Latin Script = iota
	Greek
	Cyrillic
	Hebrew
	Arabic
	Devanagari
	Thai
	ChineseSimplified
	ChineseTraditional
	Japanese
	Korean
	numScripts
)

// scriptInfo says how to recognise a font of a script.
type scriptInfo struct {
	name  string
	langs []string // fontconfig languages whose coverage means the script
	probe []rune   // characters every font of the script has
	words []string // words of family names made for the script
}

var scriptInfos = [numScripts]scriptInfo{
	Latin:      {"Latin", []string{"en"}, []rune("Aa"), nil},
	Greek:      {"Greek", []string{"el"}, []rune("Ωλί"), []string{"greek"}},
	Cyrillic:   {"Cyrillic", []string{"ru", "uk", "bg"}, []rune("Жж"), []string{"cyrillic"}},
	Hebrew:     {"Hebrew", []string{"he"}, []rune("אש"), []string{"hebrew"}},
	Arabic:     {"Arabic", []string{"ar", "fa", "ur"}, []rune("عب"), []string{"arabic", "naskh", "kufi"}},
	Devanagari: {"Devanagari", []string{"hi", "mr", "ne", "sa"}, []rune("कि"), []string{"devanagari"}},
	Thai:       {"Thai", []string{"th"}, []rune("กไ"), []string{"thai"}},
	ChineseSimplified: {"Chinese (Simplified)", []string{"zh-cn", "zh-sg"}, []rune("中这们"),
		[]string{"sc", "cn", "gb", "hans", "prc", "simsun", "nsimsun", "simhei", "yahei", "dengxian", "songti", "stsong"}},
	ChineseTraditional: {"Chinese (Traditional)", []string{"zh-tw", "zh-hk", "zh-mo"}, []rune("中這們"),
		[]string{"tc", "tw", "hk", "hant", "big5", "mingliu", "pmingliu", "jhenghei"}},
	Japanese: {"Japanese", []string{"ja"}, []rune("中あア"),
		[]string{"jp", "japan", "japanese", "mincho", "meiryo", "hiragino", "msgothic", "yugothic"}},
	Korean: {"Korean", []string{"ko"}, []rune("한글"),
		[]string{"kr", "korean", "malgun", "gulim", "batang", "dotum", "gungsuh", "myeongjo", "nanum"}},
}

func (s Script) String() string {
	if s < numScripts {
		return scriptInfos[s].name
	}
	return "unknown script"
}

// cjk says whether s is one of the scripts written with ideographs.
func (s Script) cjk() bool { return s >= ChineseSimplified && s <= Korean }

// scriptSet is a set of scripts, one bit each.
type scriptSet uint32

func (m scriptSet) has(s Script) bool { return m&(1<<s) != 0 }

const cjkScripts = scriptSet(1<<ChineseSimplified | 1<<ChineseTraditional | 1<<Japanese | 1<<Korean)

// ScriptOf returns the script most of the letters of text are written in
// besides Latin, or Latin when there are none. Ideographs are Japanese
// when kana come with them, Korean with hangul, else Simplified Chinese.
func ScriptOf(text []rune) Script {
	var count [numScripts]int
	for _, r := range text {
		if s, ok := scriptOfRune(r); ok {
			count[s]++
		}
	}
	if count[Japanese] > 0 || count[Korean] > 0 {
		count[ChineseSimplified] = 0 // ideographs among kana or hangul
	}
	best := Latin
	for s := Greek; s < numScripts; s++ {
		if count[s] > 0 && (best == Latin || count[s] > count[best]) {
			best = s
		}
	}
	return best
}

// runeScripts are the Unicode tables of the scripts, Latin first.
var runeScripts = []struct {
	t *unicode.RangeTable
	s Script
}{
	{unicode.Latin, Latin}, {unicode.Greek, Greek}, {unicode.Cyrillic, Cyrillic},
	{unicode.Hebrew, Hebrew}, {unicode.Arabic, Arabic}, {unicode.Devanagari, Devanagari},
	{unicode.Thai, Thai}, {unicode.Hiragana, Japanese}, {unicode.Katakana, Japanese},
	{unicode.Hangul, Korean}, {unicode.Han, ChineseSimplified},
}

// scriptOfRune classifies one letter; ok is false for digits, marks,
// punctuation and scripts Fieldshelf does not look fonts up for.
func scriptOfRune(r rune) (Script, bool) {
	for _, t := range runeScripts {
		if unicode.Is(t.t, r) {
			return t.s, true
		}
	}
	return 0, false
}

package pdf

/*
#include "fitz.h"
*/
import "C"

import (
	"runtime/cgo"
	"strings"
	"unsafe"

	"fieldshelf/app/pdf/sysfont"
)

// MuPDF asks for a system font when a PDF names a font it does not embed
// (fonts.c). The answers come from sysfont's index of this computer's
// fonts; when there is none, MuPDF uses its own fonts, which cover Latin,
// most of Greek and Cyrillic, and no other script.
//
// A name alone rarely tells the script of the text ("Arial" may print
// Arabic), so a font that is not on this computer is first drawn with
// MuPDF's own; the page's text then tells its script (fs_settle_fonts),
// and the page is drawn again with a font of that script.

// docFonts are one document's font choices. The document's owner alone
// uses them: MuPDF asks from inside the owner's calls into C.
type docFonts struct {
	learned map[string]sysfont.Script // by font name: the script of its text
	unsure  map[string]bool           // fonts stood in for, script not known yet
}

// fontNameMax is the longest font name MuPDF keeps (fz_font's name field,
// less its NUL).
const fontNameMax = 31

// fontAnswer is what Go answers MuPDF's question (fitz.h's FS_FONT_*).
type fontAnswer C.int

const (
	fontNone   fontAnswer = C.FS_FONT_NONE   // none: MuPDF uses its own
	fontFound  fontAnswer = C.FS_FONT_FOUND  // this face
	fontUnsure fontAnswer = C.FS_FONT_UNSURE // none until the script is known
)

// forName chooses the font for one a document names without embedding
// it. exact asks for a standard font's metrics, which MuPDF's own
// standard fonts have.
func (f *docFonts) forName(name string, bold, italic, exact bool) (sysfont.Face, fontAnswer) {
	if exact {
		return sysfont.Face{}, fontNone
	}
	idx := sysfont.System()
	if face, ok := idx.ByName(name, bold, italic); ok {
		return face, fontFound
	}
	s, ok := f.learned[name]
	switch {
	case !ok:
		if f.unsure == nil {
			f.unsure = map[string]bool{}
		}
		f.unsure[name] = true
		return sysfont.Face{}, fontUnsure
	case s == sysfont.Latin:
		return sysfont.Face{}, fontNone
	}
	if face, ok := idx.ForScript(s, sysfont.SerifName(name), bold, italic); ok {
		return face, fontFound
	}
	return sysfont.Face{}, fontNone
}

// learn records the script of the text a font stood in for showed (name
// as MuPDF keeps it, perhaps cut short), and says whether the font of
// that script is another one.
func (f *docFonts) learn(name string, text []rune) bool {
	changed := false
	for n := range f.unsure {
		if n != name && !(len(name) == fontNameMax && strings.HasPrefix(n, name)) {
			continue
		}
		s := sysfont.ScriptOf(text)
		if f.learned == nil {
			f.learned = map[string]sysfont.Script{}
		}
		f.learned[n] = s
		delete(f.unsure, n)
		if s != sysfont.Latin {
			_, found := sysfont.System().ForScript(s, sysfont.SerifName(n), false, false)
			changed = changed || found
		}
	}
	return changed
}

// answer hands a face to C: the file's bytes stay mapped for the life of
// the process, outside Go's heap.
func answer(face sysfont.Face, a fontAnswer, out *C.fs_face) C.int {
	if a != fontFound {
		return C.int(a)
	}
	b, err := face.Data()
	if err != nil || len(b) == 0 {
		return C.int(fontNone)
	}
	out.data = (*C.uchar)(unsafe.Pointer(&b[0]))
	out.size = C.size_t(len(b))
	out.index = C.int(face.Index)
	return C.int(fontFound)
}

func docOf(h C.uintptr_t) *cdoc { return cgo.Handle(h).Value().(*cdoc) }

//export fsSystemFont
func fsSystemFont(h C.uintptr_t, name *C.char, bold, italic, exact C.int, out *C.fs_face) C.int {
	face, code := docOf(h).fonts.forName(C.GoString(name), bold != 0, italic != 0, exact != 0)
	return answer(face, code, out)
}

//export fsLearnScript
func fsLearnScript(h C.uintptr_t, name *C.char, text *C.int, n C.int) C.int {
	runes := make([]rune, int(n))
	for i, c := range unsafe.Slice(text, int(n)) {
		runes[i] = rune(c)
	}
	if docOf(h).fonts.learn(C.GoString(name), runes) {
		return 1
	}
	return 0
}

// cjkOrderings are MuPDF's CJK collections.
var cjkOrderings = map[C.int]sysfont.Script{
	C.FZ_ADOBE_GB: sysfont.ChineseSimplified, C.FZ_ADOBE_CNS: sysfont.ChineseTraditional,
	C.FZ_ADOBE_JAPAN: sysfont.Japanese, C.FZ_ADOBE_KOREA: sysfont.Korean,
}

//export fsSystemCJKFont
func fsSystemCJKFont(ordering, serif C.int, out *C.fs_face) C.int {
	s, ok := cjkOrderings[ordering]
	if !ok {
		return C.int(fontNone)
	}
	face, found := sysfont.System().ForScript(s, serif != 0, false, false)
	return answer(face, foundAnswer(found), out)
}

// ucdnScripts maps the script numbers of UCDN, the Unicode database MuPDF
// names scripts by when it asks for a fallback font, to sysfont's.
var ucdnScripts = map[C.int]sysfont.Script{
	2: sysfont.Greek, 3: sysfont.Cyrillic, 5: sysfont.Hebrew, 6: sysfont.Arabic, 9: sysfont.Devanagari,
	19: sysfont.Thai, 24: sysfont.Korean, 32: sysfont.Japanese, 33: sysfont.Japanese, 35: sysfont.ChineseSimplified,
}

// hanLanguages tell which script MuPDF means by UCDN's Han.
var hanLanguages = map[C.int]sysfont.Script{
	C.FZ_LANG_ja: sysfont.Japanese, C.FZ_LANG_ko: sysfont.Korean,
	C.FZ_LANG_zh_Hant: sysfont.ChineseTraditional, C.FZ_LANG_zh_Hans: sysfont.ChineseSimplified,
}

//export fsSystemFallbackFont
func fsSystemFallbackFont(script, language, serif, bold, italic C.int, out *C.fs_face) C.int {
	s, ok := ucdnScripts[script]
	if !ok {
		return C.int(fontNone)
	}
	if h, ok := hanLanguages[language]; ok && s == sysfont.ChineseSimplified {
		s = h
	}
	face, found := sysfont.System().ForScript(s, serif != 0, bold != 0, italic != 0)
	return answer(face, foundAnswer(found), out)
}

func foundAnswer(found bool) fontAnswer {
	if found {
		return fontFound
	}
	return fontNone
}

// fallbackFontName returns the family of the font MuPDF draws c with when
// a Latin font lacks it; empty when it has none (tests).
func (c *cdoc) fallbackFontName(r rune) string {
	buf := make([]byte, 64)
	if C.fs_fallback_font_name(c.d, C.int(r), (*C.char)(unsafe.Pointer(&buf[0])), C.int(len(buf))) == 0 {
		return ""
	}
	return cleanText(string(buf))
}

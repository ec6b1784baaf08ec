package sysfont

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/image/font/sfnt"
)

// maxScanFiles bounds the font files a scan reads.
const maxScanFiles = 20000

// Scan lists the faces of the font files under dirs, reading each file's
// names and probing which scripts it covers. Folders that are missing or
// unreadable are skipped.
func Scan(dirs ...string) *Index {
	var es []*entry
	seen := map[string]bool{}
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil && d != nil && d.IsDir():
				return filepath.SkipDir
			case err != nil || d.IsDir() || !isFontFile(path) || seen[path]:
				return nil
			case len(seen) >= maxScanFiles:
				return filepath.SkipAll
			}
			seen[path] = true
			es = append(es, readFaces(path)...)
			return nil
		})
	}
	return newIndex(es)
}

// readFaces reads the faces of one font file; none when it cannot.
func readFaces(path string) []*entry {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	c, err := sfnt.ParseCollectionReaderAt(f)
	if err != nil {
		return nil
	}
	var es []*entry
	var buf sfnt.Buffer
	for i := range c.NumFonts() {
		font, err := c.Font(i)
		if err != nil {
			continue
		}
		name := func(ids ...sfnt.NameID) string {
			for _, id := range ids {
				if s, err := font.Name(&buf, id); err == nil && s != "" {
					return s
				}
			}
			return ""
		}
		e := &entry{Face: Face{Path: path, Index: i}}
		style := name(sfnt.NameIDTypographicSubfamily, sfnt.NameIDSubfamily)
		e.setNames([]string{name(sfnt.NameIDTypographicFamily, sfnt.NameIDFamily)}, style, name(sfnt.NameIDPostScript))
		e.weight = weightOfStyle(style)
		style = strings.ToLower(style)
		e.italic = strings.Contains(style, "italic") || strings.Contains(style, "oblique")
		e.scripts = coverage(font, &buf, 1<<numScripts-1)
		es = append(es, e)
	}
	return es
}

// styleWeights are the weights of the style words, on fontconfig's scale;
// compound words before their parts.
var styleWeights = []struct {
	word   string
	weight int
}{{"extralight", 40}, {"ultralight", 40}, {"semibold", 180}, {"demibold", 180}, {"extrabold", 205},
	{"ultrabold", 205}, {"thin", 0}, {"light", 50}, {"medium", 100}, {"bold", weightBold}, {"black", 210}, {"heavy", 210}}

// weightOfStyle reads the weight of a style name ("Bold Italic",
// "ExtraLight"); regular when it names none.
func weightOfStyle(style string) int {
	style = fold(style)
	for _, w := range styleWeights {
		if strings.Contains(style, w.word) {
			return w.weight
		}
	}
	return weightRegular
}

// probeFile returns which of the scripts want the face at index of a file
// covers. A variable font's named instance (index>>16) shares the
// characters of its face.
func probeFile(path string, index int, want scriptSet) (scriptSet, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	c, err := sfnt.ParseCollectionReaderAt(f)
	if err != nil {
		return 0, err
	}
	font, err := c.Font(index & 0xffff)
	if err != nil {
		return 0, err
	}
	var buf sfnt.Buffer
	return coverage(font, &buf, want), nil
}

// coverage returns the scripts of want whose probe characters the font has.
func coverage(font *sfnt.Font, buf *sfnt.Buffer, want scriptSet) scriptSet {
	var m scriptSet
	for s := Latin; s < numScripts; s++ {
		if want.has(s) && hasAll(font, buf, scriptInfos[s].probe) {
			m |= 1 << s
		}
	}
	return m
}

func hasAll(font *sfnt.Font, buf *sfnt.Buffer, runes []rune) bool {
	for _, r := range runes {
		if g, err := font.GlyphIndex(buf, r); err != nil || g == 0 {
			return false
		}
	}
	return true
}

package sysfont

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

var system struct {
	once   sync.Once
	index  *Index
	listMu sync.Mutex
	list   func() (string, error) // fontconfig's list; FontconfigList unless set
}

// System returns the index of this computer's fonts, listed on first use
// and kept: fontconfig's list when fc-list is installed, else the fonts
// found in the font folders (FontDirs).
func System() *Index {
	system.once.Do(func() {
		system.listMu.Lock()
		list := system.list
		system.listMu.Unlock()
		if list == nil {
			list = FontconfigList
		}
		if out, err := list(); err == nil {
			if es := parseFontconfig(out); len(es) > 0 {
				system.index = newIndex(es)
				return
			}
		}
		system.index = Scan(FontDirs()...)
	})
	return system.index
}

// UseFontconfigList makes System read fontconfig's list from list, which
// returns what FontconfigList returns, instead of running fc-list: for a
// process that may not start programs (the sandboxed PDF worker). It has
// no effect once System has listed the fonts.
func UseFontconfigList(list func() (string, error)) {
	system.listMu.Lock()
	system.list = list
	system.listMu.Unlock()
}

// fcFormat is the line fc-list prints per face.
const fcFormat = "%{file}\t%{index}\t%{family}\t%{style}\t%{postscriptname}\t%{weight}\t%{slant}\t%{lang}\n"

// FontconfigList runs fc-list and returns the faces fontconfig knows, in
// the form System reads.
func FontconfigList() (string, error) {
	path, err := exec.LookPath("fc-list")
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "--format", fcFormat).Output()
	if err != nil {
		return "", fmt.Errorf("sysfont: fc-list: %w", err)
	}
	return string(out), nil
}

// fcSlantRoman is fontconfig's slant of upright faces.
const fcSlantRoman = 0

// parseFontconfig reads fc-list's lines in fcFormat. Fontconfig's
// language coverage is strict (a CJK font lacking a few characters of a
// national standard misses that language), so a face with any CJK
// language may cover all four: probing its file tells.
func parseFontconfig(out string) []*entry {
	var es []*entry
	for _, line := range strings.Split(out, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 8 || !isFontFile(f[0]) {
			continue
		}
		index, err := strconv.Atoi(f[1])
		if err != nil {
			continue
		}
		e := &entry{Face: Face{Path: f[0], Index: index}}
		e.setNames(strings.Split(f[2], ","), strings.SplitN(f[3], ",", 2)[0], f[4])
		e.weight = leadingInt(f[5])
		e.italic = leadingInt(f[6]) > fcSlantRoman
		e.scripts = scriptsOfLangs(strings.Split(f[7], "|"))
		if e.scripts&cjkScripts != 0 {
			e.unsure = cjkScripts &^ e.scripts
		}
		es = append(es, e)
	}
	return es
}

// leadingInt reads the number a field starts with; a range ("[100 900]",
// a variable font) reads as regular.
func leadingInt(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(s, " ", 2)[0]))
	if err != nil {
		return weightRegular
	}
	return n
}

// scriptsOfLangs returns the scripts of fontconfig languages.
func scriptsOfLangs(langs []string) scriptSet {
	var m scriptSet
	for s := Latin; s < numScripts; s++ {
		if hasWord(langs, scriptInfos[s].langs) {
			m |= 1 << s
		}
	}
	return m
}

// isFontFile says whether a file holds TrueType or OpenType fonts.
func isFontFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".ttf", ".otf", ".ttc", ".otc":
		return true
	}
	return false
}

package ui

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"fyne.io/fyne/v2"
)

// languageFonts are system fonts the theme draws text with for an
// interface language whose marks reach below the Latin line: regular and
// bold file names, the first found wins. Fyne draws the scripts its own
// font (Noto Sans: Latin, Greek, Cyrillic) lacks with a system font
// already, but it sizes a line by the theme's font and puts the baseline
// where the first run's font has it, so with Noto Sans first the Thai
// vowels below the line (ทุก, หมุด) are cut off. With a Thai font first
// the line fits them, and the letters it lacks (Latin in a Thai sentence)
// still come from Fyne's font.
var languageFonts = map[string][][2]string{
	"th": {
		{"NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"},     // Linux: fonts-noto-core
		{"NotoSansThaiUI-Regular.ttf", "NotoSansThaiUI-Bold.ttf"}, // other Noto packagings
		{"LeelawUI.ttf", "LeelaUIb.ttf"},                          // Windows: Leelawadee UI
		{"Loma.ttf", "Loma-Bold.ttf"},                             // Linux: fonts-tlwg-loma
		{"tahoma.ttf", "tahomabd.ttf"},                            // Windows: Tahoma
	},
}

// fontDirs are the folders where this computer keeps fonts.
func fontDirs() []string {
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		return []string{filepath.Join(os.Getenv("WINDIR"), "Fonts"),
			filepath.Join(os.Getenv("LOCALAPPDATA"), "Microsoft", "Windows", "Fonts")}
	case "darwin":
		return []string{"/System/Library/Fonts", "/Library/Fonts", filepath.Join(home, "Library", "Fonts")}
	}
	dirs := []string{filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, ".fonts")}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		dirs = append(dirs, filepath.Join(d, "fonts"))
	}
	data := os.Getenv("XDG_DATA_DIRS")
	if data == "" {
		data = "/usr/local/share:/usr/share"
	}
	for _, d := range filepath.SplitList(data) {
		dirs = append(dirs, filepath.Join(d, "fonts"))
	}
	return dirs
}

var scriptFonts struct {
	sync.Mutex
	found map[string][2]fyne.Resource // by language, nil when none
}

// fontsFor returns the regular and bold fonts the theme uses for the
// language code, nil when Fyne's own suit it or none is installed. The
// font folders are searched once per language.
func fontsFor(code string) (regular, bold fyne.Resource) {
	names := languageFonts[code]
	if len(names) == 0 {
		return nil, nil
	}
	scriptFonts.Lock()
	defer scriptFonts.Unlock()
	if f, ok := scriptFonts.found[code]; ok {
		return f[0], f[1]
	}
	paths := map[string]string{} // file name → path, of the names wanted
	for _, n := range names {
		paths[n[0]], paths[n[1]] = "", ""
	}
	for _, dir := range fontDirs() {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if v, ok := paths[d.Name()]; ok && v == "" {
					paths[d.Name()] = p
				}
			}
			return nil
		})
	}
	var f [2]fyne.Resource
	for _, n := range names {
		if paths[n[0]] == "" {
			continue
		}
		f[0] = loadFont(paths[n[0]])
		f[1] = loadFont(paths[n[1]])
		if f[0] != nil {
			break
		}
	}
	if scriptFonts.found == nil {
		scriptFonts.found = map[string][2]fyne.Resource{}
	}
	scriptFonts.found[code] = f
	return f[0], f[1]
}

// loadFont reads a font file as a resource, nil when it cannot.
func loadFont(path string) fyne.Resource {
	if path == "" {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		fyne.LogError("a font could not be read", err)
		return nil
	}
	return fyne.NewStaticResource(filepath.Base(path), b)
}

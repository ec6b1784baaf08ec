//go:build unix

package sysfont

import (
	"os"
	"path/filepath"
)

// FontDirs returns the folders where Linux, the BSDs and macOS keep
// fonts: the user's first.
func FontDirs() []string {
	home, _ := os.UserHomeDir()
	data := os.Getenv("XDG_DATA_HOME")
	if data == "" {
		data = filepath.Join(home, ".local", "share")
	}
	dirs := []string{filepath.Join(data, "fonts"), filepath.Join(home, ".fonts"),
		filepath.Join(home, "Library", "Fonts"), "/Library/Fonts", "/System/Library/Fonts"}
	shared := os.Getenv("XDG_DATA_DIRS")
	if shared == "" {
		shared = "/usr/local/share:/usr/share"
	}
	for _, d := range filepath.SplitList(shared) {
		dirs = append(dirs, filepath.Join(d, "fonts"))
	}
	return append(dirs, "/usr/X11R6/lib/X11/fonts")
}

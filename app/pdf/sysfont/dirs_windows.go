package sysfont

import (
	"os"
	"path/filepath"
)

// FontDirs returns the folders where Windows keeps fonts: the system's
// and the current user's.
func FontDirs() []string {
	windir := os.Getenv("WINDIR")
	if windir == "" {
		windir = `C:\Windows`
	}
	dirs := []string{filepath.Join(windir, "Fonts")}
	if local := os.Getenv("LOCALAPPDATA"); local != "" {
		dirs = append(dirs, filepath.Join(local, "Microsoft", "Windows", "Fonts"))
	}
	return dirs
}

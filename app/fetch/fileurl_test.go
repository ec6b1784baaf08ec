package fetch_test

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fieldshelf/app/fetch"
)

// FileURL and FilePath are each other's inverse, for names with spaces,
// '#', '%' and letters outside ASCII; on Windows the drive letter follows a
// third slash.
func TestFileURLRoundTrip(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"guide.pdf", "a b#c%d?.pdf", "Réunion à Genève.pdf"} {
		path := filepath.Join(dir, name)
		u := fetch.FileURL(path)
		if !strings.HasPrefix(u, "file:///") {
			t.Errorf("FileURL(%q) = %q, want file:///...", path, u)
		}
		if runtime.GOOS == "windows" && !strings.HasPrefix(u, "file:///"+filepath.VolumeName(path)+"/") {
			t.Errorf("FileURL(%q) = %q, want the drive after file:///", path, u)
		}
		back, err := fetch.FilePath(u)
		if err != nil || back != path {
			t.Errorf("FilePath(%q) = %q, %v; want %q", u, back, err, path)
		}
	}
}

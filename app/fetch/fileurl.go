package fetch

import (
	"net/url"
	"path/filepath"
	"strings"
)

// FileURL returns the file: URL of an absolute local path, the inverse of
// FilePath: file:///home/amina/a.pdf, and on Windows file:///C:/Users/a.pdf
// (the drive letter after a third slash, not as a host name). A Windows
// share \\host\share\a.pdf becomes file:////host/share/a.pdf, which
// FilePath reads back as the same path.
func FileURL(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/Users -> /C:/Users
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

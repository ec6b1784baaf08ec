package fetch

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
)

// target is a parsed request URL: an http(s) URL without userinfo, or a
// local file.
type target struct {
	url   *url.URL // http or https, userinfo removed; nil for a local file
	file  string   // local path for file: URLs and absolute paths
	shown string   // what messages print: never any userinfo
	user  string
	pass  string
}

// parseTarget parses raw. Userinfo in the URL becomes the Basic credentials
// unless user or pass are given, and is removed from the URL.
func parseTarget(raw, user, pass string) (*target, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, errors.New("fetch: empty URL")
	}
	if filepath.IsAbs(raw) {
		return fileTarget(raw), nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error repeats the URL, which may hold a password
		}
		return nil, fmt.Errorf("fetch: invalid URL: %w", err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	switch u.Scheme {
	case "file":
		return fileURLTarget(u)
	case "http", "https":
	default:
		return nil, fmt.Errorf("fetch: unsupported URL scheme %q (use http, https or file)", u.Scheme)
	}
	if u.Host == "" {
		return nil, errors.New("fetch: invalid URL: no host")
	}
	if u.User != nil {
		if user == "" && pass == "" {
			user = u.User.Username()
			pass, _ = u.User.Password()
		}
		u.User = nil
	}
	u.Fragment, u.RawFragment = "", ""
	return &target{url: u, shown: u.String(), user: user, pass: pass}, nil
}

// fileURLTarget accepts file:///abs/path and file://localhost/abs/path.
func fileURLTarget(u *url.URL) (*target, error) {
	if u.Host != "" && !strings.EqualFold(u.Host, "localhost") {
		return nil, errors.New("fetch: file URLs must name a local path (file:///path)")
	}
	p := u.Path
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' { // file:///C:/dir on Windows
		p = p[1:]
	}
	p = filepath.FromSlash(p)
	if !filepath.IsAbs(p) {
		return nil, errors.New("fetch: file URLs must name an absolute path (file:///path)")
	}
	return fileTarget(p), nil
}

func fileTarget(path string) *target {
	path = filepath.Clean(path)
	shown := filepath.ToSlash(path)
	if !strings.HasPrefix(shown, "/") {
		shown = "/" + shown
	}
	return &target{file: path, shown: "file://" + shown}
}

// redact returns u as text without userinfo.
func redact(u *url.URL) string {
	if u == nil {
		return ""
	}
	v := *u
	v.User = nil
	return v.String()
}

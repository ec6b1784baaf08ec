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
	// origin is the only origin the credentials go to: the URL's own,
	// or its catalogue's (see scope).
	origin   origin
	userinfo bool // the credentials came from the URL itself
}

// newTarget parses raw and checks it against the catalogue it is fetched
// for (source, "" for a URL the user gave; see scope).
func newTarget(raw, source, user, pass string) (*target, error) {
	t, err := parseTarget(raw, user, pass)
	if err != nil {
		return nil, err
	}
	if err := t.scope(source); err != nil {
		return nil, err
	}
	return t, nil
}

// parseTarget parses raw. Userinfo in the URL becomes the Basic credentials
// (of the URL's own origin) unless user or pass are given, and is removed
// from the URL.
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
		return nil, fmt.Errorf("fetch: invalid URL: %w", unwrapURLError(err))
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
	userinfo := false
	if u.User != nil {
		if user == "" && pass == "" {
			user = u.User.Username()
			pass, _ = u.User.Password()
			userinfo = true
		}
		u.User = nil
	}
	u.Fragment, u.RawFragment = "", ""
	return &target{url: u, shown: u.String(), user: user, pass: pass, origin: originOf(u), userinfo: userinfo}, nil
}

// unwrapURLError drops the URL that a *url.Error repeats, which may hold a
// password.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// grant returns what a request for t carries in its context. pages
// refuses redirects from https down to http.
func (t *target) grant(pages bool) *grant {
	return &grant{user: t.user, pass: t.pass, origin: t.origin, pages: pages}
}

// FilePath returns the local path that a file: URL names: file:///path
// or file://localhost/path. Another host, or no absolute path, is an
// error.
func FilePath(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("fetch: invalid URL: %w", unwrapURLError(err))
	}
	if !strings.EqualFold(u.Scheme, "file") {
		return "", fmt.Errorf("fetch: %s is not a file URL", redact(u))
	}
	t, err := fileURLTarget(u)
	if err != nil {
		return "", err
	}
	return t.file, nil
}

// fileURLTarget accepts file:///abs/path and file://localhost/abs/path.
func fileURLTarget(u *url.URL) (*target, error) {
	if u.Host != "" && !strings.EqualFold(u.Host, "localhost") {
		return nil, fmt.Errorf("fetch: a file URL names a file on this computer: file:///path, not file://%s/", u.Host)
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

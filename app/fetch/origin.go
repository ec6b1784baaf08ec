package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
)

// What a request may reach, and who receives its credentials.
//
// Every request is made for a catalogue, its source: the URL the user
// subscribed to. Basic credentials belong to the origin (scheme, host and
// port) of that source, and are attached to each request, the first and
// every redirect, only when that request's own origin is the same. So a
// catalogue cannot send its password to another host, another port, or in
// clear over http when it is an https catalogue. A catalogue on the
// network can never make Fieldshelf read a local file; a file: catalogue
// may name files under its own folder only.

// origin is the scheme and host:port of a URL, lower case, with the
// default port filled in.
type origin struct{ scheme, hostport string }

func originOf(u *url.URL) origin {
	s := strings.ToLower(u.Scheme)
	return origin{scheme: s, hostport: strings.ToLower(withPort(s, u.Host))}
}

func withPort(scheme, host string) string {
	if _, _, err := net.SplitHostPort(host); err == nil {
		return host
	}
	if scheme == "https" {
		return net.JoinHostPort(strings.Trim(host, "[]"), "443")
	}
	return net.JoinHostPort(strings.Trim(host, "[]"), "80")
}

// grant is what rides with a request in its context, so that every hop,
// redirects included, is checked against it.
type grant struct {
	user, pass string
	origin     origin // the only origin the credentials go to
	// pages refuses redirects from https to http: a catalogue page is
	// never fetched in clear once the catalogue is on https.
	pages bool
}

type grantKey struct{}

func withGrant(ctx context.Context, g *grant) context.Context {
	return context.WithValue(ctx, grantKey{}, g)
}

// authorize sets or removes the Authorization header of one hop of a
// request: the credentials go only to their own origin.
func authorize(req *http.Request) {
	req.Header.Del("Authorization")
	g, _ := req.Context().Value(grantKey{}).(*grant)
	if g == nil || (g.user == "" && g.pass == "") || originOf(req.URL) != g.origin {
		return
	}
	req.SetBasicAuth(g.user, g.pass)
}

// downgrade reports a redirect from https to http that the request's grant
// refuses.
func downgrade(req *http.Request, via []*http.Request) bool {
	g, _ := req.Context().Value(grantKey{}).(*grant)
	prev := via[len(via)-1].URL
	return g != nil && g.pages && strings.EqualFold(prev.Scheme, "https") && strings.EqualFold(req.URL.Scheme, "http")
}

// scope checks a target against the catalogue it is fetched for and sets
// the origin its credentials belong to. source is the catalogue's URL; ""
// is a URL the user gave directly, which may be anything and keeps its
// credentials to its own origin.
func (t *target) scope(source string) error {
	if source == "" {
		return nil
	}
	src, err := url.Parse(strings.TrimSpace(source))
	if err != nil {
		return fmt.Errorf("fetch: invalid catalogue URL: %w", unwrapURLError(err))
	}
	if t.file == "" {
		if !t.userinfo {
			t.origin = originOf(src)
		}
		return nil
	}
	if !strings.EqualFold(src.Scheme, "file") {
		return newErr(fmt.Sprintf("fetch: %s: a catalogue on the network may not name a file on this computer", t.shown),
			ErrOutOfScope)
	}
	st, err := fileURLTarget(src)
	if err != nil {
		return err
	}
	if !within(filepath.Dir(st.file), t.file) {
		return newErr(fmt.Sprintf("fetch: %s: outside the folder of its catalogue, %s", t.shown, filepath.Dir(st.file)),
			ErrOutOfScope)
	}
	return nil
}

// ErrOutOfScope reports a link that its catalogue may not make Fieldshelf
// fetch: a local file named by a catalogue on the network, or a file
// outside the folder of a file: catalogue.
var ErrOutOfScope = errors.New("link out of the catalogue's reach")

// within reports whether path lies inside dir, once symbolic links are
// resolved (a link inside the folder that points out of it is outside).
func within(dir, path string) bool {
	dir, path = resolve(dir), resolve(path)
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) &&
		!filepath.IsAbs(rel)
}

// resolve resolves the symbolic links of path, or of as much of it as
// exists.
func resolve(path string) string {
	path = filepath.Clean(path)
	if r, err := filepath.EvalSymlinks(path); err == nil {
		return r
	}
	parent := filepath.Dir(path)
	if parent == path {
		return path
	}
	return filepath.Join(resolve(parent), filepath.Base(path))
}

// SameCatalogue reports whether a crawl of the catalogue at source may
// follow a navigation link (a next page, a subsection) to link: for an
// http(s) catalogue, a page on the same host and port, over the same
// scheme or from http up to https, never down from https to http; for a
// file: catalogue, a file under its folder.
func SameCatalogue(source, link string) bool {
	s, err1 := url.Parse(source)
	l, err2 := url.Parse(link)
	if err1 != nil || err2 != nil {
		return false
	}
	ss, ls := strings.ToLower(s.Scheme), strings.ToLower(l.Scheme)
	if ss == "file" {
		t, err := parseTarget(link, "", "")
		return err == nil && t.file != "" && t.scope(source) == nil
	}
	if ls != "http" && ls != "https" || !strings.EqualFold(s.Host, l.Host) {
		return false
	}
	return ls == ss || (ss == "http" && ls == "https")
}

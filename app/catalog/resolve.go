package catalog

import (
	"encoding/xml"
	"net/url"
	"strconv"
	"strings"
)

// xmlNS is the namespace the decoder gives the xml: prefix (xml:base, xml:lang).
const xmlNS = "http://www.w3.org/XML/1998/namespace"

// parseBase parses the page URL; nil when it is empty or unparsable, in
// which case only absolute hrefs survive.
func parseBase(s string) *url.URL {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil
	}
	return u
}

// withXMLBase returns the base URL in force inside an element: the parent's,
// changed by the element's own xml:base attribute if it has one.
func withXMLBase(parent *url.URL, attrs []xml.Attr) *url.URL {
	for _, a := range attrs {
		if a.Name.Local != "base" || (a.Name.Space != xmlNS && a.Name.Space != "xml") {
			continue
		}
		v := strings.TrimSpace(a.Value)
		if v == "" {
			return parent
		}
		u, err := url.Parse(v)
		if err != nil {
			return parent // a broken xml:base is ignored
		}
		if parent != nil {
			return parent.ResolveReference(u)
		}
		return u
	}
	return parent
}

// resolve makes href absolute against base. It returns "" for an empty href,
// a data: URI, a reference that cannot be parsed or made absolute, and any
// scheme other than http, https and file. Template expressions in braces
// ({searchTerms}, {?query}) are kept verbatim.
func resolve(base *url.URL, href string) string {
	if out, ok := resolveSimple("", href); ok {
		return out
	}
	href = strings.TrimSpace(href)
	if href == "" || hasPrefixFold(href, "data:") {
		return ""
	}
	if strings.IndexByte(href, '{') >= 0 {
		return resolveTemplate(base, href)
	}
	return resolvePlain(base, href)
}

func resolvePlain(base *url.URL, href string) string {
	u, err := url.Parse(href)
	if err != nil {
		if u, err = url.Parse(repairHref(href)); err != nil {
			return ""
		}
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	switch u.Scheme {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
		u.Host = dropDefaultPort(u.Scheme, u.Host)
	case "file":
	default:
		return ""
	}
	return u.String()
}

// dropDefaultPort removes :80 from http and :443 from https hosts, so that
// http://host:80/x and http://host/x come out the same.
func dropDefaultPort(scheme, host string) string {
	if scheme == "http" {
		return strings.TrimSuffix(host, ":80")
	}
	return strings.TrimSuffix(host, ":443")
}

// repairHref percent-encodes the characters that make url.Parse fail on
// hrefs that browsers accept: spaces, stray percent signs and controls.
func repairHref(href string) string {
	var b strings.Builder
	for i := 0; i < len(href); i++ {
		c := href[i]
		switch {
		case c == '%' && !(i+2 < len(href) && isHex(href[i+1]) && isHex(href[i+2])):
			b.WriteString("%25")
		case c <= ' ' || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '|':
			b.WriteString("%" + strings.ToUpper(strconv.FormatUint(uint64(c)|0x100, 16)[1:]))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// tplMark stands in for a template expression while the href is resolved;
// it is made of characters that URL parsing and printing leave alone.
const tplMark = "QXFSTPLQX"

// resolveTemplate resolves a URL template: the brace expressions are swapped
// for markers, the result is resolved, and the expressions are put back.
func resolveTemplate(base *url.URL, href string) string {
	var exprs []string
	var b strings.Builder
	rest := href
	for {
		i := strings.IndexByte(rest, '{')
		j := strings.IndexByte(rest[i+1:], '}')
		if i < 0 || j < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i])
		b.WriteString(tplMark + strconv.Itoa(len(exprs)) + "X")
		exprs = append(exprs, rest[i:i+j+2])
		rest = rest[i+j+2:]
	}
	out := resolvePlain(base, b.String())
	if out == "" {
		return ""
	}
	for n, e := range exprs {
		out = strings.Replace(out, tplMark+strconv.Itoa(n)+"X", e, 1)
	}
	return out
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// resolver resolves hrefs against the base of one element after another,
// remembering the origin (see resolveSimple) of the last base it saw: on a
// page without xml:base that is the page's, for every link.
type resolver struct {
	base   *url.URL
	origin string
	known  bool
}

func (r *resolver) resolve(base *url.URL, href string) string {
	if !r.known || base != r.base {
		r.base, r.origin, r.known = base, originOf(base), true
	}
	if out, ok := resolveSimple(r.origin, href); ok {
		return out
	}
	return resolve(base, href)
}

// originOf returns what resolve puts before a path from the root ("/x")
// resolved against an http or https base: the base's scheme, user and
// host without a default port; "" when there is no such base.
func originOf(base *url.URL) string {
	if base == nil || (base.Scheme != "http" && base.Scheme != "https") {
		return ""
	}
	root := resolvePlain(base, "/")
	if !strings.HasSuffix(root, "/") {
		return ""
	}
	return root[:len(root)-1]
}

// resolveSimple resolves the commonest hrefs without url.Parse: absolute
// http and https URLs of a plain host ("files.test", "127.0.0.1:8080"),
// and, with an origin, paths from the root ("/files/1.pdf"). Their path
// must be made of letters, digits, "-._~/" and %-escapes, without "//"
// and without "." or ".." segments; a query of the same characters and
// "=&+,;:@?" may follow, a fragment may not. On such an href url.Parse,
// ResolveReference and String change nothing but a default port, which
// resolveSimple drops as resolvePlain does, so the result is resolve's
// (FuzzResolveSimple holds it to that). ok is false for any other href.
func resolveSimple(origin, href string) (string, bool) {
	scheme := ""
	switch {
	case strings.HasPrefix(href, "http://"):
		scheme = "http"
	case strings.HasPrefix(href, "https://"):
		scheme = "https"
	default:
		if origin != "" && simplePath(href) {
			return origin + href, true
		}
		return "", false
	}
	rest := href[len(scheme)+3:]
	slash := strings.IndexByte(rest, '/')
	if slash < 0 || !simpleHost(rest[:slash]) || !simplePath(rest[slash:]) {
		return "", false
	}
	if host := dropDefaultPort(scheme, rest[:slash]); len(host) != slash {
		return scheme + "://" + host + rest[slash:], true
	}
	return href, true
}

// simpleHost reports whether h is a host name or IPv4 address of letters,
// digits, '.' and '-', with an optional port of digits.
func simpleHost(h string) bool {
	name, port, hasPort := strings.Cut(h, ":")
	if name == "" || (hasPort && port == "") {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !(isASCIILetter(c) || isDigit(c) || c == '.' || c == '-') {
			return false
		}
	}
	for i := 0; i < len(port); i++ {
		if !isDigit(port[i]) {
			return false
		}
	}
	return true
}

// simplePath reports whether p is a path from the root, with perhaps a
// query, that URL parsing, resolving and printing leave as it is: see
// resolveSimple.
func simplePath(p string) bool {
	if p == "" || p[0] != '/' {
		return false
	}
	path, query, _ := strings.Cut(p, "?")
	segStart := 1
	for i := 1; i <= len(path); i++ {
		if i < len(path) && path[i] != '/' {
			if !uriByte(path, i, false) {
				return false
			}
			continue
		}
		switch path[segStart:i] {
		case "", ".", "..":
			if i < len(path) || segStart < i { // an empty last segment is a trailing '/'
				return false
			}
		}
		segStart = i + 1
	}
	for i := 0; i < len(query); i++ {
		if !uriByte(query, i, true) {
			return false
		}
	}
	return true
}

// uriByte reports whether s[i] may stand in a simple path (or, with query,
// a simple query): an unreserved character, or the '%' of a %-escape.
func uriByte(s string, i int, query bool) bool {
	switch c := s[i]; {
	case isASCIILetter(c), isDigit(c), c == '-', c == '.', c == '_', c == '~':
		return true
	case c == '%':
		return i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
	case query:
		return strings.IndexByte("=&+,;:@/?", c) >= 0
	}
	return false
}

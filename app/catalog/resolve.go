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

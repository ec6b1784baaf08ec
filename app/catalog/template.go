package catalog

import (
	"net/url"
	"strings"
)

// searchVars are the template variables that receive the search terms.
var searchVars = setOf("searchterms", "query", "q")

// FillTemplate puts search terms into a URL template: an OpenSearch one
// ({searchTerms}, with optional parameters such as {startPage?} removed) or
// an RFC 6570 one as OPDS 2 uses ({?query}, {&query}, {query}). Variables
// other than searchTerms, query and q are left undefined, so their
// expressions vanish. The terms are percent-encoded, spaces as %20.
func FillTemplate(template, terms string) string {
	var b strings.Builder
	rest := template
	for {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			break
		}
		b.WriteString(rest[:i])
		b.WriteString(expand(rest[i+1:i+j], terms))
		rest = rest[i+j+1:]
	}
	b.WriteString(rest)
	return b.String()
}

// expand expands one template expression (without its braces).
func expand(expr, terms string) string {
	op := byte(0)
	if expr != "" && strings.IndexByte("+#./;?&", expr[0]) >= 0 {
		op, expr = expr[0], expr[1:]
	}
	var parts []string
	for _, v := range strings.Split(expr, ",") {
		name := strings.TrimSuffix(strings.TrimSpace(v), "?") // OpenSearch optional
		name = strings.TrimSuffix(name, "*")                  // RFC 6570 explode
		if k := strings.LastIndexByte(name, ':'); k >= 0 && isAllDigits(name[k+1:]) {
			name = name[:k] // RFC 6570 prefix
		}
		if !searchVars[strings.ToLower(name)] {
			continue
		}
		val := escapeTerms(terms, op == '+' || op == '#')
		switch op {
		case '?', '&', ';':
			val = name + "=" + val
		}
		parts = append(parts, val)
	}
	if len(parts) == 0 {
		return ""
	}
	switch op {
	case 0, '+':
		return strings.Join(parts, ",")
	case '?':
		return "?" + strings.Join(parts, "&")
	case '&':
		return "&" + strings.Join(parts, "&")
	case '#', '.', '/', ';':
		sep := string(op)
		if op == '#' {
			sep = ","
		}
		return string(op) + strings.Join(parts, sep)
	}
	return ""
}

func isAllDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// escapeTerms percent-encodes the terms; reserved characters are kept for
// the + and # operators of RFC 6570.
func escapeTerms(terms string, keepReserved bool) string {
	if !keepReserved {
		return strings.ReplaceAll(url.QueryEscape(terms), "+", "%20")
	}
	var b strings.Builder
	for _, part := range strings.SplitAfter(terms, "") {
		if len(part) == 1 && strings.IndexByte(":/?#[]@!$&'()*+,;=", part[0]) >= 0 {
			b.WriteString(part)
			continue
		}
		b.WriteString(strings.ReplaceAll(url.QueryEscape(part), "+", "%20"))
	}
	return b.String()
}

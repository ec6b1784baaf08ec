package library

import (
	"strings"
)

// Text in the Markdown export comes from three places: Fieldshelf's own
// layout (headings, bylines), the catalogue and the files (titles, authors,
// labels, quotes), and notes, which are Markdown. What comes from a
// catalogue, a file or an imported annotation file may be hostile: a title
// could carry HTML into a viewer that renders Markdown as HTML, a note
// could forge a page heading or an author line. So catalogue and file text
// is escaped to plain text on one line (mdText), and a note keeps its own
// Markdown inside a block quote it cannot leave (mdBlock).

// mdSpecial are the characters escaped in plain text: those that start
// emphasis, code, links, HTML, headings and strikethrough.
const mdSpecial = "\\`*_[]<>#~"

// mdText returns s as plain Markdown text on one line: runs of white space
// (line breaks included) become one space, the special characters are
// escaped with a backslash, and so is a start that would open a list or a
// quote.
func mdText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	for i, r := range s {
		if strings.ContainsRune(mdSpecial, r) || (i == 0 && strings.ContainsRune("-+=", r)) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return escapeOrderedStart(b.String())
}

// escapeOrderedStart escapes the "." or ")" after leading digits, which
// would start a numbered list.
func escapeOrderedStart(s string) string {
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// mdBlock puts a note's Markdown in a block quote: every line is inside
// it, so nothing the note holds (a heading, an author line, a list) can
// stand outside it. Headings are escaped even inside, and HTML is shown as
// text.
func mdBlock(markdown string) string {
	markdown = strings.ReplaceAll(strings.TrimSpace(markdown), "\r\n", "\n")
	markdown = strings.ReplaceAll(markdown, "\r", "\n")
	markdown = strings.ReplaceAll(markdown, "<", "&lt;")
	var b strings.Builder
	for _, line := range strings.Split(markdown, "\n") {
		line = strings.TrimRight(line, " \t")
		if t := strings.TrimLeft(line, " "); strings.HasPrefix(t, "#") {
			line = line[:len(line)-len(t)] + `\` + t
		}
		if line == "" {
			b.WriteString(">\n")
			continue
		}
		b.WriteString("> " + line + "\n")
	}
	return b.String()
}

package storage

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"fieldshelf/app"
)

// snippetWords is how many words a snippet shows.
const snippetWords = 16

// metadataSnippet cuts a snippet of a document around the first words the
// query matches, with each match between [ and ], as FTS5's snippet()
// would, but in Go from the loaded row: asking FTS5 for snippets of the
// ranked rows costs more than the search itself. It looks at the summary,
// then the title, authors, publisher and tags.
func metadataSnippet(d app.Document, query string) string {
	words := queryWords(query)
	fields := []string{d.Summary, d.Title, strings.Join(d.Authors, "; "), d.Publisher,
		strings.Join(d.TagNames(), "; ")}
	for _, f := range fields {
		if s, ok := snippet(f, words); ok {
			return s
		}
	}
	return clipWords(d.Title, snippetWords)
}

// queryWords folds the query's words; the last one matches as a prefix.
func queryWords(query string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(query, notWordRune) {
		out = append(out, fold(w))
	}
	return out
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// fold lower-cases a word and drops its diacritics, as the index's
// tokenizer does.
func fold(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// span is a word of a text, by byte offsets.
type span struct{ start, end int }

// snippet marks the query's words in text and keeps a window of words
// around the first match. ok is false when no word matches.
func snippet(text string, query []string) (string, bool) {
	spans := wordSpans(text)
	match := make([]bool, len(spans))
	first := -1
	for i, sp := range spans {
		w := fold(text[sp.start:sp.end])
		for j, q := range query {
			if w == q || (j == len(query)-1 && strings.HasPrefix(w, q)) {
				match[i] = true
			}
		}
		if match[i] && first < 0 {
			first = i
		}
	}
	if first < 0 {
		return "", false
	}
	from := max(0, min(first-snippetWords/4, len(spans)-snippetWords))
	to := min(len(spans), from+snippetWords)
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	pos := spans[from].start
	for i := from; i < to; i++ {
		sp := spans[i]
		b.WriteString(text[pos:sp.start])
		if match[i] {
			b.WriteString("[" + text[sp.start:sp.end] + "]")
		} else {
			b.WriteString(text[sp.start:sp.end])
		}
		pos = sp.end
	}
	if to < len(spans) {
		b.WriteString("…")
	} else {
		b.WriteString(text[pos:])
	}
	return strings.Join(strings.Fields(b.String()), " "), true
}

// wordSpans finds the words of text.
func wordSpans(text string) []span {
	var out []span
	start := -1
	for i, r := range text {
		if notWordRune(r) {
			if start >= 0 {
				out = append(out, span{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(text)})
	}
	return out
}

// clipWords keeps the first n words of text.
func clipWords(text string, n int) string {
	spans := wordSpans(text)
	if len(spans) <= n {
		return text
	}
	return strings.TrimSpace(text[:spans[n-1].end]) + "…"
}

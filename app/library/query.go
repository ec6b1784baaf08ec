package library

import (
	"unicode"
	"unicode/utf8"

	"fieldshelf/app"
)

// The caps on a search query. Every word of a query must match, so a
// longer query finds nothing a shorter one would miss, while the cost of
// the full-text match grows faster than its number of words: capped, any
// query runs in milliseconds (BenchmarkSearchLongestQuery).
const (
	MaxQueryWords = 12
	MaxQueryChars = 256
)

// CheckQuery refuses a search query over the caps with an
// *app.QueryTooLongError. Words are counted as the search splits them:
// runs of letters and digits.
func CheckQuery(query string) error {
	chars := utf8.RuneCountInString(query)
	words, inWord := 0, false
	for _, r := range query {
		letter := unicode.IsLetter(r) || unicode.IsDigit(r)
		if letter && !inWord {
			words++
		}
		inWord = letter
	}
	if words > MaxQueryWords || chars > MaxQueryChars {
		return &app.QueryTooLongError{Words: words, Chars: chars, MaxWords: MaxQueryWords, MaxChars: MaxQueryChars}
	}
	return nil
}

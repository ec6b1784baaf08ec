package app

import "fmt"

// QueryTooLongError reports a search query over the caps that keep every
// search fast (see library.CheckQuery). Its message says what the caps are.
type QueryTooLongError struct {
	Words, Chars       int // the query's
	MaxWords, MaxChars int // the caps
}

func (e *QueryTooLongError) Error() string {
	return fmt.Sprintf("a search can have at most %d words and %d characters; this one has %d words and %d characters: shorten it",
		e.MaxWords, e.MaxChars, e.Words, e.Chars)
}

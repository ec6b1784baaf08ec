package catalog

import (
	"strings"
	"time"
)

// timeLayouts are the stamp formats seen in feeds, most common first.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"2006-01",
	"2006",
}

// parseTime parses a feed stamp to UTC. Unparsable stamps and Go's zero
// time (0001-01-01T00:00:00Z, sent by some servers for "unknown") give the
// zero time.
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if len(s) < 4 {
		return time.Time{}
	}
	if len(s) > 10 && (s[10] == 't' || s[len(s)-1] == 'z') {
		s = strings.ToUpper(s)
	}
	for _, layout := range timeLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if t.Year() <= 1 {
			return time.Time{}
		}
		return t.UTC()
	}
	return time.Time{}
}

// parseYear returns the year a date string names: its leading four digits
// ("1813", "2009-10", "2009-10-01", an RFC 3339 stamp), else the first
// four-digit number standing on its own ("c. 1813", "[1917]"). Years before
// 2, as in Go's zero time, are unknown (0).
func parseYear(s string) int {
	s = strings.TrimSpace(s)
	if y, ok := yearAt(s, 0); ok {
		return y
	}
	for i := 1; i+4 <= len(s); i++ {
		if isDigit(s[i-1]) {
			continue
		}
		if y, ok := yearAt(s, i); ok {
			return y
		}
	}
	return 0
}

// yearAt reads a four-digit number at s[i:] that is not followed by another
// digit.
func yearAt(s string, i int) (int, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	y := 0
	for _, c := range []byte(s[i : i+4]) {
		if !isDigit(c) {
			return 0, false
		}
		y = y*10 + int(c-'0')
	}
	if i+4 < len(s) && isDigit(s[i+4]) {
		return 0, false
	}
	if y < 2 {
		return 0, true
	}
	return y, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

package catalog

import (
	"net/mail"
	"strings"
	"time"
)

// timeLayouts are the stamp formats seen in feeds, most common first. They
// all carry numeric offsets (or none): named zones go to mailTime.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
	time.RFC1123Z,
	"2006-01",
	"2006",
}

// parseTime parses a feed stamp to UTC. A stamp none of the layouts know
// is read as an e-mail date (RFC 822, 1123 and 5322, as RSS and HTTP write
// them), named zones such as EST included. Unparsable stamps and Go's zero
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
	t, ok := layoutTime(s)
	if !ok {
		t, ok = mailTime(s)
	}
	if !ok || t.Year() <= 1 {
		return time.Time{}
	}
	return t.UTC()
}

func layoutTime(s string) (time.Time, bool) {
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// mailZones are the zone names of RFC 822 with their offsets in hours.
// time.Parse would take an unknown name as UTC, or as whatever the name
// means in the local zone (CST is China's in Shanghai), so these are
// turned into offsets first.
var mailZones = map[string]int{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
	"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}

// mailTime parses an e-mail date with net/mail, after dropping a trailing
// comment such as "(EST)" and writing a named zone as its offset.
func mailTime(s string) (time.Time, bool) {
	if i := strings.LastIndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		s = strings.TrimSpace(s[:i])
	}
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		if h, ok := mailZones[strings.ToUpper(s[i+1:])]; ok {
			sign := byte('+')
			if h < 0 {
				sign, h = '-', -h
			}
			s = s[:i+1] + string([]byte{sign, '0', byte('0' + h), '0', '0'})
		}
	}
	t, err := mail.ParseDate(s)
	return t, err == nil
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

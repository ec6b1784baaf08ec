package app

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// The names of the library's settings (`fieldshelf config`, the settings
// dialog).
const (
	SettingCacheLimit = "cache-limit" // bytes the file cache may use; 0 for no limit
	SettingAuthor     = "author"      // the name put on annotations
)

// ParseSize reads a size such as "2GB", "500 MB", "1.5GiB", "0" or "none"
// (no limit). Units are decimal (KB, MB, GB, TB) or binary (KiB, MiB, GiB, TiB).
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	if strings.EqualFold(t, "none") || strings.EqualFold(t, "off") || t == "0" {
		return 0, nil
	}
	i := strings.IndexFunc(t, func(r rune) bool { return !unicode.IsDigit(r) && r != '.' })
	num, unit := t, ""
	if i >= 0 {
		num, unit = t[:i], strings.TrimSpace(t[i:])
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("size %q: write a number and a unit, like 2GB or 500MB", s)
	}
	mult := map[string]float64{"": 1, "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12, "k": 1e3, "m": 1e6,
		"g": 1e9, "t": 1e12, "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40}[strings.ToLower(unit)]
	if mult == 0 {
		return 0, fmt.Errorf("size %q: unknown unit %q (use KB, MB, GB, TB or KiB, MiB, GiB, TiB)", s, unit)
	}
	if v*mult > math.MaxInt64/2 {
		return 0, fmt.Errorf("size %q is too large", s)
	}
	return int64(v * mult), nil
}

// FormatSize writes a byte count for people, in decimal units as file
// managers show them: "512 B", "9.5 KB", "210 MB", "1.2 GB".
func FormatSize(n int64) string {
	if n < 0 {
		if n == math.MinInt64 {
			n++
		}
		return "-" + FormatSize(-n)
	}
	if n < 1000 {
		return fmt.Sprintf("%d B", n)
	}
	const units = "KMGTPE"
	v, i := float64(n)/1000, 0
	for v >= 999.5 && i < len(units)-1 {
		v /= 1000
		i++
	}
	if v < 9.95 {
		return fmt.Sprintf("%.1f %cB", v, units[i])
	}
	return fmt.Sprintf("%.0f %cB", v, units[i])
}

// TagCount is a tag label with the number of listed documents carrying it.
type TagCount struct {
	Kind  TagKind
	Label string
	Count int
}

// FileUsage is one cached file with what the cache limit needs to know.
type FileUsage struct {
	File        File
	Title       string
	HasUserData bool // bookmarks, notes, highlights or a reading position
}

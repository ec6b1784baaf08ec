package fetch_test

import (
	"bytes"
	"errors"
	"math"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/fetch"
)

func TestVerifyPDF(t *testing.T) {
	junk := func(n int) []byte { return bytes.Repeat([]byte{'j'}, n) }
	for _, tc := range []struct {
		name string
		head []byte
		ok   bool
	}{
		{"plain", []byte("%PDF-1.7\n..."), true},
		{"1024 bytes of junk first", append(junk(1024), "%PDF-1.4"...), true},
		{"1025 bytes of junk first", append(junk(1025), "%PDF-1.4"...), false},
		{"empty", nil, false},
		{"html", []byte("\xef\xbb\xbf  <html>"), false},
		{"text", []byte("Not found"), false},
	} {
		err := fetch.VerifyPDF(tc.head)
		if (err == nil) != tc.ok || (err != nil && !errors.Is(err, app.ErrNotPDF)) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

func TestHumanBytes(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0 B", 999: "999 B", 1000: "1.0 KB", 1536: "1.5 KB", 999_999: "1.0 MB",
		120_000_000: "120 MB", 210_000_000: "210 MB", 9_960_000: "10 MB",
		1 << 60: "1.2 EB", -2048: "-2.0 KB", math.MaxInt64: "9.2 EB", math.MinInt64: "-9.2 EB",
	} {
		if got := fetch.HumanBytes(n); got != want {
			t.Errorf("HumanBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

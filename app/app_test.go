package app_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"fieldshelf/app"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"2GB": 2e9, "500 MB": 500e6, "1.5GiB": 3 << 29, "none": 0, "0": 0, "123": 123} {
		if got, err := app.ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "two GB", "5 parsecs", "-1GB"} {
		if _, err := app.ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) succeeded", in)
		}
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0 B", 999: "999 B", 1000: "1.0 KB", 1536: "1.5 KB", 9_500: "9.5 KB", 999_999: "1.0 MB",
		120_000_000: "120 MB", 210_000_000: "210 MB", 9_960_000: "10 MB",
		1 << 60: "1.2 EB", -2048: "-2.0 KB", math.MaxInt64: "9.2 EB", math.MinInt64: "-9.2 EB",
	} {
		if got := app.FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestClip(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"  runs \n of\tspace  ", 20, "runs of space"},
		{"exactly ten", 11, "exactly ten"},
		{"one word too many", 12, "one word to…"},
		{"ünïcödé ünïcödé", 8, "ünïcödé…"},
	} {
		if got := app.Clip(tc.in, tc.n); got != tc.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

func TestHasPDFSignature(t *testing.T) {
	junk := func(n int) []byte { return bytes.Repeat([]byte{'j'}, n) }
	for _, tc := range []struct {
		name string
		head []byte
		want bool
	}{
		{"at the start", []byte("%PDF-1.7\n"), true},
		{"after 1,024 bytes of junk", append(junk(1024), "%PDF-1.4"...), true},
		{"after 1,025 bytes of junk", append(junk(1025), "%PDF-1.4"...), false},
		{"an HTML page", []byte("<!doctype html><p>%PDF"), false},
		{"empty", nil, false},
	} {
		if got := app.HasPDFSignature(tc.head); got != tc.want {
			t.Errorf("%s: HasPDFSignature = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestThrottle(t *testing.T) {
	now := time.Unix(0, 0)
	th := app.NewThrottle(100*time.Millisecond, func() time.Time { return now })
	if !th.Allow(1, false) {
		t.Fatal("the first report of a key was held back")
	}
	if th.Allow(1, false) {
		t.Fatal("a second report in the same instant went through")
	}
	if !th.Allow(2, false) {
		t.Fatal("another key's first report was held back")
	}
	if !th.Allow(1, true) {
		t.Fatal("a final report was held back")
	}
	now = now.Add(100 * time.Millisecond)
	if !th.Allow(1, false) {
		t.Fatal("a report an interval later was held back")
	}
}

func TestNotFoundError(t *testing.T) {
	err := fmt.Errorf("storage: %w", app.NotFound("document", 999))
	if got := err.Error(); got != "storage: document 999: not found" {
		t.Errorf("message = %q, want %q", got, "storage: document 999: not found")
	}
	if !errors.Is(err, app.ErrNotFound) {
		t.Error("a NotFoundError is not ErrNotFound for errors.Is")
	}
	var nf *app.NotFoundError
	if !errors.As(err, &nf) || nf.Kind != "document" || nf.ID != 999 {
		t.Errorf("errors.As = %+v, want document 999", nf)
	}
}

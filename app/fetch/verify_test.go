package fetch_test

import (
	"bytes"
	"errors"
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

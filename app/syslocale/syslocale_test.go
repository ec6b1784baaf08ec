package syslocale_test

import (
	"os"
	"testing"

	"fieldshelf/app/syslocale"
)

func TestNormalize(t *testing.T) {
	cases := map[string]string{"C.UTF-8": "C", "POSIX.utf8": "POSIX", "C": "C", "en_GB.UTF-8": "en_GB.UTF-8",
		"fr_FR": "fr_FR", "": ""}
	for in, want := range cases {
		t.Setenv("LANG", in)
		t.Setenv("LC_ALL", in)
		syslocale.Normalize()
		if got := os.Getenv("LANG"); got != want {
			t.Errorf("LANG=%q became %q, want %q", in, got, want)
		}
		if got := os.Getenv("LC_ALL"); got != want {
			t.Errorf("LC_ALL=%q became %q, want %q", in, got, want)
		}
	}
}

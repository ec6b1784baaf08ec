package storage_test

import (
	"testing"

	"fieldshelf/storage"
)

func TestMatchQuery(t *testing.T) {
	for in, want := range map[string]string{
		"trafficking":       `"trafficking"*`,
		"forced lab":        `"forced" "lab"*`,
		"t":                 `"t"`, // one letter: a whole word, not every word starting with it
		"debt b":            `"debt" "b"`,
		`"a" OR b* NEAR(c)`: `"a" "OR" "b" "NEAR" "c"`,
		"  ,;  ":            "",
		"東京 報告":             `"東京" "報告"*`,
		"é":                 `"é"`,
		"x-ray ev":          `"x" "ray" "ev"*`,
	} {
		if got := storage.MatchQuery(in); got != want {
			t.Errorf("MatchQuery(%q) = %s, want %s", in, got, want)
		}
	}
}

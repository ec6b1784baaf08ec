package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
	"time"

	"fieldshelf/app"
)

// TestRowEncoderMatchesMarshal checks that the reused encoder of the stage
// writes the very bytes of json.Marshal, so that the fingerprints of the
// documents already stored still match.
func TestRowEncoderMatchesMarshal(t *testing.T) {
	entries := []app.Entry{
		{},
		{ID: "urn:1", Title: `Ünïcödé & <Escaping> "Test": 東京`, Summary: "تقرير 📚 \u2028 line\nbreak",
			Authors: []string{"A. Author", "<b>B</b>"}, Year: 2021, Updated: time.Date(2025, 6, 1, 9, 0, 0, 5, time.UTC),
			Tags:  []app.Tag{{Term: "asia", Label: "Asia & Pacific", Kind: app.TagRegion}},
			Links: []app.Link{{Href: "http://a.test/x.pdf?a=1&b=2", Type: "application/pdf", Length: 10}}},
		{ID: "bad \xff utf-8", Authors: []string{}, Links: []app.Link{}},
	}
	re := newRowEncoder()
	for _, e := range entries {
		b, _ := json.Marshal(e)
		sum := sha256.Sum256(b)
		if got, want := re.hash(&e), hex.EncodeToString(sum[:16]); got != want {
			t.Errorf("hash of %+v = %s, json.Marshal gives %s", e, got, want)
		}
		if got, want := re.array(e.Links, e.Links == nil), jsonArray(e.Links); got != want {
			t.Errorf("links = %s, want %s", got, want)
		}
		if got, want := re.array(e.Authors, e.Authors == nil), jsonArray(e.Authors); got != want {
			t.Errorf("authors = %s, want %s", got, want)
		}
	}
}

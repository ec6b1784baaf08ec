package catalog_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/catalog"
)

// fuzzBase is the page URL the fuzz targets decode against.
const fuzzBase = "http://library.example.org/opds/catalog.xml"

// addSeeds adds every shared fixture (when present) and every file of
// testdata to the corpus.
func addSeeds(f *testing.F) {
	for _, pattern := range []string{filepath.Join(sharedDir, "*"), filepath.Join("testdata", "*")} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			if filepath.Ext(name) == ".md" {
				continue
			}
			if b, err := os.ReadFile(name); err == nil {
				f.Add(shrinkSeed(b))
			}
		}
	}
}

// maxSeed is the size above which a JSON seed is cut down: mutating and
// minimising a 1 MB input makes the fuzzer crawl.
const maxSeed = 64 << 10

// shrinkSeed keeps a large OPDS 2 fixture's structure but only its first
// few publications, navigation items and groups.
func shrinkSeed(b []byte) []byte {
	if len(b) <= maxSeed || !json.Valid(b) {
		return b
	}
	var doc map[string]any
	if json.Unmarshal(b, &doc) != nil {
		return b
	}
	for _, key := range []string{"publications", "navigation", "groups"} {
		if list, ok := doc[key].([]any); ok && len(list) > 3 {
			doc[key] = list[:3]
		}
	}
	if groups, ok := doc["groups"].([]any); ok {
		for _, g := range groups {
			if gm, ok := g.(map[string]any); ok {
				if pubs, ok := gm["publications"].([]any); ok && len(pubs) > 3 {
					gm["publications"] = pubs[:3]
				}
			}
		}
	}
	out, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		return b
	}
	return out
}

// checkFuzzed asserts what must hold for any input: errors wrap
// app.ErrMalformedFeed, and every href that comes out is absolute.
func checkFuzzed(t *testing.T, feed *catalog.Feed, err error) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, app.ErrMalformedFeed) {
			t.Fatalf("error %v does not wrap ErrMalformedFeed", err)
		}
		if feed != nil {
			t.Fatal("feed returned with an error")
		}
		return
	}
	checkAbsolute(t, feed)
}

func FuzzParseAtom(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		feed, err := catalog.ParseAtom(fuzzBase, bytes.NewReader(body))
		checkFuzzed(t, feed, err)
		feed, err = catalog.Parse(fuzzBase, "application/atom+xml; charset=windows-1251", body)
		checkFuzzed(t, feed, err)
		if next := catalog.NextLink(fuzzBase, "", body); next != "" {
			if f, err := catalog.Parse(fuzzBase, "", body); err == nil && f.Next != next {
				t.Fatalf("NextLink %q, Parse %q", next, f.Next)
			}
		}
		if tpl, err := catalog.ParseOpenSearch(fuzzBase, bytes.NewReader(body)); err == nil {
			_ = catalog.FillTemplate(tpl, "a b&c")
		}
	})
}

func FuzzParseJSON(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		feed, err := catalog.ParseJSON(fuzzBase, bytes.NewReader(body))
		checkFuzzed(t, feed, err)
		feed, err = catalog.Parse(fuzzBase, "application/opds+json", body)
		checkFuzzed(t, feed, err)
	})
}

package catalog_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/catalog"
)

// sharedDir holds the captured real-world feeds; they are read in place,
// never copied into the repository.
const sharedDir = "../../../shared/fixtures/opds"

// shared returns a captured feed. When the shared fixtures are not beside
// the repository the test is skipped, except in CI (CI set), where it
// fails: a CI run must not pass on tests it skipped.
func shared(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedDir, name))
	if errors.Is(err, os.ErrNotExist) {
		msg := fmt.Sprintf("../shared fixtures absent: %s not found (they live beside the repository, in shared/fixtures/opds)", name)
		if os.Getenv("CI") != "" {
			t.Fatal(msg + "; CI is set, so the fixture tests must run")
		}
		t.Skip(msg)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// local returns one of the package's own test files.
func local(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustParse(t testing.TB, base, contentType string, body []byte) *catalog.Feed {
	t.Helper()
	f, err := catalog.Parse(base, contentType, body)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	checkAbsolute(t, f)
	return f
}

// checkAbsolute fails when any href of the feed is not an absolute URL.
func checkAbsolute(t testing.TB, f *catalog.Feed) {
	t.Helper()
	var hrefs []string
	for _, e := range f.Entries {
		for _, l := range e.Links {
			hrefs = append(hrefs, l.Href)
		}
		if e.Cover != "" {
			hrefs = append(hrefs, e.Cover)
		}
	}
	for _, list := range [][]app.Link{f.Navigation, f.Search, f.Facets} {
		for _, l := range list {
			hrefs = append(hrefs, l.Href)
		}
	}
	if f.Next != "" {
		hrefs = append(hrefs, f.Next)
	}
	for _, h := range hrefs {
		if u, err := url.Parse(h); err != nil || !u.IsAbs() {
			t.Errorf("href %q is not absolute (%v)", h, err)
		}
	}
}

func entryByID(t testing.TB, f *catalog.Feed, id string) app.Entry {
	t.Helper()
	for _, e := range f.Entries {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("no entry with id %q", id)
	return app.Entry{}
}

func entryByTitle(t testing.TB, f *catalog.Feed, title string) app.Entry {
	t.Helper()
	for _, e := range f.Entries {
		if e.Title == title {
			return e
		}
	}
	t.Fatalf("no entry titled %q", title)
	return app.Entry{}
}

func hrefs(links []app.Link) []string {
	out := make([]string, len(links))
	for i, l := range links {
		out[i] = l.Href
	}
	return out
}

func titles(links []app.Link) []string {
	out := make([]string, len(links))
	for i, l := range links {
		out[i] = l.Title
	}
	return out
}

func eq[T any](t testing.TB, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func eqSlice[T any](t testing.TB, what string, got, want []T) {
	t.Helper()
	if (len(got) != 0 || len(want) != 0) && !reflect.DeepEqual(got, want) {
		t.Errorf("%s =\n  %#v\nwant\n  %#v", what, got, want)
	}
}

func eqNested(t testing.TB, what string, got, want [][]string) {
	t.Helper()
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("%s =\n  %#v\nwant\n  %#v", what, got, want)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

func tagSet(tags []app.Tag) map[string]app.Tag {
	m := map[string]app.Tag{}
	for _, tg := range tags {
		m[tg.Label] = tg
	}
	return m
}

func wantTag(t testing.TB, tags []app.Tag, want app.Tag) {
	t.Helper()
	got, ok := tagSet(tags)[want.Label]
	if !ok {
		t.Errorf("no tag %q in %+v", want.Label, tags)
		return
	}
	if got != want {
		t.Errorf("tag %q = %+v, want %+v", want.Label, got, want)
	}
}

func wantErr(t testing.TB, err error, contains string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", contains)
	}
	if !errors.Is(err, app.ErrMalformedFeed) {
		t.Errorf("error %q does not wrap app.ErrMalformedFeed", err)
	}
	if !strings.Contains(err.Error(), contains) {
		t.Errorf("error %q does not contain %q", err, contains)
	}
	if !strings.HasPrefix(err.Error(), "catalog: ") {
		t.Errorf("error %q does not start with \"catalog: \"", err)
	}
}

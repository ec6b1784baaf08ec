package library

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestReadAnnotationsShapes(t *testing.T) {
	one := `{"type":"Annotation","id":"a1","motivation":"bookmarking"}`
	for name, in := range map[string]string{
		"collection": `{"@context":"x","type":"AnnotationCollection","total":2,"first":{"type":"AnnotationPage","items":[` + one + `,` + one + `]}}`,
		"page":       `{"type":"AnnotationPage","items":[` + one + `,` + one + `]}`,
		"array":      `[` + one + `,` + one + `]`,
		"single":     one + "\n",
	} {
		var got []string
		err := readAnnotations(strings.NewReader(in), 1<<20, func(raw json.RawMessage) error {
			var a struct{ ID string }
			if err := json.Unmarshal(raw, &a); err != nil {
				return err
			}
			got = append(got, a.ID)
			return nil
		})
		want := 2
		if name == "single" {
			want = 1
		}
		if err != nil || len(got) != want || got[0] != "a1" {
			t.Errorf("%s: %v, %v", name, got, err)
		}
	}
	if err := readAnnotations(strings.NewReader(`{"type":"Person"}`), 1<<20, func(json.RawMessage) error { return nil }); err == nil {
		t.Error("an object that is no annotation was read as one")
	}
}

func TestReadAnnotationsCapped(t *testing.T) {
	in := `[` + strings.Repeat(`{"type":"Annotation","body":"`+strings.Repeat("x", 100)+`"},`, 100) + `{}]`
	n := 0
	err := readAnnotations(strings.NewReader(in), 2000, func(json.RawMessage) error { n++; return nil })
	if !errors.Is(err, errTooLargeImport) || n > 20 {
		t.Fatalf("read %d annotations of a file over the cap: %v", n, err)
	}
	if err := readAnnotations(strings.NewReader(in), int64(len(in)), func(json.RawMessage) error { return nil }); err != nil {
		t.Fatalf("a file at the cap: %v", err)
	}
}

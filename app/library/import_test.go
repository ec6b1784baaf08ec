package library_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/library"
)

// w3cItem writes one annotation on document 1 of offline(t, ...) (entry
// urn:gen:0 of src), on the file version sha, as an export would.
func w3cItem(src, sha string, n int, motivation string, page int, body map[string]any, extra map[string]any) map[string]any {
	target := map[string]any{"source": "x", "catalogue": src, "entry": "urn:gen:0", "sha256": sha,
		"selector": []any{map[string]any{"type": "FragmentSelector", "value": fmt.Sprintf("page=%d", page)}}}
	for k, v := range extra {
		target[k] = v
	}
	it := map[string]any{"type": "Annotation", "id": fmt.Sprintf("urn:test:%d", n), "motivation": motivation,
		"target": target}
	if body != nil {
		it["body"] = body
	}
	return it
}

func highlightItem(src, sha string, n, page int, color string, rects [][4]float64) map[string]any {
	it := w3cItem(src, sha, n, "highlighting", page, map[string]any{"type": "TextualBody", "value": "", "color": color}, nil)
	tg := it["target"].(map[string]any)
	tg["selector"] = append(tg["selector"].([]any), map[string]any{"type": "TextQuoteSelector", "exact": "debt bondage"})
	tg["rects"] = rects
	return it
}

func TestImportChecksWhatItAdds(t *testing.T) {
	_, _, l, src, _, _ := offline(t, 1)
	ctx := context.Background()
	d, _ := l.Document(ctx, 1)
	sha := d.File.SHA256
	ok := [][4]float64{{10, 10, 200, 24}}
	huge := 1e308
	note := func(n, page int, text string) map[string]any {
		return w3cItem(src.URL, sha, n, "commenting", page, map[string]any{"type": "TextualBody", "value": text}, nil)
	}
	pack := []any{
		w3cItem(src.URL, sha, 1, "bookmarking", 2, nil, nil),
		w3cItem(src.URL, sha, 2, "bookmarking", 999999, nil, nil), // the file has 4 pages
		highlightItem(src.URL, sha, 3, 3, "green", ok),
		highlightItem(src.URL, sha, 4, 3, "ultraviolet", ok),
		highlightItem(src.URL, sha, 5, 3, "", [][4]float64{{-huge, -huge, huge, huge}}),
		highlightItem(src.URL, sha, 6, 3, "", [][4]float64{{10, 10, 20000, 24}}), // off the page
		note(7, 1, "fine"),
		note(8, 1, strings.Repeat("x", library.MaxNoteBytes+1)),
		42, "not an annotation", []any{1, 2},
		map[string]any{"type": "Annotation", "id": 7, "motivation": []any{1}},
	}
	// 100,000 rectangles: over the size of one annotation.
	many := make([][4]float64, 100000)
	for i := range many {
		many[i] = [4]float64{huge, huge, huge, huge}
	}
	pack = append(pack, highlightItem(src.URL, sha, 9, 3, "", many))
	b, _ := json.Marshal(pack)
	rep, err := l.Import(ctx, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 3 || rep.Skipped != 10 {
		t.Fatalf("report %+v, want 3 added and 10 skipped", rep)
	}
	for _, want := range []string{"page 999999", `colour "ultraviolet"`, "off page 3", "the note is 65537 bytes long",
		"not a W3C annotation", "an annotation larger than"} {
		if !strings.Contains(rep.SkippedText(), want) {
			t.Errorf("skipped: %s\nwant %q in it", rep.SkippedText(), want)
		}
	}
	// On another version of the file only the absolute bounds hold:
	// re-anchoring places the annotation.
	other := []any{w3cItem(src.URL, "another-edition", 20, "bookmarking", 6, nil, nil),
		w3cItem(src.URL, "another-edition", 21, "bookmarking", 999999, nil, nil)}
	b, _ = json.Marshal(other)
	if rep, err := l.Import(ctx, bytes.NewReader(b)); err != nil || rep.Added != 1 || rep.Skipped != 1 {
		t.Fatalf("other edition: %+v, %v", rep, err)
	}
	bms, _ := l.Bookmarks(ctx, 1)
	for _, bm := range bms {
		if bm.Page > 4 {
			t.Errorf("bookmark on page %d of a 4-page file", bm.Page)
		}
	}
}

// itemStream is a W3C collection of n bookmarks generated as it is read,
// counting the bytes taken from it.
type itemStream struct {
	src, sha string
	n, next  int
	buf      bytes.Buffer
	read     int64
	done     bool
}

func (s *itemStream) Read(p []byte) (int, error) {
	for s.buf.Len() < len(p) && !s.done {
		switch {
		case s.next == 0:
			s.buf.WriteString(`{"type":"AnnotationCollection","first":{"type":"AnnotationPage","items":[`)
		case s.next > s.n:
			s.buf.WriteString(`]}}`)
			s.done = true
			continue
		case s.next > 1:
			s.buf.WriteByte(',')
		}
		if s.next >= 1 {
			b, _ := json.Marshal(w3cItem(s.src, s.sha, s.next, "bookmarking", 1, nil, nil))
			s.buf.Write(b)
		}
		s.next++
	}
	n, err := s.buf.Read(p)
	s.read += int64(n)
	if err == io.EOF && !s.done {
		err = nil
	}
	return n, err
}

func TestImportIsStreamedAndCapped(t *testing.T) {
	_, _, l, src, _, _ := offline(t, 1)
	ctx := context.Background()
	d, _ := l.Document(ctx, 1)
	// A million annotations: refused once the cap is passed, having read
	// only that far, and nothing is added.
	s := &itemStream{src: src.URL, sha: d.File.SHA256, n: 1000000}
	_, err := l.Import(ctx, s)
	if err == nil || !strings.Contains(err.Error(), "the file holds more than 20000 annotations") {
		t.Fatalf("err = %v", err)
	}
	if perItem := s.read / int64(s.next); s.next > library.MaxImportItems+100 || s.read > perItem*(library.MaxImportItems+100) {
		t.Fatalf("read %d items (%d bytes) of a million", s.next, s.read)
	}
	if bms, _ := l.Bookmarks(ctx, 1); len(bms) != 0 {
		t.Fatalf("%d bookmarks added by a refused import", len(bms))
	}
	// A file over the size cap is refused before it is read (the stream
	// itself is capped too: TestReadAnnotationsCapped).
	big := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(big, []byte("[]"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, library.MaxImportBytes+1); err != nil {
		t.Fatal(err)
	}
	if _, err := l.ImportFile(ctx, big); err == nil || !strings.Contains(err.Error(), "the file is larger than 67 MB") {
		t.Fatalf("oversized file: %v", err)
	}
}

func TestTypedAnnotationsCheckedToo(t *testing.T) {
	_, _, l, _, _, _ := offline(t, 1)
	ctx := context.Background()
	if _, err := l.AddHighlight(ctx, 1, 3, "debt bondage", "", "ultraviolet"); err == nil ||
		!strings.Contains(err.Error(), "use yellow, green, blue, pink") {
		t.Fatalf("unknown colour: %v", err)
	}
	if h, err := l.AddHighlight(ctx, 1, 3, "debt bondage", "", " Green "); err != nil || h.Color != "green" {
		t.Fatalf("colour: %+v, %v", h.Color, err)
	}
	if _, err := l.AddHighlightRects(ctx, 1, 3, []app.Rect{{X0: 1, Y0: 1, X1: 1e308, Y1: 2}}, "", "", ""); err == nil {
		t.Fatal("a rectangle off the page was accepted")
	}
	if _, err := l.AddNote(ctx, 1, 1, strings.Repeat("n", library.MaxNoteBytes+1)); err == nil {
		t.Fatal("an oversized note was accepted")
	}
}

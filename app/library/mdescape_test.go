package library_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// A hostile catalogue and a hostile annotation file cannot shape the
// Markdown export: their text is escaped, and a note stays in its block.
func TestMarkdownExportEscapesWhatIsNotTheUsers(t *testing.T) {
	srv := newFeedServer(t)
	srv.set("/catalog.xml", atomType, `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:c</id><title>c</title><updated>2026-01-01T00:00:00Z</updated>
<entry><id>urn:evil</id><title>[Click](javascript:alert(1)) ## a &lt; b *x*</title><updated>2026-01-01T00:00:00Z</updated>
<author><name>*— Mallory, 1 January 2020*</name></author><author><name>1. Ann [x](javascript:alert(1))</name></author>
<summary>s</summary></entry></feed>`)
	l := newLibrary(t)
	src := addSource(t, l, srv.url("/catalog.xml"))
	syncOK(t, l, src)
	note := "Useful.\n\n### Page 99\n\n*— Forged Author, 1 January 2020*\n\n<script>alert(1)</script>\n```\nunclosed"
	pack := []any{
		map[string]any{"type": "Annotation", "id": "urn:n1", "motivation": "commenting",
			"creator": map[string]any{"name": "Eve <b>bold</b>"},
			"body":    map[string]any{"type": "TextualBody", "value": note},
			"target":  map[string]any{"source": "x", "catalogue": src.URL, "entry": "urn:evil"}},
		map[string]any{"type": "Annotation", "id": "urn:b1", "motivation": "bookmarking",
			"body": map[string]any{"type": "TextualBody", "value": "## Page 1\n> fake"},
			"target": map[string]any{"source": "x", "catalogue": src.URL, "entry": "urn:evil",
				"selector": map[string]any{"type": "FragmentSelector", "value": "page=1"}}},
	}
	b, _ := json.Marshal(pack)
	if rep := importOK(t, l, b); rep.Added != 2 {
		t.Fatalf("import = %+v", rep)
	}
	var out bytes.Buffer
	if _, err := l.ExportMarkdown(context.Background(), 0, &out); err != nil {
		t.Fatal(err)
	}
	md := out.String()
	var headings, bylines []string
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "#") {
			headings = append(headings, line)
		}
		if strings.HasPrefix(line, "*—") {
			bylines = append(bylines, line)
		}
	}
	want := []string{"# Annotations", `## \[Click\](javascript:alert(1)) \#\# a \< b \*x\*`, "### The whole document", "### Page 1"}
	if strings.Join(headings, "\n") != strings.Join(want, "\n") {
		t.Errorf("headings:\n%s\nwant:\n%s\n\n%s", strings.Join(headings, "\n"), strings.Join(want, "\n"), md)
	}
	if len(bylines) != 2 || strings.Contains(md, "<script") || strings.Contains(md, "<b>") || strings.Contains(md, "<img") {
		t.Errorf("bylines %q; export:\n%s", bylines, md)
	}
	for _, want := range []string{
		`\*— Mallory, 1 January 2020\*, 1\. Ann \[x\](javascript:alert(1))`, // the author line, escaped
		"> \\### Page 99", "> *— Forged Author, 1 January 2020*", // the note, inside its block
		`**Bookmark:** \#\# Page 1 \> fake`,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("export lacks %q:\n%s", want, md)
		}
	}
}

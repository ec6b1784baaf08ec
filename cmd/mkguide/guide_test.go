package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// place is where a contents entry goes: a section, and a subheading in it
// (its index among the section's subheadings; -1 for the section's title).
type place struct {
	depth, section, sub int
}

// contentsOf returns the places the guide's contents entries go to, in
// order. It fails the test when an entry names no heading of the guide,
// or a heading the guide holds more than once (the link would go to only
// one of them).
func contentsOf(t *testing.T, sections []section) []place {
	t.Helper()
	where := map[string][]place{}
	for i, s := range sections {
		where[s.title] = append(where[s.title], place{section: i, sub: -1})
		sub := 0
		for _, p := range s.paras {
			if h, ok := strings.CutPrefix(p, "# "); ok {
				where[h] = append(where[h], place{section: i, sub: sub})
				sub++
			}
		}
	}
	var entries []place
	for _, s := range sections {
		for _, p := range s.paras {
			depth := 0
			for strings.HasPrefix(p, "> ") {
				p, depth = p[2:], depth+1
			}
			if depth == 0 {
				continue
			}
			at := where[p]
			if len(at) != 1 {
				t.Fatalf("the contents entry %q names %d headings, want 1", p, len(at))
			}
			at[0].depth = depth
			entries = append(entries, at[0])
		}
	}
	return entries
}

// subheadings counts a section's subheadings.
func subheadings(s section) int {
	n := 0
	for _, p := range s.paras {
		if strings.HasPrefix(p, "# ") {
			n++
		}
	}
	return n
}

// TestGuidesFollowTheEnglishOne checks that every language's guide has
// the English guide's sections on the same pages and a contents list
// whose entries go to the same places, so that what the English guide
// says of its pages holds in every language.
func TestGuidesFollowTheEnglishOne(t *testing.T) {
	en := guides["en"]
	enContents := contentsOf(t, en.sections)
	if len(enContents) == 0 {
		t.Fatal("the English guide has no contents list")
	}
	enDoc := build(en)
	for tag, g := range guides {
		t.Run(tag, func(t *testing.T) {
			if len(g.sections) != len(en.sections) {
				t.Fatalf("%d sections, want %d as in English", len(g.sections), len(en.sections))
			}
			// The first section also tells a translated guide's reader
			// how to choose the language; the others match one to one.
			for i := 1; i < len(g.sections); i++ {
				if got, want := subheadings(g.sections[i]), subheadings(en.sections[i]); got != want {
					t.Errorf("section %q has %d subheadings, want %d as in %q", g.sections[i].title, got, want, en.sections[i].title)
				}
			}
			got := contentsOf(t, g.sections)
			if len(got) != len(enContents) {
				t.Fatalf("%d contents entries, want %d as in English", len(got), len(enContents))
			}
			for i := range got {
				if got[i] != enContents[i] {
					t.Errorf("contents entry %d goes to %+v, want %+v as in English", i+1, got[i], enContents[i])
				}
			}
			d := build(g)
			if len(d.pages) != len(enDoc.pages) {
				t.Errorf("%d pages, want %d as in English", len(d.pages), len(enDoc.pages))
			}
			for i, m := range d.marks {
				if want := enDoc.marks[i].page; m.page != want {
					t.Errorf("section %q starts on page %d, want %d as in English", m.title, m.page+1, want+1)
				}
			}
		})
	}
}

// TestGuidesInTheDemoLibraryAreCurrent checks that assets/demo holds each
// language's guide as mkguide writes it now (run make guide when it
// fails).
func TestGuidesInTheDemoLibraryAreCurrent(t *testing.T) {
	for tag, g := range guides {
		name := "user-guide." + tag + ".pdf"
		if tag == "en" {
			name = "user-guide.pdf"
		}
		have, err := os.ReadFile(filepath.Join("..", "..", "assets", "demo", name))
		if err != nil {
			t.Errorf("the %s guide: %v (run make guide, with %s in GUIDE_LANGS)", tag, err, tag)
			continue
		}
		if !bytes.Equal(have, build(g).bytes()) {
			t.Errorf("assets/demo/%s is not what mkguide writes now: run make guide", name)
		}
	}
}

// TestNoLineStartsWithAMark wraps every paragraph of every guide at the
// page's width and narrower, and checks that no line starts with the
// colon, semicolon, question or exclamation mark that French sets after
// a space.
func TestNoLineStartsWithAMark(t *testing.T) {
	for tag, g := range guides {
		for _, s := range g.sections {
			for _, p := range s.paras {
				p = strings.TrimSpace(strings.TrimLeft(p, "#->"))
				for width := 200; width <= pageW-2*margin; width += 3 {
					for i, line := range wrap(p, float64(width), bodySize, false) {
						if i > 0 && strings.ContainsAny(line[:1], ":;?!") {
							t.Fatalf("%s: at %d points wide, a line starts with a mark: %q", tag, width, line)
						}
					}
				}
			}
		}
	}
}

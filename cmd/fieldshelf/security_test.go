package main_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Three commands started at once on an empty data directory: each
// migrates the new database under the write lock, and all succeed.
func TestCommandsStartedAtOnceOnAnEmptyLibrary(t *testing.T) {
	for round := 0; round < 3; round++ {
		c := newCLI(t)
		procs := []*proc{c.start("ls", "--json"), c.start("sources", "list"), c.start("search", "guide")}
		for _, p := range procs {
			if r := p.wait(t, time.Minute); r.code != 0 || len(r.stderrLines()) != 0 {
				t.Fatalf("round %d: %s", round, r)
			}
		}
		if out := c.ok("sources", "list", "--json"); len(out) == 0 {
			t.Fatal("no sources")
		}
	}
}

// Cached files deleted by hand: reading says so in one line and the
// document is no longer offline; download fetches it again.
func TestDeletedCachedFiles(t *testing.T) {
	c := newCLI(t)
	var docs []map[string]any
	c.okJSON(&docs, "ls", "--offline", "--json")
	if len(docs) == 0 {
		t.Fatal("the demo has no offline document")
	}
	id := strconv.Itoa(int(docs[0]["id"].(float64)))
	files, _ := filepath.Glob(filepath.Join(c.data, "files", "*.pdf"))
	for _, f := range files {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	line := c.fail("text", id, "1")
	if !strings.Contains(line, "is missing (deleted outside Fieldshelf): download it again") {
		t.Fatalf("text: %s", line)
	}
	var doc map[string]any
	c.okJSON(&doc, "show", id, "--json")
	if doc["offline"] != false {
		t.Fatalf("still offline: %v", doc)
	}
	if out := c.ok("download", id); !strings.HasPrefix(out, "downloaded 1 of 1 documents (0 already offline)") {
		t.Fatalf("download: %s", out)
	}
	c.okJSON(&doc, "show", id, "--json")
	if doc["offline"] != true || c.ok("text", id, "1") == "" {
		t.Fatalf("after download: %v", doc)
	}
}

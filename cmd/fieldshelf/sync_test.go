package main_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// summary is the one line a successful sync prints on standard output.
var summary = regexp.MustCompile(`^synced \d+ entries: \d+ added, \d+ updated, \d+ withdrawn, \d+ unchanged$`)

// syncOK runs a sync that must succeed: exactly one summary line on
// standard output, progress only on standard error. It returns the line.
func (c *cli) syncOK(args ...string) string {
	c.t.Helper()
	r := c.run(append([]string{"sync"}, args...)...)
	if r.code != 0 {
		c.t.Fatalf("got exit %d, want 0\n%s", r.code, r)
	}
	line, rest, _ := strings.Cut(r.stdout, "\n")
	if !summary.MatchString(line) || rest != "" {
		c.t.Fatalf("got stdout %q, want one line matching %s\n%s", r.stdout, summary, r)
	}
	for _, l := range r.stderrLines() {
		if !progressLine.MatchString(l) {
			c.t.Errorf("got stderr line %q, want only progress lines\n%s", l, r)
		}
	}
	return line
}

func TestSyncSummaries(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	srv := newServer(t)
	sh := newShelf(srv)
	sh.publish()
	src := c.addSource(srv.url(feedPath), "--name", sh.title)

	// The first command on the data directory installed the demo library.
	demo := c.sourceNamed(demoName)
	if demo["entries"] != float64(demoEntries) || demo["last_sync"] == nil {
		t.Fatalf("got demo source %s, want it synced with %d entries", dump(demo), demoEntries)
	}

	if got, want := c.syncOK(src), "synced 4 entries: 4 added, 0 updated, 0 withdrawn, 0 unchanged"; got != want {
		t.Errorf("first sync: got %q, want %q", got, want)
	}
	if s := c.sourceNamed(sh.title); s["entries"] != 4.0 || s["last_sync"] == nil || s["last_error"] != "" {
		t.Errorf("after the first sync got source %s", dump(s))
	}

	// Nothing changed: every source, all unchanged, and the server was asked
	// with the ETag it gave.
	if got, want := c.syncOK(), "synced 10 entries: 0 added, 0 updated, 0 withdrawn, 10 unchanged"; got != want {
		t.Errorf("unchanged sync: got %q, want %q", got, want)
	}
	reqs := srv.requests(feedPath)
	if last := reqs[len(reqs)-1]; last.ifNoneMatch == "" || last.status.Load() != http.StatusNotModified {
		t.Errorf("got If-None-Match %q and status %d on the re-sync, want a conditional GET answered 304",
			last.ifNoneMatch, last.status.Load())
	}

	// One entry changes, one disappears, one is new.
	sh.entries[0].title = "Shelter referral handbook, second edition"
	sh.entries[0].updated = "2026-02-20T00:00:00Z"
	sh.entries = append(sh.entries[:3], entry{id: "urn:test:border-checklist", title: "Border screening checklist",
		summary: "Questions for border officials.", publisher: "West Border Agency", year: 2024,
		types: []string{"Checklist"}, regions: []string{"Westland"}})
	sh.publish()
	if got, want := c.syncOK(src), "synced 4 entries: 1 added, 1 updated, 1 withdrawn, 2 unchanged"; got != want {
		t.Errorf("changed sync: got %q, want %q", got, want)
	}
	docs := c.docs()
	if d := docs["urn:test:shelter-handbook"]; d["title"] != "Shelter referral handbook, second edition" {
		t.Errorf("got updated entry %s", dump(d))
	}
	if d := docs["urn:test:debt-review"]; d == nil || d["withdrawn"] != true {
		t.Errorf("got the entry gone from the feed as %s, want it kept and withdrawn", dump(d))
	}
	if d := docs["urn:test:border-checklist"]; d == nil || d["withdrawn"] != false {
		t.Errorf("got new entry %s", dump(d))
	}
	if got, want := c.syncOK(src), "synced 4 entries: 0 added, 0 updated, 0 withdrawn, 4 unchanged"; got != want {
		t.Errorf("sync after the change: got %q, want %q", got, want)
	}
}

// TestSyncServerError checks that a failed sync says why in one line,
// records the failure on the source and keeps its catalogue.
func TestSyncServerError(t *testing.T) {
	t.Parallel()
	c, sh, src := syncedShelf(t)
	sh.srv.setStatus(feedPath, http.StatusInternalServerError)
	reason := c.failAfterProgress("sync", src)
	if !strings.Contains(reason, "500") || !strings.Contains(reason, sh.srv.url(feedPath)) {
		t.Errorf("got %q, want the 500 status and the page", reason)
	}
	if s := c.sourceNamed(sh.title); s["last_error"] == "" || s["entries"] != 4.0 {
		t.Errorf("got source %s, want the error recorded and the 4 entries kept", dump(s))
	}
	if text := c.ok("sources", "list"); !strings.Contains(text, "(last attempt failed)") {
		t.Errorf("got sources list\n%s\nwant the failed attempt shown", text)
	}
	docs := c.docs()
	if len(docs) != 4+demoEntries {
		t.Errorf("got %d documents after the failed sync, want %d", len(docs), 4+demoEntries)
	}
	for id, d := range docs {
		if d["withdrawn"] != false {
			t.Errorf("got %s withdrawn by a failed sync", id)
		}
	}
}

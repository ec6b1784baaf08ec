package main_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// cacheFiles returns the names in the data directory's file cache that
// match pattern ("*.pdf", "*.part", ...).
func (c *cli) cacheFiles(pattern string) []string {
	c.t.Helper()
	names, err := filepath.Glob(filepath.Join(c.data, "files", pattern))
	if err != nil {
		c.t.Fatal(err)
	}
	return names
}

// cacheSince returns the names in the file cache that match pattern and
// are not in before (an earlier cacheFiles("*")): the demo library brings
// files of its own.
func (c *cli) cacheSince(before []string, pattern string) []string {
	c.t.Helper()
	var out []string
	for _, name := range c.cacheFiles(pattern) {
		if !slices.Contains(before, name) {
			out = append(out, name)
		}
	}
	return out
}

// testDocs keeps the documents of the test catalogues, whose entry ids
// start with urn:test:, and leaves out those of the demo library.
func testDocs(docs []map[string]any) []map[string]any {
	var out []map[string]any
	for _, d := range docs {
		if id, _ := d["entry_id"].(string); strings.HasPrefix(id, "urn:test:") {
			out = append(out, d)
		}
	}
	return out
}

// downloadOK runs a download that must succeed with only progress on
// standard error, and returns its standard output.
func (c *cli) downloadOK(args ...string) string {
	c.t.Helper()
	r := c.run(append([]string{"download"}, args...)...)
	if r.code != 0 {
		c.t.Fatalf("got exit %d, want 0\n%s", r.code, r)
	}
	for _, l := range r.stderrLines() {
		if !progressLine.MatchString(l) || strings.HasPrefix(l, "failed") {
			c.t.Errorf("got stderr line %q, want only progress\n%s", l, r)
		}
	}
	return r.stdout
}

// checkOffline checks that a document is offline with exactly want as its
// file, in show --json and in the file cache.
func (c *cli) checkOffline(id string, want []byte) {
	c.t.Helper()
	d := c.show(id)
	checkFields(c.t, "show "+id, d, cachedFields)
	if d["offline"] != true || d["sha256"] != sha256Hex(want) || d["local_size"] != float64(len(want)) {
		c.t.Fatalf("got offline %v, sha256 %v, local_size %v; want true, %s, %d",
			d["offline"], d["sha256"], d["local_size"], sha256Hex(want), len(want))
	}
	found := false
	for _, name := range c.cacheFiles("*.pdf") {
		b, err := os.ReadFile(name)
		if err != nil {
			c.t.Fatal(err)
		}
		found = found || bytes.Equal(b, want)
	}
	if !found {
		c.t.Fatalf("got no file under %s with the served bytes of document %s", filepath.Join(c.data, "files"), id)
	}
}

// checkNotOffline checks that show --json says a document has no file.
func (c *cli) checkNotOffline(id string) {
	c.t.Helper()
	d := c.show(id)
	if d["offline"] != false || d["sha256"] != "" || d["local_size"] != 0.0 {
		c.t.Fatalf("got offline %v, sha256 %q, local_size %v; want false, \"\", 0",
			d["offline"], d["sha256"], d["local_size"])
	}
}

// downloaded is the line a download command prints on standard output.
func downloaded(fetched, of, offline int) string {
	return fmt.Sprintf("downloaded %d of %d documents (%d already offline)\n", fetched, of, offline)
}

// storageFields are the fields of `storage --json`.
var storageFields = map[string]string{"dir": "string", "total": "number", "pinned": "number", "partial": "number",
	"limit": "number", "files": "array of object"}

// storage returns `storage --json`, checked for its fields.
func (c *cli) storage() map[string]any {
	c.t.Helper()
	var st map[string]any
	c.okJSON(&st, "storage", "--json")
	checkFields(c.t, "storage", st, storageFields)
	return st
}

func TestDownloadRemoveStorage(t *testing.T) {
	t.Parallel()
	c, sh, _ := syncedShelf(t)
	id := c.docID("urn:test:shelter-handbook")
	want := sh.files["/files/shelter.pdf"]
	before, base := c.cacheFiles("*"), c.storage()
	baseFiles := len(base["files"].([]any))

	if out := c.downloadOK(id); out != downloaded(1, 1, 0) {
		t.Errorf("got %q, want %q", out, downloaded(1, 1, 0))
	}
	c.checkOffline(id, want)
	if d := c.show(id); d["pinned"] != false {
		t.Errorf("got pinned %v without --pin", d["pinned"])
	}
	if added := c.cacheSince(before, "*"); len(added) != 1 || !strings.HasSuffix(added[0], ".pdf") {
		t.Errorf("got %v added to the cache, want one .pdf file", added)
	}
	var offline []map[string]any
	c.okJSON(&offline, "ls", "--offline", "--json")
	if ids := entryIDs(testDocs(offline)); !slices.Equal(ids, []string{"urn:test:shelter-handbook"}) {
		t.Errorf("ls --offline: got %v", ids)
	}

	// Again: nothing is fetched.
	requests := len(sh.srv.requests("/files/shelter.pdf"))
	if out := c.downloadOK(id); out != downloaded(0, 1, 1) {
		t.Errorf("got %q, want %q", out, downloaded(0, 1, 1))
	}
	if n := len(sh.srv.requests("/files/shelter.pdf")); n != requests {
		t.Errorf("got %d new requests for a file already offline, want 0", n-requests)
	}

	st := c.storage()
	files := st["files"].([]any)
	if st["total"] != base["total"].(float64)+float64(len(want)) || st["partial"] != 0.0 || st["limit"] != 0.0 ||
		len(files) != baseFiles+1 || st["dir"] != filepath.Join(c.data, "files") {
		t.Fatalf("got storage %s\nwant one file of %d bytes more than\n%s", dump(st), len(want), dump(base))
	}
	var f map[string]any
	for _, x := range files {
		if m := x.(map[string]any); idText(t, m["id"]) == id {
			f = m
		}
	}
	checkFields(t, "storage file", f, map[string]string{"id": "number", "title": "string", "size": "number",
		"pinned": "boolean", "sha256": "string"})
	if f["size"] != float64(len(want)) || f["sha256"] != sha256Hex(want) || f["pinned"] != false {
		t.Errorf("got storage file %s", dump(f))
	}

	// remove keeps the catalogue entry.
	if out := c.ok("remove", id); !strings.HasPrefix(out, "removed the local copy of 1 documents") {
		t.Errorf("got %q from remove", out)
	}
	c.checkNotOffline(id)
	if d := c.show(id); d["title"] != "Shelter referral handbook" || d["withdrawn"] != false {
		t.Errorf("after remove got %s", dump(d))
	}
	if added := c.cacheSince(before, "*"); len(added) != 0 {
		t.Errorf("got %v in the cache after remove", added)
	}
	if st := c.storage(); st["total"] != base["total"] || len(st["files"].([]any)) != baseFiles {
		t.Errorf("after remove got storage %s\nwant\n%s", dump(st), dump(base))
	}

	// --pin; the file comes again.
	if out := c.downloadOK("--pin", id); out != downloaded(1, 1, 0) {
		t.Errorf("got %q, want %q", out, downloaded(1, 1, 0))
	}
	c.checkOffline(id, want)
	if d := c.show(id); d["pinned"] != true {
		t.Errorf("got pinned %v after download --pin", d["pinned"])
	}

	if out := c.ok("config", "set", "cache-limit", "2GB"); out != "cache-limit = 2.0 GB\n" {
		t.Errorf("got %q from config set", out)
	}
	if out := c.ok("config", "get", "cache-limit"); out != "2000000000\n" {
		t.Errorf("got %q from config get", out)
	}
	if st := c.storage(); st["limit"] != 2e9 || st["pinned"] != base["pinned"].(float64)+float64(len(want)) {
		t.Errorf("got storage %s, want limit 2e9 and the file pinned", dump(st))
	}
}

// TestCacheLimitKeepsPinned checks that a cache limit removes unpinned
// files and never a pinned one.
func TestCacheLimitKeepsPinned(t *testing.T) {
	t.Parallel()
	c, sh, _ := syncedShelf(t)
	pinned, loose := c.docID("urn:test:shelter-handbook"), c.docID("urn:test:labour-survey")
	c.downloadOK("--pin", pinned)
	c.downloadOK(loose)
	if out := c.ok("config", "set", "cache-limit", "1KB"); out != "cache-limit = 1.0 KB\n" {
		t.Errorf("got %q from config set", out)
	}
	c.checkOffline(pinned, sh.files["/files/shelter.pdf"])
	c.checkNotOffline(loose)
	if out := c.ok("config", "set", "cache-limit", "none"); out != "cache-limit = no limit\n" {
		t.Errorf("got %q from config set", out)
	}
	if st := c.storage(); st["limit"] != 0.0 {
		t.Errorf("got limit %v, want 0 for none", st["limit"])
	}
}

func TestDownloadByTagAndAll(t *testing.T) {
	t.Parallel()
	c, sh, _ := syncedShelf(t)
	c.removeDemo()
	// Northland: the handbook and the interview guide, which has no file.
	if out := c.downloadOK("--tag", "Northland"); out != downloaded(1, 1, 0) {
		t.Errorf("download --tag Northland: got %q, want %q", out, downloaded(1, 1, 0))
	}
	c.checkOffline(c.docID("urn:test:shelter-handbook"), sh.files["/files/shelter.pdf"])
	if out := c.downloadOK("--all", "--pin"); out != downloaded(2, 2, 0) {
		t.Errorf("download --all: got %q, want %q", out, downloaded(2, 2, 0))
	}
	for entryID, path := range map[string]string{"urn:test:labour-survey": "/files/survey.pdf",
		"urn:test:debt-review": "/files/debt.pdf"} {
		id := c.docID(entryID)
		c.checkOffline(id, sh.files[path])
		if d := c.show(id); d["pinned"] != true {
			t.Errorf("got %s unpinned after download --all --pin", entryID)
		}
	}
	if out := c.downloadOK("--all"); out != "nothing to download\n" {
		t.Errorf("got %q, want nothing to download", out)
	}
	// A document without a file fails in one line.
	reason := c.failAfterProgress("download", c.docID("urn:test:interview-guide"))
	if !strings.Contains(reason, "no file") {
		t.Errorf("got %q, want a reason saying the catalogue offers no file", reason)
	}
}

// TestDownloadUpdateAvailable changes a downloaded publication upstream:
// the entry says an update is available, and download --all fetches that
// one file again and replaces the old version.
func TestDownloadUpdateAvailable(t *testing.T) {
	t.Parallel()
	c, sh, src := syncedShelf(t)
	c.removeDemo()
	id := c.docID("urn:test:debt-review")
	before := c.cacheFiles("*")
	c.downloadOK("--all")
	v2 := pdfBytes(1002, 123_457)
	sh.setFile("/files/debt.pdf", v2)
	sh.entries[3].updated = "2026-02-25T00:00:00Z"
	sh.publish()
	c.syncOK(src)
	d := c.show(id)
	if d["update_available"] != true || d["offline"] != true {
		t.Fatalf("got update_available %v, offline %v; want both true", d["update_available"], d["offline"])
	}
	if out := c.downloadOK("--all"); out != downloaded(1, 1, 0) {
		t.Errorf("got %q, want %q", out, downloaded(1, 1, 0))
	}
	c.checkOffline(id, v2)
	if d := c.show(id); d["update_available"] != false {
		t.Errorf("got update_available %v after the update", d["update_available"])
	}
	if n := len(c.cacheSince(before, "*.pdf")); n != 3 {
		t.Errorf("got %d files in the cache, want 3: the old version replaced", n)
	}
}

// TestDownloadRefusesLoginPage serves an HTML login page instead of the
// PDF: the download fails in one line that says so, and nothing is kept.
func TestDownloadRefusesLoginPage(t *testing.T) {
	t.Parallel()
	c, sh, _ := syncedShelf(t)
	id := c.docID("urn:test:labour-survey")
	before := c.cacheFiles("*")
	sh.srv.setFile("/files/survey.pdf", []byte(loginPage), "text/html; charset=utf-8")
	reason := c.failAfterProgress("download", id)
	if !strings.Contains(reason, "HTML") || !strings.Contains(reason, "not a PDF") {
		t.Errorf("got %q, want a reason saying an HTML page came instead of a PDF", reason)
	}
	c.checkNotOffline(id)
	if left := c.cacheSince(before, "*"); len(left) != 0 {
		t.Errorf("got %v in the cache after a refused download", left)
	}
	// The same page sent as a PDF is refused too.
	sh.srv.setFile("/files/survey.pdf", []byte(loginPage), "application/pdf")
	if reason := c.failAfterProgress("download", id); !strings.Contains(reason, "HTML") {
		t.Errorf("got %q, want a reason naming the HTML page", reason)
	}
	c.checkNotOffline(id)
	// A missing file: the status, in one line.
	sh.srv.setStatus("/files/survey.pdf", 404)
	if reason := c.failAfterProgress("download", id); !strings.Contains(reason, "404") {
		t.Errorf("got %q, want the 404 status", reason)
	}
	c.checkNotOffline(id)
}

package main_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
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
	id := offlineDemoDoc(t, c)
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

// One rule for a file the user names: its folder must exist, or the
// command fails in one line and makes nothing.
func TestMissingFolderRefused(t *testing.T) {
	c := newCLI(t)
	id := offlineDemoDoc(t, c)
	missing := filepath.Join(t.TempDir(), "no-such-folder")
	want := "the folder " + missing + " does not exist"
	for _, args := range [][]string{
		{"backup", filepath.Join(missing, "lib.db")},
		{"render", id, "1", "-o", filepath.Join(missing, "p.png")},
		{"render", id, "1-2", "-o", filepath.Join(missing, "pages")},
		{"annotations", "export", "--format", "md", "-o", filepath.Join(missing, "notes.md")},
	} {
		if line := c.fail(args...); !strings.Contains(line, want) {
			t.Errorf("%v: %s", args, line)
		}
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Fatalf("a folder was made: %v", err)
	}
	// The folder of a range's output folder must exist; the folder itself
	// is made.
	out := filepath.Join(t.TempDir(), "pages")
	c.ok("render", id, "1-2", "-o", out)
	if names, _ := filepath.Glob(filepath.Join(out, "p*.png")); len(names) != 2 {
		t.Fatalf("rendered %v", names)
	}
}

// restore names the copy of the replaced database that it really kept,
// even when that database was too damaged to open.
func TestRestoreNamesTheKeptFile(t *testing.T) {
	c := newCLI(t)
	backup := filepath.Join(t.TempDir(), "lib.db")
	c.ok("backup", backup)
	db := filepath.Join(c.data, "library.db")
	os.Remove(db + "-wal")
	os.Remove(db + "-shm")
	if err := os.WriteFile(db, []byte(strings.Repeat("damaged ", 1024)), 0o600); err != nil {
		t.Fatal(err)
	}
	out := c.ok("restore", backup)
	i := strings.Index(out, "is kept in ")
	if i < 0 {
		t.Fatalf("restore: %s", out)
	}
	kept := strings.TrimSpace(out[i+len("is kept in "):])
	if _, err := os.Stat(kept); err != nil || !strings.HasSuffix(kept, "-raw.db") {
		t.Fatalf("restore said %s: %v", kept, err)
	}
}

// A server that sends more than it announced makes net/http log a line
// ("Unsolicited response received on idle HTTP channel"): it stays off
// standard error, which holds progress and at most one line of reason;
// --verbose shows it.
func TestHTTPLogLinesStayOffStandardError(t *testing.T) {
	feed := atomFeed("Overflowing", []entry{{id: "urn:o:1", title: "One"}})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/atom+xml\r\nContent-Length: %d\r\n\r\n%sEXTRA BYTES",
			len(feed), feed)
		buf.Flush()
		io.Copy(io.Discard, conn) // hold the connection until the client leaves
	}))
	t.Cleanup(srv.Close)
	for _, verbose := range []bool{false, true} {
		c := newCLI(t)
		c.ok("sources", "add", srv.URL+"/feed.xml")
		args := []string{"sync"}
		if verbose {
			args = append(args, "--verbose")
		}
		r := c.run(args...)
		if r.code != 0 {
			t.Fatalf("%s", r)
		}
		logged := strings.Contains(r.stderr, "Unsolicited response")
		for _, l := range r.stderrLines() {
			if !progressLine.MatchString(l) && !strings.HasPrefix(l, "fieldshelf: detail: ") {
				t.Errorf("stderr line %q", l)
			}
		}
		if logged != verbose {
			t.Errorf("net/http's line on standard error: %v, want %v\n%s", logged, verbose, r)
		}
	}
}

// The probe, with the real binary: a catalogue behind a password
// whose entries link their files to another host (another port). The
// files download, and the other host never sees the password.
func TestPasswordStaysWithItsCatalogue(t *testing.T) {
	const user, secret = "fieldworker", "Zq7-correct-horse"
	catalogue, other := newServer(t), newServer(t)
	catalogue.requireAuth(user, secret)
	own, far := pdfBytes(7, 60_000), pdfBytes(8, 70_000)
	catalogue.setFile("/files/own.pdf", own, "application/pdf")
	other.setFile("/files/far.pdf", far, "application/pdf")
	catalogue.setFeed(feedPath, atomFeed("Private", []entry{
		{id: "urn:p:own", title: "Own file", pdf: catalogue.url("/files/own.pdf"), size: int64(len(own))},
		{id: "urn:p:far", title: "Far file", pdf: other.url("/files/far.pdf"), size: int64(len(far))},
	}))
	c := newCLI(t)
	c.env = append(c.env, "SHELF_PASSWORD="+secret)
	c.ok("sources", "add", catalogue.url(feedPath), "--name", "Private", "--user", user, "--password-env", "SHELF_PASSWORD")
	c.ok("sync")
	c.ok("download", c.docID("urn:p:own"), c.docID("urn:p:far"))
	c.checkOffline(c.docID("urn:p:far"), far)
	for _, path := range []string{feedPath, "/files/own.pdf"} {
		for _, req := range catalogue.requests(path) {
			if !req.authorized {
				t.Errorf("%s reached the catalogue without the password", path)
			}
		}
	}
	reqs := other.requests("/files/far.pdf")
	if len(reqs) == 0 {
		t.Fatal("the other host was never asked")
	}
	for _, req := range reqs {
		if req.hadAuth {
			t.Fatal("the password went to the other host")
		}
	}
}

// What the command line refuses at once, in one line.
func TestHostileInputRefusedInOneLine(t *testing.T) {
	c := newCLI(t)
	id := offlineDemoDoc(t, c)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"sources", "add", "file://evil.com/x"}, "not file://evil.com/"},
		{[]string{"sources", "add", "file:///no/such/catalog.xml"}, "there is no file /no/such/catalog.xml"},
		{[]string{"search", strings.Repeat("word ", 13)}, "a search can have at most 12 words and 256 characters"},
		{[]string{"search", strings.Repeat("OR ", 30000)}, "a search can have at most 12 words"},
		{[]string{"highlights", "add", id, "1", "--quote", "Fieldshelf", "--color", "ultraviolet"},
			`colour "ultraviolet": use yellow, green, blue, pink`},
		{[]string{"bookmarks", "add", id, "999999"}, "page 999999"},
	} {
		if line := c.fail(tc.args...); !strings.Contains(line, tc.want) {
			t.Errorf("%v: %s\nwant %q in it", tc.args[:2], line, tc.want)
		}
	}
}

// offlineDemoDoc installs the demo library in c's data directory (the
// first command does) and returns the id of its offline document.
func offlineDemoDoc(t *testing.T, c *cli) string {
	t.Helper()
	var docs []map[string]any
	c.okJSON(&docs, "ls", "--offline", "--json")
	if len(docs) == 0 {
		t.Fatal("the demo has no offline document")
	}
	return strconv.Itoa(int(docs[0]["id"].(float64)))
}

package main_test

import (
	"encoding/base64"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// sourceFields are the fields of every source in `sources list --json`.
var sourceFields = map[string]string{"id": "number", "url": "string", "name": "string", "entries": "number",
	"last_sync": "string|null", "last_error": "string"}

func TestSourcesAddListRemove(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	srv := newServer(t)
	newShelf(srv).publish()
	url := srv.url(feedPath)

	if out := c.ok("sources", "add", url, "--name", "Test shelf"); !regexp.MustCompile(`^added source \d+: Test shelf\n$`).MatchString(out) {
		t.Fatalf("sources add printed %q", out)
	}
	// Flags may come before the URL too.
	out := c.ok("sources", "add", "--name", "Other shelf", srv.url("/other.xml"))
	m := addedSource.FindStringSubmatch(out)
	if m == nil || m[2] != "Other shelf" {
		t.Fatalf("sources add printed %q, want %q", out, addedSource)
	}
	other := m[1]

	list := c.sources()
	if len(list) != 3 {
		t.Fatalf("got %d sources, want the demo library and the two added\n%s", len(list), dump(list))
	}
	for i, s := range list {
		checkFields(t, "source "+idText(t, s["id"]), s, sourceFields)
		if i > 0 && s["id"].(float64) <= list[i-1]["id"].(float64) {
			t.Errorf("got source ids %v then %v, want them in the order added", list[i-1]["id"], s["id"])
		}
	}
	demo := list[0]
	if demo["name"] != demoName || !strings.HasPrefix(demo["url"].(string), "file://") ||
		demo["entries"] != float64(demoEntries) || demo["last_sync"] == nil || demo["last_error"] != "" {
		t.Errorf("got first source %s, want the synced demo library", dump(demo))
	}
	added := list[1]
	if added["url"] != url || added["name"] != "Test shelf" || added["last_sync"] != nil || added["entries"] != 0.0 {
		t.Errorf("got added source %s, want url %s, name Test shelf, never synced", dump(added), url)
	}

	text := c.ok("sources", "list")
	if !strings.HasPrefix(text, "ID") || !strings.Contains(text, "Test shelf") || !strings.Contains(text, "never") {
		t.Errorf("got sources list\n%s\nwant a table with the new, never synced source", text)
	}

	if out := c.ok("sources", "remove", other); !strings.HasPrefix(out, "removed source "+other) {
		t.Errorf("got %q from sources remove", out)
	}
	if list := c.sources(); len(list) != 2 || list[1]["name"] != "Test shelf" {
		t.Errorf("after remove got sources %s", dump(list))
	}
	if reason := c.fail("sources", "remove", other); !strings.Contains(reason, "no source "+other) {
		t.Errorf("removing source %s twice: got %q, want no source %s", other, reason, other)
	}
}

// TestPasswordIsNeverWritten subscribes to a catalogue behind HTTP Basic
// authentication and checks that the password, given through an
// environment variable, appears in no output and in no file of the data
// directory, while it still reaches the server.
func TestPasswordIsNeverWritten(t *testing.T) {
	t.Parallel()
	const user, secret = "fieldworker", "Zq7-correct-horse-battery-staple-41"
	c := newCLI(t)
	c.env = append(c.env, "SHELF_PASSWORD="+secret)
	srv := newServer(t)
	srv.requireAuth(user, secret)
	sh := newShelf(srv)
	sh.publish()

	var outputs []result
	run := func(args ...string) result {
		t.Helper()
		r := c.run(args...)
		outputs = append(outputs, r)
		return r
	}
	if r := run("sources", "add", srv.url(feedPath), "--name", "Private shelf", "--user", user,
		"--password-env", "SHELF_PASSWORD"); r.code != 0 {
		t.Fatalf("got exit %d, want 0\n%s", r.code, r)
	}
	src := idText(t, c.sourceNamed("Private shelf")["id"])
	if r := run("sync", src); r.code != 0 || !strings.HasPrefix(r.stdout, "synced 4 entries: 4 added") {
		t.Fatalf("got %s\nwant the four entries synced with the password", r)
	}
	for _, req := range srv.requests(feedPath) {
		if !req.authorized {
			t.Errorf("got a catalogue request without the credentials")
		}
	}
	id := c.docID("urn:test:shelter-handbook")
	if r := run("download", id); r.code != 0 {
		t.Fatalf("got exit %d, want 0 (the file is behind the same login)\n%s", r.code, r)
	}
	c.checkOffline(id, sh.files["/files/shelter.pdf"])
	for _, args := range [][]string{{"sources", "list"}, {"sources", "list", "--json"}, {"ls", "--json"},
		{"show", id}, {"show", id, "--json"}, {"storage", "--json"}, {"sync"}} {
		if r := run(args...); r.code != 0 {
			t.Fatalf("got exit %d, want 0\n%s", r.code, r)
		}
	}
	listed := c.sourceNamed("Private shelf")
	if listed["user"] != user || listed["password_env"] != "SHELF_PASSWORD" {
		t.Errorf("got source %s, want user %q and password_env SHELF_PASSWORD", dump(listed), user)
	}

	// A wrong password fails in one line.
	srv.requireAuth(user, "another-password")
	reason := checkFailureAfterProgress(t, run("sync", src))
	if !strings.Contains(reason, "401") {
		t.Errorf("got %q, want the 401 status", reason)
	}
	// Without the variable, the sync says which variable to set.
	c.env = nil
	reason = checkFailureAfterProgress(t, run("sync", src))
	if !strings.Contains(reason, "SHELF_PASSWORD") || !strings.Contains(reason, "not set") {
		t.Errorf("got %q, want a reason naming the unset variable SHELF_PASSWORD", reason)
	}

	basic := base64.StdEncoding.EncodeToString([]byte(user + ":" + secret))
	for _, r := range outputs {
		for _, s := range []string{secret, basic} {
			if strings.Contains(r.stdout, s) || strings.Contains(r.stderr, s) {
				t.Errorf("the password appears in the output of\n%s", r)
			}
		}
	}
	err := filepath.WalkDir(c.data, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, s := range []string{secret, basic} {
			if strings.Contains(string(b), s) {
				t.Errorf("the password is written in %s", path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestFailuresPrintOneLine pins the failure contract: exit 1 and one line
// on standard error, "fieldshelf: " and the reason.
func TestFailuresPrintOneLine(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	srv := newServer(t)
	srv.setStatus("/broken.xml", 404)
	srv.setFeed("/notfeed.xml", "this is not a catalogue")
	c.ok("ls") // installs the demo library
	for _, tc := range []struct {
		args []string
		want string // in the reason
	}{
		{[]string{"show", "abc"}, `document id "abc" is not a number`},
		{[]string{"show", "9999"}, "no document 9999"},
		{[]string{"show", "9999", "--json"}, "no document 9999"},
		{[]string{"sources", "add", "ftp://127.0.0.1/catalog.xml"}, "use http, https or file"},
		{[]string{"sources", "add", "http://"}, "has no host"},
		{[]string{"sources", "add", "http://[::1"}, "source URL"},
		{[]string{"sources", "add", "catalog.xml"}, "use http, https or file"},
		{[]string{"sources", "add", "http://user:pw@127.0.0.1/x.xml"}, "--password-env"},
		{[]string{"sources", "add", srv.url("/x.xml"), "--password-env", "X"}, "needs a user name"},
		{[]string{"sources", "remove", "x"}, "not a number"},
		{[]string{"sources", "remove", "9999"}, "no source 9999"},
		{[]string{"sync", "x"}, `source id "x" is not a number`},
		{[]string{"sync", "9999"}, "no source 9999"},
		{[]string{"download", "9999"}, "no document 9999"},
		{[]string{"download", "0"}, `document id "0"`},
		{[]string{"remove", "9999"}, "9999"},
		{[]string{"ls", "--sort", "size"}, "unknown sort"},
		{[]string{"config", "set", "cache-limit", "lots"}, "size"},
		{[]string{"config", "set", "colour", "blue"}, "unknown setting"},
		{[]string{"config", "get", "colour"}, "unknown setting"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"ls", "--data"}, "--data needs a directory"},
	} {
		reason := c.fail(tc.args...)
		if !strings.Contains(reason, tc.want) {
			t.Errorf("fieldshelf %s: got %q, want it to contain %q", strings.Join(tc.args, " "), reason, tc.want)
		}
		if strings.Contains(reason, "pw@") {
			t.Errorf("fieldshelf %s: got %q, which repeats the credentials", strings.Join(tc.args, " "), reason)
		}
	}
	// Catalogues that cannot be synced: the reason follows the progress.
	paths := []string{"/broken.xml", "/notfeed.xml"}
	for _, path := range paths {
		src := c.addSource(srv.url(path))
		reason := c.failAfterProgress("sync", src)
		if !strings.Contains(reason, srv.url(path)) {
			t.Errorf("sync of %s: got %q, want the reason to name the page", path, reason)
		}
	}
	// Both at once (and the demo library, which syncs): still one line.
	reason := c.failAfterProgress("sync")
	for _, path := range paths {
		if !strings.Contains(reason, srv.url(path)) {
			t.Errorf("sync of every source: got %q, want the reason to name %s", reason, path)
		}
	}
}

// TestUsageErrors pins bad arguments: exit 1 and the command's usage as the
// one line on standard error.
func TestUsageErrors(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	for _, args := range [][]string{
		{"show"}, {"show", "1", "2"}, {"ls", "--bogus"}, {"ls", "extra"}, {"search"}, {"sources"},
		{"sources", "add"}, {"sources", "frob"}, {"download"}, {"download", "1", "--all"},
		{"download", "--all", "--tag", "x"}, {"download", "--bogus"}, {"remove"}, {"config"}, {"config", "set", "cache-limit"},
		{"storage", "x"}, {"ls", "--year", "recent"},
	} {
		line := c.failUsage(args...)
		if !strings.HasPrefix(line, "usage: fieldshelf "+args[0]) {
			t.Errorf("fieldshelf %s: got %q, want the usage of %s", strings.Join(args, " "), line, args[0])
		}
	}
	out := c.ok("help")
	for _, cmd := range []string{"sources", "sync", "ls", "search", "show", "download", "remove", "storage", "config"} {
		if !strings.Contains(out, "fieldshelf "+cmd) {
			t.Errorf("help does not show the usage of %s:\n%s", cmd, out)
		}
	}
}

// TestLocale runs commands under the locales a field laptop or a container
// may have: none of them may add lines to standard error.
func TestLocale(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.ok("ls") // installs the demo library
	const reason = `fieldshelf: document id "abc" is not a number`
	for _, locale := range []string{"LANG=C", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "LANG=POSIX", "LANG=en_GB.UTF-8",
		"LANG=fr_FR.UTF-8", "LANGUAGE=fr:en"} {
		c.env = []string{locale}
		if r := c.run("sources", "list"); r.code != 0 || r.stderr != "" {
			t.Errorf("%s: got exit %d and stderr %q, want exit 0 and nothing on stderr", locale, r.code, r.stderr)
		}
		if r := c.run("show", "abc"); r.code != 1 || r.stderr != reason+"\n" {
			t.Errorf("%s: got exit %d and stderr %q, want exit 1 and %q", locale, r.code, r.stderr, reason+"\n")
		}
	}
}

// TestPlainReasonsVerboseAndDoubleDash pins the reasons written for
// people: what is missing is named plainly, --verbose adds the technical
// chain behind it, and after -- every argument is positional.
func TestPlainReasonsVerboseAndDoubleDash(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.ok("ls") // installs the demo library
	if reason := c.fail("show", "9999"); reason != "fieldshelf: no document 9999" {
		t.Errorf("show 9999: got %q, want %q", reason, "fieldshelf: no document 9999")
	}
	verbose := c.fail("--verbose", "show", "9999")
	if !strings.HasPrefix(verbose, "fieldshelf: no document 9999 (") || !strings.Contains(verbose, "storage: document 9999: not found") {
		t.Errorf("show 9999 --verbose: got %q, want the sentence and the chain behind it", verbose)
	}
	if out := c.ok("search", "--", "-zqxj", "-vvkw"); out != "no matches\n" {
		t.Errorf("search -- -zqxj -vvkw: got %q, want no matches", out)
	}
	id := c.docID("urn:fieldshelf:demo:user-guide")
	if out := c.ok("notes", "add", id, "--", "-v", "--json"); !strings.HasPrefix(out, "added note ") {
		t.Fatalf("notes add ID -- -v --json: got %q", out)
	}
	if out := c.ok("notes", "list", id); !strings.Contains(out, "-v --json") {
		t.Errorf("notes list: got %q, want the note's text -v --json", out)
	}
	if reason := c.fail("sync", "--", "x"); !strings.Contains(reason, `source id "x" is not a number`) {
		t.Errorf("sync -- x: got %q", reason)
	}
}

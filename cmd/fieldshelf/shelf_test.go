package main_test

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// feedPath is where a server publishes its catalogue.
const feedPath = "/opds/catalog.xml"

// demoName is the name of the demo library's source, which the first
// command on a new data directory installs and syncs.
const demoName = "Fieldshelf demo library"

// demoEntries is the number of entries of the demo library.
const demoEntries = 6

// shelf is a catalogue published on a server, with the files it links to.
type shelf struct {
	srv     *server
	title   string
	entries []entry
	files   map[string][]byte // by file path on the server
}

// newShelf returns the test catalogue: four publications, three of them
// with a file.
func newShelf(srv *server) *shelf {
	sh := &shelf{srv: srv, title: "Test shelf", files: map[string][]byte{}}
	sh.entries = []entry{
		{id: "urn:test:shelter-handbook", title: "Shelter referral handbook",
			summary:   "How caseworkers refer survivors to safe shelters in Northland.",
			publisher: "North Relief Network", authors: []string{"Amina Okafor", "Lena Berg"}, year: 2021,
			types: []string{"Field Manual"}, regions: []string{"Northland"}, pdf: "/files/shelter.pdf"},
		{id: "urn:test:labour-survey", title: "Seasonal labour recruitment survey",
			summary:   "Survey of the recruitment fees paid by seasonal workers.",
			publisher: "South Research Institute", authors: []string{"Kofi Mensah"}, year: 2023,
			types: []string{"Survey"}, regions: []string{"Southland"}, pdf: "/files/survey.pdf"},
		{id: "urn:test:interview-guide", title: "Victim interview guide",
			summary:   "Trauma-informed interviewing, with checklists for the first meeting.",
			publisher: "North Relief Network", year: 2023,
			types: []string{"Field Manual"}, regions: []string{"Northland", "Southland"}},
		{id: "urn:test:debt-review", title: "Debt bondage evidence review",
			summary: "A review of the evidence on debt bondage in brick kilns.",
			types:   []string{"Survey"}, regions: []string{"Westland"}, pdf: "/files/debt.pdf"},
	}
	for i, e := range sh.entries {
		if e.pdf != "" {
			sh.setFile(e.pdf, pdfBytes(uint64(i+1), 150_000+i*20_011))
		}
	}
	return sh
}

// setFile changes the bytes of a file and the length its entry announces.
func (sh *shelf) setFile(path string, b []byte) {
	sh.files[path] = b
	for i := range sh.entries {
		if sh.entries[i].pdf == path {
			sh.entries[i].size = int64(len(b))
		}
	}
}

// publish serves the catalogue and its files as they are now.
func (sh *shelf) publish() {
	entries := make([]entry, len(sh.entries))
	for i, e := range sh.entries {
		if e.pdf != "" {
			e.pdf = sh.srv.url(e.pdf)
		}
		entries[i] = e
	}
	sh.srv.setFeed(feedPath, atomFeed(sh.title, entries))
	for path, b := range sh.files {
		sh.srv.setFile(path, b, "application/pdf")
	}
}

var addedSource = regexp.MustCompile(`^added source (\d+): (.*)\n$`)

// addSource subscribes to a catalogue and returns the new source's id.
func (c *cli) addSource(url string, flags ...string) string {
	c.t.Helper()
	out := c.ok(append([]string{"sources", "add", url}, flags...)...)
	m := addedSource.FindStringSubmatch(out)
	if m == nil {
		c.t.Fatalf("sources add printed %q, want %q", out, addedSource)
	}
	return m[1]
}

// sources returns `sources list --json`.
func (c *cli) sources() []map[string]any {
	c.t.Helper()
	var out []map[string]any
	c.okJSON(&out, "sources", "list", "--json")
	return out
}

// sourceNamed returns the listed source with this name.
func (c *cli) sourceNamed(name string) map[string]any {
	c.t.Helper()
	for _, s := range c.sources() {
		if s["name"] == name {
			return s
		}
	}
	c.t.Fatalf("no source named %q", name)
	return nil
}

// docs returns every document (withdrawn ones too) by entry id.
func (c *cli) docs() map[string]map[string]any {
	c.t.Helper()
	var list []map[string]any
	c.okJSON(&list, "ls", "--withdrawn", "--json")
	out := map[string]map[string]any{}
	for _, d := range list {
		out[d["entry_id"].(string)] = d
	}
	return out
}

// docID returns the document id of an entry of the test catalogue.
func (c *cli) docID(entryID string) string {
	c.t.Helper()
	d, ok := c.docs()[entryID]
	if !ok {
		c.t.Fatalf("no document for entry %s", entryID)
	}
	return idText(c.t, d["id"])
}

// show returns `show ID --json`.
func (c *cli) show(id string) map[string]any {
	c.t.Helper()
	var d map[string]any
	c.okJSON(&d, "show", id, "--json")
	return d
}

// removeDemo unsubscribes from the demo library, so that listings hold the
// test catalogue only.
func (c *cli) removeDemo() {
	c.t.Helper()
	c.ok("sources", "remove", idText(c.t, c.sourceNamed(demoName)["id"]))
}

// syncedShelf starts a server with the test catalogue, subscribes a new
// data directory to it and syncs it.
func syncedShelf(t *testing.T) (*cli, *shelf, string) {
	t.Helper()
	c := newCLI(t)
	srv := newServer(t)
	sh := newShelf(srv)
	sh.publish()
	src := c.addSource(srv.url(feedPath), "--name", sh.title)
	c.ok("sync", src)
	return c, sh, src
}

// idText turns a JSON id (a number) into the text the commands take.
func idText(t *testing.T, v any) string {
	t.Helper()
	f, ok := v.(float64)
	if !ok || f != float64(int64(f)) || f <= 0 {
		t.Fatalf("got id %#v, want a positive integer", v)
	}
	return strconv.FormatInt(int64(f), 10)
}

// jsonKind names the JSON type of a decoded value.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "?"
}

// checkFields checks that obj has each key with one of the JSON types
// given for it ("string", "number|null", "array of string", ...).
func checkFields(t *testing.T, what string, obj map[string]any, want map[string]string) {
	t.Helper()
	for key, kinds := range want {
		v, ok := obj[key]
		if !ok {
			t.Errorf("%s: got no %q field, want %s\n%s", what, key, kinds, dump(obj))
			continue
		}
		if elem, isArray := strings.CutPrefix(kinds, "array of "); isArray {
			arr, ok := v.([]any)
			if !ok {
				t.Errorf("%s: got %s %q = %v, want an array (never null)", what, jsonKind(v), key, v)
				continue
			}
			for i, x := range arr {
				if jsonKind(x) != elem {
					t.Errorf("%s: got %s %s[%d] = %v, want %s", what, jsonKind(x), key, i, x, elem)
				}
			}
			continue
		}
		if !strings.Contains("|"+kinds+"|", "|"+jsonKind(v)+"|") {
			t.Errorf("%s: got %s %q = %v, want %s", what, jsonKind(v), key, v, kinds)
		}
	}
}

// docFields are the fields every document of --json output has.
var docFields = map[string]string{
	"id": "number", "source_id": "number", "entry_id": "string", "title": "string",
	"authors": "array of string", "publisher": "string", "year": "number|null", "summary": "string",
	"tags": "array of string", "pdf_url": "string", "pdf_size": "number", "offline": "boolean",
	"withdrawn": "boolean", "update_available": "boolean",
}

// cachedFields are the fields a document with an offline file also has.
var cachedFields = map[string]string{"pinned": "boolean", "local_size": "number", "sha256": "string"}

// hitFields are the fields a search result has besides the document's.
var hitFields = map[string]string{"kind": "string", "snippet": "string"}

func dump(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

// strings of a JSON array of strings.
func stringsOf(v any) []string {
	var out []string
	arr, _ := v.([]any)
	for _, x := range arr {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// loginPage is what a captive portal or an expired session sends instead
// of a file.
const loginPage = `<!DOCTYPE html>
<html><head><title>Sign in</title></head>
<body><form method="post" action="/login"><input name="user"><input name="password" type="password"></form></body>
</html>
`

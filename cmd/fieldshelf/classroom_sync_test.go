package main_test

import (
	"bytes"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// expected is what a publication of trainerFolder must say, in the feeds
// and once synced.
type expected struct {
	file, title, summary, publisher, year, language string
	authors, types, regions, tags                   []string
}

var classroomPubs = []expected{
	{file: "handbooks/screening.pdf", title: "Handbook on screening", summary: "How to run a screening interview.",
		publisher: "ILO", year: "2021", language: "en", authors: []string{"Ana Ruiz", "Kofi Mensah"},
		types: []string{"Handbook"}, regions: []string{"Asia", "Europe"}, tags: []string{"interviews", "consent"}},
	{file: "reports/annual 2023.pdf", title: "Annual Report 2023", summary: "What the programme did in 2023.",
		publisher: "FAST", year: "2023", authors: []string{"Research Unit"}, types: []string{"Report"},
		regions: []string{"Global"}, tags: []string{"finance", "survivors"}},
	{file: "guidance.pdf", title: "Referral guidance", summary: "How to refer a survivor to a shelter safely.",
		year: "2019", language: "fr", types: []string{"Guidance"}, regions: []string{"Africa"}},
	{file: "extra.pdf", title: "Workshop agenda", summary: "Day one: screening."},
}

// publishAndServe publishes the trainer's folder (two entries a page, so
// the feeds have several) and serves it.
func publishAndServe(t *testing.T, trainer *cli, dir string, args ...string) (string, *serving) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	r := trainer.run(append([]string{"publish", dir, "-o", out, "--title", "Workshop", "--page-size", "2"}, args...)...)
	if r.code != 0 || !strings.Contains(r.stdout, "published 4 publications") ||
		!strings.Contains(r.stderr, "warning: left out damaged.pdf: it is damaged, or not a PDF") {
		t.Fatalf("publish: %s", r)
	}
	return out, trainer.serveFolder(out)
}

func TestPublishServeSyncDownload(t *testing.T) {
	dir, files := trainerFolder(t)
	out, srv := publishAndServe(t, newCLI(t), dir)

	// The feeds, read with the test's own decoder: both formats say the
	// same of every publication, on every page.
	atom, atomFacets := readAtom(t, srv, srv.url)
	js, jsonFacets := readJSON(t, srv, srv.base()+"catalog.json")
	if len(atom) != 4 || len(js) != 4 {
		t.Fatalf("%d entries in Atom, %d in JSON, want 4", len(atom), len(js))
	}
	for _, facets := range []map[string]int{atomFacets, jsonFacets} {
		if facets["Type"] != 3 || facets["Region"] != 4 || facets["Year"] != 3 {
			t.Fatalf("facets %v, want 3 types, 4 regions, 3 years", facets)
		}
	}
	byTitle := byTitleView(atom)
	for _, want := range classroomPubs {
		a := byTitle[want.title]
		checkView(t, "Atom", a, want, files[want.file])
		checkView(t, "JSON", js[a.ID], want, files[want.file])
		if js[a.ID].File != a.File || js[a.ID].Cover != a.Cover {
			t.Fatalf("%s: the formats link to other files: %+v, %+v", want.title, a, js[a.ID])
		}
	}

	// A trainee syncs it, downloads every file (checked against the
	// published SHA-256) and finds the metadata and covers.
	trainee := newCLI(t)
	trainee.ok("sources", "add", srv.url, "--name", "Workshop")
	if got := trainee.ok("sync"); !strings.Contains(got, ": 4 added") {
		t.Fatalf("sync: %q", got)
	}
	docs := trainee.workshopDocs(t)
	tamper(t, filepath.Join(out, "files", "guidance.pdf"), func() {
		r := trainee.run("download", docs["Referral guidance"].id())
		if r.code == 0 || !strings.Contains(r.stderr, "not the one the catalogue published") {
			t.Fatalf("a file that differs from its published SHA-256 was kept: %s", r)
		}
	})
	trainee.ok("download", "--all")
	docs = trainee.workshopDocs(t)
	for _, want := range classroomPubs {
		d := docs[want.title]
		d.check(t, want)
		trainee.checkOffline(d.id(), files[want.file])
		checkCover(t, srv, d, want.title == "Handbook on screening")
	}

	// A second sync asks again and is told nothing changed.
	before := len(srv.logLines(0))
	trainee.ok("sync")
	again := srv.logLines(before)
	if len(again) != 2 {
		t.Fatalf("second sync made %d requests, want the 2 pages: %v", len(again), again)
	}
	for _, l := range again {
		if !strings.Contains(l, " 304 ") {
			t.Fatalf("second sync transferred %q, want only 304s", l)
		}
	}

	// Nothing outside the folder, and not its state, is served.
	for _, target := range []string{"/../" + filepath.Base(dir) + "/guidance.pdf", "/files/..%2f..%2fetc/passwd",
		"/.fieldshelf-publish.json", "/%2e%2e/"} {
		if code, body := srv.rawStatus(t, target); code != http.StatusNotFound || strings.Contains(body, "%PDF") {
			t.Errorf("GET %s: %d, want 404", target, code)
		}
	}
}

// checkView compares a publication of a feed with what it must say.
func checkView(t *testing.T, format string, v pubView, want expected, file []byte) {
	t.Helper()
	got := []string{v.Title, v.Summary, v.Publisher, v.Year, v.Language, joined(v.Authors), joined(v.Types),
		joined(v.Regions), joined(v.Tags), v.SHA256}
	exp := []string{want.title, want.summary, want.publisher, want.year, want.language, joined(want.authors),
		joined(want.types), joined(want.regions), joined(want.tags), sha256Hex(file)}
	for i := range got {
		if got[i] != exp[i] {
			t.Fatalf("%s entry of %s: field %d is %q, want %q (%+v)", format, want.file, i, got[i], exp[i], v)
		}
	}
	if v.Length != int64(len(file)) || v.Cover == "" || !strings.HasPrefix(v.ID, "urn:uuid:") {
		t.Fatalf("%s entry of %s: %+v", format, want.file, v)
	}
}

// tamper changes a byte in the middle of a published file for the time of
// fn, keeping its size.
func tamper(t *testing.T, path string, fn func()) {
	t.Helper()
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Clone(orig)
	bad[len(bad)/2] ^= 0x20
	if err := os.WriteFile(path, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	fn()
	if err := os.WriteFile(path, orig, 0o644); err != nil {
		t.Fatal(err)
	}
}

// syncedDoc is a document of ls --json.
type syncedDoc map[string]any

func (d syncedDoc) id() string { return jsonNumber(d["id"]) }

func (d syncedDoc) strings(key string) string {
	var out []string
	for _, v := range d[key].([]any) {
		out = append(out, v.(string))
	}
	return joined(out)
}

// check compares a synced document with what its publication says.
func (d syncedDoc) check(t *testing.T, want expected) {
	t.Helper()
	year := ""
	if d["year"] != nil {
		year = jsonNumber(d["year"])
	}
	tags := append(append(append([]string{}, want.types...), want.regions...), want.tags...)
	got := []string{d["summary"].(string), d["publisher"].(string), year, d.strings("authors"), d.strings("types"),
		d.strings("regions"), d.strings("tags")}
	exp := []string{want.summary, want.publisher, want.year, joined(want.authors), joined(want.types),
		joined(want.regions), joined(tags)}
	for i := range got {
		if got[i] != exp[i] {
			t.Fatalf("synced %s: field %d is %q, want %q", want.title, i, got[i], exp[i])
		}
	}
}

// workshopDocs lists the documents of the workshop's catalogue by title.
func (c *cli) workshopDocs(t *testing.T) map[string]syncedDoc {
	t.Helper()
	var list []syncedDoc
	c.okJSON(&list, "ls", "--json")
	out := map[string]syncedDoc{}
	for _, d := range list {
		if strings.Contains(d["pdf_url"].(string), "/files/") {
			out[d["title"].(string)] = d
		}
	}
	return out
}

// checkCover fetches a document's cover: the first page drawn 480 pixels
// across, red at the top for the screening handbook.
func checkCover(t *testing.T, srv *serving, d syncedDoc, red bool) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(srv.get(t, d["cover_url"].(string))))
	if err != nil {
		t.Fatalf("cover of %s: %v", d["title"], err)
	}
	if w := img.Bounds().Dx(); w != 480 {
		t.Fatalf("cover of %s is %d pixels wide", d["title"], w)
	}
	r, g, _, _ := img.At(240, 10).RGBA()
	if red != (r > 0xc000 && g < 0x4000) {
		t.Fatalf("cover of %s: pixel %x %x at the top", d["title"], r, g)
	}
}

// jsonNumber writes a JSON number as an integer.
func jsonNumber(v any) string { return strconv.FormatInt(int64(v.(float64)), 10) }

package publish_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/pdf/pdftest"
	"fieldshelf/app/publish"
)

// folder writes a trainer's folder: a CSV that describes two of the PDFs
// (leaving some columns empty for the PDF to fill) and names one that is
// not there, a PDF it does not describe, and a damaged PDF.
func folder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, "guides/screening.pdf", pdftest.Document(pdftest.Doc{Title: "Screening v1",
		Pages: []string{"Screening interviews\nA guide for caseworkers.", "Consent comes first."}, Color: "0.8 0.1 0.1"}))
	write(t, dir, "annual.pdf", pdftest.Document(pdftest.Doc{Title: "Annual Report 2023", Author: "Research Unit; Field Team",
		Subject: "What the programme did in 2023.", Keywords: "finance, survivors", Pages: []string{"Annual report"}}))
	write(t, dir, "notes.pdf", pdftest.Document(pdftest.Doc{Pages: []string{"Workshop notes on referral\nDay one covers the referral pathways."}}))
	write(t, dir, "broken.pdf", pdftest.Garbage())
	write(t, dir, publish.CSVName, []byte("file,title,summary,authors,publisher,year,type,regions,tags,language\n"+
		`guides/screening.pdf,Handbook on screening,"How to run a screening interview; with care.",Ana Ruiz;Kofi Mensah,ILO,2021,Handbook,Asia;Europe,interviews;consent,en`+"\n"+
		"annual.pdf,,,,FAST,twenty,Report,Global,,\n"+
		"missing.pdf,Gone,,,,,,,,\n"))
	return dir
}

func write(t testing.TB, dir, rel string, b []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// feed is what the tests read of an Atom page, with encoding/xml.
type feed struct {
	Links   []link  `xml:"link"`
	Entries []entry `xml:"entry"`
}

type link struct {
	Rel    string `xml:"rel,attr"`
	Href   string `xml:"href,attr"`
	Length int64  `xml:"length,attr"`
	SHA256 string `xml:"urn:fieldshelf:opds sha256,attr"`
	Group  string `xml:"http://opds-spec.org/2010/catalog facetGroup,attr"`
	Title  string `xml:"title,attr"`
}

type entry struct {
	ID      string `xml:"id"`
	Title   string `xml:"title"`
	Updated string `xml:"updated"`
	Summary string `xml:"summary"`
	Authors []struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Issued     string `xml:"http://purl.org/dc/terms/ issued"`
	Categories []struct {
		Scheme string `xml:"scheme,attr"`
		Label  string `xml:"label,attr"`
	} `xml:"category"`
	Links []link `xml:"link"`
}

func readFeed(t *testing.T, path string) feed {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f feed
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return f
}

func byTitle(f feed) map[string]entry {
	out := map[string]entry{}
	for _, e := range f.Entries {
		out[e.Title] = e
	}
	return out
}

// options publishes dir into out with the real PDF engine, as set changes
// them.
func options(t *testing.T, dir, out string, set func(*publish.Options)) publish.Options {
	o := publish.Options{PublishRequest: app.PublishRequest{Dir: dir, Out: out}, Open: opener(t)}
	set(&o)
	return o
}

func publishOK(t *testing.T, o publish.Options) app.PublishReport {
	t.Helper()
	rep, err := publish.Publish(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestPublishMergesTheCSVAndThePDFs(t *testing.T) {
	dir, out := folder(t), t.TempDir()
	rep := publishOK(t, options(t, dir, out, func(o *publish.Options) { o.Title = "Workshop" }))
	if rep.Publications != 3 || len(rep.Failed) != 1 || rep.Failed[0].File != "broken.pdf" {
		t.Fatalf("report %+v, want 3 publications and broken.pdf left out", rep)
	}
	problems := strings.Join(rep.Problems, "\n")
	if !strings.Contains(problems, "missing.pdf") || !strings.Contains(problems, `"twenty"`) {
		t.Fatalf("problems %q, want the missing file and the bad year", problems)
	}
	if _, err := os.Stat(filepath.Join(out, "files", "broken.pdf")); err == nil {
		t.Fatal("the damaged PDF was copied")
	}
	got := byTitle(readFeed(t, filepath.Join(out, publish.RootAtom)))
	s := got["Handbook on screening"]
	if s.Issued != "2021" || len(s.Authors) != 2 || s.Authors[1].Name != "Kofi Mensah" ||
		s.Summary != "How to run a screening interview; with care." || len(s.Categories) != 5 {
		t.Fatalf("screening entry %+v", s)
	}
	a := got["Annual Report 2023"]
	if a.Summary != "What the programme did in 2023." || len(a.Authors) != 2 || a.Issued != "" {
		t.Fatalf("annual entry %+v: want the PDF's title, subject and authors", a)
	}
	n, ok := got["Workshop notes on referral"]
	if !ok || n.Summary != "Day one covers the referral pathways." {
		t.Fatalf("entries %v: want the undescribed PDF titled by its first page", got)
	}
	file := s.Links[0]
	b, _ := os.ReadFile(filepath.Join(dir, "guides", "screening.pdf"))
	sum := sha256.Sum256(b)
	if file.Href != "files/guides/screening.pdf" || file.Length != int64(len(b)) || file.SHA256 != hex.EncodeToString(sum[:]) {
		t.Fatalf("file link %+v", file)
	}
	for _, l := range s.Links[1:3] {
		if _, err := os.Stat(filepath.Join(out, l.Href)); err != nil {
			t.Fatalf("cover %+v: %v", l, err)
		}
	}
	for _, p := range []string{publish.RootJSON, "feeds/type-handbook.xml", "feeds/region-asia.json", "feeds/year-2021.xml"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
}

// mtimes maps every file of a folder to its modification time.
func mtimes(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	out := map[string]time.Time{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			st, _ := d.Info()
			out[p] = st.ModTime()
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRepublishingAnUnchangedFolderRewritesNothing(t *testing.T) {
	dir, out := folder(t), t.TempDir()
	o := options(t, dir, out, func(o *publish.Options) { o.PageSize = 2 })
	publishOK(t, o)
	before := mtimes(t, out)
	o.Now = func() time.Time { return time.Now().Add(48 * time.Hour) }
	rep := publishOK(t, o)
	if rep.Written != 0 || rep.Added+rep.Changed+rep.Removed != 0 {
		t.Fatalf("second publish %+v, want nothing written", rep)
	}
	after := mtimes(t, out)
	if len(after) != len(before) {
		t.Fatalf("%d files, then %d", len(before), len(after))
	}
	for p, m := range before {
		if !after[p].Equal(m) {
			t.Fatalf("%s was rewritten", p)
		}
	}
	f := readFeed(t, filepath.Join(out, publish.RootAtom))
	if len(f.Entries) != 2 || !hasLink(f, "next", "feeds/all-2.xml") {
		t.Fatalf("first page %+v, want 2 entries and a next page", f)
	}
}

func hasLink(f feed, rel, href string) bool {
	for _, l := range f.Links {
		if l.Rel == rel && l.Href == href {
			return true
		}
	}
	return false
}

func TestEntriesKeepTheirIDsAndStampsAcrossChanges(t *testing.T) {
	dir, out := folder(t), t.TempDir()
	day1 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	o := options(t, dir, out, func(o *publish.Options) { o.Now = func() time.Time { return day1 } })
	publishOK(t, o)
	first := byTitle(readFeed(t, filepath.Join(out, publish.RootAtom)))

	// A new edition of one file, and another moved into a folder.
	write(t, dir, "guides/screening.pdf", pdftest.Document(pdftest.Doc{Pages: []string{"Screening, second edition"}}))
	if err := os.MkdirAll(filepath.Join(dir, "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "notes.pdf"), filepath.Join(dir, "old", "notes.pdf")); err != nil {
		t.Fatal(err)
	}
	day2 := day1.Add(24 * time.Hour)
	o.Now = func() time.Time { return day2 }
	rep := publishOK(t, o)
	second := byTitle(readFeed(t, filepath.Join(out, publish.RootAtom)))
	s1, s2 := first["Handbook on screening"], second["Handbook on screening"]
	if s1.ID != s2.ID || s2.Updated != day2.Format(time.RFC3339) || s1.Links[0].SHA256 == s2.Links[0].SHA256 {
		t.Fatalf("changed file: %+v then %+v, want the same id, a new stamp and sum", s1, s2)
	}
	n1, n2 := first["Workshop notes on referral"], second["Workshop notes on referral"]
	if n1.ID != n2.ID || n2.Links[0].Href != "files/old/notes.pdf" {
		t.Fatalf("moved file: %+v then %+v, want the same id at its new place", n1, n2)
	}
	if a := second["Annual Report 2023"]; a.Updated != day1.Format(time.RFC3339) {
		t.Fatalf("unchanged entry updated %s, want %s", a.Updated, day1.Format(time.RFC3339))
	}
	if rep.Changed != 2 || rep.Added != 0 || rep.Removed != 0 {
		t.Fatalf("report %+v, want 2 changed", rep)
	}
	if _, err := os.Stat(filepath.Join(out, "files", "notes.pdf")); err == nil {
		t.Fatal("the old copy of the moved file stayed in the output")
	}

	// The state file lost, the entries of files that stayed where they
	// were keep their ids all the same (the catalogue's is in its feed).
	if err := os.Remove(filepath.Join(out, ".fieldshelf-publish.json")); err != nil {
		t.Fatal(err)
	}
	publishOK(t, o)
	third := byTitle(readFeed(t, filepath.Join(out, publish.RootAtom)))
	for title, e := range second {
		if title != "Workshop notes on referral" && third[title].ID != e.ID {
			t.Fatalf("%s: id %s without the state, %s before", title, third[title].ID, e.ID)
		}
	}
}

func TestAnnotationsGoToThePublicationTheyAreAbout(t *testing.T) {
	dir, out := folder(t), t.TempDir()
	b, _ := os.ReadFile(filepath.Join(dir, "guides", "screening.pdf"))
	sum := sha256.Sum256(b)
	set := filepath.Join(t.TempDir(), "maria.json")
	if err := os.WriteFile(set, []byte(`{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationCollection",
	 "first":{"type":"AnnotationPage","items":[
	  {"id":"urn:uuid:11111111-1111-4111-8111-111111111111","type":"Annotation","motivation":"commenting",
	   "creator":{"type":"Person","name":"Maria Lopez"},"body":{"type":"TextualBody","value":"Start here"},
	   "target":{"source":"https://ilo.example/screening-handbook.pdf","sha256":"`+hex.EncodeToString(sum[:])+`"}},
	  {"id":"urn:uuid:22222222-2222-4222-8222-222222222222","type":"Annotation","motivation":"commenting",
	   "creator":{"type":"Person","name":"Maria Lopez"},"body":{"type":"TextualBody","value":"Read twice"},
	   "target":{"source":"https://elsewhere.example/annual.pdf"}},
	  {"id":"urn:uuid:33333333-3333-4333-8333-333333333333","type":"Annotation","motivation":"commenting",
	   "body":{"type":"TextualBody","value":"Lost"},"target":{"source":"urn:x","title":"A book not here"}}]}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := publishOK(t, options(t, dir, out, func(o *publish.Options) { o.Annotations = []string{set} }))
	if rep.Annotations != 2 || !strings.Contains(strings.Join(rep.Problems, "\n"), "A book not here") {
		t.Fatalf("report %+v, want 2 attached and one about no publication", rep)
	}
	got := byTitle(readFeed(t, filepath.Join(out, publish.RootAtom)))
	for title, text := range map[string]string{"Handbook on screening": "Start here", "Annual Report 2023": "Read twice"} {
		l := got[title].Links[len(got[title].Links)-1]
		if l.Rel != "http://www.w3.org/ns/oa#annotationService" || l.Title != "Annotations by Maria Lopez" {
			t.Fatalf("%s: last link %+v, want its annotation set", title, l)
		}
		b, err := os.ReadFile(filepath.Join(out, l.Href))
		if err != nil || !strings.Contains(string(b), text) || strings.Contains(string(b), "Lost") {
			t.Fatalf("%s: set %s (%v)", title, b, err)
		}
	}
}

func TestItemsArePublishedAsLinksToTheirFiles(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	write(t, src, "17-a1b2.pdf", pdftest.Document(pdftest.Doc{Title: "Cached handbook", Pages: []string{"Cached"}}))
	path := filepath.Join(src, "17-a1b2.pdf")
	rep := publishOK(t, options(t, "", out, func(o *publish.Options) {
		o.Title = "My library"
		o.Items = []publish.Item{{Path: path, Name: "17.pdf", Link: true, Row: publish.Row{Title: "Kept offline", Year: 2020}}}
	}))
	if rep.Publications != 1 || len(rep.Failed) != 0 {
		t.Fatalf("report %+v", rep)
	}
	a, _ := os.Stat(path)
	b, err := os.Stat(filepath.Join(out, "files", "17.pdf"))
	if err != nil || !os.SameFile(a, b) {
		t.Fatalf("the published file is not a link to the cached one (%v)", err)
	}
	if e := byTitle(readFeed(t, filepath.Join(out, publish.RootAtom)))["Kept offline"]; e.Issued != "2020" {
		t.Fatalf("entry %+v", e)
	}
}

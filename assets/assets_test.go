package assets_test

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"strings"
	"testing"

	"fieldshelf/assets"
)

const openAccessRel = "http://opds-spec.org/acquisition/open-access"

type feed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Entries []entry  `xml:"entry"`
}

type entry struct {
	ID         string     `xml:"id"`
	Title      string     `xml:"title"`
	Updated    string     `xml:"updated"`
	Summary    string     `xml:"summary"`
	Publisher  string     `xml:"http://purl.org/dc/terms/ publisher"`
	Categories []category `xml:"category"`
	Links      []link     `xml:"link"`
}

type category struct {
	Scheme string `xml:"scheme,attr"`
	Term   string `xml:"term,attr"`
	Label  string `xml:"label,attr"`
}

type link struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Href string `xml:"href,attr"`
}

// wellFormed reads every token of the document, which fails on any XML error.
func wellFormed(t *testing.T, doc []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("demo catalogue is not well-formed XML: %v", err)
		}
	}
}

func TestDemoCatalog(t *testing.T) {
	doc := assets.DemoCatalog()
	wellFormed(t, doc)

	var f feed
	if err := xml.Unmarshal(doc, &f); err != nil {
		t.Fatal(err)
	}
	if f.ID != "urn:fieldshelf:demo" || f.Title != "Fieldshelf demo library" {
		t.Errorf("feed id, title = %q, %q, want urn:fieldshelf:demo, Fieldshelf demo library", f.ID, f.Title)
	}
	if len(f.Entries) != 6 {
		t.Fatalf("%d entries, want 6", len(f.Entries))
	}
	ids := map[string]bool{}
	for _, e := range f.Entries {
		if !strings.HasPrefix(e.ID, "urn:fieldshelf:demo:") || ids[e.ID] {
			t.Errorf("entry id %q: want a unique urn:fieldshelf:demo:<slug>", e.ID)
		}
		ids[e.ID] = true
		if e.Title == "" || e.Updated == "" || e.Summary == "" {
			t.Errorf("entry %s: title, updated and summary must be set", e.ID)
		}
		for _, c := range e.Categories {
			if c.Scheme != "urn:fieldshelf:type" && c.Scheme != "urn:fieldshelf:region" {
				t.Errorf("entry %s: category %q has scheme %q", e.ID, c.Term, c.Scheme)
			}
			if c.Term == "" || c.Label == "" {
				t.Errorf("entry %s: category %+v lacks term or label", e.ID, c)
			}
		}
	}
}

// TestDemoCatalogLinks checks that only the user guide has a file link: the
// other publications are not bundled, and no URL is made up for them.
func TestDemoCatalogLinks(t *testing.T) {
	var f feed
	if err := xml.Unmarshal(assets.DemoCatalog(), &f); err != nil {
		t.Fatal(err)
	}
	for _, e := range f.Entries {
		if e.ID != "urn:fieldshelf:demo:user-guide" {
			if len(e.Links) != 0 {
				t.Errorf("entry %s has links %+v, want none: its file is not bundled", e.ID, e.Links)
			}
			continue
		}
		if len(e.Links) != 1 {
			t.Fatalf("user guide links = %+v, want one", e.Links)
		}
		l := e.Links[0]
		if l.Rel != openAccessRel || l.Type != "application/pdf" || l.Href != "user-guide.pdf" {
			t.Errorf("user guide link = %+v, want open-access application/pdf user-guide.pdf", l)
		}
	}
}

func TestIcon(t *testing.T) {
	cfg, err := png.DecodeConfig(bytes.NewReader(assets.Icon))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != 512 || cfg.Height != 512 {
		t.Errorf("icon is %dx%d, want 512x512", cfg.Width, cfg.Height)
	}
}

// TestDemoGuideLanguage gives the demo library the user guide in the
// user's language when there is one, under the name the feed links.
func TestDemoGuideLanguage(t *testing.T) {
	en, fr, th := assets.DemoFiles(), assets.DemoFilesFor("fr"), assets.DemoFilesFor("th")
	if len(en["user-guide.pdf"]) == 0 || len(fr["user-guide.pdf"]) == 0 {
		t.Fatal("no user guide in the demo files")
	}
	if bytes.Equal(en["user-guide.pdf"], fr["user-guide.pdf"]) {
		t.Error("the French demo library has the English guide")
	}
	if !bytes.Contains(fr["user-guide.pdf"], []byte("(Guide d'utilisation de Fieldshelf)")) {
		t.Error("the French guide is not titled in French")
	}
	if es := assets.DemoFilesFor("es"); !bytes.Contains(es["user-guide.pdf"], []byte("(Gu\\355a de uso de Fieldshelf)")) {
		t.Error("the Spanish guide is not titled in Spanish")
	}
	if !bytes.Equal(th["user-guide.pdf"], en["user-guide.pdf"]) {
		t.Error("a language with no guide of its own does not get the English one")
	}
	for _, files := range []map[string][]byte{en, fr, th} {
		for name := range files {
			if strings.HasPrefix(name, "user-guide.") && name != "user-guide.pdf" {
				t.Errorf("the demo files hold %s besides user-guide.pdf", name)
			}
		}
	}
}

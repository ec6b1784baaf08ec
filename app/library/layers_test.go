package library_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/library"
	"fieldshelf/storage"
)

// layerFeed is a catalogue of one handbook whose entry links to the given
// annotation sets.
func layerFeed(sets ...string) string {
	var links strings.Builder
	for _, s := range sets {
		fmt.Fprintf(&links, `<link rel="%s" type='%s' href="%s"/>`, app.RelAnnotations, app.AnnotationsType, s)
	}
	return `<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:workshop</id><title>Workshop</title>
<entry><id>urn:workshop:handbook</id><title>Handbook on screening</title><updated>2026-03-01T00:00:00Z</updated>
<link rel="http://opds-spec.org/acquisition/open-access" type="application/pdf" href="/files/handbook.pdf"/>` +
		links.String() + `</entry></feed>`
}

// trainerNote is one annotation of a trainer's set: a note on a page, or a
// highlight when quote is set.
type trainerNote struct {
	uid, text, quote, author string
	page                     int
}

// w3cSet writes the notes as an exported W3C collection would hold them.
func w3cSet(notes ...trainerNote) string {
	var items []string
	for _, n := range notes {
		author := n.author
		if author == "" {
			author = "Maria Lopez"
		}
		sel := fmt.Sprintf(`{"type":"FragmentSelector","value":"page=%d"}`, n.page)
		motivation, body := "commenting", fmt.Sprintf(`{"type":"TextualBody","value":%q,"format":"text/markdown"}`, n.text)
		if n.quote != "" {
			motivation = "highlighting"
			sel = fmt.Sprintf(`{"type":"TextQuoteSelector","exact":%q},`, n.quote) + sel
			body = fmt.Sprintf(`{"type":"TextualBody","value":%q,"color":"green"}`, n.text)
		}
		items = append(items, fmt.Sprintf(`{"@context":"http://www.w3.org/ns/anno.jsonld","id":"urn:uuid:%s",
			"type":"Annotation","motivation":%q,"creator":{"type":"Person","name":%q},"created":"2026-02-01T10:00:00Z",
			"body":%s,"target":{"source":"https://example.org/handbook.pdf","selector":[%s]}}`,
			n.uid, motivation, author, body, sel))
	}
	return `{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationCollection","first":{"type":"AnnotationPage","items":[` +
		strings.Join(items, ",") + `]}}`
}

const (
	uid1 = "11111111-1111-4111-8111-111111111111"
	uid2 = "22222222-2222-4222-8222-222222222222"
	uid3 = "33333333-3333-4333-8333-333333333333"
)

// layerItems returns the texts of the layer annotations listed for doc 1.
func layerItems(t *testing.T, l *library.Library) map[string]app.AnnotationItem {
	t.Helper()
	its, err := l.Annotations(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]app.AnnotationItem{}
	for _, it := range its {
		if it.Layer != 0 {
			out[it.UID] = it
		}
	}
	return out
}

func TestLayersFollowTheCatalogue(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t)
	srv.set("/catalog.xml", atomType, layerFeed("/sets/handbook.jsonld"))
	srv.set("/sets/handbook.jsonld", app.AnnotationsType, w3cSet(
		trainerNote{uid: uid1, text: "Ask about the consent form first.", page: 2},
		trainerNote{uid: uid2, text: "Skip this annex in the workshop.", page: 4},
		trainerNote{uid: uid3, text: "Key sign", quote: "debt bondage", page: 3}))
	l := newLibrary(t)
	src := addSource(t, l, srv.url("/catalog.xml"))
	if err := l.SetSetting(ctx, app.SettingAuthor, "Trainee"); err != nil {
		t.Fatal(err)
	}
	st := syncOK(t, l, src)
	if st.Layers.Added != 3 || st.Layers.Sets != 1 {
		t.Fatalf("first sync: layers %+v, want 3 annotations from 1 set", st.Layers)
	}
	layers, err := l.Layers(ctx)
	if err != nil || len(layers) != 1 || layers[0].Name() != "Maria Lopez" || layers[0].Items != 3 || layers[0].Color == "" {
		t.Fatalf("layers = %+v, %v", layers, err)
	}
	own, err := l.AddNote(ctx, 1, 2, "My own note")
	if err != nil {
		t.Fatal(err)
	}
	its := layerItems(t, l)
	if len(its) != 3 || its[uid3].Kind != app.KindHighlight || its[uid3].Quote != "debt bondage" ||
		its[uid1].Author != "Maria Lopez" || its[uid1].Layer != layers[0].ID {
		t.Fatalf("layer annotations = %+v", its)
	}

	// The trainer edits one note and removes another.
	srv.set("/sets/handbook.jsonld", app.AnnotationsType, w3cSet(
		trainerNote{uid: uid1, text: "Ask about the consent form, then the interpreter.", page: 2},
		trainerNote{uid: uid3, text: "Key sign", quote: "debt bondage", page: 3}))
	st = syncOK(t, l, src)
	if st.Layers.Changed != 1 || st.Layers.Removed != 1 || st.Layers.Added != 0 {
		t.Fatalf("sync after the re-publish: layers %+v, want 1 changed, 1 removed", st.Layers)
	}
	its = layerItems(t, l)
	if len(its) != 2 || its[uid1].Text != "Ask about the consent form, then the interpreter." {
		t.Fatalf("layer annotations after the re-publish = %+v", its)
	}
	if notes, _ := l.Notes(ctx, 1); len(notes) != 1 || notes[0].ID != own.ID || notes[0].Body != "My own note" {
		t.Fatalf("own notes = %+v, want the one note unchanged", notes)
	}

	// Nothing changed: the set answers 304.
	before := srv.notMod.Load()
	st = syncOK(t, l, src)
	if st.Layers.NotModified != 1 || srv.notMod.Load() != before+2 {
		t.Fatalf("unchanged sync: layers %+v, 304s %d", st.Layers, srv.notMod.Load()-before)
	}

	// The Markdown export names each annotation's author.
	var md strings.Builder
	if _, err := l.ExportMarkdown(ctx, 1, &md); err != nil || !strings.Contains(md.String(), "Maria Lopez") ||
		!strings.Contains(md.String(), "Trainee") {
		t.Fatalf("markdown export (%v):\n%s", err, md.String())
	}

	// Copied into the user's own notes, under the user's name.
	c, err := l.CopyLayerAnnotation(ctx, its[uid3].ID)
	if err != nil || c.Layer != 0 || c.Author != "Trainee" || c.Quote != "debt bondage" || c.Kind != app.KindHighlight {
		t.Fatalf("copy = %+v, %v", c, err)
	}

	// The entry stops linking to the set: its annotations go.
	srv.set("/catalog.xml", atomType, layerFeed())
	st = syncOK(t, l, src)
	if its := layerItems(t, l); len(its) != 0 || st.Layers.Sets != 0 {
		t.Fatalf("layer annotations once the link is gone = %+v (%+v)", its, st.Layers)
	}
	if hs, _ := l.Highlights(ctx, 1); len(hs) != 1 {
		t.Fatalf("own highlights = %+v, want the copy", hs)
	}
}

func TestHiddenLayerStaysHiddenAfterARestart(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t)
	srv.set("/catalog.xml", atomType, layerFeed("/sets/a.jsonld", "/sets/b.jsonld"))
	srv.set("/sets/a.jsonld", app.AnnotationsType, w3cSet(trainerNote{uid: uid1, text: "From Maria", page: 1}))
	srv.set("/sets/b.jsonld", app.AnnotationsType, w3cSet(trainerNote{uid: uid2, text: "From Kofi", page: 1, author: "Kofi Mensah"}))
	dir := t.TempDir()
	st, err := storage.Open(ctx, filepath.Join(dir, "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	l := library.New(st, testClient(), dir, library.Options{})
	syncOK(t, l, addSource(t, l, srv.url("/catalog.xml")))
	layers, _ := l.DocumentLayers(ctx, 1)
	if len(layers) != 2 || layers[0].Color == layers[1].Color {
		t.Fatalf("layers = %+v, want two, in colours of their own", layers)
	}
	kofi := layers[0]
	if kofi.Author != "Kofi Mensah" {
		kofi = layers[1]
	}
	if err := l.SetLayerHidden(ctx, kofi.ID, true); err != nil {
		t.Fatal(err)
	}
	st.Close()

	st, err = storage.Open(ctx, filepath.Join(dir, "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	l = library.New(st, testClient(), dir, library.Options{})
	got, err := l.Layer(ctx, kofi.ID)
	if err != nil || !got.Hidden {
		t.Fatalf("layer after a restart = %+v, %v, want hidden", got, err)
	}
	its := layerItems(t, l)
	if len(its) != 1 || its[uid1].Text != "From Maria" {
		t.Fatalf("listed = %+v, want Maria's only", its)
	}
	if lst, _ := l.DocumentLayers(ctx, 1); len(lst) != 2 {
		t.Fatalf("document layers = %+v, want the hidden one too", lst)
	}
}

// A trainer's highlight made on another version of the file finds its
// place in the trainee's copy by its quote, like the trainee's own.
func TestLayerHighlightsAreReanchoredByQuote(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t)
	files := serveFiles(srv)
	b := pdfBytes(7, 40000)
	files.set("handbook.pdf", b)
	srv.set("/catalog.xml", atomType, layerFeed())
	l, eng := withEngine(newLibrary(t))
	eng.set(b, v1Pages...)
	src := addSource(t, l, srv.url("/catalog.xml"))
	syncOK(t, l, src)
	if _, err := l.Download(ctx, []int64{1}, app.DownloadOptions{}); err != nil {
		t.Fatal(err)
	}
	// Made on page 1 of the trainer's edition; in this one the words are
	// on page 3.
	srv.set("/catalog.xml", atomType, layerFeed("/sets/h.jsonld"))
	srv.set("/sets/h.jsonld", app.AnnotationsType, strings.Replace(w3cSet(
		trainerNote{uid: uid1, text: "Ask", quote: "debt bondage", page: 1}), `"source":`,
		`"sha256":"`+strings.Repeat("a", 64)+`","source":`, 1))
	syncOK(t, l, src)
	h := layerItems(t, l)[uid1]
	d, _ := l.Document(ctx, 1)
	if h.Page != 3 || h.FileSHA256 != d.File.SHA256 || len(h.Rects) != 1 || h.NeedsReview {
		t.Fatalf("layer highlight %+v, want it found on page 3 of the file at hand", h)
	}
}

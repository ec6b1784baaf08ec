package library_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/library"
)

// trainerPack annotates document 1 of l as a trainer would, with a clock
// that moves one minute a call so the times are fixed.
func trainerPack(t *testing.T, l *library.Library) {
	t.Helper()
	ctx := context.Background()
	clock := time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC)
	l.Store().Now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	if err := l.SetSetting(ctx, app.SettingAuthor, "Trainer Ines"); err != nil {
		t.Fatal(err)
	}
	steps := []func() error{
		func() error { _, err := l.AddBookmark(ctx, 1, 2, "Consent, before anything else"); return err },
		func() error {
			_, err := l.AddNote(ctx, 1, 0, "Work through this handbook **before** the first field visit.")
			return err
		},
		func() error {
			_, err := l.AddNote(ctx, 1, 3, "Practise with a partner:\n\n- ask about wages\n- ask about loans")
			return err
		},
		func() error {
			_, err := l.AddHighlight(ctx, 1, 3, "debt bondage", "The most common sign in the region.", "green")
			return err
		},
		func() error { _, err := l.AddHighlight(ctx, 1, 4, "hotline numbers", "", ""); return err },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
}

func exportW3C(t *testing.T, l *library.Library) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := l.ExportW3C(context.Background(), 0, &b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// items returns the annotations of an exported collection.
func items(t *testing.T, b []byte) []map[string]any {
	t.Helper()
	var c struct {
		Context string `json:"@context"`
		Type    string `json:"type"`
		First   struct {
			Items []map[string]any `json:"items"`
		} `json:"first"`
	}
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	if c.Context != "http://www.w3.org/ns/anno.jsonld" || c.Type != "AnnotationCollection" {
		t.Fatalf("collection @context %q type %q", c.Context, c.Type)
	}
	return c.First.Items
}

func importOK(t *testing.T, l *library.Library, b []byte) app.ImportReport {
	t.Helper()
	rep, err := l.Import(context.Background(), bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestW3CExportImportRoundTrip(t *testing.T) {
	srv, files, trainer, src, _, _ := offline(t, 2)
	trainerPack(t, trainer)
	first := exportW3C(t, trainer)
	its := items(t, first)
	if len(its) != 5 {
		t.Fatalf("%d items exported, want 5", len(its))
	}
	checkW3CHighlight(t, its)

	// A trainee syncs the same catalogue into a fresh library.
	trainee := newLibrary(t)
	trainee, eng := withEngine(trainee)
	files.mu.Lock()
	eng.set(files.files["0.pdf"], v1Pages...)
	files.mu.Unlock()
	syncOK(t, trainee, addSource(t, trainee, src.URL))
	if _, err := trainee.Download(context.Background(), []int64{1}, app.DownloadOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := trainee.AddNote(context.Background(), 1, 2, "my own note"); err != nil {
		t.Fatal(err)
	}
	if rep := importOK(t, trainee, first); rep.Added != 5 || rep.Existing != 0 || rep.Unmatched != 0 {
		t.Fatalf("first import = %+v", rep)
	}
	if rep := importOK(t, trainee, first); rep.Added != 0 || rep.Existing != 5 {
		t.Fatalf("second import = %+v, want nothing added", rep)
	}
	var again []map[string]any
	for _, it := range items(t, exportW3C(t, trainee)) {
		if c, _ := it["creator"].(map[string]any); c != nil && c["name"] == "Trainer Ines" {
			again = append(again, it)
		}
	}
	if !reflect.DeepEqual(again, its) {
		a, _ := json.MarshalIndent(again, "", " ")
		b, _ := json.MarshalIndent(its, "", " ")
		t.Fatalf("export after import:\n%s\nwant:\n%s", a, b)
	}
	if notes, _ := trainee.Notes(context.Background(), 1); len(notes) != 3 {
		t.Fatalf("trainee notes = %d, want their own beside the trainer's two", len(notes))
	}
	_ = srv
}

func checkW3CHighlight(t *testing.T, its []map[string]any) {
	t.Helper()
	for _, it := range its {
		if it["motivation"] != "highlighting" || it["@context"] != "http://www.w3.org/ns/anno.jsonld" {
			continue
		}
		if !strings.HasPrefix(it["id"].(string), "urn:uuid:") || it["type"] != "Annotation" {
			t.Errorf("id %v type %v", it["id"], it["type"])
		}
		target := it["target"].(map[string]any)
		sel := target["selector"].([]any)
		q, f := sel[0].(map[string]any), sel[1].(map[string]any)
		if q["type"] != "TextQuoteSelector" || f["type"] != "FragmentSelector" ||
			f["conformsTo"] != "http://tools.ietf.org/rfc/rfc3778" || target["sha256"] == "" || target["entry"] != "urn:gen:0" {
			t.Errorf("target = %v", target)
		}
		if q["exact"] == "debt bondage" && (f["value"] != "page=3" || q["prefix"] != "Signs of ") {
			t.Errorf("debt bondage selectors = %v %v", q, f)
		}
		return
	}
	t.Fatal("no highlight in the export")
}

func TestImportMatchesAnotherCatalogueAndReanchors(t *testing.T) {
	_, _, trainer, _, _, _ := offline(t, 1)
	trainerPack(t, trainer)
	pack := exportW3C(t, trainer)

	// The trainee's catalogue lists the same entry at another address, with
	// a later edition of the file where the pages moved.
	srv := newFeedServer(t)
	files := serveFiles(srv)
	entries := genCatalogue(1, srv.URL)
	v2 := pdfBytes(77, 65000)
	files.set("0.pdf", v2)
	entries[0].size = int64(len(v2))
	trainee := newLibrary(t)
	trainee, eng2 := withEngine(trainee)
	eng2.set(v2, append([]string{"Cover", "Contents"}, v1Pages[1:]...)...)
	syncOK(t, trainee, addSource(t, trainee, servePaged(srv, entries, 10)))
	if _, err := trainee.Download(context.Background(), []int64{1}, app.DownloadOptions{}); err != nil {
		t.Fatal(err)
	}
	rep := importOK(t, trainee, pack)
	if rep.Added != 5 || rep.Reanchored.Checked != 5 || rep.Reanchored.NeedsReview != 0 {
		t.Fatalf("import = %+v", rep)
	}
	hs, _ := trainee.Highlights(context.Background(), 1)
	d, _ := trainee.Document(context.Background(), 1)
	for _, h := range hs {
		want := map[string]int{"debt bondage": 4, "hotline numbers": 5}[h.Quote]
		if h.Page != want || h.FileSHA256 != d.File.SHA256 || h.Author != "Trainer Ines" {
			t.Errorf("highlight %q on page %d, file %s, by %q", h.Quote, h.Page, h.FileSHA256, h.Author)
		}
	}
	// A pack for a document the trainee does not have is reported.
	other := newLibrary(t)
	if rep := importOK(t, other, pack); rep.Added != 0 || rep.Unmatched != 5 || len(rep.Missing) != 1 {
		t.Fatalf("import into an empty library = %+v", rep)
	}
}

func TestMarkdownExportGolden(t *testing.T) {
	_, _, l, _, _, _ := offline(t, 1)
	trainerPack(t, l)
	var b bytes.Buffer
	n, err := l.ExportMarkdown(context.Background(), 1, &b)
	if err != nil || n != 5 {
		t.Fatalf("export = %d, %v", n, err)
	}
	golden := filepath.Join("testdata", "annotations.md")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to write it)", err)
	}
	if b.String() != string(want) {
		t.Fatalf("markdown export:\n%s\nwant (%s):\n%s", b.String(), golden, want)
	}
}

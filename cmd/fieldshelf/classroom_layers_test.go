package main_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// addedID reads the id from "added note 12".
func addedID(t *testing.T, out string) string {
	t.Helper()
	f := strings.Fields(out)
	if len(f) != 3 || f[0] != "added" {
		t.Fatalf("got %q, want \"added KIND ID\"", out)
	}
	return f[2]
}

// annotationsOf lists a document's annotations of a kind, by text (a
// bookmark's label, a note's body, a highlight's quote).
func (c *cli) annotationsOf(t *testing.T, kind, doc string) map[string]map[string]any {
	t.Helper()
	var list []map[string]any
	c.okJSON(&list, kind, "list", doc, "--json")
	out := map[string]map[string]any{}
	for _, a := range list {
		key, _ := a["text"].(string)
		if q, ok := a["quote"].(string); ok && q != "" {
			key = q
		}
		out[key] = a
	}
	return out
}

// trainerExports annotates the handbook as Maria, exports her annotations
// as W3C and returns the file and the ids of her two notes.
func trainerExports(t *testing.T, trainer *cli, srvURL string) (string, string, string, string) {
	t.Helper()
	trainer.ok("sources", "add", srvURL, "--name", "Workshop")
	trainer.ok("sync")
	h := trainer.workshopDocs(t)["Handbook on screening"].id()
	trainer.ok("download", h)
	trainer.ok("config", "set", "author", "Maria Lopez")
	trainer.ok("highlights", "add", h, "1", "--quote", "Screening interviews", "--note", "Start here", "--color", "green")
	consent := addedID(t, trainer.ok("notes", "add", h, "--page", "2", "Ask about consent first"))
	aloud := addedID(t, trainer.ok("notes", "add", h, "--page", "3", "Read this aloud"))
	set := filepath.Join(trainer.dir, "maria.json")
	trainer.ok("annotations", "export", h, "--format", "w3c", "-o", set)
	return set, h, consent, aloud
}

func TestTrainerAnnotationsReachTraineesAsALayer(t *testing.T) {
	dir, _ := trainerFolder(t)
	trainer := newCLI(t)
	out, srv := publishAndServe(t, trainer, dir)
	set, h, consent, aloud := trainerExports(t, trainer, srv.url)
	republish := func() {
		r := trainer.run("publish", dir, "-o", out, "--title", "Workshop", "--page-size", "2", "--annotations", set)
		if r.code != 0 || !strings.Contains(r.stdout, "annotations") {
			t.Fatalf("publish with annotations: %s", r)
		}
	}
	republish()

	// One sync brings Maria's annotations as a layer named after her.
	trainee := newCLI(t)
	trainee.ok("config", "set", "author", "Sam")
	trainee.ok("sources", "add", srv.url, "--name", "Workshop")
	if got := trainee.ok("sync"); !strings.Contains(got, "published annotations: 3 added") {
		t.Fatalf("sync: %q", got)
	}
	var layers []map[string]any
	trainee.okJSON(&layers, "layers", "list", "--json")
	if len(layers) != 1 || layers[0]["name"] != "Maria Lopez" || layers[0]["annotations"] != 3.0 ||
		layers[0]["source"] != "Workshop" || layers[0]["hidden"] != false {
		t.Fatalf("layers %v", layers)
	}
	layer := jsonNumber(layers[0]["id"])
	doc := trainee.workshopDocs(t)["Handbook on screening"].id()
	trainee.ok("download", doc)
	own := addedID(t, trainee.ok("notes", "add", doc, "--page", "2", "My own question"))
	trainee.ok("highlights", "add", doc, "3", "--quote", "debt bondage")
	notes := trainee.annotationsOf(t, "notes", doc)
	if n := notes["Ask about consent first"]; n["author"] != "Maria Lopez" || n["layer"].(map[string]any)["name"] != "Maria Lopez" {
		t.Fatalf("Maria's note as listed: %v", n)
	}
	mine := notes["My own question"]
	if mine["author"] != "Sam" || mine["layer"] != nil {
		t.Fatalf("the trainee's note as listed: %v", mine)
	}
	hs := trainee.annotationsOf(t, "highlights", doc)
	if hs["Screening interviews"]["layer"] == nil || hs["debt bondage"]["layer"] != nil || len(hs) != 2 {
		t.Fatalf("highlights %v", hs)
	}
	copied := addedID(t, trainee.ok("layers", "copy", jsonNumber(hs["Screening interviews"]["id"])))

	// Maria edits one note and removes another, and publishes again.
	trainer.ok("notes", "edit", consent, "Ask about consent, then bring the interpreter")
	trainer.ok("notes", "remove", aloud)
	trainer.ok("annotations", "export", h, "--format", "w3c", "-o", set)
	republish()
	if got := trainee.ok("sync"); !strings.Contains(got, "published annotations: 0 added, 1 changed, 1 removed") {
		t.Fatalf("sync after the re-publish: %q", got)
	}
	notes = trainee.annotationsOf(t, "notes", doc)
	if len(notes) != 2 || notes["Ask about consent, then bring the interpreter"] == nil || notes["Read this aloud"] != nil {
		t.Fatalf("notes after the re-publish: %v", notes)
	}
	if n := notes["My own question"]; jsonNumber(n["id"]) != own || n["updated"] != mine["updated"] || n["layer"] != nil {
		t.Fatalf("the trainee's own note changed: %v, was %v", n, mine)
	}
	var all []map[string]any
	trainee.okJSON(&all, "highlights", "list", doc, "--json")
	if len(all) != 3 || !hasOwnCopy(all, copied) {
		t.Fatalf("highlights %v: want Maria's, the trainee's and the copy %s", all, copied)
	}

	// Hidden, the layer stays hidden in every later run and sync.
	trainee.ok("layers", "hide", layer)
	trainee.ok("sync")
	trainee.okJSON(&layers, "layers", "list", "--json")
	if layers[0]["hidden"] != true {
		t.Fatalf("layers after hide, a restart and a sync: %v", layers)
	}
	if notes := trainee.annotationsOf(t, "notes", doc); len(notes) != 1 || notes["My own question"] == nil {
		t.Fatalf("notes with the layer hidden: %v", notes)
	}
	trainee.ok("layers", "show", layer)
	if notes := trainee.annotationsOf(t, "notes", doc); len(notes) != 2 {
		t.Fatalf("notes with the layer shown again: %v", notes)
	}

	// The same folder carried on a USB stick: a file:// catalogue.
	usb := newCLI(t)
	usb.ok("sources", "add", "file://"+filepath.Join(out, "catalog.xml"))
	if got := usb.ok("sync"); !strings.Contains(got, "published annotations: 2 added") {
		t.Fatalf("sync from the stick: %q", got)
	}
	usb.ok("download", usb.workshopDocs(t)["Handbook on screening"].id())
}

// hasOwnCopy reports whether the highlight copied from Maria's layer is
// among the trainee's own, under the trainee's name.
func hasOwnCopy(list []map[string]any, id string) bool {
	for _, h := range list {
		if jsonNumber(h["id"]) == id && h["layer"] == nil && h["author"] == "Sam" && h["quote"] == "Screening interviews" {
			return true
		}
	}
	return false
}

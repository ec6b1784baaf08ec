package main_test

import (
	"slices"
	"sort"
	"strings"
	"testing"
)

// entryIDs returns the sorted entry ids of a listing.
func entryIDs(docs []map[string]any) []string {
	var out []string
	for _, d := range docs {
		s, _ := d["entry_id"].(string)
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func TestListJSON(t *testing.T) {
	t.Parallel()
	c, sh, src := syncedShelf(t)

	var all []map[string]any
	c.okJSON(&all, "ls", "--json")
	if len(all) != 4+demoEntries {
		t.Fatalf("got %d documents, want the %d of the demo library and 4", len(all), demoEntries)
	}
	for _, d := range all {
		checkFields(t, "ls document "+d["entry_id"].(string), d, docFields)
		checkFields(t, "ls document "+d["entry_id"].(string), d, cachedFields)
	}

	c.removeDemo()
	var listed []map[string]any
	c.okJSON(&listed, "ls", "--json")
	if ids := entryIDs(listed); len(ids) != 4 || len(testDocs(listed)) != 4 {
		t.Fatalf("got %v after removing the demo library, want the 4 of the test catalogue", ids)
	}
	docs := c.docs()
	h := docs["urn:test:shelter-handbook"]
	if idText(t, h["source_id"]) != src || h["title"] != "Shelter referral handbook" ||
		!slices.Equal(stringsOf(h["authors"]), []string{"Amina Okafor", "Lena Berg"}) ||
		h["publisher"] != "North Relief Network" || h["year"] != 2021.0 ||
		h["summary"] != sh.entries[0].summary || !slices.Equal(stringsOf(h["tags"]), []string{"Field Manual", "Northland"}) ||
		h["pdf_url"] != sh.srv.url("/files/shelter.pdf") || h["pdf_size"] != float64(sh.entries[0].size) ||
		h["offline"] != false || h["withdrawn"] != false || h["update_available"] != false {
		t.Errorf("got %s\nwant the fields of the catalogue entry", dump(h))
	}
	// An entry with no authors, publisher, year or file.
	r := docs["urn:test:debt-review"]
	if a, ok := r["authors"].([]any); !ok || len(a) != 0 || r["publisher"] != "" || r["year"] != nil {
		t.Errorf("got %s\nwant authors [], publisher \"\" and year null", dump(r))
	}
	if g := docs["urn:test:interview-guide"]; g["pdf_url"] != "" || g["pdf_size"] != 0.0 {
		t.Errorf("got %s\nwant no file link", dump(g))
	}

	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"--tag", "Northland"}, []string{"urn:test:interview-guide", "urn:test:shelter-handbook"}},
		{[]string{"--tag", "field-manual"}, []string{"urn:test:interview-guide", "urn:test:shelter-handbook"}},
		{[]string{"--tag", "Survey"}, []string{"urn:test:debt-review", "urn:test:labour-survey"}},
		{[]string{"--year", "2023"}, []string{"urn:test:interview-guide", "urn:test:labour-survey"}},
		{[]string{"--publisher", "North Relief"}, []string{"urn:test:interview-guide", "urn:test:shelter-handbook"}},
		{[]string{"--tag", "Southland", "--year", "2023", "--publisher", "South"}, []string{"urn:test:labour-survey"}},
		{[]string{"--tag", "Atlantis"}, nil},
		{[]string{"--offline"}, nil},
	} {
		var got []map[string]any
		c.okJSON(&got, append(append([]string{"ls"}, tc.args...), "--json")...)
		if got == nil {
			t.Errorf("ls %s --json: got null, want an array", strings.Join(tc.args, " "))
		}
		if ids := entryIDs(got); !slices.Equal(ids, tc.want) {
			t.Errorf("ls %s: got %v, want %v", strings.Join(tc.args, " "), ids, tc.want)
		}
	}

	text := c.ok("ls", "--tag", "Northland")
	if !strings.HasPrefix(text, "ID") || !strings.Contains(text, "Shelter referral handbook") ||
		strings.Contains(text, "Seasonal labour") {
		t.Errorf("got ls --tag Northland\n%s", text)
	}
}

func TestSearchJSON(t *testing.T) {
	t.Parallel()
	c, _, _ := syncedShelf(t)

	var hits []map[string]any
	c.okJSON(&hits, "search", "recruitment", "fees", "--json")
	if len(hits) == 0 || hits[0]["entry_id"] != "urn:test:labour-survey" {
		t.Fatalf("got hits %v, want the labour survey first", entryIDs(hits))
	}
	for _, h := range hits {
		checkFields(t, "search hit "+h["entry_id"].(string), h, docFields)
		checkFields(t, "search hit "+h["entry_id"].(string), h, cachedFields)
		checkFields(t, "search hit "+h["entry_id"].(string), h, hitFields)
	}
	if s := hits[0]["snippet"].(string); !strings.Contains(strings.ToLower(s), "recruitment") {
		t.Errorf("got snippet %q, want the matched words", s)
	}

	// Authors and publishers are searched too.
	c.okJSON(&hits, "search", "Okafor", "--json")
	if ids := entryIDs(hits); !slices.Equal(ids, []string{"urn:test:shelter-handbook"}) {
		t.Errorf("search Okafor: got %v", ids)
	}

	var none []map[string]any
	c.okJSON(&none, "search", "xylophone", "--json")
	if none == nil || len(none) != 0 {
		t.Errorf("got %v for a search without matches, want []", none)
	}
	if out := c.ok("search", "xylophone"); out != "no matches\n" {
		t.Errorf("got %q for a search without matches", out)
	}
	if out := c.ok("search", "bondage"); !strings.Contains(out, "Debt bondage evidence review") {
		t.Errorf("got search text\n%s", out)
	}
}

func TestShow(t *testing.T) {
	t.Parallel()
	c, sh, _ := syncedShelf(t)
	id := c.docID("urn:test:labour-survey")
	d := c.show(id)
	checkFields(t, "show "+id, d, docFields)
	checkFields(t, "show "+id, d, cachedFields)
	if idText(t, d["id"]) != id || d["title"] != "Seasonal labour recruitment survey" || d["year"] != 2023.0 ||
		d["pdf_url"] != sh.srv.url("/files/survey.pdf") || d["offline"] != false || d["sha256"] != "" {
		t.Errorf("got %s", dump(d))
	}
	text := c.ok("show", id)
	for _, want := range []string{"Seasonal labour recruitment survey", "Kofi Mensah", "South Research Institute",
		"2023", "not downloaded", sh.entries[1].summary} {
		if !strings.Contains(text, want) {
			t.Errorf("show %s: got\n%s\nwant it to contain %q", id, text, want)
		}
	}
}

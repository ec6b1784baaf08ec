package storage

import (
	"testing"

	"fieldshelf/app"
)

func TestMetadataSnippet(t *testing.T) {
	d := app.Document{Title: "Eliminating Forced Labour",
		Summary: "A handbook that helps parliamentarians fight forced labour, which still affects some 25 million people " +
			"across the world, through laws, budgets, oversight and the ratification of the 2014 Protocol to the convention."}
	cases := []struct{ query, want string }{
		{"ratif", "…the world, through laws, budgets, oversight and the [ratification] of the 2014 Protocol to the convention."},
		{"forced labour", "…that helps parliamentarians fight [forced] [labour], which still affects some 25 million people across the world…"},
		{"eliminating", "[Eliminating] Forced Labour"},
		{"PARLIAMENTARIANS", "A handbook that helps [parliamentarians] fight forced labour, which still affects some 25 million people across…"},
		{"nowhere", "Eliminating Forced Labour"},
	}
	for _, c := range cases {
		if got := metadataSnippet(d, c.query); got != c.want {
			t.Errorf("snippet for %q:\n got %q\nwant %q", c.query, got, c.want)
		}
	}
	accents := app.Document{Title: "Traite des êtres humains", Summary: "Guide pour les équipes de terrain."}
	if got := metadataSnippet(accents, "equipes"); got != "Guide pour les [équipes] de terrain." {
		t.Errorf("diacritics: got %q", got)
	}
}

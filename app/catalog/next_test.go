package catalog_test

import (
	"testing"

	"fieldshelf/app/catalog"
)

func TestNextLinkReadsTheHead(t *testing.T) {
	head := `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://x.org/opds/"><id>f</id>
<link rel="next" href="page2.xml"/>`
	entry := `<entry><id>1</id><title>t</title></entry>`
	cases := map[string]struct{ body, contentType, want string }{
		"before the entries": {head + entry + `</feed>`, "", "http://x.org/opds/page2.xml"},
		"without entries":    {head + `</feed>`, "", "http://x.org/opds/page2.xml"},
		"after the entries": {`<feed xmlns="http://www.w3.org/2005/Atom"><id>f</id>` + entry +
			`<link rel="next" href="/p2"/></feed>`, "", ""},
		"the rest unread": {head + entry + `<entry><broken></feed>`, "", "http://x.org/opds/page2.xml"},
		"OPDS 2":          {`{"links": [{"rel": "next", "href": "/p2"}], "publications": []}`, "application/opds+json", ""},
		"not a feed":      {`<html><body>gone</body></html>`, "text/html", ""},
	}
	for name, c := range cases {
		if got := catalog.NextLink("http://x.org/opds/1.xml", c.contentType, []byte(c.body)); got != c.want {
			t.Errorf("%s: %q, want %q", name, got, c.want)
		}
	}
	// Parse finds the link where NextLink does not.
	f := mustParse(t, "http://x.org/", "", []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><id>f</id>`+entry+
		`<link rel="next" href="/p2"/></feed>`))
	eq(t, "next after the entries", f.Next, "http://x.org/p2")
}

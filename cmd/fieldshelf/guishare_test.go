package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/pdf"
	"fieldshelf/app/pdf/pdftest"
)

// The window's "Share with people nearby" publishes the library's offline
// documents, with the user's notes when asked, and serves them on every
// address until it is turned off.
func TestGUISharingServesTheLibrary(t *testing.T) {
	ctx := context.Background()
	path := pdftest.WriteFile(t, "handbook.pdf", pdftest.Document(pdftest.Doc{Title: "Shared handbook",
		Pages: []string{"Consent comes first"}}))
	lib, _ := wireLibrary(t, pdftest.WriteFile(t, "other.pdf", pdftest.Pages(2)))
	d, err := lib.AddLocalFile(ctx, path, "Shared handbook")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.AddNote(ctx, d.ID, 1, "Read this before the visit"); err != nil {
		t.Fatal(err)
	}
	eng, err := pdf.NewEngine(pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	g := &guiSharing{lib: lib, open: pdfPublishOpener(func() (*pdf.Engine, error) { return eng, nil })}
	on, err := g.Share(ctx, "", true)
	if err != nil {
		t.Fatal(err)
	}
	defer g.StopSharing()
	if !on.Reachable || !strings.HasSuffix(on.Local, "/catalog.xml") {
		t.Fatalf("sharing %+v, want every address", on)
	}
	feed := fetchText(t, on.Local)
	if !strings.Contains(feed, "Shared handbook") || !strings.Contains(feed, app.RelAnnotations) ||
		strings.Contains(feed, "Opened from") {
		t.Fatalf("catalogue:\n%s", feed)
	}
	set := fetchText(t, strings.TrimSuffix(on.Local, "catalog.xml")+feedLink(t, feed, app.RelAnnotations))
	if !strings.Contains(set, "Read this before the visit") {
		t.Fatalf("annotation set:\n%s", set)
	}
	if err := g.StopSharing(); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(on.Local); err == nil {
		t.Fatal("still served after sharing was turned off")
	}
}

func fetchText(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// feedLink returns the href of the first link with rel in an Atom feed.
func feedLink(t *testing.T, feed, rel string) string {
	t.Helper()
	i := strings.Index(feed, `rel="`+rel+`"`)
	if i < 0 {
		t.Fatalf("no link %s", rel)
	}
	rest := feed[i:]
	j := strings.Index(rest, `href="`) + len(`href="`)
	return rest[j : j+strings.IndexByte(rest[j:], '"')]
}

package main_test

import (
	"strings"
	"testing"

	"fieldshelf/app/pdf/pdftest"
)

// A file cut short on the server is caught by the PDF engine before it is
// called offline; a repairable file (a wrong cross-reference table) is
// kept.
func TestDownloadRefusesAFileTheEngineCannotRead(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	srv := newServer(t)
	sh := newShelf(srv)
	whole := pdftest.Pages(20)
	sh.setFile("/files/shelter.pdf", whole[:len(whole)/2])
	repairable := append([]byte(nil), whole...)
	copy(repairable[len(repairable)-40:], strings.Repeat("0", 20)) // breaks startxref
	sh.setFile("/files/survey.pdf", repairable)
	sh.publish()
	c.ok("sync", c.addSource(srv.url(feedPath), "--name", sh.title))
	before := c.cacheFiles("*.pdf")

	cut := c.docID("urn:test:shelter-handbook")
	r := c.run("download", cut)
	if r.code != 1 || !strings.Contains(r.stderr, "damaged or incomplete") {
		t.Fatalf("got exit %d, want 1 and the file called damaged\n%s", r.code, r)
	}
	c.checkNotOffline(cut)
	if added := c.cacheSince(before, "*"); len(added) != 0 {
		t.Errorf("got %v left in the cache by a damaged download", added)
	}
	fixed := c.docID("urn:test:labour-survey")
	c.downloadOK(fixed)
	c.checkOffline(fixed, repairable)
}

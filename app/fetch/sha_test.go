package fetch_test

import (
	"context"
	"errors"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/fetch"
	"fieldshelf/app/fetch/fetchtest"
)

// A download given the SHA-256 a catalogue publishes keeps a file that has
// it, and refuses one that does not: nothing is left at Dest, nor a .part
// to resume.
func TestDownloadVerifiesPublishedSHA256(t *testing.T) {
	body := fetchtest.PDFBytes(64<<10, 3)
	srv := newServer(t, body)
	c, _ := newClient(t, fetch.Options{})
	dest := destIn(t)
	res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest,
		SHA256: sha(body)})
	if err != nil {
		t.Fatal(err)
	}
	checkDone(t, res, dest, body)

	other := destIn(t)
	wrong := sha(append([]byte("x"), body...))
	_, err = c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: other, SHA256: wrong})
	if !errors.Is(err, app.ErrDamaged) {
		t.Fatalf("download with the wrong sum: %v, want app.ErrDamaged", err)
	}
	checkNoDest(t, other)
	checkNoPart(t, other)
}

package app_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"fieldshelf/app"
)

func TestExplainSaysWhatHappenedWithoutTheChain(t *testing.T) {
	unreachable := &app.Failure{Op: app.OpSync, Subject: "ILO catalogue", Kind: app.FailUnreachable,
		Err: errors.New("sync ILO: fetch: GET https://ilo.test/opds: could not connect: connection refused")}
	damaged := &app.Failure{Op: app.OpDownload, Subject: "“Guide”", Kind: app.FailDamaged,
		Err: fmt.Errorf("library: check the downloaded file: %w", app.ErrDamaged)}
	for _, c := range []struct {
		what string
		err  error
		want string
	}{
		{"sync", unreachable, "Could not reach ILO catalogue: the server did not answer. Fieldshelf will try again when the connection is back."},
		{"download Guide", fmt.Errorf("document 3: %w", damaged),
			"The file of “Guide” arrived damaged or incomplete, so it was not kept. Download it again."},
		{"sync", errors.Join(unreachable, damaged), "Could not reach ILO catalogue: the server did not answer. " +
			"Fieldshelf will try again when the connection is back. (and 1 more problems: see Details)"},
		{"list the library", errors.New("storage: list documents: disk I/O error"), "Could not list the library: disk I/O error."},
		{"save the note", fmt.Errorf("storage: note 4: %w", app.NotFound("note", 4)), "Could not save the note: it is no longer in the library."},
	} {
		msg, detail := app.Explain(c.what, c.err)
		if msg != c.want {
			t.Errorf("Explain(%q, %v):\n got %q\nwant %q", c.what, c.err, msg, c.want)
		}
		if strings.Contains(msg, "fetch:") || strings.Contains(msg, "GET ") || strings.Contains(msg, "storage:") {
			t.Errorf("message %q holds the technical chain", msg)
		}
		if detail != strings.ReplaceAll(c.err.Error(), "\n", "; ") {
			t.Errorf("detail %q, want the technical text", detail)
		}
	}
}

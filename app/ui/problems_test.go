package ui_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"fieldshelf/app"
	"fieldshelf/app/ui"
)

// networkLib is a fake library with one catalogue on the network whose
// sync cannot reach it.
func networkLib() *fakeLib {
	lib := newFakeLib(3)
	lib.sources = []app.Source{{ID: 1, URL: "https://ilo.test/opds", Name: "ILO"}}
	lib.syncErr = &app.Failure{Op: app.OpSync, Subject: "ILO catalogue", Kind: app.FailUnreachable,
		Err: errors.New("sync ILO: fetch: GET https://ilo.test/opds: could not connect: connection refused")}
	for i := range lib.docs {
		lib.docs[i].FileURL = "https://ilo.test/files/x.pdf"
	}
	return lib
}

func TestErrorsAreSentencesAndGoWhenMended(t *testing.T) {
	lib := networkLib()
	u, _ := newUI(t, lib, ui.Config{SyncOnStart: true})
	bar := u.SyncBar()
	want := "Could not reach ILO catalogue: the server did not answer. Fieldshelf will try again when the connection is back."
	if got := bar.Error(); got != want {
		t.Fatalf("error line %q, want %q", got, want)
	}
	if got := bar.ErrorDetail(); !strings.Contains(got, "connection refused") {
		t.Errorf("details %q, want the technical text", got)
	}
	lib.syncErr = nil
	test.Tap(bar.SyncButton())
	if got := bar.Error(); got != "" {
		t.Fatalf("error line %q after a good sync, want none", got)
	}
}

func TestConnectionIndicatorTellsTheTruth(t *testing.T) {
	lib := networkLib()
	// The host takes connections, but the sync reaches no catalogue.
	u, _ := newUI(t, lib, ui.Config{SyncOnStart: true, Reachable: func(context.Context, []string) bool { return true }})
	bar := u.SyncBar()
	if got := bar.Online(); !strings.Contains(got, "Offline") || bar.Status() != "Never synced" {
		t.Fatalf("after a sync that reached no catalogue: indicator %q, status %q; want Offline, never synced",
			got, bar.Status())
	}
	// A download over the network proves the connection.
	u.Library().Select(0)
	test.Tap(u.Library().Detail().DownloadButton())
	if got := bar.Online(); !strings.Contains(got, "Online") {
		t.Fatalf("after a download: indicator %q, want Online", got)
	}
	lib.syncErr = nil
	lib.sources[0].LastSync = time.Now()
	test.Tap(bar.SyncButton())
	if got := bar.Status(); !strings.HasPrefix(got, "Last synced just now") {
		t.Fatalf("status %q after a sync that reached the catalogue", got)
	}
}

func TestRemoveAsksWhenTheFileCannotComeBack(t *testing.T) {
	lib := networkLib()
	lib.docs[0].File = &app.File{Path: "files/1.pdf", Size: 100}
	u, _ := newUI(t, lib, ui.Config{Reachable: func(context.Context, []string) bool { return false }})
	s := u.Library()
	s.Select(0)
	test.Tap(s.Detail().RemoveButton())
	if u.Dialogs() != 1 || lib.docs[0].File == nil {
		t.Fatalf("Remove while offline: %d dialogs, file kept %v; want a question first", u.Dialogs(), lib.docs[0].File != nil)
	}
	u.TypeKey(fyne.KeyEscape)
	if u.Dialogs() != 0 || lib.docs[0].File == nil {
		t.Fatal("Escape removed the file")
	}
	test.Tap(s.Detail().RemoveButton())
	u.TypeKey(fyne.KeyReturn)
	if lib.docs[0].File != nil {
		t.Fatal("Enter on the question did not remove the file")
	}
	// Online, a file that can come back goes at once.
	lib.docs[1].File = &app.File{Path: "files/2.pdf", Size: 100}
	u, _ = newUI(t, lib, ui.Config{Reachable: func(context.Context, []string) bool { return true }})
	u.Library().Select(1)
	test.Tap(u.Library().Detail().RemoveButton())
	if u.Dialogs() != 0 || lib.docs[1].File != nil {
		t.Fatalf("Remove online: %d dialogs, file kept %v; want it gone at once", u.Dialogs(), lib.docs[1].File != nil)
	}
}

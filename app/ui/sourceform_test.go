package ui_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"fieldshelf/app/ui"
)

func TestAddingACatalogueChecksTheAddress(t *testing.T) {
	lib := newFakeLib(1)
	u, _ := newUI(t, lib, ui.Config{})
	form := u.AddCatalogue()
	test.Type(form.URL, "https://bad.test/feed")
	want := "The address of https://bad.test/feed does not lead to an OPDS catalogue. Check it in Settings."
	if got := form.Status(); got != want {
		t.Fatalf("status %q, want %q", got, want)
	}
	u.TypeKey(fyne.KeyReturn)
	if u.Dialogs() != 1 || len(lib.sources) != 1 {
		t.Fatalf("Enter after a failed check: %d dialogs, %d sources; want the form kept open", u.Dialogs(), len(lib.sources))
	}
	test.Tap(form.Add)
	if u.Dialogs() != 0 || len(lib.sources) != 2 {
		t.Fatalf("Add anyway: %d dialogs, %d sources; want it added", u.Dialogs(), len(lib.sources))
	}
	form = u.AddCatalogue()
	form.URL.SetText("https://ilo.test/opds")
	test.Type(form.Password, "s3cret")
	if got := form.Status(); got != "Found: OPDS 1.2 catalogue, 214 publications." {
		t.Fatalf("status %q, want what was found", got)
	}
	if lib.called("check https://ilo.test/opds s3cret") == 0 {
		t.Errorf("the check did not use the password typed: %v", lib.calls)
	}
	u.TypeKey(fyne.KeyReturn)
	if u.Dialogs() != 0 || len(lib.sources) != 3 || lib.passwords[3] != "s3cret" || lib.called("sync") == 0 {
		t.Fatalf("Enter after a good check: %d dialogs, %d sources, password %q, %d syncs; want it added, its password kept, synced",
			u.Dialogs(), len(lib.sources), lib.passwords[3], lib.called("sync"))
	}
}

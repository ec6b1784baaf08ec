package ui_test

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"fieldshelf/app"
	"fieldshelf/app/ui"
)

// fakeSharing records what the screens ask of the publisher and server.
type fakeSharing struct {
	published []app.PublishRequest
	shared    []string // the folders shared; "" for the library
	stopped   int
}

func (f *fakeSharing) Publish(_ context.Context, req app.PublishRequest, progress func(app.PublishProgress)) (app.PublishReport, error) {
	f.published = append(f.published, req)
	progress(app.PublishProgress{File: "a.pdf", Done: 0, Total: 2})
	return app.PublishReport{Out: req.Out, Publications: 2, Added: 2, Written: 9,
		Failed: []app.PublishFailure{{File: "bad.pdf", Reason: "it has no pages"}}}, nil
}

func (f *fakeSharing) Share(_ context.Context, dir string, _ bool) (app.Sharing, error) {
	f.shared = append(f.shared, dir)
	return app.Sharing{Dir: dir, Local: "http://127.0.0.1:8421/catalog.xml",
		Nearby: []string{"http://192.168.1.20:8421/catalog.xml"}, Reachable: true}, nil
}

func (f *fakeSharing) StopSharing() error { f.stopped++; return nil }

func TestShareWithPeopleNearbyHasAClearOnOffState(t *testing.T) {
	sh := &fakeSharing{}
	u, _ := newUI(t, newFakeLib(3), ui.Config{Sharing: sh})
	b := u.ShareButton()
	if b.Text != "Share" || !b.Visible() {
		t.Fatalf("button %q", b.Text)
	}
	test.Tap(b)
	check, status := u.ShareSwitch()
	if check.Checked || !strings.HasPrefix(status, "Off") {
		t.Fatalf("before: %v %q", check.Checked, status)
	}
	check.SetChecked(true)
	if _, status = u.ShareSwitch(); len(sh.shared) != 1 || sh.shared[0] != "" || b.Text != "Sharing on" ||
		!strings.Contains(status, "http://192.168.1.20:8421/catalog.xml") {
		t.Fatalf("on: shared %q, button %q, status %q", sh.shared, b.Text, status)
	}
	check.SetChecked(false)
	if _, status = u.ShareSwitch(); sh.stopped != 1 || b.Text != "Share" || !strings.HasPrefix(status, "Off") {
		t.Fatalf("off: stopped %d, button %q, status %q", sh.stopped, b.Text, status)
	}
}

func TestPublishScreenPublishesThenShares(t *testing.T) {
	sh := &fakeSharing{}
	u, _ := newUI(t, newFakeLib(3), ui.Config{Sharing: sh})
	f := u.OpenPublish()
	test.Tap(f.Publish)
	if len(sh.published) != 0 || !strings.Contains(f.Result(), "Choose the folder") {
		t.Fatalf("published without folders: %v %q", sh.published, f.Result())
	}
	f.Dir.SetText("/home/trainer/handbooks")
	f.Out.SetText("/media/usb/workshop")
	f.Title.SetText("Screening workshop")
	f.AddAnnotations("/home/trainer/maria.json")
	test.Tap(f.Publish)
	want := app.PublishRequest{Dir: "/home/trainer/handbooks", Out: "/media/usb/workshop", Title: "Screening workshop",
		Annotations: []string{"/home/trainer/maria.json"}}
	if len(sh.published) != 1 || sh.published[0].Dir != want.Dir || sh.published[0].Out != want.Out ||
		sh.published[0].Title != want.Title || sh.published[0].Annotations[0] != want.Annotations[0] {
		t.Fatalf("published %+v, want %+v", sh.published, want)
	}
	if r := f.Result(); !strings.HasPrefix(r, "Published 2 publications") || !strings.Contains(r, "\nLeft out bad.pdf: it has no pages.") ||
		!f.Share.Visible() {
		t.Fatalf("result %q", r)
	}
	test.Tap(f.Share)
	if len(sh.shared) != 1 || sh.shared[0] != "/media/usb/workshop" || u.ShareButton().Text != "Sharing on" ||
		!strings.Contains(f.Result(), "http://192.168.1.20:8421/catalog.xml") {
		t.Fatalf("shared %q, result %q", sh.shared, f.Result())
	}
	// The Share dialog says a folder is shared, not the library.
	test.Tap(u.ShareButton())
	if check, status := u.ShareSwitch(); check.Checked || !strings.Contains(status, "the catalogue in /media/usb/workshop") {
		t.Fatalf("share dialog: %v %q", check.Checked, status)
	}
}

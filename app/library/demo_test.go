package library_test

import (
	"context"
	"path/filepath"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/fetch"
	"fieldshelf/app/library"
	"fieldshelf/assets"
	"fieldshelf/storage"
)

// TestInstallDemoMakesTheGuideOffline checks that a first start lists the
// demo catalogue and has the bundled user guide offline, pinned, while the
// publications without a file stay catalogue-only.
func TestInstallDemoMakesTheGuideOffline(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := storage.Open(ctx, filepath.Join(dir, "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	l := library.New(st, fetch.New(fetch.Options{}), dir, library.Options{})
	installed, err := l.InstallDemo(ctx, assets.DemoCatalog(), assets.DemoFiles())
	if err != nil || !installed {
		t.Fatalf("InstallDemo=%v, %v; want true, nil", installed, err)
	}
	docs, err := l.Documents(ctx, app.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	offline := 0
	for _, d := range docs {
		if d.File != nil {
			offline++
			if d.Title != "Fieldshelf user guide" || !d.File.Pinned {
				t.Errorf("offline: %q pinned=%v, want only the user guide, pinned", d.Title, d.File.Pinned)
			}
		}
	}
	if len(docs) != 6 || offline != 1 {
		t.Fatalf("%d documents, %d offline; want 6 and 1", len(docs), offline)
	}
}

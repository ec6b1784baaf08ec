package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fieldshelf/app"
	"fieldshelf/app/fetch"
)

// demoSetting records that the demo library was installed once, so that a
// user who removes it does not get it back.
const demoSetting = "demo.installed"

// DemoName is the name of the demo library's source.
const DemoName = "Fieldshelf demo library"

// InstallDemo gives a new library its demo catalogue: on the very first
// start, with no source configured, the embedded feed (and the files it
// links to, given in files by relative name) is written below the data
// directory, added as a file:// source and synced through the normal path.
// It does nothing on later starts. It reports whether it installed the demo.
func (l *Library) InstallDemo(ctx context.Context, feed []byte, files map[string][]byte) (bool, error) {
	done, err := l.store.Setting(ctx, demoSetting, "")
	if err != nil || done != "" {
		return false, err
	}
	sources, err := l.store.Sources(ctx)
	if err != nil || len(sources) > 0 {
		return false, err
	}
	dir := filepath.Join(l.dataDir, "demo")
	feedURL := fetch.FileURL(filepath.Join(dir, "catalog.xml"))
	// Of several processes starting at once on a new data directory, one
	// installs the demo.
	if claimed, err := l.store.ClaimSetting(ctx, demoSetting, feedURL); err != nil || !claimed {
		return false, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, fmt.Errorf("library: install demo: %w", err)
	}
	files["catalog.xml"] = feed
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(name)), b, 0o644); err != nil {
			return false, fmt.Errorf("library: install demo: %w", err)
		}
	}
	src, err := l.store.AddSource(ctx, app.Source{URL: feedURL, Name: DemoName})
	if err != nil {
		return false, err
	}
	if _, err := l.SyncSource(ctx, src, nil); err != nil {
		return true, fmt.Errorf("library: sync the demo library: %w", err)
	}
	return true, l.downloadBundled(ctx, src.ID)
}

// downloadBundled makes the files shipped with the demo (the user guide)
// available offline at once, through the normal download path from their
// file:// links, pinned so the cache limit keeps them.
func (l *Library) downloadBundled(ctx context.Context, sourceID int64) error {
	docs, err := l.store.Documents(ctx, app.Filter{SourceID: sourceID})
	if err != nil {
		return err
	}
	var ids []int64
	for _, d := range docs {
		if strings.HasPrefix(d.FileURL, "file:") {
			ids = append(ids, d.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	if _, err := l.Download(ctx, ids, app.DownloadOptions{Pin: true}); err != nil {
		return fmt.Errorf("library: make the demo files available offline: %w", err)
	}
	return nil
}

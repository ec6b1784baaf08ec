package pdf

import (
	"os"
	"path/filepath"
	"testing"
)

func TestThumbnailOnDisk(t *testing.T) {
	e := newEngine(t, Timeouts{})
	d := openSample(t, e)
	path := ThumbPath(t.TempDir(), 7, "abcdef0123456789", 1, 120)
	img, err := Thumbnail(testCtx(t), d, path, 1, 120)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != 120 {
		t.Errorf("width %d, want 120", img.Bounds().Dx())
	}
	if filepath.Base(path) != "7-abcdef012345-1-120.png" {
		t.Errorf("path %s", path)
	}
	d.Close()
	again, err := Thumbnail(testCtx(t), d, path, 1, 120) // the doc is closed: must come from disk
	if err != nil || again.Bounds() != img.Bounds() {
		t.Fatalf("from disk: %v, %v", again, err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}

package pdf

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
)

// ThumbPath names the thumbnail of a page of one version of a document:
// <dataDir>/thumbs/<docID>-<sha prefix>-<page>-<width>.png.
func ThumbPath(dataDir string, docID int64, sha256 string, page, width int) string {
	return filepath.Join(dataDir, "thumbs", fmt.Sprintf("%d-%.12s-%d-%d.png", docID, sha256, page, width))
}

// Thumbnail returns a page drawn width pixels wide, from the PNG file at
// path when it is there, else drawn now and saved there (written to a
// temporary file, then renamed, so a reader never sees half a file).
func Thumbnail(ctx context.Context, d *Doc, path string, page, width int) (image.Image, error) {
	if img, err := readPNG(path); err == nil {
		return img, nil
	}
	img, err := d.Render(ctx, page, RenderOptions{Width: width})
	if err != nil {
		return nil, err
	}
	if err := writePNG(path, img); err != nil {
		return nil, err
	}
	return img, nil
}

func readPNG(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}

// writePNG saves an image atomically.
func writePNG(path string, img image.Image) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("pdf: thumbnail folder: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".thumb-*")
	if err != nil {
		return fmt.Errorf("pdf: thumbnail: %w", err)
	}
	defer os.Remove(tmp.Name())
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(tmp, img); err != nil {
		tmp.Close()
		return fmt.Errorf("pdf: thumbnail: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("pdf: thumbnail: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("pdf: thumbnail: %w", err)
	}
	return nil
}

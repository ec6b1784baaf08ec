package pdf

import (
	"fmt"
	"math"
)

// Caps that keep an absurd page size from exhausting memory: a render is
// scaled down until it fits both.
const (
	// MaxSide is the largest width or height of a render, in pixels.
	MaxSide = 16384
	// MaxPixels is the largest area of a render (128 MiB as RGBA).
	MaxPixels = 32 << 20
)

// minPageBytes is the least a page can take in a file: a count that would
// need pages smaller than that is a lie of a broken file.
const minPageBytes = 16

// sanePageCount caps a page count by what the file's size can hold.
func sanePageCount(n int, fileSize int64) int {
	limit := max(1, fileSize/minPageBytes)
	if n < 0 {
		return 0
	}
	return int(min(int64(n), limit))
}

// RenderOptions say how large to draw a page. DPI, when set, wins;
// otherwise Width and Height give the pixel size (one of them alone keeps
// the page's aspect). A size over MaxSide or MaxPixels is scaled down.
type RenderOptions struct {
	Width, Height int
	DPI           float64
	Night         bool // invert luminance for reading in the dark
}

// DefaultDPI is the resolution when RenderOptions give no size.
const DefaultDPI = 150

// pixelSize returns the pixel size of a page of pw*ph points and the
// scales that map points to it.
func pixelSize(pw, ph float64, o RenderOptions) (w, h int, sx, sy float64, err error) {
	if !(pw > 0 && ph > 0) || math.IsInf(pw, 0) || math.IsInf(ph, 0) {
		return 0, 0, 0, 0, fmt.Errorf("page size %gx%g points: %w", pw, ph, ErrBroken)
	}
	fw, fh := 0.0, 0.0
	switch {
	case o.DPI > 0:
		fw, fh = pw*o.DPI/72, ph*o.DPI/72
	case o.Width > 0 && o.Height > 0:
		fw, fh = float64(o.Width), float64(o.Height)
	case o.Width > 0:
		fw, fh = float64(o.Width), ph*float64(o.Width)/pw
	case o.Height > 0:
		fw, fh = pw*float64(o.Height)/ph, float64(o.Height)
	default:
		fw, fh = pw*DefaultDPI/72, ph*DefaultDPI/72
	}
	shrink := min(1, MaxSide/fw, MaxSide/fh, math.Sqrt(MaxPixels/(fw*fh)))
	round := math.Round
	if shrink < 1 {
		fw, fh, round = fw*shrink, fh*shrink, math.Floor
	}
	w, h = max(1, int(round(fw))), max(1, int(round(fh)))
	return w, h, float64(w) / pw, float64(h) / ph, nil
}

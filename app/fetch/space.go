package fetch

import (
	"fmt"
	"math"
	"path/filepath"

	"fieldshelf/app"
)

// spaceMargin is the least free space a download leaves on the disk.
const spaceMargin = 16 << 20

// checkSpace refuses to start when the disk cannot hold the rest of a file
// of total bytes plus a margin (a tenth, at least 16 MiB). An unknown total
// or free space skips the check.
func (d *download) checkSpace(total int64) error {
	need := total - d.p.off
	if total <= 0 || need <= 0 {
		return nil
	}
	free, err := FreeSpace(filepath.Dir(d.p.path))
	if err != nil {
		return nil
	}
	margin := max(need/10, spaceMargin)
	if need <= free && margin <= free-need {
		return nil
	}
	if need > math.MaxInt64-margin {
		margin = math.MaxInt64 - need
	}
	return newErr(fmt.Sprintf("fetch: %s: not enough space: need %s, have %s",
		d.res.Path, app.FormatSize(need+margin), app.FormatSize(free)), app.ErrNoSpace)
}

//go:build !linux && !darwin && !windows

package fetch

import (
	"errors"
	"fmt"
)

// FreeSpace returns the bytes available to this user on the file system
// that holds dir. On systems where it is unknown it returns an error
// wrapping errors.ErrUnsupported, and downloads skip the check.
func FreeSpace(dir string) (int64, error) {
	return 0, fmt.Errorf("fetch: free space of %s: %w", dir, errors.ErrUnsupported)
}

// syncDir is a no-op where directories cannot be synced.
func syncDir(string) error { return nil }

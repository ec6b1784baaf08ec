//go:build linux || darwin

package fetch

import (
	"fmt"
	"os"
	"syscall"
)

// FreeSpace returns the bytes available to this user on the file system
// that holds dir. On systems where it is unknown it returns an error
// wrapping errors.ErrUnsupported, and downloads skip the check.
func FreeSpace(dir string) (int64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, fmt.Errorf("fetch: free space of %s: %w", dir, err)
	}
	return int64(st.Bavail) * int64(st.Bsize), nil
}

// syncDir flushes a directory entry change (a rename) to disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	if err := d.Sync(); err != nil {
		d.Close()
		return err
	}
	return d.Close()
}

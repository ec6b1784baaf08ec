package fetch

import (
	"fmt"

	"golang.org/x/sys/windows"
)

// FreeSpace returns the bytes available to this user (quotas counted) on
// the volume that holds dir.
func FreeSpace(dir string) (int64, error) {
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return 0, fmt.Errorf("fetch: free space of %s: %w", dir, err)
	}
	var avail, total, free uint64
	if err := windows.GetDiskFreeSpaceEx(p, &avail, &total, &free); err != nil {
		return 0, fmt.Errorf("fetch: free space of %s: %w", dir, err)
	}
	return int64(avail), nil
}

// syncDir does nothing on Windows: NTFS journals a rename itself, and a
// directory cannot be opened for FlushFileBuffers without write access to
// it.
func syncDir(string) error { return nil }

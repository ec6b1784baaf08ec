//go:build !linux && !darwin && !windows

package fetch

import "os"

// openPartFile opens or creates a .part file.
func openPartFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
}

// lockPart has no lock between processes to take on this system: two
// downloads of the same file are kept apart within one process only (see
// Client.Download).
func lockPart(*os.File) error { return nil }

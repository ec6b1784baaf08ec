//go:build linux || darwin

package fetch

import (
	"errors"
	"os"
	"syscall"
)

// openPartFile opens or creates a .part file.
func openPartFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
}

// lockPart takes an exclusive lock on an open .part (flock), released when
// the file is closed. It fails with errLocked at once when another process
// (or another open of the file) holds it.
func lockPart(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return errLocked
	}
	return err
}

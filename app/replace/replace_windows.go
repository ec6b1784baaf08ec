package replace

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// Rename renames oldpath to newpath, replacing newpath if it exists, even
// while newpath is open (see the package comment). Between moving the
// open file aside and renaming the new one into place, newpath does not
// exist for a moment.
func Rename(oldpath, newpath string) error {
	err := rename(oldpath, newpath)
	if err == nil || !inUse(err) {
		return err
	}
	aside, aerr := moveAside(newpath)
	if aerr != nil {
		return err // the first error says why
	}
	if err := os.Rename(oldpath, newpath); err != nil {
		if rerr := os.Rename(aside, newpath); rerr != nil {
			return errors.Join(err, fmt.Errorf("replace: the old file stays as %s: %w", aside, rerr))
		}
		return err
	}
	_ = os.Remove(aside) // shared for deletion by all that hold it, or the move aside had failed
	return nil
}

// rename renames with POSIX semantics where Windows has them (the
// operations of an os.Root), within one folder.
func rename(oldpath, newpath string) error {
	dir := filepath.Dir(newpath)
	if filepath.Dir(oldpath) != dir {
		return os.Rename(oldpath, newpath)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return os.Rename(oldpath, newpath)
	}
	defer root.Close()
	if err := root.Rename(filepath.Base(oldpath), filepath.Base(newpath)); err != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: errors.Unwrap(err)}
	}
	return nil
}

// Remove deletes the file at path, even while it is open; the name is
// free at once (see the package comment).
func Remove(path string) error {
	aside, err := moveAside(path)
	if err != nil {
		return os.Remove(path) // which says why, in os.Remove's words
	}
	if err := os.Remove(aside); err != nil {
		// Put it back rather than leave it under the hidden name.
		if rerr := os.Rename(aside, path); rerr != nil {
			return errors.Join(err, fmt.Errorf("replace: the file stays as %s: %w", aside, rerr))
		}
		return err
	}
	return nil
}

// moveAside renames the file at path to a hidden name beside it, which
// keeps its extension (the library's sweep of unknown .pdf files removes
// one left by a crash), and returns that name.
func moveAside(path string) (string, error) {
	var b [6]byte
	rand.Read(b[:])
	aside := filepath.Join(filepath.Dir(path), ".old-"+hex.EncodeToString(b[:])+"-"+filepath.Base(path))
	if err := os.Rename(path, aside); err != nil {
		return "", err
	}
	return aside, nil
}

// inUse reports whether err is Windows refusing a file that is open.
func inUse(err error) bool {
	return errors.Is(err, windows.ERROR_ACCESS_DENIED) || errors.Is(err, windows.ERROR_SHARING_VIOLATION)
}

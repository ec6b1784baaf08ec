//go:build !windows

package replace

import "os"

// Rename renames oldpath to newpath, replacing newpath if it exists, even
// while newpath is open (see the package comment).
func Rename(oldpath, newpath string) error { return os.Rename(oldpath, newpath) }

// Remove deletes the file at path, even while it is open; the name is
// free at once (see the package comment).
func Remove(path string) error { return os.Remove(path) }

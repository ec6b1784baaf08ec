package library

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// CheckParent refuses a path to write whose folder does not exist: the one
// rule of every command that writes a file the user names (backup,
// annotations export, render). A mistyped folder is an error to show, not
// a folder to make.
func CheckParent(path string) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("the folder %s does not exist", dir)
	case err != nil:
		return fmt.Errorf("the folder %s: %w", dir, err)
	case !st.IsDir():
		return fmt.Errorf("%s is not a folder", dir)
	}
	return nil
}

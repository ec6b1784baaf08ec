package main

import (
	"os"
	"path/filepath"
	"runtime"
)

// portableMarker is the file whose presence beside the executable makes a
// portable copy (the Windows zip, a USB stick): its data lives beside it.
const portableMarker = "portable"

// portableDataDir returns the data folder of a portable copy, "data"
// beside the executable when a file named portable is there too, or "" for
// an installed copy.
func portableDataDir() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	dir := filepath.Dir(exe)
	if st, err := os.Stat(filepath.Join(dir, portableMarker)); err != nil || !st.Mode().IsRegular() {
		return ""
	}
	return filepath.Join(dir, "data")
}

// dataDirName is the data directory's name in the platform's data home:
// %LocalAppData%\Fieldshelf on Windows, where folders are named as people
// read them, fieldshelf elsewhere.
func dataDirName() string {
	if runtime.GOOS == "windows" {
		return "Fieldshelf"
	}
	return "fieldshelf"
}

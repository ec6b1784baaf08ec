package main_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// demoURL is the demo library's feed in a data directory: the first command
// writes it there, so it tells which directory a command used.
func demoURL(dir string) string {
	return "file://" + filepath.ToSlash(filepath.Join(dir, "demo", "catalog.xml"))
}

// checkDataDir checks that dir is a data directory the command created.
func checkDataDir(t *testing.T, dir string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, "library.db")); err != nil {
		t.Fatalf("got no library in %s: %v", dir, err)
	}
}

// checkEmpty checks that the command wrote nothing in dir.
func checkEmpty(t *testing.T, dir string) {
	t.Helper()
	names, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 0 {
		t.Errorf("got %d entries in %s, want none: the data went elsewhere", len(names), dir)
	}
}

func TestDataFlagAnywhere(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	data := c.data
	c.data = "" // the flag is placed by hand below
	srv := newServer(t)
	newShelf(srv).publish()

	c.ok("sources", "add", srv.url(feedPath), "--name", "Test shelf", "--data", data)
	checkDataDir(t, data)
	for _, args := range [][]string{
		{"--data", data, "sources", "list", "--json"},
		{"sources", "list", "--json", "--data", data},
		{"sources", "--data", data, "list", "--json"},
		{"--data=" + data, "sources", "list", "--json"},
		{"sources", "list", "--json", "--data=" + data},
	} {
		var list []map[string]any
		c.okJSON(&list, args...)
		if len(list) != 2 || list[0]["url"] != demoURL(data) || list[1]["name"] != "Test shelf" {
			t.Errorf("fieldshelf %v: got %s, want the demo library of %s and Test shelf", args, dump(list), data)
		}
	}
	checkEmpty(t, c.home)
	checkEmpty(t, c.dir)
}

func TestDataDirFromEnvironment(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	envData, flagData, xdg := t.TempDir(), t.TempDir(), t.TempDir()
	c.data = ""
	// FIELDSHELF_DATA when there is no flag, even with XDG_DATA_HOME set.
	c.env = []string{"FIELDSHELF_DATA=" + envData, "XDG_DATA_HOME=" + xdg}
	if s := c.sources(); len(s) != 1 || s[0]["url"] != demoURL(envData) {
		t.Fatalf("with FIELDSHELF_DATA: got %s, want the demo library of %s", dump(s), envData)
	}
	checkDataDir(t, envData)
	// The flag wins over the variable.
	c.data = flagData
	if s := c.sources(); len(s) != 1 || s[0]["url"] != demoURL(flagData) {
		t.Fatalf("with --data and FIELDSHELF_DATA: got %s, want the demo library of %s", dump(s), flagData)
	}
	checkEmpty(t, xdg)
	checkEmpty(t, c.home)
	checkEmpty(t, c.dir)
}

func TestDataDirXDG(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("XDG_DATA_HOME is the data directory on Linux and the BSDs only")
	}
	c := newCLI(t)
	c.data = ""
	xdg := t.TempDir()
	c.env = []string{"XDG_DATA_HOME=" + xdg}
	want := filepath.Join(xdg, "fieldshelf")
	if s := c.sources(); len(s) != 1 || s[0]["url"] != demoURL(want) {
		t.Fatalf("with XDG_DATA_HOME: got %s, want the demo library of %s", dump(s), want)
	}
	checkDataDir(t, want)
	checkEmpty(t, c.home)

	// A relative XDG_DATA_HOME is ignored: ~/.local/share.
	c.env = []string{"XDG_DATA_HOME=relative/data"}
	want = filepath.Join(c.home, ".local", "share", "fieldshelf")
	if s := c.sources(); len(s) != 1 || s[0]["url"] != demoURL(want) {
		t.Fatalf("with a relative XDG_DATA_HOME: got %s, want the demo library of %s", dump(s), want)
	}
	checkDataDir(t, want)
	checkEmpty(t, c.dir)
}

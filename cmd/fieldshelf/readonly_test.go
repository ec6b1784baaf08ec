//go:build linux

package main_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A library on a folder that cannot be written (a write-protected stick):
// reading commands work and say once that changes cannot be saved; a
// change fails with that sentence. As root, whom permissions do not stop,
// the commands run as the user nobody.
func TestReadOnlyLibrary(t *testing.T) {
	c := newCLI(t)
	id := offlineDemoDoc(t, c)
	readOnly(t, c)
	for _, args := range [][]string{{"ls", "--json"}, {"search", "guide"}, {"text", id, "1"}, {"sources", "list"}} {
		r := c.run(args...)
		lines := r.stderrLines()
		if r.code != 0 || len(lines) != 1 || !strings.Contains(lines[0], "cannot be written") ||
			!strings.Contains(lines[0], "changes cannot be saved") || r.stdout == "" {
			t.Fatalf("%s", r)
		}
	}
	var listed []map[string]any
	if out := c.run("ls", "--json").stdout; json.Unmarshal([]byte(out), &listed) != nil || len(listed) == 0 {
		t.Fatalf("ls --json: %s", out)
	}
	if line := c.fail("notes", "add", id, "a note"); !strings.Contains(line, "changes cannot be saved") {
		t.Fatalf("a change: %s", line)
	}
}

// readOnly makes c's data directory one c's commands cannot write.
func readOnly(t *testing.T, c *cli) {
	t.Helper()
	if os.Geteuid() != 0 {
		chmodAll(t, c.data, 0o555, 0o444)
		t.Cleanup(func() { chmodAll(t, c.data, 0o755, 0o644) })
		return
	}
	// Everything the child needs is readable by others, nothing writable.
	chmodAll(t, c.data, 0o755, 0o644)
	for _, p := range []string{filepath.Dir(bin), c.home, c.dir, c.data} {
		for d := p; d != "/" && d != filepath.Dir(os.TempDir()); d = filepath.Dir(d) {
			if st, err := os.Stat(d); err == nil {
				os.Chmod(d, st.Mode().Perm()|0o055)
			}
		}
	}
	c.sys = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
}

// chmodAll sets the mode of every folder and file under root.
func chmodAll(t *testing.T, root string, dirMode, fileMode fs.FileMode) {
	t.Helper()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.Chmod(p, dirMode)
		}
		return os.Chmod(p, fileMode)
	})
	if err != nil {
		t.Fatal(err)
	}
}

package library_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/library"
)

// One rule for a file the user names: its folder must exist.
func TestWritesRefuseAMissingFolder(t *testing.T) {
	l := newLibrary(t)
	ctx := context.Background()
	missing := filepath.Join(t.TempDir(), "no-such-folder")
	target := filepath.Join(missing, "out")
	if err := l.Backup(ctx, target); err == nil || !strings.Contains(err.Error(), "the folder "+missing+" does not exist") {
		t.Errorf("backup: %v", err)
	}
	if _, err := l.ExportFile(ctx, 0, app.FormatMarkdown, target); err == nil ||
		!strings.Contains(err.Error(), "the folder "+missing+" does not exist") {
		t.Errorf("export: %v", err)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Fatalf("the folder was made: %v", err)
	}
}

// A damaged database that restore cannot open is kept as it was, and
// restore names the file it kept.
func TestRestoreNamesTheCopyItKept(t *testing.T) {
	ctx := context.Background()
	l := newLibrary(t)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := l.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "library.db")
	damaged := bytes.Repeat([]byte("damaged "), 1024)
	if err := os.WriteFile(dbPath, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	kept, err := library.RestoreDatabase(ctx, dbPath, backup)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(kept, "-raw.db") || filepath.Dir(kept) != filepath.Join(dir, library.BackupsDir) {
		t.Fatalf("kept %s", kept)
	}
	if b, err := os.ReadFile(kept); err != nil || !bytes.Equal(b, damaged) {
		t.Fatalf("the kept copy is not the damaged database: %v", err)
	}
}

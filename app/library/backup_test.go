package library_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/library"
	"fieldshelf/storage"
)

func TestBackupIfDueKeepsTheLastSeven(t *testing.T) {
	l := newLibrary(t)
	ctx := context.Background()
	day := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	l.Store().Now = func() time.Time { return day }
	for i := 0; i < 10; i++ {
		path, err := l.BackupIfDue(ctx)
		if err != nil || filepath.Base(path) != "library-"+day.Format("20060102")+".db" {
			t.Fatalf("day %d: backup %q, %v", i, path, err)
		}
		if again, err := l.BackupIfDue(ctx); again != "" || err != nil {
			t.Fatalf("a second backup on the same day: %q, %v", again, err)
		}
		day = day.AddDate(0, 0, 1)
	}
	names, _ := filepath.Glob(filepath.Join(l.DataDir(), library.BackupsDir, "*"))
	if len(names) != library.KeepBackups || filepath.Base(names[0]) != "library-20260104.db" {
		t.Fatalf("backups = %v, want the last 7", names)
	}
	if _, err := storage.CheckDatabase(ctx, names[6]); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "library.db")
	st, err := storage.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	l := library.New(st, testClient(), dir, library.Options{})
	src, _ := st.AddSource(ctx, app.Source{URL: "http://feeds.test/"})
	applySync(t, st, src.ID, storage.SyncBatch{Complete: true, Pages: []storage.Page{{URL: "http://feeds.test/"}},
		Entries: []storage.SyncEntry{{Key: "k", Page: "http://feeds.test/", Entry: app.Entry{ID: "k", Title: "K"}}}})
	l.AddNote(ctx, 1, 0, "before the backup")
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := l.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	l.AddNote(ctx, 1, 0, "after the backup")
	st.Close()

	// Refused: not a database, a newer schema, the database itself.
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("SQLite format 3? no."), 0o600)
	if _, err := library.RestoreDatabase(ctx, dbPath, junk); err == nil {
		t.Fatal("a junk file was restored")
	}
	newer := filepath.Join(t.TempDir(), "newer.db")
	if err := copyDB(backup, newer); err != nil {
		t.Fatal(err)
	}
	if _, err := library.RestoreDatabase(ctx, dbPath, newer); !errors.Is(err, app.ErrNewerSchema) {
		t.Fatalf("restore of a newer database: %v", err)
	}
	if _, err := library.RestoreDatabase(ctx, dbPath, dbPath); err == nil {
		t.Fatal("the database was restored onto itself")
	}

	safety, err := library.RestoreDatabase(ctx, dbPath, backup)
	if err != nil {
		t.Fatal(err)
	}
	if n := notesIn(t, dbPath); n != 1 {
		t.Fatalf("%d notes after the restore, want the backup's one", n)
	}
	if n := notesIn(t, safety); n != 2 {
		t.Fatalf("%d notes in the safety copy %s, want both", n, safety)
	}
}

// copyDB copies a database and gives the copy a schema version from the future.
func copyDB(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", to)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(`PRAGMA user_version = 999`)
	return err
}

func notesIn(t *testing.T, path string) int {
	t.Helper()
	st, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	notes, err := st.Notes(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(notes)
}

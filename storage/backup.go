package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"

	"fieldshelf/app"
)

// BackupTo writes a consistent copy of the database to path, whose folder
// must exist, while the library stays in use: VACUUM INTO a temporary file
// beside path, synced to disk, then renamed over path, so path is never a
// half-written copy.
func (s *Store) BackupTo(ctx context.Context, path string) error {
	// VACUUM INTO refuses an existing file; the name is unique so that two
	// processes backing up at once do not trip over each other.
	tmp := path + "." + NewUID()[:8] + ".tmp"
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("storage: back up to %s: %w", path, err)
	}
	if err := syncAndRename(tmp, path); err != nil {
		return fmt.Errorf("storage: back up to %s: %w", path, err)
	}
	return nil
}

// syncAndRename flushes tmp to disk, renames it to path and syncs the folder.
func syncAndRename(tmp, path string) error {
	f, err := os.OpenFile(tmp, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := errors.Join(f.Sync(), f.Close()); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync() // not supported everywhere; the rename is done either way
		d.Close()
	}
	return nil
}

// CheckDatabase verifies that the file at path is a Fieldshelf database
// this build can open: an SQLite file, with a schema version from 1 to
// SchemaVersion, the library's tables and a clean integrity check. It
// returns the schema version. The file is opened read-only and not changed.
func CheckDatabase(ctx context.Context, path string) (int, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, fmt.Errorf("storage: check %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&immutable=1")
	if err != nil {
		return 0, fmt.Errorf("storage: check %s: %w", path, err)
	}
	defer db.Close()
	var version, tables int
	var check string
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return 0, fmt.Errorf("storage: %s is not a Fieldshelf database: %w", path, err)
	}
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table'
		AND name IN ('sources', 'documents', 'files', 'bookmarks', 'notes', 'highlights', 'settings')`).Scan(&tables)
	if err != nil || version < 1 || tables != 7 {
		return 0, fmt.Errorf("storage: %s is not a Fieldshelf database (schema %d, %d of 7 tables): %v", path, version, tables, err)
	}
	if version > SchemaVersion() {
		return 0, fmt.Errorf("storage: %s has schema version %d, this Fieldshelf knows up to %d: %w",
			path, version, SchemaVersion(), app.ErrNewerSchema)
	}
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check(1)`).Scan(&check); err != nil || check != "ok" {
		return 0, fmt.Errorf("storage: %s fails the integrity check: %s %v", path, check, err)
	}
	return version, nil
}

// ReplaceDatabase puts a copy of the database file from in place of the
// one at path, atomically: the copy is written and synced beside path, the
// old write-ahead log is removed and the copy renamed over path. No store
// may have path open; close it first.
func ReplaceDatabase(path, from string) error {
	tmp := path + ".restore"
	if err := copyFile(from, tmp); err != nil {
		return fmt.Errorf("storage: restore %s: %w", from, err)
	}
	// A log left beside the old file would be replayed into the new one.
	for _, side := range []string{path + "-wal", path + "-shm", path + "-journal"} {
		if err := os.Remove(side); err != nil && !errors.Is(err, os.ErrNotExist) {
			os.Remove(tmp)
			return fmt.Errorf("storage: restore %s: %w", from, err)
		}
	}
	if err := syncAndRename(tmp, path); err != nil {
		return fmt.Errorf("storage: restore %s: %w", from, err)
	}
	return nil
}

// CopyDatabaseFiles copies a database file and its write-ahead log, if
// any, as they are: the last resort to keep a database that cannot be
// opened.
func CopyDatabaseFiles(path, to string) error {
	if err := copyFile(path, to); err != nil {
		return fmt.Errorf("storage: copy %s: %w", path, err)
	}
	if err := copyFile(path+"-wal", to+"-wal"); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("storage: copy %s: %w", path+"-wal", err)
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err = errors.Join(err, out.Sync(), out.Close()); err != nil {
		os.Remove(to)
	}
	return err
}

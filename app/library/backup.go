package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fieldshelf/storage"
)

// BackupsDir is the folder of the data directory that holds the automatic
// daily backups of the database.
const BackupsDir = "backups"

// KeepBackups is how many daily backups are kept.
const KeepBackups = 7

// BackupIfDue makes today's backup of the database, backups/library-
// YYYYMMDD.db, unless it exists, and deletes all but the last KeepBackups
// daily backups. It returns the path of the backup it made, "" if none was
// due. Call it once when the application starts.
func (l *Library) BackupIfDue(ctx context.Context) (string, error) {
	dir := filepath.Join(l.dataDir, BackupsDir)
	path := filepath.Join(dir, "library-"+l.store.Now().Format("20060102")+".db")
	if _, err := os.Stat(path); err == nil {
		return "", nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("library: back up: %w", err)
	}
	if err := l.store.BackupTo(ctx, path); err != nil {
		return "", err
	}
	return path, pruneBackups(dir)
}

// pruneBackups deletes the oldest daily backups beyond KeepBackups.
func pruneBackups(dir string) error {
	names, err := filepath.Glob(filepath.Join(dir, "library-????????.db"))
	if err != nil {
		return fmt.Errorf("library: list backups: %w", err)
	}
	sort.Strings(names) // the date in the name sorts them
	var errs []error
	stale, _ := filepath.Glob(filepath.Join(dir, "*.tmp"))
	for _, n := range stale { // left by a backup that was interrupted
		if fi, err := os.Stat(n); err == nil && time.Since(fi.ModTime()) > time.Hour {
			_ = os.Remove(n)
		}
	}
	for _, n := range names[:max(0, len(names)-KeepBackups)] {
		if err := os.Remove(n); err != nil {
			errs = append(errs, fmt.Errorf("library: delete old backup: %w", err))
		}
	}
	return errors.Join(errs...)
}

// Backup writes a consistent copy of the database to path, replacing the
// file there. The folder must exist (see CheckParent).
func (l *Library) Backup(ctx context.Context, path string) error {
	if err := CheckParent(path); err != nil {
		return fmt.Errorf("library: back up to %s: %w", path, err)
	}
	return l.store.BackupTo(ctx, path)
}

// RestoreDatabase replaces the database at dbPath with the backup at from.
// It first checks that from is a Fieldshelf database this version can
// open and that passes an integrity check, then keeps a safety copy of the
// current database in the backups folder beside it (whose path it
// returns), then swaps the files atomically. No store may have dbPath open:
// call it before opening the library. A backup from an older version is
// brought up to date when the library is next opened.
func RestoreDatabase(ctx context.Context, dbPath, from string) (string, error) {
	if same, _ := sameFile(dbPath, from); same {
		return "", errors.New("library: restore: that is the library's own database")
	}
	if _, err := storage.CheckDatabase(ctx, from); err != nil {
		return "", err
	}
	safety := ""
	if _, err := os.Stat(dbPath); err == nil {
		safety, err = safetyCopy(ctx, dbPath, filepath.Join(filepath.Dir(dbPath), BackupsDir,
			"before-restore-"+time.Now().UTC().Format("20060102-150405")+".db"))
		if err != nil {
			return "", fmt.Errorf("library: restore: keep a copy of the current database first: %w", err)
		}
	}
	if err := storage.ReplaceDatabase(dbPath, from); err != nil {
		return safety, err
	}
	return safety, nil
}

// safetyCopy backs up the current database to to through SQLite when it
// opens, and copies its files as they are when it does not (it may be
// damaged: that is often why one restores), beside to with "-raw" in its
// name. It returns the path of the copy it kept.
func safetyCopy(ctx context.Context, dbPath, to string) (string, error) {
	if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
		return "", err
	}
	st, err := storage.Open(ctx, dbPath)
	if err == nil {
		err = st.BackupTo(ctx, to)
		if cerr := st.Close(); err == nil && cerr != nil {
			return "", cerr
		}
		if err == nil {
			return to, nil
		}
	}
	raw := strings.TrimSuffix(to, ".db") + "-raw.db"
	return raw, storage.CopyDatabaseFiles(dbPath, raw)
}

func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}

package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"time"

	"fieldshelf/app"
)

// A library whose folder or file cannot be written (a write-protected USB
// stick, a full disk, a folder of another user) still opens, read-only:
// listing, searching and reading work, and every change fails with an
// error for which IsReadOnly holds.

// The primary SQLite result codes of a database that cannot be written or
// created.
const (
	sqlitePerm     = 3
	sqliteBusy     = 5
	sqliteReadOnly = 8
	sqliteIOErr    = 10
	sqliteFull     = 13
	sqliteCantOpen = 14
)

// sqliteCode returns the primary SQLite result code in err's chain, 0 if
// none.
func sqliteCode(err error) int {
	var se interface{ Code() int }
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// unwritable reports whether opening failed because the database could
// not be written or created.
func unwritable(err error) bool {
	switch sqliteCode(err) {
	case sqlitePerm, sqliteReadOnly, sqliteIOErr, sqliteFull, sqliteCantOpen:
		return true
	}
	return false
}

// IsReadOnly reports whether err is a change refused because the library
// is read-only.
func IsReadOnly(err error) bool {
	return errors.Is(err, app.ErrReadOnly) || sqliteCode(err) == sqliteReadOnly
}

// ReadOnly reports whether the library was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// openReadOnly opens an existing database that cannot be written. Without
// its shared-memory file SQLite can read a database in WAL mode only as
// immutable, which is tried second. The schema must be this version's: an
// older one needs a migration, which cannot be saved.
func openReadOnly(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	var last error
	for _, mode := range []string{"mode=ro", "mode=ro&immutable=1"} {
		db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+mode+
			"&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)")
		if err != nil {
			return nil, err
		}
		s := &Store{db: db, path: path, Now: time.Now, readOnly: true}
		v, err := s.userVersion(ctx)
		if err == nil {
			if err = checkReadOnlyVersion(path, v); err == nil {
				return s, nil
			}
			db.Close()
			return nil, err
		}
		db.Close()
		last = err
	}
	return nil, last
}

// checkReadOnlyVersion refuses a schema this version cannot read as it is.
func checkReadOnlyVersion(path string, v int) error {
	switch n := SchemaVersion(); {
	case v > n:
		return fmt.Errorf("storage: %s has schema version %d, this Fieldshelf knows up to %d: %w", path, v, n,
			app.ErrNewerSchema)
	case v < n:
		return fmt.Errorf("storage: %s needs an update to open, which cannot be saved: %w", path, app.ErrReadOnly)
	}
	return nil
}

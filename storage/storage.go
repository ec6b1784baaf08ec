// Package storage keeps Fieldshelf's library in one SQLite file: sources,
// the catalogue, cached files, the user's annotations and the full-text
// indexes. It uses modernc.org/sqlite (pure Go), WAL mode, and embedded
// numbered migrations applied each in its own transaction.
//
// Every exported method that writes runs in one transaction and commits
// before it returns.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"fieldshelf/app"
)

// Store is the library database.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

// Open opens (creating if needed) the database at path and brings its schema
// up to date. A database written by a newer Fieldshelf is refused with an
// error wrapping app.ErrNewerSchema. A database that exists but cannot be
// written (see ReadOnly) is opened read-only.
func Open(ctx context.Context, path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("storage: create folder for %s: %w", path, err)
	}
	s, err := openMigrated(ctx, path)
	if err != nil {
		if unwritable(err) {
			if ro, rerr := openReadOnly(ctx, path); rerr == nil || errors.Is(rerr, app.ErrNewerSchema) ||
				errors.Is(rerr, app.ErrReadOnly) {
				return ro, rerr
			}
		}
		return nil, err
	}
	if !writable(path) {
		s.db.Close()
		return openReadOnly(ctx, path)
	}
	return s, nil
}

// openBusyWait bounds how long Open waits for other processes that are
// opening the same new database at the same moment.
const openBusyWait = 30 * time.Second

// openMigrated opens the database and applies its migrations. A process
// that starts while another one writes to a new database that is not yet
// in WAL mode gets SQLITE_BUSY at once, without SQLite's busy handler:
// the journal_mode pragma in the DSN already holds a read lock when it
// asks for the exclusive one, and waiting there could deadlock. Such an
// open is closed and tried again, with a growing pause, until
// openBusyWait has passed.
func openMigrated(ctx context.Context, path string) (*Store, error) {
	deadline := time.Now().Add(openBusyWait)
	pause := 5 * time.Millisecond
	for {
		db, err := sql.Open("sqlite", dsn(path))
		if err != nil {
			return nil, fmt.Errorf("storage: open %s: %w", path, err)
		}
		s := &Store{db: db, path: path, Now: time.Now}
		err = s.migrate(ctx)
		if err == nil {
			return s, nil
		}
		db.Close()
		if sqliteCode(err) != sqliteBusy || time.Now().After(deadline) {
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("storage: open %s: %w", path, ctx.Err())
		case <-time.After(pause):
		}
		pause = min(pause*2, 200*time.Millisecond)
	}
}

// writable reports whether the database file can be opened for writing:
// SQLite reads a file it cannot write without a word, and would fail only
// at the first change.
func writable(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// dsn builds the connection string. The pragmas go in the DSN so that every
// pooled connection gets them, not only the first.
func dsn(path string) string {
	q := url.Values{}
	for _, p := range []string{
		"foreign_keys(1)",
		"busy_timeout(10000)",
		"journal_mode(WAL)",
		"synchronous(FULL)",
		"temp_store(2)",
		"cache_size(-32768)",
	} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("storage: close: %w", err)
	}
	return nil
}

// inTx runs fn in one transaction and commits it.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.readOnly {
		return app.ErrReadOnly
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

const timeLayout = "2006-01-02T15:04:05.000Z"

// fmtTime formats t for storage; the zero time becomes NULL.
func fmtTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(timeLayout)
}

// parseTime reads a stored time; NULL and bad text give the zero time.
func parseTime(v sql.NullString) time.Time {
	if !v.Valid || v.String == "" {
		return time.Time{}
	}
	t, err := time.Parse(timeLayout, v.String)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, v.String)
	}
	return t
}

func (s *Store) now() string { return s.Now().UTC().Format(timeLayout) }

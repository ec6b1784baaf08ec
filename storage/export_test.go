package storage

import (
	"context"
	"database/sql"
	"time"
)

// OpenAtVersion creates a database at path with the schema of an older
// Fieldshelf: only the migrations up to version.
func OpenAtVersion(ctx context.Context, path string, version int) (*sql.DB, error) {
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, err
	}
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, Now: time.Now}
	if err := s.migrateTo(ctx, ms, version); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

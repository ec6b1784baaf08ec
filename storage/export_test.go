package storage

import (
	"context"
	"database/sql"
	"time"

	"fieldshelf/app"
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

// DB returns the underlying handle.
func (s *Store) DB() *sql.DB { return s.db }

// ApplySync writes the result of a crawl in one transaction: new documents
// are added, changed ones updated, and (after a complete crawl) documents no
// longer listed are marked withdrawn. Nothing is ever deleted. It is
// BeginStage, Add and Apply in one call.
func (s *Store) ApplySync(ctx context.Context, sourceID int64, b SyncBatch) (app.SyncStats, error) {
	st, err := s.BeginStage(ctx, sourceID)
	if err != nil {
		return app.SyncStats{}, err
	}
	defer st.Close()
	if err := st.Add(ctx, b.Entries); err != nil {
		return app.SyncStats{}, err
	}
	return st.Apply(ctx, b)
}

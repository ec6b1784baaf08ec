package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"fieldshelf/app"
)

// AddSource subscribes to a catalogue. Adding a URL that was removed before
// brings the old source (and its documents) back with the new settings.
func (s *Store) AddSource(ctx context.Context, src app.Source) (app.Source, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var id int64
		var removed sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT id, removed_at FROM sources WHERE url = ?`, src.URL).Scan(&id, &removed)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			res, err := tx.ExecContext(ctx, `INSERT INTO sources (url, name, username, password_env, created_at)
				VALUES (?, ?, ?, ?, ?)`, src.URL, src.Name, src.Username, src.PasswordEnv, s.now())
			if err != nil {
				return err
			}
			src.ID, err = res.LastInsertId()
			return err
		case err != nil:
			return err
		case !removed.Valid:
			return fmt.Errorf("%s is already source %d", src.URL, id)
		}
		src.ID = id
		_, err = tx.ExecContext(ctx, `UPDATE sources SET name = ?, username = ?, password_env = ?, removed_at = NULL
			WHERE id = ?`, src.Name, src.Username, src.PasswordEnv, id)
		return err
	})
	if err != nil {
		return app.Source{}, fmt.Errorf("storage: add source: %w", err)
	}
	return s.Source(ctx, src.ID)
}

const sourceColumns = `s.id, s.url, s.name, s.username, s.password_env, s.created_at,
	s.last_sync_at, s.last_error,
	(SELECT count(*) FROM documents d WHERE d.source_id = s.id AND d.withdrawn_at IS NULL)`

func scanSource(row interface{ Scan(...any) error }) (app.Source, error) {
	var src app.Source
	var created, synced sql.NullString
	err := row.Scan(&src.ID, &src.URL, &src.Name, &src.Username, &src.PasswordEnv, &created,
		&synced, &src.LastError, &src.Entries)
	src.CreatedAt, src.LastSync = parseTime(created), parseTime(synced)
	return src, err
}

// Source returns one active source.
func (s *Store) Source(ctx context.Context, id int64) (app.Source, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+sourceColumns+` FROM sources s
		WHERE s.id = ? AND s.removed_at IS NULL`, id)
	src, err := scanSource(row)
	if errors.Is(err, sql.ErrNoRows) {
		return app.Source{}, fmt.Errorf("storage: %w", app.NotFound("source", id))
	}
	if err != nil {
		return app.Source{}, fmt.Errorf("storage: source %d: %w", id, err)
	}
	return src, nil
}

// SourceURL returns the URL of a source, removed or not: what its
// remaining documents are still fetched for.
func (s *Store) SourceURL(ctx context.Context, id int64) (string, error) {
	var u string
	err := s.db.QueryRowContext(ctx, `SELECT url FROM sources WHERE id = ?`, id).Scan(&u)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("storage: %w", app.NotFound("source", id))
	}
	if err != nil {
		return "", fmt.Errorf("storage: source %d: %w", id, err)
	}
	return u, nil
}

// Sources lists the active sources in the order they were added.
func (s *Store) Sources(ctx context.Context) ([]app.Source, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+sourceColumns+` FROM sources s
		WHERE s.removed_at IS NULL ORDER BY s.id`)
	if err != nil {
		return nil, fmt.Errorf("storage: list sources: %w", err)
	}
	defer rows.Close()
	var out []app.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: list sources: %w", err)
		}
		out = append(out, src)
	}
	return out, rows.Err()
}

// RemoveSource unsubscribes from a catalogue. Its documents leave the
// library, except those with a cached file or user data: they stay,
// withdrawn, with everything attached, and come back if the source is added
// again.
func (s *Store) RemoveSource(ctx context.Context, id int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE sources SET removed_at = ? WHERE id = ? AND removed_at IS NULL`, s.now(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.NotFound("source", id)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM source_pages WHERE source_id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO documents_fts
			(documents_fts, rowid, title, summary, authors_text, publisher, tags_text)
			SELECT 'delete', id, title, summary, authors_text, publisher, tags_text FROM documents
			WHERE source_id = ? AND `+unreferenced, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE source_id = ? AND `+unreferenced, id); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE documents SET withdrawn_at = coalesce(withdrawn_at, ?) WHERE source_id = ?`, s.now(), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("storage: remove source: %w", err)
	}
	return nil
}

// unreferenced is true for a document row that nothing of the user's refers
// to: no cached file, no annotation (even one in the trash), no reading
// position. Only such rows may ever be deleted.
const unreferenced = `NOT EXISTS (SELECT 1 FROM files f WHERE f.document_id = documents.id)
	AND NOT EXISTS (SELECT 1 FROM bookmarks b WHERE b.document_id = documents.id)
	AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.document_id = documents.id)
	AND NOT EXISTS (SELECT 1 FROM highlights h WHERE h.document_id = documents.id)
	AND NOT EXISTS (SELECT 1 FROM reading_positions r WHERE r.document_id = documents.id)`

// RecordSyncError notes a failed sync on the source, leaving its catalogue as it was.
func (s *Store) RecordSyncError(ctx context.Context, id int64, msg string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE sources SET last_attempt_at = ?, last_error = ? WHERE id = ?`, s.now(), msg, id)
	if err != nil {
		return fmt.Errorf("storage: record sync error: %w", err)
	}
	return nil
}

// UpdateSource changes an active source's name and credentials reference.
// Its URL, which identifies the catalogue, stays.
func (s *Store) UpdateSource(ctx context.Context, src app.Source) error {
	res, err := s.db.ExecContext(ctx, `UPDATE sources SET name = ?, username = ?, password_env = ?
		WHERE id = ? AND removed_at IS NULL`, src.Name, src.Username, src.PasswordEnv, src.ID)
	if err != nil {
		return fmt.Errorf("storage: update source %d: %w", src.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("storage: update %w", app.NotFound("source", src.ID))
	}
	return nil
}

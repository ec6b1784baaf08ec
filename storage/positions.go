package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"fieldshelf/app"
)

// SetReadingPosition records where the user is in a document.
func (s *Store) SetReadingPosition(ctx context.Context, p app.ReadingPosition) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO reading_positions (document_id, page, zoom, updated_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET page = excluded.page, zoom = excluded.zoom,
		updated_at = excluded.updated_at`, p.DocumentID, p.Page, p.Zoom, s.now())
	if err != nil {
		return fmt.Errorf("storage: save reading position of document %d: %w", p.DocumentID, err)
	}
	return nil
}

// ReadingPosition returns where the user left a document; app.ErrNotFound
// when it was never opened.
func (s *Store) ReadingPosition(ctx context.Context, docID int64) (app.ReadingPosition, error) {
	p := app.ReadingPosition{DocumentID: docID}
	var updated sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT page, zoom, updated_at FROM reading_positions WHERE document_id = ?`,
		docID).Scan(&p.Page, &p.Zoom, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("storage: reading position of document %d: %w", docID, app.ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("storage: reading position of document %d: %w", docID, err)
	}
	p.Updated = parseTime(updated)
	return p, nil
}

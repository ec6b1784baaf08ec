package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"fieldshelf/app"
)

// AddNote stores a new note and returns it as stored. The store fills in
// the document's identity, a uid and the times when they are unset.
func (s *Store) AddNote(ctx context.Context, n app.Note) (app.Note, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := s.insertNote(ctx, tx, &n)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("storage: add note: %w", err)
	}
	return n, nil
}

// insertNote inserts n unless its uid is already stored; it reports
// whether it did.
func (s *Store) insertNote(ctx context.Context, tx *sql.Tx, n *app.Note) (bool, error) {
	if err := s.prepare(ctx, tx, &n.Annotation); err != nil {
		return false, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO notes (uid, document_id, source_url, entry_key, file_sha256,
		page, body, author, created_at, updated_at, needs_review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (uid) DO NOTHING`, n.UID, n.DocumentID, n.SourceURL, n.EntryKey, n.FileSHA256,
		nullPage(n.Page), n.Body, n.Author, fmtTime(n.Created), fmtTime(n.Updated), n.NeedsReview)
	if err != nil {
		return false, err
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return false, nil
	}
	if n.ID, err = res.LastInsertId(); err != nil {
		return false, err
	}
	return true, reindex(ctx, tx, app.KindNote, n.ID)
}

// EditNote replaces the text of a note that is not in the trash.
func (s *Store) EditNote(ctx context.Context, id int64, body string) (app.Note, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE notes SET body = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`,
			body, s.now(), id)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return app.NotFound("note", id)
		}
		return reindex(ctx, tx, app.KindNote, id)
	})
	if err != nil {
		return app.Note{}, fmt.Errorf("storage: edit note: %w", err)
	}
	return s.Note(ctx, id)
}

const noteColumns = annotationColumns + `, coalesce(page, 0), body`

func scanNote(row interface{ Scan(...any) error }) (app.Note, error) {
	var n app.Note
	dest, finish := scanTargets(&n.Annotation)
	err := row.Scan(append(dest, &n.Page, &n.Body)...)
	finish()
	return n, err
}

// Note returns one note, in the trash or not.
func (s *Store) Note(ctx context.Context, id int64) (app.Note, error) {
	n, err := scanNote(s.db.QueryRowContext(ctx, `SELECT `+noteColumns+` FROM notes WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return n, fmt.Errorf("storage: %w", app.NotFound("note", id))
	}
	if err != nil {
		return n, fmt.Errorf("storage: note %d: %w", id, err)
	}
	return n, nil
}

// Notes lists the notes of a document (all documents for 0) that are not
// in the trash, by document and page, document notes first.
func (s *Store) Notes(ctx context.Context, docID int64) ([]app.Note, error) {
	where, args := liveClause(docID, false)
	return s.notes(ctx, where, args...)
}

func (s *Store) notes(ctx context.Context, where string, args ...any) ([]app.Note, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+noteColumns+` FROM notes`+where+
		` ORDER BY document_id, coalesce(page, 0), created_at, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: list notes: %w", err)
	}
	defer rows.Close()
	out := []app.Note{}
	for rows.Next() {
		n, err := scanNote(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: list notes: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

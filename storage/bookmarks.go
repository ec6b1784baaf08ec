package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"fieldshelf/app"
)

// AddBookmark stores a new bookmark and returns it as stored. The store
// fills in the document's identity, a uid and the times when they are unset.
func (s *Store) AddBookmark(ctx context.Context, b app.Bookmark) (app.Bookmark, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := s.insertBookmark(ctx, tx, &b)
		return err
	})
	if err != nil {
		return b, fmt.Errorf("storage: add bookmark: %w", err)
	}
	return b, nil
}

// insertBookmark inserts b unless its uid is already stored; it reports
// whether it did.
func (s *Store) insertBookmark(ctx context.Context, tx *sql.Tx, b *app.Bookmark) (bool, error) {
	if err := s.prepare(ctx, tx, &b.Annotation); err != nil {
		return false, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO bookmarks (uid, document_id, source_url, entry_key, file_sha256,
		page, label, author, created_at, updated_at, needs_review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (uid) DO NOTHING`, b.UID, b.DocumentID, b.SourceURL, b.EntryKey, b.FileSHA256,
		b.Page, b.Label, b.Author, fmtTime(b.Created), fmtTime(b.Updated), b.NeedsReview)
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	b.ID, err = res.LastInsertId()
	return true, err
}

const bookmarkColumns = annotationColumns + `, page, label`

func scanBookmark(row interface{ Scan(...any) error }) (app.Bookmark, error) {
	var b app.Bookmark
	dest, finish := scanTargets(&b.Annotation)
	err := row.Scan(append(dest, &b.Page, &b.Label)...)
	finish()
	return b, err
}

// Bookmark returns one bookmark, in the trash or not.
func (s *Store) Bookmark(ctx context.Context, id int64) (app.Bookmark, error) {
	b, err := scanBookmark(s.db.QueryRowContext(ctx, `SELECT `+bookmarkColumns+` FROM bookmarks WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return b, fmt.Errorf("storage: %w", app.NotFound("bookmark", id))
	}
	if err != nil {
		return b, fmt.Errorf("storage: bookmark %d: %w", id, err)
	}
	return b, nil
}

// Bookmarks lists the bookmarks of a document (all documents for 0) that
// are not in the trash, by document and page.
func (s *Store) Bookmarks(ctx context.Context, docID int64) ([]app.Bookmark, error) {
	where, args := liveClause(docID, false)
	return s.bookmarks(ctx, where, args...)
}

func (s *Store) bookmarks(ctx context.Context, where string, args ...any) ([]app.Bookmark, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+bookmarkColumns+` FROM bookmarks`+where+
		` ORDER BY document_id, page, created_at, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: list bookmarks: %w", err)
	}
	defer rows.Close()
	out := []app.Bookmark{}
	for rows.Next() {
		b, err := scanBookmark(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: list bookmarks: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// EditBookmark replaces the label of a bookmark that is not in the trash.
func (s *Store) EditBookmark(ctx context.Context, id int64, label string) (app.Bookmark, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE bookmarks SET label = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`,
		label, s.now(), id)
	if err != nil {
		return app.Bookmark{}, fmt.Errorf("storage: edit bookmark: %w", err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return app.Bookmark{}, fmt.Errorf("storage: edit %w", app.NotFound("bookmark", id))
	}
	return s.Bookmark(ctx, id)
}

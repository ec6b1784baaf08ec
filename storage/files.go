package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"fieldshelf/app"
)

// FileVersion is what the catalogue said of a file when it was downloaded,
// kept to notice later that the upstream file changed.
type FileVersion struct {
	Size    int64  // the catalogue's announced size
	Updated string // the entry's updated stamp, RFC 3339
}

// PutFile records a verified cached file, replacing the previous version's
// row if there is one, and clears the document's update flag. It returns the
// path of the file it replaced ("" if none) so the caller can delete it once
// the new row is committed. Pinning carries over to a new version.
func (s *Store) PutFile(ctx context.Context, f app.File, v FileVersion) (old string, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var pinned bool
		err := tx.QueryRowContext(ctx, `SELECT path, pinned FROM files WHERE document_id = ?`, f.DocumentID).Scan(&old, &pinned)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO files (document_id, path, size, sha256, url, etag,
			last_modified, upstream_size, upstream_updated, pinned, downloaded_at, last_opened_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT last_opened_at FROM files WHERE document_id = ?))`,
			f.DocumentID, f.Path, f.Size, f.SHA256, f.URL, f.ETag, f.LastModified, v.Size, v.Updated,
			f.Pinned || pinned, s.now(), f.DocumentID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE documents SET update_available = 0 WHERE id = ?`, f.DocumentID)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("storage: record file of document %d: %w", f.DocumentID, err)
	}
	if old == f.Path {
		old = ""
	}
	return old, nil
}

// RemoveFile forgets a document's cached file and returns its path, so the
// caller deletes it after the row is gone: a crash in between leaves an
// orphan file, never a row that promises a missing file. The document and
// all user data stay.
func (s *Store) RemoveFile(ctx context.Context, docID int64) (string, error) {
	var path string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT path FROM files WHERE document_id = ?`, docID).Scan(&path)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("document %d has no cached file: %w", docID, app.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM files WHERE document_id = ?`, docID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE documents SET update_available = 0 WHERE id = ?`, docID)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("storage: remove file of document %d: %w", docID, err)
	}
	return path, nil
}

// SetPinned pins or unpins a cached file. A pinned file is never evicted.
func (s *Store) SetPinned(ctx context.Context, docID int64, pinned bool) error {
	res, err := s.db.ExecContext(ctx, `UPDATE files SET pinned = ? WHERE document_id = ?`, pinned, docID)
	if err != nil {
		return fmt.Errorf("storage: pin document %d: %w", docID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("storage: pin document %d: no cached file: %w", docID, app.ErrNotFound)
	}
	return nil
}

// TouchFile records that a cached file was opened now.
func (s *Store) TouchFile(ctx context.Context, docID int64) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE files SET last_opened_at = ? WHERE document_id = ?`, s.now(), docID); err != nil {
		return fmt.Errorf("storage: touch file of document %d: %w", docID, err)
	}
	return nil
}

// FileUsages lists the cached files, least recently used first (opened,
// else downloaded).
func (s *Store) FileUsages(ctx context.Context) ([]app.FileUsage, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT f.document_id, f.path, f.size, f.sha256, f.url, f.pinned,
		f.downloaded_at, f.last_opened_at, d.title,
		EXISTS (SELECT 1 FROM bookmarks b WHERE b.document_id = d.id)
		OR EXISTS (SELECT 1 FROM notes n WHERE n.document_id = d.id)
		OR EXISTS (SELECT 1 FROM highlights h WHERE h.document_id = d.id)
		OR EXISTS (SELECT 1 FROM reading_positions r WHERE r.document_id = d.id)
		FROM files f JOIN documents d ON d.id = f.document_id
		ORDER BY coalesce(f.last_opened_at, f.downloaded_at), f.document_id`)
	if err != nil {
		return nil, fmt.Errorf("storage: list files: %w", err)
	}
	defer rows.Close()
	var out []app.FileUsage
	for rows.Next() {
		var u app.FileUsage
		var down, opened sql.NullString
		if err := rows.Scan(&u.File.DocumentID, &u.File.Path, &u.File.Size, &u.File.SHA256, &u.File.URL,
			&u.File.Pinned, &down, &opened, &u.Title, &u.HasUserData); err != nil {
			return nil, fmt.Errorf("storage: list files: %w", err)
		}
		u.File.DownloadedAt, u.File.LastOpened = parseTime(down), parseTime(opened)
		out = append(out, u)
	}
	return out, rows.Err()
}

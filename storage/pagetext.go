package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"fieldshelf/app"
)

// PageTextStatus says how far the page text of a document's file has been
// extracted.
type PageTextStatus struct {
	DocumentID int64
	FileSHA256 string // the file version the text comes from
	PagesDone  int    // pages 1 to PagesDone are stored
	PagesTotal int
	State      string // "pending", "done" or "failed"
	Error      string // why it failed
}

// Page text states.
const (
	PageTextPending = "pending"
	PageTextDone    = "done"
	PageTextFailed  = "failed"
)

// PageTextStatus returns a document's extraction status; app.ErrNotFound
// when none was started.
func (s *Store) PageTextStatus(ctx context.Context, docID int64) (PageTextStatus, error) {
	st := PageTextStatus{DocumentID: docID}
	err := s.db.QueryRowContext(ctx, `SELECT file_sha256, pages_done, pages_total, state, error
		FROM page_text_status WHERE document_id = ?`, docID).Scan(&st.FileSHA256, &st.PagesDone, &st.PagesTotal, &st.State, &st.Error)
	if errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("storage: page text of document %d: %w", docID, app.ErrNotFound)
	}
	if err != nil {
		return st, fmt.Errorf("storage: page text of document %d: %w", docID, err)
	}
	return st, nil
}

// BeginPageText prepares the extraction of a file version's text and
// returns its status. Text of another version is deleted; the progress on
// the same version is kept, so an interrupted extraction resumes.
func (s *Store) BeginPageText(ctx context.Context, docID int64, sha256 string, pages int) (PageTextStatus, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var old string
		err := tx.QueryRowContext(ctx, `SELECT file_sha256 FROM page_text_status WHERE document_id = ?`, docID).Scan(&old)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err == nil && old == sha256 {
			_, err = tx.ExecContext(ctx, `UPDATE page_text_status SET pages_total = ?, updated_at = ?,
				state = CASE WHEN pages_done >= ? THEN 'done' ELSE 'pending' END, error = ''
				WHERE document_id = ?`, pages, s.now(), pages, docID)
			return err
		}
		if err := deletePageText(ctx, tx, docID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO page_text_status (document_id, file_sha256, pages_total, state, updated_at)
			VALUES (?, ?, ?, 'pending', ?)`, docID, sha256, pages, s.now())
		return err
	})
	if err != nil {
		return PageTextStatus{}, fmt.Errorf("storage: begin page text of document %d: %w", docID, err)
	}
	return s.PageTextStatus(ctx, docID)
}

// SavePageText stores the text of the next page (PagesDone+1) of the
// version being extracted, in the table and its full-text index.
func (s *Store) SavePageText(ctx context.Context, docID int64, sha256 string, page int, text string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var done, total int
		err := tx.QueryRowContext(ctx, `SELECT pages_done, pages_total FROM page_text_status
			WHERE document_id = ? AND file_sha256 = ?`, docID, sha256).Scan(&done, &total)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("no extraction of that file version: %w", app.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if err := putPageText(ctx, tx, docID, page, text); err != nil {
			return err
		}
		state := PageTextPending
		if page >= total {
			state = PageTextDone
		}
		_, err = tx.ExecContext(ctx, `UPDATE page_text_status SET pages_done = max(pages_done, ?), state = ?,
			updated_at = ? WHERE document_id = ?`, page, state, s.now(), docID)
		return err
	})
	if err != nil {
		return fmt.Errorf("storage: save text of document %d page %d: %w", docID, page, err)
	}
	return nil
}

// putPageText replaces a page's row and keeps the external-content FTS
// index in step (no triggers: the old row's text leaves the index first).
func putPageText(ctx context.Context, tx *sql.Tx, docID int64, page int, text string) error {
	var id int64
	var old string
	err := tx.QueryRowContext(ctx, `SELECT id, text FROM page_texts WHERE document_id = ? AND page = ?`, docID, page).Scan(&id, &old)
	switch {
	case err == nil:
		if _, err := tx.ExecContext(ctx, `INSERT INTO page_texts_fts (page_texts_fts, rowid, text) VALUES ('delete', ?, ?)`, id, old); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE page_texts SET text = ? WHERE id = ?`, text, id); err != nil {
			return err
		}
	case errors.Is(err, sql.ErrNoRows):
		if err := tx.QueryRowContext(ctx, `INSERT INTO page_texts (document_id, page, text) VALUES (?, ?, ?) RETURNING id`,
			docID, page, text).Scan(&id); err != nil {
			return err
		}
	default:
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO page_texts_fts (rowid, text) VALUES (?, ?)`, id, text)
	return err
}

// FailPageText records why the extraction of a version stopped.
func (s *Store) FailPageText(ctx context.Context, docID int64, sha256, reason string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE page_text_status SET state = 'failed', error = ?, updated_at = ?
		WHERE document_id = ? AND file_sha256 = ?`, reason, s.now(), docID, sha256)
	if err != nil {
		return fmt.Errorf("storage: record page text failure of document %d: %w", docID, err)
	}
	return nil
}

// DeletePageText forgets a document's page text and its status, as when
// its file is removed.
func (s *Store) DeletePageText(ctx context.Context, docID int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error { return deletePageText(ctx, tx, docID) })
	if err != nil {
		return fmt.Errorf("storage: delete page text of document %d: %w", docID, err)
	}
	return nil
}

func deletePageText(ctx context.Context, tx *sql.Tx, docID int64) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO page_texts_fts (page_texts_fts, rowid, text)
		SELECT 'delete', id, text FROM page_texts WHERE document_id = ?`, docID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM page_texts WHERE document_id = ?`, docID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM page_text_status WHERE document_id = ?`, docID)
	return err
}

// SearchPages runs a full-text query (see MatchQuery) over the text of
// cached files and returns the best pages first: Kind "page", Page set,
// a snippet with the hits between [ and ], bm25 rank.
func (s *Store) SearchPages(ctx context.Context, query string, limit int) ([]app.SearchHit, error) {
	match := MatchQuery(query)
	if match == "" {
		return []app.SearchHit{}, nil
	}
	if limit <= 0 {
		limit = 50
	}
	hits, err := s.rankedPages(ctx, match, limit)
	if err == nil {
		err = s.fillDocuments(ctx, hits)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: search pages for %q: %w", query, err)
	}
	return hits, nil
}

func (s *Store) rankedPages(ctx context.Context, match string, limit int) ([]app.SearchHit, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.document_id, p.page, f.rank,
		snippet(page_texts_fts, 0, '[', ']', '…', 16)
		FROM page_texts_fts f JOIN page_texts p ON p.id = f.rowid
		WHERE page_texts_fts MATCH ? ORDER BY f.rank LIMIT ?`, match, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	hits := []app.SearchHit{}
	for rows.Next() {
		h := app.SearchHit{Kind: "page"}
		if err := rows.Scan(&h.Document.ID, &h.Page, &h.Rank, &h.Snippet); err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// fillDocuments loads the documents of hits that carry only their id.
func (s *Store) fillDocuments(ctx context.Context, hits []app.SearchHit) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]any, len(hits))
	for i, h := range hits {
		ids[i] = h.Document.ID
	}
	docs, err := s.queryDocuments(ctx, `SELECT `+documentColumns+documentFrom+` WHERE d.id IN (?`+
		strings.Repeat(",?", len(ids)-1)+`)`, ids...)
	if err != nil {
		return err
	}
	byID := make(map[int64]app.Document, len(docs))
	for _, d := range docs {
		byID[d.ID] = d
	}
	for i := range hits {
		hits[i].Document = byID[hits[i].Document.ID]
	}
	return nil
}

package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"fieldshelf/app"
)

// AddHighlight stores a new highlight and returns it as stored. The store
// fills in the document's identity, a uid and the times when they are
// unset, and "yellow" when it has no colour.
func (s *Store) AddHighlight(ctx context.Context, h app.Highlight) (app.Highlight, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := s.insertHighlight(ctx, tx, &h)
		return err
	})
	if err != nil {
		return h, fmt.Errorf("storage: add highlight: %w", err)
	}
	return h, nil
}

// insertHighlight inserts h unless its uid is already stored; it reports
// whether it did.
func (s *Store) insertHighlight(ctx context.Context, tx *sql.Tx, h *app.Highlight) (bool, error) {
	if err := s.prepare(ctx, tx, &h.Annotation); err != nil {
		return false, err
	}
	if h.Color == "" {
		h.Color = "yellow"
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO highlights (uid, document_id, source_url, entry_key, file_sha256,
		page, rects, quote, prefix, suffix, color, note, needs_review, author, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uid) DO NOTHING`,
		h.UID, h.DocumentID, h.SourceURL, h.EntryKey, h.FileSHA256, h.Page, rectsJSON(h.Rects), h.Quote,
		h.Prefix, h.Suffix, h.Color, h.Note, h.NeedsReview, h.Author, fmtTime(h.Created), fmtTime(h.Updated))
	if err != nil {
		return false, err
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return false, nil
	}
	if h.ID, err = res.LastInsertId(); err != nil {
		return false, err
	}
	return true, reindex(ctx, tx, app.KindHighlight, h.ID)
}

// EditHighlight replaces the note and colour of a highlight that is not in
// the trash.
func (s *Store) EditHighlight(ctx context.Context, id int64, note, color string) (app.Highlight, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE highlights SET note = ?, color = ?, updated_at = ?
			WHERE id = ? AND deleted_at IS NULL`, note, color, s.now(), id)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return app.NotFound("highlight", id)
		}
		return reindex(ctx, tx, app.KindHighlight, id)
	})
	if err != nil {
		return app.Highlight{}, fmt.Errorf("storage: edit highlight: %w", err)
	}
	return s.Highlight(ctx, id)
}

const highlightColumns = annotationColumns + `, page, rects, quote, prefix, suffix, color, note`

func scanHighlight(row interface{ Scan(...any) error }) (app.Highlight, error) {
	var h app.Highlight
	var rects string
	dest, finish := scanTargets(&h.Annotation)
	err := row.Scan(append(dest, &h.Page, &rects, &h.Quote, &h.Prefix, &h.Suffix, &h.Color, &h.Note)...)
	finish()
	h.Rects = parseRects(rects)
	return h, err
}

// Highlight returns one highlight, in the trash or not.
func (s *Store) Highlight(ctx context.Context, id int64) (app.Highlight, error) {
	h, err := scanHighlight(s.db.QueryRowContext(ctx, `SELECT `+highlightColumns+` FROM highlights WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return h, fmt.Errorf("storage: %w", app.NotFound("highlight", id))
	}
	if err != nil {
		return h, fmt.Errorf("storage: highlight %d: %w", id, err)
	}
	return h, nil
}

// Highlights lists the highlights of a document (all documents for 0) that
// are not in the trash, by document and page.
func (s *Store) Highlights(ctx context.Context, docID int64) ([]app.Highlight, error) {
	where, args := liveClause(docID, false)
	return s.highlights(ctx, where, args...)
}

func (s *Store) highlights(ctx context.Context, where string, args ...any) ([]app.Highlight, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+highlightColumns+` FROM highlights`+where+
		` ORDER BY document_id, page, created_at, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: list highlights: %w", err)
	}
	defer rows.Close()
	out := []app.Highlight{}
	for rows.Next() {
		h, err := scanHighlight(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: list highlights: %w", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// rectsJSON encodes rectangles as [[x0,y0,x1,y1],...].
func rectsJSON(rs []app.Rect) string {
	out := make([][4]float64, len(rs))
	for i, r := range rs {
		out[i] = [4]float64{r.X0, r.Y0, r.X1, r.Y1}
	}
	b, _ := json.Marshal(out)
	return string(b)
}

func parseRects(s string) []app.Rect {
	var in [][4]float64
	_ = json.Unmarshal([]byte(s), &in)
	out := make([]app.Rect, len(in))
	for i, r := range in {
		out[i] = app.Rect{X0: r[0], Y0: r[1], X1: r[2], Y1: r[3]}
	}
	return out
}

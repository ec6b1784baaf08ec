package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"fieldshelf/app"
)

// The user's annotations live in one table per kind (bookmarks.go,
// notes.go, highlights.go). This file holds what they share: identity,
// the trash, re-anchoring and the full-text index.

// NewUID returns a random version 4 UUID, the stable id of a new annotation.
func NewUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("storage: no randomness: " + err.Error()) // crypto/rand does not fail on supported systems
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// annotationTables maps a kind to its table.
var annotationTables = map[app.AnnotationKind]string{
	app.KindBookmark: "bookmarks", app.KindNote: "notes", app.KindHighlight: "highlights",
}

func tableOf(kind app.AnnotationKind) (string, error) {
	t, ok := annotationTables[kind]
	if !ok {
		return "", fmt.Errorf("unknown kind of annotation %q", kind)
	}
	return t, nil
}

// prepare fills in what the store decides for a new annotation: the
// document's stable identity (read in the same transaction), a uid when it
// has none, and the times when they are zero.
func (s *Store) prepare(ctx context.Context, tx *sql.Tx, a *app.Annotation) error {
	err := tx.QueryRowContext(ctx, `SELECT s.url, d.entry_key FROM documents d JOIN sources s ON s.id = d.source_id
		WHERE d.id = ?`, a.DocumentID).Scan(&a.SourceURL, &a.EntryKey)
	if errors.Is(err, sql.ErrNoRows) {
		return app.NotFound("document", a.DocumentID)
	}
	if err != nil {
		return err
	}
	if a.UID == "" {
		a.UID = NewUID()
	}
	now := s.Now().UTC().Truncate(time.Millisecond)
	if a.Created.IsZero() {
		a.Created = now
	}
	if a.Updated.IsZero() {
		a.Updated = a.Created
	}
	return nil
}

// annotationColumns are the shared columns, in the order scanAnnotation reads them.
const annotationColumns = `id, uid, document_id, source_url, entry_key, file_sha256, author,
	created_at, updated_at, deleted_at, needs_review`

// scanTargets returns the scan destinations of the shared columns; finish
// converts the times once the row is scanned.
func scanTargets(a *app.Annotation) (dest []any, finish func()) {
	var created, updated, deleted sql.NullString
	dest = []any{&a.ID, &a.UID, &a.DocumentID, &a.SourceURL, &a.EntryKey, &a.FileSHA256, &a.Author,
		&created, &updated, &deleted, &a.NeedsReview}
	return dest, func() {
		a.Created, a.Updated, a.Deleted = parseTime(created), parseTime(updated), parseTime(deleted)
	}
}

// liveClause selects the rows of a listing: one document or all (docID 0),
// in the trash or not.
func liveClause(docID int64, deleted bool) (string, []any) {
	w := ` WHERE deleted_at IS NULL`
	if deleted {
		w = ` WHERE deleted_at IS NOT NULL`
	}
	if docID == 0 {
		return w, nil
	}
	return w + ` AND document_id = ?`, []any{docID}
}

// Trash moves an annotation to the trash. It stays there, restorable, until
// PurgeTrash removes it.
func (s *Store) Trash(ctx context.Context, kind app.AnnotationKind, id int64) error {
	return s.setDeleted(ctx, kind, id, s.now())
}

// Restore takes an annotation out of the trash.
func (s *Store) Restore(ctx context.Context, kind app.AnnotationKind, id int64) error {
	return s.setDeleted(ctx, kind, id, nil)
}

func (s *Store) setDeleted(ctx context.Context, kind app.AnnotationKind, id int64, at any) error {
	table, err := tableOf(kind)
	if err != nil {
		return fmt.Errorf("storage: %w", err)
	}
	cond := `deleted_at IS NULL`
	if at == nil {
		cond = `deleted_at IS NOT NULL`
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE `+table+` SET deleted_at = ? WHERE id = ? AND `+cond, at, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.NotFound(string(kind), id)
		}
		return reindex(ctx, tx, kind, id)
	})
	if err != nil {
		return fmt.Errorf("storage: trash or restore %s %d: %w", kind, id, err)
	}
	return nil
}

// TrashItems lists the annotations in the trash, most recently deleted first.
func (s *Store) TrashItems(ctx context.Context) ([]app.TrashItem, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT 'bookmark', a.id, a.document_id, d.title, a.page, a.label, a.deleted_at
		FROM bookmarks a JOIN documents d ON d.id = a.document_id WHERE a.deleted_at IS NOT NULL
		UNION ALL SELECT 'note', a.id, a.document_id, d.title, coalesce(a.page, 0), a.body, a.deleted_at
		FROM notes a JOIN documents d ON d.id = a.document_id WHERE a.deleted_at IS NOT NULL
		UNION ALL SELECT 'highlight', a.id, a.document_id, d.title, a.page, a.quote, a.deleted_at
		FROM highlights a JOIN documents d ON d.id = a.document_id WHERE a.deleted_at IS NOT NULL
		ORDER BY 7 DESC, 1, 2`)
	if err != nil {
		return nil, fmt.Errorf("storage: list the trash: %w", err)
	}
	defer rows.Close()
	out := []app.TrashItem{}
	for rows.Next() {
		var it app.TrashItem
		var deleted sql.NullString
		if err := rows.Scan(&it.Kind, &it.ID, &it.DocumentID, &it.Title, &it.Page, &it.Text, &deleted); err != nil {
			return nil, fmt.Errorf("storage: list the trash: %w", err)
		}
		it.Deleted = parseTime(deleted)
		out = append(out, it)
	}
	return out, rows.Err()
}

// PurgeTrash deletes for good the annotations that went to the trash
// before the given time, and returns how many.
func (s *Store) PurgeTrash(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, table := range []string{"bookmarks", "notes", "highlights"} {
			res, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE deleted_at IS NOT NULL AND deleted_at < ?`,
				fmtTime(before))
			if err != nil {
				return err
			}
			k, _ := res.RowsAffected()
			n += k
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("storage: empty the trash: %w", err)
	}
	return int(n), nil
}

// Anchor is where an annotation sits in one version of its file, as
// re-anchoring found it.
type Anchor struct {
	Kind        app.AnnotationKind
	ID          int64
	Page        int // 0 keeps a document note on the whole document
	Rects       []app.Rect
	FileSHA256  string
	NeedsReview bool
}

// SetAnchors moves annotations to their places in a new file version, all
// in one transaction. The annotations' updated times stay: the user did not
// change them.
func (s *Store) SetAnchors(ctx context.Context, anchors []Anchor) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, a := range anchors {
			if err := setAnchor(ctx, tx, a); err != nil {
				return fmt.Errorf("%s %d: %w", a.Kind, a.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: re-anchor annotations: %w", err)
	}
	return nil
}

func setAnchor(ctx context.Context, tx *sql.Tx, a Anchor) error {
	var err error
	switch a.Kind {
	case app.KindBookmark:
		_, err = tx.ExecContext(ctx, `UPDATE bookmarks SET page = ?, file_sha256 = ?, needs_review = ? WHERE id = ?`,
			a.Page, a.FileSHA256, a.NeedsReview, a.ID)
	case app.KindNote:
		_, err = tx.ExecContext(ctx, `UPDATE notes SET page = ?, file_sha256 = ?, needs_review = ? WHERE id = ?`,
			nullPage(a.Page), a.FileSHA256, a.NeedsReview, a.ID)
	case app.KindHighlight:
		_, err = tx.ExecContext(ctx, `UPDATE highlights SET page = ?, rects = ?, file_sha256 = ?, needs_review = ?
			WHERE id = ?`, a.Page, rectsJSON(a.Rects), a.FileSHA256, a.NeedsReview, a.ID)
	default:
		return fmt.Errorf("unknown kind of annotation %q", a.Kind)
	}
	if err != nil {
		return err
	}
	return reindex(ctx, tx, a.Kind, a.ID)
}

// reindex brings the full-text row of a note or highlight in step with its
// table: present with the current text while it is out of the trash,
// absent in it. Bookmarks are not indexed.
func reindex(ctx context.Context, tx *sql.Tx, kind app.AnnotationKind, id int64) error {
	var rowid int64
	var q string
	switch kind {
	case app.KindNote:
		rowid = 2 * id
		q = `SELECT ?, body, 'note', id, document_id, coalesce(page, 0) FROM notes WHERE id = ? AND deleted_at IS NULL`
	case app.KindHighlight:
		rowid = 2*id + 1
		q = `SELECT ?, trim(quote || char(10) || note), 'highlight', id, document_id, page FROM highlights
			WHERE id = ? AND deleted_at IS NULL`
	default:
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM annotations_fts WHERE rowid = ?`, rowid); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO annotations_fts (rowid, text, kind, item, document_id, page) `+q, rowid, id)
	return err
}

// nullPage stores page 0 (the whole document) as NULL.
func nullPage(p int) any {
	if p <= 0 {
		return nil
	}
	return p
}

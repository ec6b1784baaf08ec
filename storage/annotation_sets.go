package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"fieldshelf/app"
)

// AnnotationSet holds annotations of every kind.
type AnnotationSet struct {
	Bookmarks  []app.Bookmark
	Notes      []app.Note
	Highlights []app.Highlight
}

// Len counts the annotations in the set.
func (a AnnotationSet) Len() int { return len(a.Bookmarks) + len(a.Notes) + len(a.Highlights) }

// Annotations returns the annotations of a document (of all documents for
// 0); those in the trash too when withTrash is set.
func (s *Store) Annotations(ctx context.Context, docID int64, withTrash bool) (AnnotationSet, error) {
	var conds []string
	var args []any
	if !withTrash {
		conds = append(conds, `deleted_at IS NULL`)
	}
	if docID != 0 {
		conds = append(conds, `document_id = ?`)
		args = append(args, docID)
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	var set AnnotationSet
	var err error
	if set.Bookmarks, err = s.bookmarks(ctx, where, args...); err != nil {
		return set, err
	}
	if set.Notes, err = s.notes(ctx, where, args...); err != nil {
		return set, err
	}
	set.Highlights, err = s.highlights(ctx, where, args...)
	return set, err
}

// ImportAnnotations stores, in one transaction, the annotations whose uid
// is not stored yet, and returns those it added (with their row ids).
// Annotations already there, even in the trash, are left as they are, so
// importing the same file twice adds nothing.
func (s *Store) ImportAnnotations(ctx context.Context, in AnnotationSet) (AnnotationSet, error) {
	var added AnnotationSet
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		added = AnnotationSet{}
		for _, b := range in.Bookmarks {
			if ok, err := s.insertBookmark(ctx, tx, &b); err != nil || !ok {
				if err != nil {
					return fmt.Errorf("bookmark %s: %w", b.UID, err)
				}
				continue
			}
			added.Bookmarks = append(added.Bookmarks, b)
		}
		for _, n := range in.Notes {
			if ok, err := s.insertNote(ctx, tx, &n); err != nil || !ok {
				if err != nil {
					return fmt.Errorf("note %s: %w", n.UID, err)
				}
				continue
			}
			added.Notes = append(added.Notes, n)
		}
		for _, h := range in.Highlights {
			if ok, err := s.insertHighlight(ctx, tx, &h); err != nil || !ok {
				if err != nil {
					return fmt.Errorf("highlight %s: %w", h.UID, err)
				}
				continue
			}
			added.Highlights = append(added.Highlights, h)
		}
		return nil
	})
	if err != nil {
		return AnnotationSet{}, fmt.Errorf("storage: import annotations: %w", err)
	}
	return added, nil
}

// Identity names a document the way an exported annotation does.
type Identity struct {
	SourceURL string // the catalogue's URL
	EntryKey  string // the entry's id or fallback key in that catalogue
	FileURL   string
	Title     string
}

// FindDocument finds the local copy of a document named by identity, in
// order of confidence: the same catalogue and entry; the same entry id in
// another catalogue (the same publication syndicated, or a catalogue that
// moved); the same file link; the same title (ignoring case). Among
// several candidates it prefers one that is listed and offline.
func (s *Store) FindDocument(ctx context.Context, id Identity) (app.Document, error) {
	tries := []struct {
		cond string
		args []any
		ok   bool
	}{
		{`d.source_id IN (SELECT id FROM sources WHERE url = ?) AND d.entry_key = ?`,
			[]any{id.SourceURL, id.EntryKey}, id.SourceURL != "" && id.EntryKey != ""},
		{`(d.entry_key = ? OR d.entry_id = ?)`, []any{id.EntryKey, id.EntryKey}, id.EntryKey != ""},
		{`d.pdf_url = ?`, []any{id.FileURL}, id.FileURL != ""},
		{`d.title = ? COLLATE NOCASE`, []any{id.Title}, strings.TrimSpace(id.Title) != ""},
	}
	for _, t := range tries {
		if !t.ok {
			continue
		}
		d, err := scanDocument(s.db.QueryRowContext(ctx, `SELECT `+documentColumns+documentFrom+` WHERE `+t.cond+`
			ORDER BY d.withdrawn_at IS NOT NULL, f.document_id IS NULL, d.id LIMIT 1`, t.args...))
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return d, fmt.Errorf("storage: find document %q: %w", id.EntryKey, err)
		}
		return d, nil
	}
	return app.Document{}, fmt.Errorf("storage: document %q (%s): %w", id.Title, id.EntryKey, app.ErrNotFound)
}

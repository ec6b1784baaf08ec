package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"fieldshelf/app"
)

const documentColumns = `d.id, d.source_id, d.entry_key, d.title, d.authors, d.publisher, d.year,
	d.language, d.summary, d.cover_url, d.pdf_url, d.pdf_type, d.pdf_size, d.links, d.upstream_updated,
	d.first_seen_at, d.changed_at, d.withdrawn_at IS NOT NULL, d.update_available,
	f.path, f.size, f.sha256, f.url, f.etag, f.last_modified, f.pinned, f.downloaded_at, f.last_opened_at`

const documentFrom = ` FROM documents d LEFT JOIN files f ON f.document_id = d.id`

func scanDocument(row interface{ Scan(...any) error }) (app.Document, error) {
	var d app.Document
	var authors, links, updated string
	var year sql.NullInt64
	var first, changed sql.NullString
	var fpath, fsha, furl, fetag, flm, fdown, fopened sql.NullString
	var fsize sql.NullInt64
	var fpinned sql.NullBool
	err := row.Scan(&d.ID, &d.SourceID, &d.EntryID, &d.Title, &authors, &d.Publisher, &year,
		&d.Language, &d.Summary, &d.Cover, &d.FileURL, &d.FileType, &d.FileSize, &links, &updated,
		&first, &changed, &d.Withdrawn, &d.UpdateAvailable,
		&fpath, &fsize, &fsha, &furl, &fetag, &flm, &fpinned, &fdown, &fopened)
	if err != nil {
		return d, err
	}
	_ = json.Unmarshal([]byte(authors), &d.Authors)
	_ = json.Unmarshal([]byte(links), &d.Links)
	d.Year = int(year.Int64)
	d.Updated, _ = time.Parse(time.RFC3339Nano, updated)
	d.FirstSeen, d.ChangedAt = parseTime(first), parseTime(changed)
	if fpath.Valid {
		d.File = &app.File{DocumentID: d.ID, Path: fpath.String, Size: fsize.Int64, SHA256: fsha.String,
			URL: furl.String, ETag: fetag.String, LastModified: flm.String, Pinned: fpinned.Bool,
			DownloadedAt: parseTime(fdown), LastOpened: parseTime(fopened)}
	}
	return d, nil
}

// Document returns one document, withdrawn or not, with its tags and file.
func (s *Store) Document(ctx context.Context, id int64) (app.Document, error) {
	d, err := scanDocument(s.db.QueryRowContext(ctx, `SELECT `+documentColumns+documentFrom+` WHERE d.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("storage: %w", app.NotFound("document", id))
	}
	if err != nil {
		return d, fmt.Errorf("storage: document %d: %w", id, err)
	}
	docs := []app.Document{d}
	if err := s.loadTags(ctx, docs); err != nil {
		return d, err
	}
	return docs[0], nil
}

// Documents lists the documents that match the filter, withdrawn ones only
// when asked, in the filter's order.
func (s *Store) Documents(ctx context.Context, f app.Filter) ([]app.Document, error) {
	where, args := filterClause(f)
	q := `SELECT ` + documentColumns + documentFrom + where + orderClause(f.Sort)
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, f.Offset)
	}
	docs, err := s.queryDocuments(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: list documents: %w", err)
	}
	return docs, nil
}

// CountDocuments counts the documents that match the filter.
func (s *Store) CountDocuments(ctx context.Context, f app.Filter) (int, error) {
	where, args := filterClause(f)
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*)`+documentFrom+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("storage: count documents: %w", err)
	}
	return n, nil
}

func (s *Store) queryDocuments(ctx context.Context, q string, args ...any) ([]app.Document, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	docs := []app.Document{}
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return docs, s.loadTags(ctx, docs)
}

// filterClause builds the WHERE clause of a listing. It is the one dynamic
// query of the store; every value goes in as a parameter.
func filterClause(f app.Filter) (string, []any) {
	var conds []string
	var args []any
	tagCond := func(kind, v string) {
		c := `EXISTS (SELECT 1 FROM document_tags t WHERE t.document_id = d.id
			AND (t.label = ? COLLATE NOCASE OR t.term = ? COLLATE NOCASE)`
		args = append(args, v, v)
		if kind != "" {
			c += ` AND t.kind = ?`
			args = append(args, kind)
		}
		conds = append(conds, c+`)`)
	}
	if !f.Withdrawn {
		conds = append(conds, `d.withdrawn_at IS NULL`)
	}
	if f.Tag != "" {
		tagCond("", f.Tag)
	}
	if f.Type != "" {
		tagCond(string(app.TagType), f.Type)
	}
	if f.Region != "" {
		tagCond(string(app.TagRegion), f.Region)
	}
	if f.Year != 0 {
		conds = append(conds, `d.year = ?`)
		args = append(args, f.Year)
	}
	if f.Publisher != "" {
		conds = append(conds, `d.publisher LIKE ? ESCAPE '\'`)
		args = append(args, "%"+likeEscape(f.Publisher)+"%")
	}
	if f.SourceID != 0 {
		conds = append(conds, `d.source_id = ?`)
		args = append(args, f.SourceID)
	}
	if f.Offline {
		conds = append(conds, `f.document_id IS NOT NULL`)
	}
	if f.UpdateAvailable {
		conds = append(conds, `d.update_available AND f.document_id IS NOT NULL`)
	}
	if f.WithNotes {
		conds = append(conds, `(EXISTS (SELECT 1 FROM notes n WHERE n.document_id = d.id AND n.deleted_at IS NULL)
			OR EXISTS (SELECT 1 FROM highlights h WHERE h.document_id = d.id AND h.deleted_at IS NULL)
			OR EXISTS (SELECT 1 FROM bookmarks b WHERE b.document_id = d.id AND b.deleted_at IS NULL))`)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func orderClause(s app.Sort) string {
	switch s {
	case app.SortTitle:
		return ` ORDER BY d.title COLLATE NOCASE, d.id`
	case app.SortRecent:
		return ` ORDER BY f.last_opened_at IS NULL, f.last_opened_at DESC, d.title COLLATE NOCASE, d.id`
	default:
		return ` ORDER BY d.year IS NULL, d.year DESC, d.title COLLATE NOCASE, d.id`
	}
}

// loadTags fills in the tags of the given documents with one query per
// batch of ids.
func (s *Store) loadTags(ctx context.Context, docs []app.Document) error {
	const batch = 500
	index := make(map[int64]int, len(docs))
	for i := range docs {
		index[docs[i].ID] = i
	}
	for start := 0; start < len(docs); start += batch {
		end := min(start+batch, len(docs))
		ids := make([]any, 0, end-start)
		for _, d := range docs[start:end] {
			ids = append(ids, d.ID)
		}
		q := `SELECT document_id, term, label, scheme, kind FROM document_tags WHERE document_id IN (?` +
			strings.Repeat(",?", len(ids)-1) + `) ORDER BY document_id, position`
		if err := s.scanTags(ctx, q, ids, docs, index); err != nil {
			return fmt.Errorf("storage: load tags: %w", err)
		}
	}
	return nil
}

func (s *Store) scanTags(ctx context.Context, q string, ids []any, docs []app.Document, index map[int64]int) error {
	rows, err := s.db.QueryContext(ctx, q, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t app.Tag
		var kind string
		if err := rows.Scan(&id, &t.Term, &t.Label, &t.Scheme, &kind); err != nil {
			return err
		}
		t.Kind = app.TagKind(kind)
		d := &docs[index[id]]
		d.Tags = append(d.Tags, t)
	}
	return rows.Err()
}

// Tags lists the tag labels in use by listed documents, most used first, for
// filter menus.
func (s *Store) Tags(ctx context.Context) ([]app.TagCount, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t.kind, t.label, count(*) FROM document_tags t
		JOIN documents d ON d.id = t.document_id WHERE d.withdrawn_at IS NULL
		GROUP BY t.kind, t.label COLLATE NOCASE ORDER BY count(*) DESC, t.label`)
	if err != nil {
		return nil, fmt.Errorf("storage: tags: %w", err)
	}
	defer rows.Close()
	var out []app.TagCount
	for rows.Next() {
		var tc app.TagCount
		var kind string
		if err := rows.Scan(&kind, &tc.Label, &tc.Count); err != nil {
			return nil, fmt.Errorf("storage: tags: %w", err)
		}
		tc.Kind = app.TagKind(kind)
		out = append(out, tc)
	}
	return out, rows.Err()
}

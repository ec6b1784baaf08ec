package storage

import (
	"context"
	"fmt"
	"strings"

	"fieldshelf/app"
)

// SearchAnnotations runs a full-text query over the notes and highlights
// not in the trash, best matches first. Hits carry Kind "note" or
// "highlight", the page (0 for a note on the whole document), the
// annotation's id, a snippet and the bm25 rank. Annotations of withdrawn
// documents are found too: they are the user's.
func (s *Store) SearchAnnotations(ctx context.Context, query string, limit int) ([]app.SearchHit, error) {
	match := MatchQuery(query)
	if match == "" {
		return []app.SearchHit{}, nil
	}
	if limit <= 0 {
		limit = 50
	}
	hits, err := s.annotationMatches(ctx, match, limit)
	if err != nil {
		return nil, fmt.Errorf("storage: search annotations %q: %w", query, err)
	}
	if len(hits) == 0 {
		return hits, nil
	}
	seen := map[int64]bool{}
	var ids []any
	for _, h := range hits {
		if !seen[h.Document.ID] {
			seen[h.Document.ID] = true
			ids = append(ids, h.Document.ID)
		}
	}
	docs, err := s.queryDocuments(ctx, `SELECT `+documentColumns+documentFrom+
		` WHERE d.id IN (?`+strings.Repeat(",?", len(ids)-1)+`)`, ids...)
	if err != nil {
		return nil, fmt.Errorf("storage: search annotations %q: %w", query, err)
	}
	byID := make(map[int64]app.Document, len(docs))
	for _, d := range docs {
		byID[d.ID] = d
	}
	for i := range hits {
		hits[i].Document = byID[hits[i].Document.ID]
	}
	return hits, nil
}

func (s *Store) annotationMatches(ctx context.Context, match string, limit int) ([]app.SearchHit, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT kind, item, document_id, page, rank,
		snippet(annotations_fts, 0, '[', ']', '…', 16)
		FROM annotations_fts WHERE annotations_fts MATCH ? ORDER BY rank LIMIT ?`, match, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	hits := []app.SearchHit{}
	for rows.Next() {
		var h app.SearchHit
		if err := rows.Scan(&h.Kind, &h.AnnotationID, &h.Document.ID, &h.Page, &h.Rank, &h.Snippet); err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

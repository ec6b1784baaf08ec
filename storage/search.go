package storage

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"fieldshelf/app"
)

// bm25 weights of the metadata index columns: title, summary, authors,
// publisher, tags.
const metadataRank = `bm25(documents_fts, 10.0, 1.0, 4.0, 3.0, 5.0)`

// Search runs a full-text query over the catalogue metadata and returns the
// best matches first, with a snippet. Withdrawn documents are left out. The
// query is the user's words: every word must match, the last one as a
// prefix, so results appear while typing.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]app.SearchHit, error) {
	match := MatchQuery(query)
	if match == "" {
		return []app.SearchHit{}, nil
	}
	if limit <= 0 {
		limit = 50
	}
	q := `SELECT ` + documentColumns + `, snippet(documents_fts, -1, '[', ']', '…', 16), r.rank
		FROM (SELECT rowid, ` + metadataRank + ` AS rank FROM documents_fts WHERE documents_fts MATCH ?
			ORDER BY rank LIMIT ?) r
		JOIN documents_fts ON documents_fts.rowid = r.rowid AND documents_fts MATCH ?
		JOIN documents d ON d.id = r.rowid LEFT JOIN files f ON f.document_id = d.id
		WHERE d.withdrawn_at IS NULL ORDER BY r.rank`
	rows, err := s.db.QueryContext(ctx, q, match, limit*2, match)
	if err != nil {
		return nil, fmt.Errorf("storage: search %q: %w", query, err)
	}
	defer rows.Close()
	hits := []app.SearchHit{}
	for rows.Next() && len(hits) < limit {
		var h app.SearchHit
		d, err := scanDocument(scanPrefix{rows, []any{&h.Snippet, &h.Rank}})
		if err != nil {
			return nil, fmt.Errorf("storage: search %q: %w", query, err)
		}
		h.Document, h.Kind = d, "metadata"
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: search %q: %w", query, err)
	}
	docs := make([]app.Document, len(hits))
	for i := range hits {
		docs[i] = hits[i].Document
	}
	if err := s.loadTags(ctx, docs); err != nil {
		return nil, err
	}
	for i := range hits {
		hits[i].Document = docs[i]
	}
	return hits, nil
}

// scanPrefix scans a row whose first columns are a document and whose last
// ones go to extra.
type scanPrefix struct {
	row   interface{ Scan(...any) error }
	extra []any
}

func (p scanPrefix) Scan(dest ...any) error {
	return p.row.Scan(append(dest, p.extra...)...)
}

// MatchQuery turns what a user typed into a safe FTS5 query: each word
// becomes a quoted string (so operators and punctuation in the input mean
// nothing), all words must match, and the last one matches as a prefix.
// It returns "" when the input has no words.
func MatchQuery(input string) string {
	words := strings.FieldsFunc(input, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) == 0 {
		return ""
	}
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = `"` + w + `"`
	}
	parts[len(parts)-1] += "*"
	return strings.Join(parts, " ")
}

package storage

import "context"

// BareSearch runs only the ranked FTS5 query of the metadata index, the
// reference the search benchmarks measure Search against.
func BareSearch(ctx context.Context, s *Store, match string, limit int) error {
	rows, err := s.db.QueryContext(ctx, `SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?
		ORDER BY rank LIMIT ?`, match, limit)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

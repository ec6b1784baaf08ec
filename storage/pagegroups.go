package storage

import (
	"context"
	"fmt"

	"fieldshelf/app"
)

// PageGroup is what a full-text query found in the page text of one
// document's file: how many pages match and the best of them.
type PageGroup struct {
	Pages int           // pages that match
	Best  app.SearchHit // the best page: Kind "page", Page, Rank, Snippet and Document
}

// SearchPageGroups runs a full-text query (see MatchQuery) over the text of
// cached files and returns one group per document, the document with the
// best page first, at most limit. Counting in SQL keeps a word found on a
// thousand pages of one manual from crowding the other documents out.
func (s *Store) SearchPageGroups(ctx context.Context, query string, limit int) ([]PageGroup, error) {
	match := MatchQuery(query)
	if match == "" {
		return []PageGroup{}, nil
	}
	if limit <= 0 {
		limit = 50
	}
	groups, rowids, err := s.pageGroups(ctx, match, limit)
	if err == nil {
		err = s.fillGroups(ctx, match, groups, rowids)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: search pages for %q: %w", query, err)
	}
	return groups, nil
}

// pageGroups ranks the documents by their best page, and returns the row
// id of each best page. SQLite gives the bare columns of a min() aggregate
// the values of the row holding the minimum, so the page and row are those
// of the best page.
func (s *Store) pageGroups(ctx context.Context, match string, limit int) ([]PageGroup, []int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.document_id, p.page, p.id, min(f.rank), count(*)
		FROM page_texts_fts f JOIN page_texts p ON p.id = f.rowid
		WHERE page_texts_fts MATCH ? GROUP BY p.document_id ORDER BY 4 LIMIT ?`, match, limit)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	groups, rowids := []PageGroup{}, []int64{}
	for rows.Next() {
		g := PageGroup{Best: app.SearchHit{Kind: "page"}}
		var id int64
		if err := rows.Scan(&g.Best.Document.ID, &g.Best.Page, &id, &g.Best.Rank, &g.Pages); err != nil {
			return nil, nil, err
		}
		groups, rowids = append(groups, g), append(rowids, id)
	}
	return groups, rowids, rows.Err()
}

// fillGroups cuts the snippet of each group's best page and loads the
// documents.
func (s *Store) fillGroups(ctx context.Context, match string, groups []PageGroup, rowids []int64) error {
	hits := make([]app.SearchHit, len(groups))
	for i := range groups {
		snip, err := s.pageSnippet(ctx, match, rowids[i])
		if err != nil {
			return err
		}
		groups[i].Best.Snippet = snip
		hits[i] = groups[i].Best
	}
	if err := s.fillDocuments(ctx, hits); err != nil {
		return err
	}
	for i := range groups {
		groups[i].Best.Document = hits[i].Document
	}
	return nil
}

// pageSnippet cuts the snippet of one page row for a query.
func (s *Store) pageSnippet(ctx context.Context, match string, rowid int64) (string, error) {
	var snip string
	err := s.db.QueryRowContext(ctx, `SELECT snippet(page_texts_fts, 0, '[', ']', '…', 16)
		FROM page_texts_fts WHERE page_texts_fts MATCH ? AND rowid = ?`, match, rowid).Scan(&snip)
	return snip, err
}

// DocumentPageHits returns the pages of one document's file that match a
// full-text query, in page order, at most limit (0: all), each with its
// snippet (the hits between [ and ]) and bm25 rank; total is how many
// pages match.
func (s *Store) DocumentPageHits(ctx context.Context, docID int64, query string, limit int) (hits []app.SearchHit, total int, err error) {
	match := MatchQuery(query)
	if match == "" {
		return []app.SearchHit{}, 0, nil
	}
	hits, rowids, total, err := s.documentPages(ctx, docID, match, limit)
	for i := 0; err == nil && i < len(hits); i++ {
		hits[i].Snippet, err = s.pageSnippet(ctx, match, rowids[i])
	}
	if err != nil {
		return nil, 0, fmt.Errorf("storage: search the pages of document %d for %q: %w", docID, query, err)
	}
	return hits, total, nil
}

// documentPages lists a document's matching pages in page order with
// their row ids, at most limit, and counts them all. The snippets are cut
// afterwards, for the pages kept only.
func (s *Store) documentPages(ctx context.Context, docID int64, match string, limit int) ([]app.SearchHit, []int64, int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.page, p.id, f.rank
		FROM page_texts_fts f JOIN page_texts p ON p.id = f.rowid
		WHERE page_texts_fts MATCH ? AND p.document_id = ? ORDER BY p.page`, match, docID)
	if err != nil {
		return nil, nil, 0, err
	}
	defer rows.Close()
	hits, rowids, total := []app.SearchHit{}, []int64{}, 0
	for rows.Next() {
		h := app.SearchHit{Kind: "page", Document: app.Document{ID: docID}}
		var id int64
		if err := rows.Scan(&h.Page, &id, &h.Rank); err != nil {
			return nil, nil, 0, err
		}
		if total++; limit <= 0 || len(hits) < limit {
			hits, rowids = append(hits, h), append(rowids, id)
		}
	}
	return hits, rowids, total, rows.Err()
}

package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"fieldshelf/app"
)

// Search runs a full-text query over the catalogue metadata and returns the
// best matches first, with a snippet. Withdrawn documents are left out. The
// query is the user's words: every word must match, the last one as a
// prefix, so results appear while typing.
//
// The ranking, limit and snippets run inside FTS5 (ORDER BY rank lets it
// sort by itself and compute snippets only for the rows returned); the
// documents are then loaded by id.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]app.SearchHit, error) {
	match := MatchQuery(query)
	if match == "" {
		return []app.SearchHit{}, nil
	}
	if limit <= 0 {
		limit = 50
	}
	// Whole words first: when they fill the page, the prefix expansion of
	// the last word (which can merge the postings of many words) is
	// skipped; they are prefix matches too.
	want := limit + limit/4 + 5
	hits, err := s.rankedMatches(ctx, strings.TrimSuffix(match, "*"), want)
	if err == nil && len(hits) < want && strings.HasSuffix(match, "*") {
		hits, err = s.rankedMatches(ctx, match, want)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: search %q: %w", query, err)
	}
	ids := make([]any, len(hits))
	for i, h := range hits {
		ids[i] = h.Document.ID
	}
	docs := []app.Document{}
	if len(ids) > 0 {
		docs, err = s.queryDocuments(ctx, `SELECT `+documentColumns+documentFrom+` WHERE d.withdrawn_at IS NULL
			AND d.id IN (?`+strings.Repeat(",?", len(ids)-1)+`)`, ids...)
		if err != nil {
			return nil, fmt.Errorf("storage: search %q: %w", query, err)
		}
	}
	byID := make(map[int64]app.Document, len(docs))
	for _, d := range docs {
		byID[d.ID] = d
	}
	out := []app.SearchHit{}
	for _, h := range hits {
		d, ok := byID[h.Document.ID]
		if !ok {
			continue // withdrawn
		}
		h.Document = d
		h.Snippet = metadataSnippet(d, query)
		if out = append(out, h); len(out) == limit {
			break
		}
	}
	return out, nil
}

// rankCandidates bounds the matches that bm25 ranks. Ranking costs a few
// microseconds a match, so a word found in most of a 100,000-entry library
// would take tens of milliseconds. When a query matches more documents
// than this, only the most recently catalogued candidates are ranked.
const rankCandidates = 1000

// rankedMatches returns the ids and ranks of the best n matches, in two
// bounded steps: find the rowid of the rankCandidates-th newest match,
// then rank the matches from there on with bm25 (FTS5 iterates only that
// rowid range). Snippets are cut later from the loaded documents.
func (s *Store) rankedMatches(ctx context.Context, match string, n int) ([]app.SearchHit, error) {
	var floor int64
	err := s.db.QueryRowContext(ctx, `SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?
		ORDER BY rowid DESC LIMIT 1 OFFSET ?`, match, rankCandidates-1).Scan(&floor)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT rowid, `+metadataBM25+` AS r FROM documents_fts
		WHERE documents_fts MATCH ? AND rowid >= ? ORDER BY r LIMIT ?`, match, floor, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []app.SearchHit
	for rows.Next() {
		h := app.SearchHit{Kind: "metadata"}
		if err := rows.Scan(&h.Document.ID, &h.Rank); err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// metadataBM25 ranks with bm25, weighting the columns of the metadata
// index: title, summary, authors, publisher, tags.
const metadataBM25 = `bm25(documents_fts, 10.0, 1.0, 4.0, 3.0, 5.0)`

// MatchQuery turns what a user typed into a safe FTS5 query: each word
// becomes a quoted string (so operators and punctuation in the input mean
// nothing), all words must match, and the last one matches as a prefix
// once it has two letters: a one-letter prefix matches a good part of the
// vocabulary, which takes FTS5 a tenth of a second or more over a large
// library (BenchmarkSearchTyping100k), and finds nothing a reader wants.
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
	if last := words[len(words)-1]; utf8.RuneCountInString(last) > 1 {
		parts[len(parts)-1] += "*"
	}
	return strings.Join(parts, " ")
}

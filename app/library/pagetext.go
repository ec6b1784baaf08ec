package library

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"fieldshelf/app"
)

// ErrNoEngine reports that the library has no PDF engine (Options.OpenText
// unset).
var ErrNoEngine = errors.New("library: no PDF engine to read the text of files")

// maxPageFailures stops an extraction after so many pages in a row fail:
// the file is broken beyond single pages.
const maxPageFailures = 5

// IndexText extracts the text of each page of a document's cached file
// into the full-text index, page by page, each committed before the next:
// an interrupted run resumes where it stopped, as long as the file is the
// same version. progress, when set, is called after each page.
func (l *Library) IndexText(ctx context.Context, docID int64, progress func(done, total int)) error {
	d, err := l.store.Document(ctx, docID)
	if err != nil {
		return err
	}
	if l.open == nil {
		return ErrNoEngine
	}
	path, err := l.CachedFile(ctx, d)
	if err != nil {
		return fmt.Errorf("library: document %d: %w", docID, err)
	}
	sha := d.File.SHA256
	td, err := l.open(ctx, path, "")
	if err != nil {
		return l.indexFailed(ctx, docID, sha, fmt.Errorf("library: read the text of document %d: %w", docID, err))
	}
	defer td.Close()
	st, err := l.store.BeginPageText(ctx, docID, sha, td.NumPages())
	if err != nil {
		return err
	}
	failed := 0 // pages in a row that failed, saved empty once a later page works
	for p := st.PagesDone + 1; p <= st.PagesTotal; p++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		text, err := td.PageText(ctx, p)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if failed++; failed >= maxPageFailures || p == st.PagesTotal {
				return l.indexFailed(ctx, docID, sha, fmt.Errorf("library: text of document %d page %d: %w", docID, p, err))
			}
			continue
		}
		for q := p - failed; q <= p; q++ { // broken pages stay empty
			if q == p {
				err = l.store.SavePageText(ctx, docID, sha, q, text)
			} else {
				err = l.store.SavePageText(ctx, docID, sha, q, "")
			}
			if err != nil {
				return err
			}
		}
		failed = 0
		if progress != nil {
			progress(p, st.PagesTotal)
		}
	}
	return nil
}

// indexFailed records why indexing stopped and returns err.
func (l *Library) indexFailed(ctx context.Context, docID int64, sha string, err error) error {
	ctx = context.WithoutCancel(ctx)
	if _, berr := l.store.PageTextStatus(ctx, docID); errors.Is(berr, app.ErrNotFound) {
		l.store.BeginPageText(ctx, docID, sha, 0)
	}
	return errors.Join(err, l.store.FailPageText(ctx, docID, sha, err.Error()))
}

// withPageHits merges the page text hits of a query into hits, best rank
// first, at most limit.
func (l *Library) withPageHits(ctx context.Context, hits []app.SearchHit, query string, limit int) ([]app.SearchHit, error) {
	pages, err := l.store.SearchPages(ctx, query, limit)
	if err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		return hits, nil
	}
	hits = append(hits, pages...)
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Rank < hits[j].Rank })
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

package library

import (
	"context"
	"fmt"
	"sync"

	"fieldshelf/app"
)

// RunIndexer extracts the page text of the new files queued by downloads
// (Options.IndexInBackground) until ctx ends: one document at a time, in
// the order they came, so a download, or the first start's install of the
// demo library, returns without waiting for the text, and the extraction
// never competes with itself for the PDF engine. report receives each
// document's progress, from RunIndexer's goroutine. An interrupted
// document keeps what was extracted; the extraction resumes where it
// stopped the next time the document is queued or indexed. Without
// background indexing RunIndexer returns at once.
func (l *Library) RunIndexer(ctx context.Context, report func(app.IndexProgress)) {
	if l.queue == nil {
		return
	}
	l.queue.run(ctx, indexer{title: l.titleOf, index: l.IndexText}, report)
}

// titleOf names a document for a progress report.
func (l *Library) titleOf(ctx context.Context, docID int64) string {
	if d, err := l.store.Document(ctx, docID); err == nil {
		return d.Title
	}
	return fmt.Sprintf("document %d", docID)
}

// indexQueue holds the documents whose page text waits to be extracted.
// Documents may be queued before RunIndexer starts.
type indexQueue struct {
	mu     sync.Mutex
	queued []int64
	wake   chan struct{}
}

func newIndexQueue() *indexQueue { return &indexQueue{wake: make(chan struct{}, 1)} }

// add queues a document unless it is already waiting. It never blocks.
func (q *indexQueue) add(docID int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, id := range q.queued {
		if id == docID {
			return
		}
	}
	q.queued = append(q.queued, docID)
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// next takes the first queued document.
func (q *indexQueue) next() (id int64, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.queued) == 0 {
		return 0, false
	}
	id, q.queued = q.queued[0], q.queued[1:]
	return id, true
}

// pending returns how many documents wait.
func (q *indexQueue) pending() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.queued)
}

// indexer is what the queue runs: title names a document for the reports,
// index extracts its text, reporting pages done.
type indexer struct {
	title func(ctx context.Context, docID int64) string
	index func(ctx context.Context, docID int64, progress func(done, total int)) error
}

// run indexes queued documents until ctx ends, reporting their progress.
func (q *indexQueue) run(ctx context.Context, ix indexer, report func(app.IndexProgress)) {
	for {
		id, ok := q.next()
		if !ok {
			select {
			case <-ctx.Done():
				return
			case <-q.wake:
				continue
			}
		}
		title := ix.title(ctx, id)
		err := ix.index(ctx, id, func(done, total int) {
			report(app.IndexProgress{DocID: id, Title: title, Done: done, Total: total, Queued: q.pending()})
		})
		if ctx.Err() != nil {
			return
		}
		report(app.IndexProgress{DocID: id, Title: title, Finished: true, Err: err, Queued: q.pending()})
	}
}

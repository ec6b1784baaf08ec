package main

import (
	"context"
	"fmt"
	"sync"

	"fieldshelf/app/library"
	"fieldshelf/app/ui"
)

// indexQueue indexes the page text of new files for the GUI, in the
// background: the library hands it documents (library.IndexLater) and one
// goroutine indexes them one at a time, in order, so a download or the
// first start's demo install returns without waiting for the text, and
// indexing never competes with itself for the PDF engine. Documents may be
// queued before the worker starts.
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

// next takes the first queued document and says how many wait after it.
func (q *indexQueue) next() (id int64, rest int, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.queued) == 0 {
		return 0, 0, false
	}
	id, q.queued = q.queued[0], q.queued[1:]
	return id, len(q.queued), true
}

// pending returns how many documents wait.
func (q *indexQueue) pending() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.queued)
}

// indexer is what the queue runs: title names a document for the status
// line, index indexes it, reporting pages done.
type indexer struct {
	title func(ctx context.Context, docID int64) string
	index func(ctx context.Context, docID int64, progress func(done, total int)) error
}

// run indexes queued documents until ctx ends, reporting progress (from
// its own goroutine) to report. An interrupted document is left as it
// is: its indexing resumes where it stopped the next time it is queued.
func (q *indexQueue) run(ctx context.Context, ix indexer, report func(ui.IndexStatus)) {
	for {
		id, _, ok := q.next()
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
			report(ui.IndexStatus{DocID: id, Title: title, Done: done, Total: total, Queued: q.pending()})
		})
		if ctx.Err() != nil {
			return
		}
		report(ui.IndexStatus{DocID: id, Title: title, Finished: true, Err: err, Queued: q.pending()})
	}
}

// libraryIndexer indexes with the library, naming documents by title.
func libraryIndexer(lib *library.Library) indexer {
	return indexer{
		title: func(ctx context.Context, docID int64) string {
			if d, err := lib.Document(ctx, docID); err == nil {
				return d.Title
			}
			return fmt.Sprintf("document %d", docID)
		},
		index: lib.IndexText,
	}
}

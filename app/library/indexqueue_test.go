package library

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"fieldshelf/app"
)

func TestIndexQueueRunsOneAtATimeInOrder(t *testing.T) {
	q := newIndexQueue()
	q.add(1) // queued before the worker starts, as the demo install does
	q.add(2)
	q.add(1) // already waiting
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	var order []int64
	running, most := 0, 0
	release := make(chan struct{})
	ix := indexer{
		title: func(_ context.Context, id int64) string { return fmt.Sprint("doc ", id) },
		index: func(_ context.Context, id int64, progress func(done, total int)) error {
			mu.Lock()
			running++
			most = max(most, running)
			order = append(order, id)
			mu.Unlock()
			if id == 1 {
				<-release // document 3 is queued meanwhile
			}
			progress(1, 2)
			progress(2, 2)
			mu.Lock()
			running--
			mu.Unlock()
			if id == 2 {
				return errors.New("damaged")
			}
			return nil
		},
	}
	reports := make(chan app.IndexProgress, 100)
	done := make(chan struct{})
	go func() { defer close(done); q.run(ctx, ix, func(st app.IndexProgress) { reports <- st }) }()
	q.add(3)
	close(release)
	var finished []app.IndexProgress
	for len(finished) < 3 {
		st := <-reports
		if st.Title != fmt.Sprint("doc ", st.DocID) {
			t.Fatalf("report %+v names the wrong document", st)
		}
		if st.Finished {
			finished = append(finished, st)
		}
	}
	cancel()
	<-done
	if fmt.Sprint(order) != "[1 2 3]" || most != 1 {
		t.Fatalf("indexed %v with up to %d at once, want [1 2 3] one at a time", order, most)
	}
	if finished[0].Queued != 2 || finished[1].Err == nil || finished[2].Err != nil || finished[2].Queued != 0 {
		t.Fatalf("final reports %+v, want 2 queued after the first, the error on the second, none after the last", finished)
	}
}

func TestIndexQueueStopsWithItsContext(t *testing.T) {
	q := newIndexQueue()
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	ix := indexer{
		title: func(context.Context, int64) string { return "x" },
		index: func(ctx context.Context, _ int64, _ func(int, int)) error {
			close(started)
			<-ctx.Done()
			return ctx.Err()
		},
	}
	var reports int
	done := make(chan struct{})
	go func() { defer close(done); q.run(ctx, ix, func(app.IndexProgress) { reports++ }) }()
	q.add(7)
	<-started
	cancel()
	<-done
	if reports != 0 {
		t.Fatalf("%d reports for an interrupted document, want none (it resumes next time)", reports)
	}
}

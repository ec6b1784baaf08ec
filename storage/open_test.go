package storage_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"fieldshelf/storage"
)

// Several processes starting at once on an empty data directory (the
// desktop application and a script, say) each open the database: every
// one must succeed, and the schema is made once. Each Open here has its
// own connections, as a process would.
func TestConcurrentOpenOfAnEmptyLibrary(t *testing.T) {
	for round := 0; round < 3; round++ {
		path := filepath.Join(t.TempDir(), "library.db")
		const n = 6
		var wg sync.WaitGroup
		errs := make([]error, n)
		stores := make([]*storage.Store, n)
		start := make(chan struct{})
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				stores[i], errs[i] = storage.Open(context.Background(), path)
			}()
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d: open %d: %v", round, i, err)
			}
			stores[i].Close()
		}
		if v, err := storage.CheckDatabase(context.Background(), path); err != nil || v != storage.SchemaVersion() {
			t.Fatalf("round %d: schema %d, %v", round, v, err)
		}
	}
}

package storage_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"
	"time"

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

// A process that opens the library while another one is writing to a
// database not yet in WAL mode (the moment the first process creates it)
// waits for it and opens, instead of failing with "read schema version:
// database is locked (SQLITE_BUSY)", as a command did when three started
// at once on an empty data directory.
func TestOpenWaitsForAnotherProcessTurningOnWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	other, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT INTO t VALUES (2)"); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		s, err := storage.Open(context.Background(), path)
		if err == nil {
			s.Close()
		}
		done <- err
	}()
	time.Sleep(300 * time.Millisecond)
	tx.Rollback()
	if err := <-done; err != nil {
		t.Fatalf("open while another process wrote: %v", err)
	}
}

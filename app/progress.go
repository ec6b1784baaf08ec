package app

import (
	"sync"
	"time"
)

// SyncProgress reports how a sync is going.
type SyncProgress struct {
	Source  Source
	Page    string // the page being fetched
	Pages   int    // pages done
	Entries int    // entries found so far
	Bytes   int64  // bytes received so far
	Elapsed time.Duration
}

// DownloadOptions tune a batch of downloads.
type DownloadOptions struct {
	Pin      bool // pin the files so the cache limit never evicts them
	Parallel int  // files fetched at once, 2 to 4; 0 means 3
	// Progress receives every file's progress; it is called from several
	// goroutines at once and often, so it must be quick and throttle.
	Progress func(DownloadProgress)
}

// DownloadProgress reports one file's progress.
type DownloadProgress struct {
	Document Document
	Done     int64 // bytes on disk
	Total    int64 // 0 when unknown
	Finished bool
	Err      error // set with Finished when the file failed
}

// DownloadResult is the outcome of a download for one document.
type DownloadResult struct {
	Document Document
	File     *File  // nil on failure
	Skipped  string // why nothing was fetched (already offline and current)
	Resumed  bool
	Fetched  int64 // bytes received by this run
	Err      error
}

// IndexProgress is the state of the background extraction of page text
// (for search) from newly downloaded files.
type IndexProgress struct {
	DocID  int64
	Title  string // of the document being indexed
	Done   int    // pages indexed so far
	Total  int    // pages in the document; 0 until known
	Queued int    // documents waiting after this one
	// Finished is set on the last report of a document; Err then says
	// why it failed, if it did.
	Finished bool
	Err      error
}

// Throttle paces progress reports: it lets through at most one report per
// interval for each key (a document, a sync), and always the last report
// of a run. It is safe for concurrent use, since download progress arrives
// from several goroutines.
type Throttle struct {
	mu    sync.Mutex
	every time.Duration
	now   func() time.Time
	last  map[int64]time.Time
}

// NewThrottle returns a throttle letting one report through every
// interval, by the clock now (time.Now when nil).
func NewThrottle(every time.Duration, now func() time.Time) *Throttle {
	if now == nil {
		now = time.Now
	}
	return &Throttle{every: every, now: now, last: map[int64]time.Time{}}
}

// Allow reports whether a report for key may go through now; a final
// report always does.
func (t *Throttle) Allow(key int64, final bool) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if last, ok := t.last[key]; ok && !final && now.Sub(last) < t.every {
		return false
	}
	t.last[key] = now
	return true
}

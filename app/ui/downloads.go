package ui

import (
	"context"
	"errors"

	"fieldshelf/app"
)

// dlState is one download as the UI sees it.
type dlState struct {
	done, total int64
	finished    bool
	err         error
	cancel      context.CancelFunc
}

func (s *dlState) fraction() float64 {
	if s.total <= 0 {
		return 0
	}
	return float64(s.done) / float64(s.total)
}

// Downloads runs and tracks file downloads; each can be cancelled. Only the
// UI goroutine touches its map.
type Downloads struct {
	u      *UI
	active map[int64]*dlState
	thr    *app.Throttle
}

func newDownloads(u *UI) *Downloads {
	return &Downloads{u: u, active: map[int64]*dlState{}, thr: newThrottle(u.th)}
}

// state returns a document's download, nil when there is none.
func (d *Downloads) state(id int64) *dlState { return d.active[id] }

// start downloads a document's file in the background.
func (d *Downloads) start(doc app.Document) {
	if s := d.active[doc.ID]; s != nil && !s.finished {
		return
	}
	ctx, cancel := context.WithCancel(d.u.ctx)
	s := &dlState{total: doc.FileSize, cancel: cancel}
	d.active[doc.ID] = s
	d.u.shelf.refreshProgress(doc.ID)
	d.u.shelf.detail.showActions()
	opts := app.DownloadOptions{Progress: func(p app.DownloadProgress) { d.progress(doc.ID, p) }}
	var err error
	d.u.background(func() {
		_, err = d.u.lib.Download(ctx, []int64{doc.ID}, opts)
	}, func() {
		cancel()
		s.finished = true
		cancelled := errors.Is(err, context.Canceled)
		if cancelled {
			err = nil // the user cancelled: the partial file stays for a later resume
		}
		s.err = err
		if d.u.report("download "+doc.Title, err) && !cancelled {
			d.u.sync.downloaded(doc)
		}
		d.u.shelf.refreshDoc(doc.ID)
	})
}

// progress forwards a file's progress to the UI, throttled.
func (d *Downloads) progress(id int64, p app.DownloadProgress) {
	if !d.thr.Allow(id, p.Finished) {
		return
	}
	d.u.th.Do(func() {
		s := d.active[id]
		if s == nil || s.finished {
			return
		}
		s.done = p.Done
		if p.Total > 0 {
			s.total = p.Total
		}
		d.u.shelf.refreshProgress(id)
	})
}

// cancel stops a document's download.
func (d *Downloads) cancel(id int64) {
	if s := d.active[id]; s != nil && s.cancel != nil {
		s.cancel()
	}
}

// cancelAll stops every download (when the window closes).
func (d *Downloads) cancelAll() {
	for _, s := range d.active {
		if s.cancel != nil {
			s.cancel()
		}
	}
}

package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"fieldshelf/app"
)

// dlState is one download as the UI sees it.
type dlState struct {
	done, total int64
	finished    bool
	err         error
	cancel      context.CancelFunc
	// from and since are the bytes on disk at the first report and its
	// time: the speed is measured from there (a resumed download starts
	// with bytes it did not fetch now).
	from  int64
	since time.Time
	now   time.Time // the time of the last report
}

// text is "12 MB of 45 MB · 1.2 MB/s · 27 s left", or what of it is known.
func (s *dlState) text() string {
	parts := []string{sizeText(s.done)}
	if s.total > 0 {
		parts[0] = lang.L("{{.Done}} of {{.Total}}", map[string]any{"Done": sizeText(s.done), "Total": sizeText(s.total)})
	}
	secs := s.now.Sub(s.since).Seconds()
	if secs >= 1 && s.done > s.from {
		speed := float64(s.done-s.from) / secs
		parts = append(parts, lang.L("{{.Size}}/s", map[string]any{"Size": sizeText(int64(speed))}))
		if s.total > s.done {
			parts = append(parts, timeLeft(time.Duration(float64(s.total-s.done)/speed*float64(time.Second))))
		}
	}
	return strings.Join(parts, " · ")
}

// timeLeft is "45 s left", "3 min left", "2 h 5 min left".
func timeLeft(d time.Duration) string {
	switch {
	case d < time.Minute:
		return lang.L("{{.Seconds}} s left", map[string]any{"Seconds": max(int(d.Seconds()), 1)})
	case d < time.Hour:
		return lang.L("{{.Minutes}} min left", map[string]any{"Minutes": int(d.Minutes() + 0.5)})
	}
	return lang.L("{{.Hours}} h {{.Minutes}} min left", map[string]any{"Hours": int(d.Hours()), "Minutes": int(d.Minutes()) % 60})
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
	// A file fetched again (an update, a damaged file) stays pinned.
	opts := app.DownloadOptions{Pin: doc.File != nil && doc.File.Pinned,
		Progress: func(p app.DownloadProgress) { d.progress(doc.ID, p) }}
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
		if d.u.report(downloadTopic(doc), err) && !cancelled {
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
		s.done, s.now = p.Done, d.u.th.Now()
		if s.since.IsZero() {
			s.from, s.since = p.Done, s.now
		}
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

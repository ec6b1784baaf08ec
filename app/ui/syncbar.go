package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// reachEvery is how often the catalogue hosts are checked.
const reachEvery = time.Minute

// SyncBar is the toolbar (sync, settings) and the status line under the
// library: sync progress with counts, "last synced", the offline indicator
// and the last error, none of which blocks the window.
type SyncBar struct {
	u        *UI
	toolbar  fyne.CanvasObject
	syncBtn  *widget.Button
	status   fyne.CanvasObject
	progress *widget.ProgressBarInfinite
	text     *widget.Label
	errText  *widget.Label
	errClose *widget.Button
	online   *widget.Label
	indexing *widget.Label // background page text indexing
	running  bool
	isOnline bool
	lastSync time.Time
	result   string // what the last sync did
	thr      *app.Throttle
	stopTick func()
}

func newSyncBar(u *UI) *SyncBar {
	b := &SyncBar{u: u, isOnline: true, thr: newThrottle(u.th), stopTick: func() {}}
	b.syncBtn = widget.NewButtonWithIcon("Sync", theme.ViewRefreshIcon(), b.onSync)
	settings := widget.NewButtonWithIcon("", theme.SettingsIcon(), func() { u.showSettings() })
	help := widget.NewButton("?", u.showHelp)
	b.toolbar = container.NewHBox(b.syncBtn, settings, help)
	b.progress = widget.NewProgressBarInfinite()
	b.progress.Stop()
	b.progress.Hide()
	b.text = widget.NewLabel("")
	b.text.SizeName = theme.SizeNameCaptionText
	b.errText = widget.NewLabel("")
	b.errText.Importance = widget.DangerImportance
	b.errText.Truncation = fyne.TextTruncateEllipsis
	b.errText.SizeName = theme.SizeNameCaptionText
	b.errClose = widget.NewButtonWithIcon("", theme.CancelIcon(), b.clearError)
	b.errClose.Importance = widget.LowImportance
	b.errClose.Hide()
	b.online = widget.NewLabel("")
	b.online.SizeName = theme.SizeNameCaptionText
	b.indexing = widget.NewLabel("")
	b.indexing.SizeName = theme.SizeNameCaptionText
	b.indexing.Hide()
	left := container.NewHBox(b.online, b.text, sized(b.progress, 120), b.indexing)
	b.status = container.NewBorder(widget.NewSeparator(), nil, left, b.errClose, b.errText)
	return b
}

// start shows the sync state, syncs when asked and starts the periodic
// reachability check.
func (b *SyncBar) start(syncNow bool) {
	b.u.shelf.whenListed(func() {
		b.loadLastSync()
		b.u.shelf.loadTags()
		if syncNow {
			b.onSync()
		}
		b.checkReach()
	})
}

// onSync syncs every catalogue in the background.
func (b *SyncBar) onSync() {
	if b.running {
		return
	}
	b.running = true
	b.syncBtn.Disable()
	b.progress.Show()
	b.progress.Start()
	b.text.SetText("Syncing…")
	var st app.SyncStats
	var err error
	b.u.background(func() {
		st, err = b.u.lib.Sync(b.u.ctx, nil, b.report)
	}, func() { b.finish(st, err) })
}

// report shows sync progress, throttled; it runs on the sync goroutine.
func (b *SyncBar) report(p app.SyncProgress) {
	if !b.thr.Allow(0, false) {
		return
	}
	text := fmt.Sprintf("Syncing %s: %s pages, %s entries", p.Source.Label(), thousands(p.Pages), thousands(p.Entries))
	b.u.th.Do(func() {
		if b.running {
			b.text.SetText(text)
		}
	})
}

func (b *SyncBar) finish(st app.SyncStats, err error) {
	b.running = false
	b.syncBtn.Enable()
	b.progress.Stop()
	b.progress.Hide()
	if err != nil {
		b.setError("sync", err)
	}
	b.result = ""
	if err == nil {
		b.result = fmt.Sprintf(" · %s added, %s updated, %s withdrawn", thousands(st.Added),
			thousands(st.Updated), thousands(st.Withdrawn))
	}
	b.loadLastSync()
	b.u.shelf.loadTags()
	b.u.shelf.reload()
}

// loadLastSync reads the sources' last sync time into the status line.
func (b *SyncBar) loadLastSync() {
	var srcs []app.Source
	var err error
	b.u.background(func() { srcs, err = b.u.lib.Sources(b.u.ctx) }, func() {
		if err != nil {
			b.setError("read the sources", err)
			return
		}
		b.lastSync = time.Time{}
		for _, s := range srcs {
			if s.LastSync.After(b.lastSync) {
				b.lastSync = s.LastSync
			}
		}
		if !b.running {
			b.text.SetText(lastSyncedText(b.lastSync, b.u.th.Now()) + b.result)
		}
	})
}

// lastSyncedText is "Last synced 5 minutes ago".
func lastSyncedText(t, now time.Time) string {
	if t.IsZero() {
		return "Never synced"
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "Last synced just now"
	case d < time.Hour:
		return fmt.Sprintf("Last synced %d min ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("Last synced %d h ago", int(d.Hours()))
	}
	return "Last synced " + t.Local().Format("2 Jan 2006")
}

// setError shows an error in the status line until dismissed.
func (b *SyncBar) setError(what string, err error) {
	b.errText.SetText(fmt.Sprintf("Could not %s: %v", what, oneLine(err)))
	b.errText.Show()
	b.errClose.Show()
}

func (b *SyncBar) clearError() {
	b.errText.SetText("")
	b.errClose.Hide()
}

// Error returns the error shown, "" when none.
func (b *SyncBar) Error() string { return b.errText.Text }

// Status returns the status text.
func (b *SyncBar) Status() string { return b.text.Text }

// checkReach asks whether the catalogue hosts answer, shows the result,
// syncs when the connection came back, and schedules the next check.
func (b *SyncBar) checkReach() {
	if b.u.cfg.Reachable == nil {
		b.setOnline(true)
		return
	}
	var urls []string
	ok := true
	b.u.background(func() {
		srcs, err := b.u.lib.Sources(b.u.ctx)
		if err != nil {
			return
		}
		for _, s := range srcs {
			urls = append(urls, s.URL)
		}
		ctx, cancel := context.WithTimeout(b.u.ctx, 5*time.Second)
		defer cancel()
		ok = b.u.cfg.Reachable(ctx, urls)
	}, func() {
		was := b.isOnline
		b.setOnline(ok)
		if ok && !was && b.u.app.Preferences().BoolWithFallback(prefAutoSync, true) {
			b.onSync()
		}
		if b.u.ctx.Err() == nil {
			b.stopTick = b.u.th.After(reachEvery, func() { b.u.th.Do(b.checkReach) })
		}
	})
}

func (b *SyncBar) setOnline(ok bool) {
	b.isOnline = ok
	if ok {
		b.online.SetText("● Online")
		b.online.Importance = widget.SuccessImportance
	} else {
		b.online.SetText("○ Offline")
		b.online.Importance = widget.WarningImportance
	}
	b.online.Refresh()
}

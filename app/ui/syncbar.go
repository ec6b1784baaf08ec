package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
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
	status   fyne.CanvasObject // the status line with the problems' expander above it
	progress *widget.ProgressBarInfinite
	text     *widget.Label
	errs     *problems
	online   *widget.Label
	indexing *widget.Label // background page text indexing
	running  bool
	isOnline bool
	networks int       // catalogues on the network: without any, there is no connection to show
	lastSync time.Time // the last sync that reached a network catalogue
	failedAt time.Time // the last sync that reached none
	result   string    // what the last sync did
	thr      *app.Throttle
	stopTick func()
}

func newSyncBar(u *UI) *SyncBar {
	b := &SyncBar{u: u, isOnline: true, thr: newThrottle(u.th), stopTick: func() {}}
	b.syncBtn = widget.NewButtonWithIcon(lang.L("Sync"), theme.ViewRefreshIcon(), b.onSync)
	settings := widget.NewButtonWithIcon("", theme.SettingsIcon(), func() { u.showSettings() })
	help := widget.NewButton("?", u.showHelp)
	b.toolbar = container.NewHBox(b.syncBtn, u.share.button, settings, help)
	b.progress = widget.NewProgressBarInfinite()
	b.progress.Stop()
	b.progress.Hide()
	b.text = widget.NewLabel("")
	b.text.SizeName = theme.SizeNameCaptionText
	b.errs = newProblems()
	b.online = widget.NewLabel("")
	b.online.SizeName = theme.SizeNameCaptionText
	b.indexing = widget.NewLabel("")
	b.indexing.SizeName = theme.SizeNameCaptionText
	b.indexing.Hide()
	left := container.NewHBox(b.online, b.text, sized(b.progress, 120), b.indexing)
	b.status = container.NewVBox(b.errs.panel, container.NewBorder(widget.NewSeparator(), nil, left, nil, b.errs.bar))
	return b
}

// start shows the sync state, syncs when asked and starts the periodic
// reachability check.
func (b *SyncBar) start(syncNow bool) {
	b.u.shelf.whenListed(func() {
		b.loadLastSync(false, nil)
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
	b.text.SetText(lang.L("Syncing…"))
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
	text := lang.N("Syncing {{.Catalogue}}: {{.Pages}} pages, {{.Count}} entries", p.Entries, map[string]any{
		"Catalogue": p.Source.Label(), "Pages": thousands(p.Pages), "Count": thousands(p.Entries)})
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
	b.u.report(lang.L("sync"), err)
	for _, f := range app.Failures(err) {
		if f.Kind == app.FailPassword {
			b.u.askPasswords()
			break
		}
	}
	b.result = ""
	if err == nil {
		b.result = " · " + lang.L("{{.Added}} added, {{.Updated}} updated, {{.Withdrawn}} withdrawn", map[string]any{
			"Added": thousands(st.Added), "Updated": thousands(st.Updated), "Withdrawn": thousands(st.Withdrawn)})
		if s := cutShortText(st); s != "" {
			b.result += " · " + s
		}
		if s := layerText(st.Layers); s != "" {
			b.result += " · " + s
			if b.u.read != nil {
				b.u.read.side.notes.load() // a trainer's annotations came, changed or went
			}
		}
	}
	b.loadLastSync(true, err)
	b.u.shelf.loadTags()
	b.u.shelf.reload()
}

// loadLastSync reads the sources into the status line: when a sync last
// reached a network catalogue (a file on this computer or a USB stick
// says nothing about the connection) and, right after a sync (synced,
// which failed with syncErr), whether the connection works: it does when
// a network catalogue answered, and it does not when none did.
func (b *SyncBar) loadLastSync(synced bool, syncErr error) {
	var srcs []app.Source
	var err error
	b.u.background(func() { srcs, err = b.u.lib.Sources(b.u.ctx) }, func() {
		if !b.u.report(lang.L("read the catalogues"), err) {
			return
		}
		b.lastSync, b.networks = time.Time{}, 0
		for _, s := range srcs {
			if isNetworkURL(s.URL) {
				b.networks++
				if s.LastSync.After(b.lastSync) {
					b.lastSync = s.LastSync
				}
			}
		}
		if synced && b.networks > 0 {
			b.setOnline(unreached(syncErr) < b.networks)
			if !b.isOnline {
				b.failedAt = b.u.th.Now()
			}
		}
		b.showOnline()
		if !b.running {
			b.text.SetText(b.syncedText(b.u.th.Now()) + b.result)
		}
	})
}

// unreached counts the catalogues that a sync could not reach.
func unreached(err error) int {
	n := 0
	for _, f := range app.Failures(err) {
		if f.Op == app.OpSync && f.Kind == app.FailUnreachable {
			n++
		}
	}
	return n
}

// isNetworkURL reports whether a catalogue is on the network (http or
// https), not a file.
func isNetworkURL(u string) bool {
	u = strings.ToLower(u)
	return strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")
}

// syncedText is "Last synced 5 min ago", or "Local catalogues only" when
// no catalogue is on the network.
func (b *SyncBar) syncedText(now time.Time) string {
	if b.networks == 0 {
		return lang.L("Local catalogues only")
	}
	return lastSyncedText(b.lastSync, now)
}

// lastSyncedText is "Last synced 5 min ago".
func lastSyncedText(t, now time.Time) string {
	if t.IsZero() {
		return lang.L("Never synced")
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return lang.L("Last synced just now")
	case d < time.Hour:
		return lang.L("Last synced {{.Minutes}} min ago", map[string]any{"Minutes": int(d.Minutes())})
	case d < 48*time.Hour:
		return lang.L("Last synced {{.Hours}} h ago", map[string]any{"Hours": int(d.Hours())})
	}
	return lang.L("Last synced on {{.Date}}", map[string]any{"Date": dateText(t.Local())})
}

// setError shows an error in the status line until it is dismissed or
// the same work (what) succeeds.
func (b *SyncBar) setError(what string, err error) { b.errs.set(what, err) }

// Error returns the error shown, "" when none.
func (b *SyncBar) Error() string { return b.errs.shown() }

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
			if isNetworkURL(s.URL) {
				urls = append(urls, s.URL)
			}
		}
		if len(urls) > 0 {
			ctx, cancel := context.WithTimeout(b.u.ctx, 5*time.Second)
			defer cancel()
			ok = b.u.cfg.Reachable(ctx, urls)
		}
	}, func() {
		was := b.isOnline
		b.networks = len(urls)
		if ok && !was && b.u.th.Now().Sub(b.failedAt) < reachEvery {
			ok = false // a host taking connections is less than a sync that reached none
		}
		b.setOnline(ok)
		if ok && !was && b.u.app.Preferences().BoolWithFallback(prefAutoSync, true) {
			b.onSync()
		}
		if b.u.ctx.Err() == nil {
			b.stopTick = b.u.th.After(reachEvery, func() { b.u.th.Do(b.checkReach) })
		}
	})
}

// setOnline records whether the network catalogues can be reached.
func (b *SyncBar) setOnline(ok bool) {
	b.isOnline = ok
	b.showOnline()
}

// showOnline shows the connection, when there are network catalogues.
func (b *SyncBar) showOnline() {
	setVisible(b.online, b.networks > 0)
	if b.isOnline {
		b.online.SetText("● " + lang.L("Online"))
		b.online.Importance = widget.SuccessImportance
	} else {
		b.online.SetText("○ " + lang.L("Offline"))
		b.online.Importance = widget.WarningImportance
	}
	b.online.Refresh()
}

// downloaded notes that a file came from a catalogue: when it came over
// the network, the connection works.
func (b *SyncBar) downloaded(d app.Document) {
	if isNetworkURL(d.FileURL) && !b.isOnline {
		b.setOnline(true)
	}
}

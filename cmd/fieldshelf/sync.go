package main

import (
	"context"
	"fmt"
	"sync"

	"fieldshelf/app"
)

func cmdSync(ctx context.Context, e *env, args []string) error {
	ids, err := parseIDs(positional(args), "source")
	if err != nil {
		return err
	}
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	p := newProgressPrinter(e)
	st, err := lib.Sync(ctx, ids, p.sync)
	p.done()
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "synced %d entries: %d added, %d updated, %d withdrawn, %d unchanged",
		st.Entries, st.Added, st.Updated, st.Withdrawn, st.Unchanged)
	if s := st.CutShortText(); s != "" {
		fmt.Fprint(e.stdout, "; "+s)
	}
	if s := st.Layers.Text(); s != "" {
		fmt.Fprint(e.stdout, "; "+s)
	}
	fmt.Fprintln(e.stdout)
	return nil
}

// progressPrinter writes throttled progress lines to standard error.
type progressPrinter struct {
	e    *env
	thr  *app.Throttle
	mu   sync.Mutex
	line string // the last line held back, printed by done
}

func newProgressPrinter(e *env) *progressPrinter {
	return &progressPrinter{e: e, thr: app.NewThrottle(printEvery, nil)}
}

// sync shows a sync's progress, at most five lines a second; the final
// state is printed by done.
func (p *progressPrinter) sync(pr app.SyncProgress) {
	p.show(fmt.Sprintf("syncing %s: %d pages, %d entries, %s", pr.Source.Label(), pr.Pages, pr.Entries,
		app.FormatSize(pr.Bytes)))
}

// show prints a line of progress, or holds it back for done when the last
// one was printed too recently.
func (p *progressPrinter) show(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.line = line
	if p.thr.Allow(0, false) {
		fmt.Fprintln(p.e.stderr, line)
		p.line = ""
	}
}

func (p *progressPrinter) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.line != "" {
		fmt.Fprintln(p.e.stderr, p.line)
	}
}

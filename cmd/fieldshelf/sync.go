package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"fieldshelf/app/fetch"
	"fieldshelf/app/library"
)

func cmdSync(ctx context.Context, e *env, args []string) error {
	var ids []int64
	for _, a := range args {
		id, err := parseID(a, "source")
		if err != nil {
			return err
		}
		ids = append(ids, id)
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
	fmt.Fprintf(e.stdout, "synced %d entries: %d added, %d updated, %d withdrawn, %d unchanged\n",
		st.Entries, st.Added, st.Updated, st.Withdrawn, st.Unchanged)
	return nil
}

// progressPrinter writes throttled progress lines to standard error.
type progressPrinter struct {
	e    *env
	mu   sync.Mutex
	last time.Time
	line string
}

func newProgressPrinter(e *env) *progressPrinter { return &progressPrinter{e: e} }

func (p *progressPrinter) sync(pr library.Progress) {
	p.print(fmt.Sprintf("syncing %s: %d pages, %d entries, %s", pr.Source.Label(), pr.Pages, pr.Entries,
		fetch.HumanBytes(pr.Bytes)))
}

// print shows at most about five lines a second; the final state is
// printed by done.
func (p *progressPrinter) print(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.line = line
	if time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintln(p.e.stderr, line)
	p.line = ""
}

func (p *progressPrinter) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.line != "" {
		fmt.Fprintln(p.e.stderr, p.line)
	}
}

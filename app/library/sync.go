package library

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/replace"
	"fieldshelf/storage"
)

// Sync mirrors the given sources (all of them when ids is empty) into the
// library, one after the other. Each source is synced in one transaction:
// a failure leaves that source's previous catalogue intact and is recorded
// on it; the other sources are still synced. The returned error joins the
// failures.
func (l *Library) Sync(ctx context.Context, ids []int64, progress func(app.SyncProgress)) (app.SyncStats, error) {
	var sources []app.Source
	if len(ids) == 0 {
		all, err := l.store.Sources(ctx)
		if err != nil {
			return app.SyncStats{}, err
		}
		sources = all
	}
	for _, id := range ids {
		src, err := l.store.Source(ctx, id)
		if err != nil {
			return app.SyncStats{}, fmt.Errorf("library: sync: %w", err)
		}
		sources = append(sources, src)
	}
	var total app.SyncStats
	var errs []error
	for _, src := range sources {
		st, err := l.SyncSource(ctx, src, progress)
		total = addStats(total, st)
		if err != nil {
			errs = append(errs, err)
		}
		if ctx.Err() != nil {
			break
		}
	}
	return total, errors.Join(errs...)
}

func addStats(a, b app.SyncStats) app.SyncStats {
	a.Entries += b.Entries
	a.Added += b.Added
	a.Updated += b.Updated
	a.Withdrawn += b.Withdrawn
	a.Unchanged += b.Unchanged
	a.Pages += b.Pages
	a.NotModified += b.NotModified
	a.Bytes += b.Bytes
	a.CutShort = append(a.CutShort, b.CutShort...)
	a.Layers = a.Layers.Add(b.Layers)
	return a
}

// SyncSource crawls one source and applies the result in one transaction.
// While the crawl runs, decoded pages are staged by a second goroutine
// (without locking the library), so decoding and storing overlap.
func (l *Library) SyncSource(ctx context.Context, src app.Source, progress func(app.SyncProgress)) (app.SyncStats, error) {
	st, err := l.syncSource(ctx, src, progress)
	if err != nil {
		err = fmt.Errorf("sync %s: %w", src.Label(), err)
		// Record the failure even when ctx was cancelled.
		_ = l.store.RecordSyncError(context.WithoutCancel(ctx), src.ID, err.Error())
		return app.SyncStats{}, failed(app.OpSync, catalogueName(src), err)
	}
	return st, nil
}

func (l *Library) syncSource(ctx context.Context, src app.Source, progress func(app.SyncProgress)) (app.SyncStats, error) {
	c, err := l.newCrawl(ctx, src, progress)
	if err != nil {
		return app.SyncStats{}, err
	}
	stage, err := l.store.BeginStage(ctx, src.ID)
	if err != nil {
		return app.SyncStats{}, err
	}
	defer stage.Close()
	if err := c.runInto(ctx, stage); err != nil {
		return app.SyncStats{}, err
	}
	again, err := c.mustReadAll(ctx, stage)
	if err != nil {
		return app.SyncStats{}, err
	}
	if again {
		if err := stage.Reset(ctx); err != nil {
			return app.SyncStats{}, err
		}
		c.restart(nil)
		if err := c.runInto(ctx, stage); err != nil {
			return app.SyncStats{}, err
		}
	}
	c.report("")
	st, err := stage.Apply(ctx, c.batch)
	if err != nil {
		return app.SyncStats{}, err
	}
	for _, path := range stage.DroppedFiles() {
		_ = replace.Remove(filepath.Join(l.dataDir, path))
	}
	st.Pages, st.NotModified, st.Bytes = c.pages, c.notModified, c.bytes
	if st.Layers, err = l.syncLayers(ctx, src, c.layers, c.password); err != nil {
		return st, err
	}
	if c.cutShort {
		st.CutShort = []string{src.Label()}
		err = l.store.RecordSyncError(ctx, src.ID, cutShortNote(l.limits.MaxPages))
	}
	return st, err
}

// runInto runs the crawl while a second goroutine stages the entries of
// each decoded page. While it waits for pages, that goroutine lets the
// stage give up the write lock it may have taken (see storage.Stage).
func (c *crawl) runInto(ctx context.Context, stage *storage.Stage) error {
	pages := make(chan []storage.SyncEntry, 8)
	staged := make(chan error, 1)
	go func() {
		var err error
		tick := time.NewTicker(max(storage.EarlyIdle/3, 10*time.Millisecond))
		defer tick.Stop()
		for {
			select {
			case entries, ok := <-pages:
				if !ok {
					staged <- err
					return
				}
				if err == nil {
					err = stage.Add(ctx, entries)
				}
			case <-tick.C:
				if err == nil {
					err = stage.Yield()
				}
			}
		}
	}()
	c.out = pages
	err := c.run(ctx)
	close(pages)
	if serr := <-staged; err == nil {
		err = serr
	}
	return err
}

// mustReadAll reports whether a crawl that found some pages unchanged has
// to read them all after all: when publications are listed on several
// pages, an entry seen only on its changed pages would lose what the
// unchanged ones say of it (the tag of a tag subsection; which of two
// publications under one id came first).
func (c *crawl) mustReadAll(ctx context.Context, stage *storage.Stage) (bool, error) {
	if !c.mixed() {
		return false, nil
	}
	if c.sharedUnchanged() {
		return true, nil
	}
	return stage.ListedOn(ctx, c.batch.Unchanged)
}

// redact drops user info from a URL for messages.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Redacted()
}

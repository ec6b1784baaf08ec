package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/catalog"
	"fieldshelf/app/fetch"
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
// While the crawl runs, each decoded page is staged by a second goroutine
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
	pages := make(chan []storage.SyncEntry, 8)
	staged := make(chan error, 1)
	go func() {
		var err error
		for entries := range pages {
			if err == nil {
				err = stage.Add(ctx, entries)
			}
		}
		staged <- err
	}()
	c.out = pages
	err = c.run(ctx)
	close(pages)
	if serr := <-staged; err == nil {
		err = serr
	}
	if err != nil {
		return app.SyncStats{}, err
	}
	c.report("")
	st, err := stage.Apply(ctx, c.batch)
	if err != nil {
		return app.SyncStats{}, err
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

// crawl is the state of one source's crawl.
type crawl struct {
	l        *Library
	src      app.Source
	password string
	previous map[string]storage.Page
	progress func(app.SyncProgress)
	started  time.Time

	queue   []target
	visited map[string]bool
	keys    map[string]bool
	batch   storage.SyncBatch // pages and completeness; the entries go to out
	layers  *layerLinks       // the annotation sets of the entries read
	out     chan<- []storage.SyncEntry
	found   int // entries sent to out

	pages, notModified int
	bytes              int64
	cutShort           bool // stopped at the cap on pages
}

// target is a page to fetch and its navigation depth.
type target struct {
	url   string
	depth int
	next  bool // reached through rel="next": a 404 ends the listing
}

func (l *Library) newCrawl(ctx context.Context, src app.Source, progress func(app.SyncProgress)) (*crawl, error) {
	if _, err := checkSourceURL(src.URL); err != nil {
		return nil, err
	}
	prev, err := l.store.Pages(ctx, src.ID)
	if err != nil {
		return nil, err
	}
	c := &crawl{l: l, src: src, previous: prev, progress: progress, started: time.Now(),
		visited: map[string]bool{}, keys: map[string]bool{}}
	if c.password, err = l.password(ctx, src); err != nil {
		return nil, err
	}
	if c.layers, err = l.newLayerLinks(ctx, src); err != nil {
		return nil, err
	}
	c.batch.Complete = true
	c.enqueue(src.URL, 0, false)
	return c, nil
}

// run fetches pages breadth first until the queue is empty or a limit is hit.
func (c *crawl) run(ctx context.Context) error {
	for len(c.queue) > 0 {
		if c.pages >= c.l.limits.MaxPages {
			c.batch.Complete = false // stop, and withdraw nothing
			c.cutShort = true
			return nil
		}
		t := c.queue[0]
		c.queue = c.queue[1:]
		if err := c.visit(ctx, t); err != nil {
			return err
		}
	}
	return nil
}

// visit fetches one page and queues the pages it links to.
func (c *crawl) visit(ctx context.Context, t target) error {
	c.report(t.url)
	prev := c.previous[t.url]
	resp, err := c.l.client.Get(ctx, fetch.Request{URL: t.url, Source: c.src.URL, Username: c.src.Username,
		Password: c.password, ETag: prev.ETag, LastModified: prev.LastModified})
	if err != nil {
		var se *fetch.StatusError
		if t.url != c.src.URL && errors.As(err, &se) && (se.Status == http.StatusNotFound || se.Status == http.StatusGone) {
			if !t.next {
				c.batch.Complete = false // a subsection went missing: withdraw nothing this time
			}
			return nil // a later page that is gone ends that listing
		}
		return err
	}
	c.pages++
	c.bytes += int64(len(resp.Body))
	page := storage.Page{URL: t.url, ETag: resp.ETag, LastModified: resp.LastModified}
	if resp.NotModified {
		c.notModified++
		return c.unchanged(t, prev, page)
	}
	sum := sha256.Sum256(resp.Body)
	page.BodySHA256 = hex.EncodeToString(sum[:])
	if prev.BodySHA256 == page.BodySHA256 {
		return c.unchanged(t, prev, page)
	}
	feed, err := catalog.Parse(resp.URL, resp.ContentType, resp.Body)
	if err != nil {
		return fmt.Errorf("%s: %w", redact(t.url), err)
	}
	c.collect(t, feed, &page)
	c.batch.Pages = append(c.batch.Pages, page)
	return nil
}

// unchanged keeps a page that did not change since the last sync: its
// documents stay as they are and its links are followed as recorded.
func (c *crawl) unchanged(t target, prev, page storage.Page) error {
	page.BodySHA256, page.Links, page.Entries = prev.BodySHA256, prev.Links, prev.Entries
	if page.ETag == "" {
		page.ETag = prev.ETag
	}
	if page.LastModified == "" {
		page.LastModified = prev.LastModified
	}
	c.batch.Pages = append(c.batch.Pages, page)
	c.batch.Unchanged = append(c.batch.Unchanged, t.url)
	for _, next := range prev.Links {
		c.enqueueLink(next, t)
	}
	return nil
}

// collect takes the entries of a decoded page and queues its links.
func (c *crawl) collect(t target, feed *catalog.Feed, page *storage.Page) {
	entries := make([]storage.SyncEntry, len(feed.Entries))
	for i, e := range feed.Entries {
		entries[i] = storage.SyncEntry{Key: c.key(e), Page: t.url, Entry: e}
		c.layers.note(entries[i].Key, e.Annotations)
	}
	if len(entries) > 0 {
		c.out <- entries
		c.found += len(entries)
	}
	page.Entries = len(feed.Entries)
	// Links are recorded with a marker of their kind so an unchanged page
	// can be followed the same way next time.
	if feed.Next != "" && c.follows(feed.Next) {
		page.Links = append(page.Links, nextMark+feed.Next)
	}
	for _, n := range feed.Navigation {
		if c.follows(n.Href) {
			page.Links = append(page.Links, n.Href)
		}
	}
	for _, link := range page.Links {
		c.enqueueLink(link, t)
	}
}

// nextMark prefixes a recorded rel="next" link.
const nextMark = "next "

func (c *crawl) enqueueLink(link string, from target) {
	if len(link) > len(nextMark) && link[:len(nextMark)] == nextMark {
		c.enqueue(link[len(nextMark):], from.depth, true)
		return
	}
	if from.depth+1 > c.l.limits.MaxDepth {
		if !c.visited[link] {
			c.batch.Complete = false // part of the catalogue is out of reach: withdraw nothing
		}
		return
	}
	c.enqueue(link, from.depth+1, false)
}

func (c *crawl) enqueue(u string, depth int, next bool) {
	if c.visited[u] {
		return
	}
	c.visited[u] = true
	c.queue = append(c.queue, target{url: u, depth: depth, next: next})
}

// follows reports whether the crawl may fetch a page: only within the
// source's own catalogue (see fetch.SameCatalogue), so a catalogue cannot
// send the crawler elsewhere, nor down from https to http. File links of
// entries are not fetched here.
func (c *crawl) follows(raw string) bool {
	return fetch.SameCatalogue(c.src.URL, raw)
}

// key returns the key an entry is stored under: its id, or, when the id is
// missing or already taken in this crawl, a fallback built from the id,
// title and file link, so the same entry gets the same key next time.
func (c *crawl) key(e app.Entry) string {
	k := e.ID
	if k == "" || c.keys[k] {
		l, _ := e.FileLink()
		sum := sha256.Sum256([]byte(e.ID + "\x00" + e.Title + "\x00" + l.Href))
		base := "urn:fieldshelf:entry:" + hex.EncodeToString(sum[:8])
		k = base
		for i := 2; c.keys[k]; i++ {
			k = fmt.Sprintf("%s-%d", base, i)
		}
	}
	c.keys[k] = true
	return k
}

func (c *crawl) report(page string) {
	if c.progress == nil {
		return
	}
	c.progress(app.SyncProgress{Source: c.src, Page: page, Pages: c.pages, Entries: c.found,
		Bytes: c.bytes, Elapsed: time.Since(c.started)})
}

// redact drops user info from a URL for messages.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Redacted()
}

package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"slices"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/catalog"
	"fieldshelf/app/fetch"
	"fieldshelf/storage"
)

// crawl is the state of one crawl of a source.
//
// Pages are fetched one after the other, breadth first, and decoded by up
// to decoders goroutines while the next pages are fetched (the rel="next"
// link of an Atom page is read from its head before the page is decoded).
// Decoded pages are taken in the order they were fetched, so keys and
// merges do not depend on which decoder finished first.
type crawl struct {
	l        *Library
	src      app.Source
	password string
	previous map[string]storage.Page // nil when every page must be read
	progress func(app.SyncProgress)
	started  time.Time

	queue   []target
	visited map[string]bool
	pubs    *publications
	layers  *layerLinks       // the annotation sets of the entries read
	batch   storage.SyncBatch // pages and completeness; the entries go to out
	pageAt  map[string]int    // index in batch.Pages by URL
	out     chan<- []storage.SyncEntry

	pages, notModified int // over every pass, for the stats
	bytes              int64
	read               int  // pages fetched in this pass, for Limits.MaxPages
	cutShort           bool // stopped at the cap on pages
}

// target is a page to fetch, its navigation depth and where it sits.
type target struct {
	url   string
	depth int
	next  bool // reached through rel="next": a 404 ends the listing
	// inTags is set under a listing of tags, and tag names the tag
	// subsection the page lists ("Handbook").
	inTags bool
	tag    string
}

// job is a fetched page on its way through a decoder.
type job struct {
	t    target
	prev storage.Page
	page storage.Page
	resp *fetch.Response
	feed *catalog.Feed
	err  error
	size int // of the body
	done chan struct{}
}

// decoders bounds the pages decoded at once; ahead and aheadBytes bound
// the pages fetched before the oldest is taken (a page over aheadBytes is
// fetched alone).
var (
	decoders   = max(2, runtime.GOMAXPROCS(0))
	ahead      = 2 * decoders
	aheadBytes = 8 << 20
)

func (l *Library) newCrawl(ctx context.Context, src app.Source, progress func(app.SyncProgress)) (*crawl, error) {
	if _, err := checkSourceURL(src.URL); err != nil {
		return nil, err
	}
	prev, err := l.store.Pages(ctx, src.ID)
	if err != nil {
		return nil, err
	}
	c := &crawl{l: l, src: src, previous: prev, progress: progress, started: time.Now()}
	if c.password, err = l.password(ctx, src); err != nil {
		return nil, err
	}
	if c.layers, err = l.newLayerLinks(ctx, src); err != nil {
		return nil, err
	}
	c.restart(prev)
	return c, nil
}

// restart readies the crawl to start from the source's URL, comparing
// pages with previous (nil to read every page).
func (c *crawl) restart(previous map[string]storage.Page) {
	c.previous = previous
	c.queue = nil
	c.visited = map[string]bool{}
	c.pubs = newPublications()
	c.batch = storage.SyncBatch{Complete: true}
	c.pageAt = map[string]int{}
	c.read = 0
	c.enqueue(target{url: c.src.URL})
}

// run fetches pages until the queue is empty or a limit is hit, decoding
// them as it goes.
func (c *crawl) run(ctx context.Context) error {
	var inflight []*job
	defer func() {
		for _, j := range inflight {
			<-j.done // decoders exit on their own; wait so none outlives the crawl
		}
	}()
	slots := make(chan struct{}, decoders)
	held := 0 // bytes of the pages in flight
	for {
		for len(inflight) > 0 && isDone(inflight[0]) {
			if err := c.take(inflight[0]); err != nil {
				return err
			}
			held -= inflight[0].size
			inflight = inflight[1:]
		}
		if len(c.queue) > 0 && len(inflight) < ahead && held < aheadBytes {
			if c.read >= c.l.limits.MaxPages {
				c.batch.Complete = false // stop, and withdraw nothing
				c.cutShort = true
				c.queue = nil
				continue
			}
			t := c.queue[0]
			c.queue = c.queue[1:]
			j, err := c.fetch(ctx, t)
			if err != nil {
				return err
			}
			if j != nil {
				inflight = append(inflight, j)
				held += j.size
				c.decode(j, slots)
			}
			continue
		}
		if len(inflight) == 0 {
			return nil
		}
		<-inflight[0].done
	}
}

func isDone(j *job) bool {
	select {
	case <-j.done:
		return true
	default:
		return false
	}
}

// fetch gets one page. It returns nil for a page that is gone and may be.
func (c *crawl) fetch(ctx context.Context, t target) (*job, error) {
	c.report(t.url)
	j := &job{t: t, prev: c.previous[t.url], done: make(chan struct{})}
	resp, err := c.l.client.Get(ctx, fetch.Request{URL: t.url, Source: c.src.URL, Username: c.src.Username, Password: c.password,
		ETag: j.prev.ETag, LastModified: j.prev.LastModified})
	if err != nil {
		var se *fetch.StatusError
		if t.url != c.src.URL && errors.As(err, &se) && (se.Status == http.StatusNotFound || se.Status == http.StatusGone) {
			if !t.next {
				c.batch.Complete = false // a subsection went missing: withdraw nothing this time
			}
			return nil, nil // a later page that is gone ends that listing
		}
		return nil, err
	}
	c.pages++
	c.read++
	c.bytes += int64(len(resp.Body))
	j.resp, j.size = resp, len(resp.Body)
	j.page = storage.Page{URL: t.url, ETag: resp.ETag, LastModified: resp.LastModified}
	if resp.NotModified {
		c.notModified++
		return j, nil
	}
	sum := sha256.Sum256(resp.Body)
	j.page.BodySHA256 = hex.EncodeToString(sum[:])
	if j.unchanged() {
		return j, nil
	}
	if next := catalog.NextLink(resp.URL, resp.ContentType, resp.Body); next != "" && c.follows(next) {
		c.enqueue(target{url: next, depth: t.depth, next: true, inTags: t.inTags, tag: t.tag})
	}
	return j, nil
}

// unchanged reports whether a fetched page is the same as last time.
func (j *job) unchanged() bool {
	return j.resp.NotModified || (j.prev.BodySHA256 != "" && j.prev.BodySHA256 == j.page.BodySHA256)
}

// decode decodes a changed page on a goroutine of its own, once a slot is
// free; an unchanged page needs no decoding.
func (c *crawl) decode(j *job, slots chan struct{}) {
	if j.unchanged() {
		close(j.done)
		return
	}
	go func() {
		slots <- struct{}{}
		j.feed, j.err = catalog.Parse(j.resp.URL, j.resp.ContentType, j.resp.Body)
		j.resp.Body = nil
		<-slots
		close(j.done)
	}()
}

// take adds a fetched page to the crawl: its entries, its record and the
// pages it links to.
func (c *crawl) take(j *job) error {
	if j.unchanged() {
		c.unchanged(j)
		return nil
	}
	if j.err != nil {
		return fmt.Errorf("%s: %w", redact(j.t.url), j.err)
	}
	c.addPage(j.page)
	c.collect(j.t, j.feed)
	return nil
}

// addPage records a visited page.
func (c *crawl) addPage(p storage.Page) {
	c.pageAt[p.URL] = len(c.batch.Pages)
	c.batch.Pages = append(c.batch.Pages, p)
}

// unchanged keeps a page that did not change since the last sync: its
// documents stay as they are and its links are followed as recorded.
func (c *crawl) unchanged(j *job) {
	page, prev := j.page, j.prev
	page.BodySHA256, page.Links, page.Entries, page.Shared = prev.BodySHA256, prev.Links, prev.Entries, prev.Shared
	if page.ETag == "" {
		page.ETag = prev.ETag
	}
	if page.LastModified == "" {
		page.LastModified = prev.LastModified
	}
	c.addPage(page)
	c.batch.Unchanged = append(c.batch.Unchanged, j.t.url)
	for _, link := range prev.Links {
		c.follow(link, j.t)
	}
}

// collect takes the entries of a decoded page and queues its links.
func (c *crawl) collect(t target, feed *catalog.Feed) {
	at := len(c.batch.Pages) - 1
	page := &c.batch.Pages[at]
	entries := make([]storage.SyncEntry, 0, len(feed.Entries))
	for _, e := range feed.Entries {
		key, pub, seen := c.pubs.key(e, at)
		if seen && pub.page != at {
			c.batch.Pages[pub.page].Shared, page.Shared = true, true
		}
		if t.tag != "" {
			pub.addTag(t.tag)
		}
		if len(e.Tags) == 0 {
			e.Tags = slices.Clone(pub.tags)
		}
		entries = append(entries, storage.SyncEntry{Key: key, Page: t.url, Entry: e})
		c.layers.note(key, e.Annotations)
	}
	if len(entries) > 0 {
		c.out <- entries
	}
	page.Entries = len(feed.Entries)
	// Links are recorded with what the crawl knows of the page they lead
	// to, so that an unchanged page can be followed the same way next time.
	if feed.Next != "" && c.follows(feed.Next) {
		page.Links = append(page.Links, storage.PageLink{URL: feed.Next, Next: true})
	}
	for _, n := range feed.Navigation {
		if !c.follows(n.Href) {
			continue
		}
		link := storage.PageLink{URL: n.Href, InTags: t.inTags || catalog.IsTagIndex(n.Title)}
		if t.inTags {
			link.Tag = n.Title
		}
		page.Links = append(page.Links, link)
	}
	for _, link := range page.Links {
		c.follow(link, t)
	}
}

// follow queues the page a link of the page t leads to.
func (c *crawl) follow(link storage.PageLink, from target) {
	if link.Next {
		c.enqueue(target{url: link.URL, depth: from.depth, next: true, inTags: from.inTags, tag: from.tag})
		return
	}
	if from.depth+1 > c.l.limits.MaxDepth {
		if !c.visited[link.URL] {
			c.batch.Complete = false // part of the catalogue is out of reach: withdraw nothing
		}
		return
	}
	c.enqueue(target{url: link.URL, depth: from.depth + 1, inTags: link.InTags, tag: link.Tag})
}

func (c *crawl) enqueue(t target) {
	if c.visited[t.url] {
		return
	}
	c.visited[t.url] = true
	c.queue = append(c.queue, t)
}

// follows reports whether the crawl may fetch a page: only within the
// source's own catalogue (see fetch.SameCatalogue), so a catalogue cannot
// send the crawler elsewhere, nor down from https to http. File links of
// entries are not fetched here.
func (c *crawl) follows(raw string) bool {
	return fetch.SameCatalogue(c.src.URL, raw)
}

// mixed reports whether some pages changed and others did not, so that
// entries listed on both kinds of page may have been seen only in part.
func (c *crawl) mixed() bool {
	return len(c.batch.Unchanged) > 0 && len(c.batch.Unchanged) < len(c.batch.Pages)
}

// sharedUnchanged reports whether an unchanged page was recorded as
// listing publications that other pages list too.
func (c *crawl) sharedUnchanged() bool {
	for _, u := range c.batch.Unchanged {
		if c.batch.Pages[c.pageAt[u]].Shared {
			return true
		}
	}
	return false
}

func (c *crawl) report(page string) {
	if c.progress == nil {
		return
	}
	c.progress(app.SyncProgress{Source: c.src, Page: page, Pages: c.pages, Entries: len(c.pubs.byKey),
		Bytes: c.bytes, Elapsed: time.Since(c.started)})
}

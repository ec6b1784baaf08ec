package ui

import (
	"context"
	"image"
	"math"

	"fieldshelf/app"
	"fieldshelf/app/lru"
)

// Covers draws cover thumbnails: the first page of an offline document,
// widthPx pixels wide. The application implements it with the PDF engine
// and a thumbnail folder on disk; tests use a fake. It is called off the
// UI goroutine, at most coverWorkers calls at a time, and the image it
// returns is never written afterwards.
type Covers interface {
	Cover(ctx context.Context, d app.Document, widthPx int) (image.Image, error)
}

// coverWorkers bounds the covers drawn at once: rows scrolling into view
// must not start a render each.
const coverWorkers = 2

// coverCacheBytes bounds the cover images kept in memory: some 250 row
// covers at scale 2, or a few dozen detail-pane ones.
const coverCacheBytes = 8 << 20

// coverKey identifies one cover image: a version of a document's file at a
// pixel width.
type coverKey struct {
	doc   int64
	sha   string
	width int
}

// coverTarget is where a cover shows (a list row, the detail pane). Its
// methods are called on the UI goroutine.
type coverTarget interface {
	// wantedCover is the cover the target shows or waits for.
	wantedCover() coverKey
	setWantedCover(k coverKey)
	// showCover shows img, or the placeholder when img is nil.
	showCover(img image.Image)
}

// coverReq is one cover being drawn and the targets waiting for it.
type coverReq struct {
	ctx     context.Context
	cancel  context.CancelFunc
	targets map[coverTarget]bool
}

// coverLoader draws covers in the background as targets ask for them,
// keeps the recent ones in memory and drops results nobody wants any
// more. Its methods run on the UI goroutine, except the drawing itself.
type coverLoader struct {
	u       *UI
	covers  Covers
	sem     chan struct{}
	pending map[coverKey]*coverReq
	failed  map[coverKey]bool // covers that could not be drawn: not asked again
	cache   *coverCache
}

func newCoverLoader(u *UI, c Covers) *coverLoader {
	return &coverLoader{u: u, covers: c, sem: make(chan struct{}, coverWorkers),
		pending: map[coverKey]*coverReq{}, failed: map[coverKey]bool{}, cache: newCoverCache(coverCacheBytes)}
}

// bind makes t show d's cover at logical width w: the placeholder until
// it is drawn, for good when d has none. Rebinding t to the cover it
// already wants does nothing, so refreshing a row is free.
func (c *coverLoader) bind(t coverTarget, d app.Document, w float32) {
	key, ok := c.key(d, w)
	prev := t.wantedCover()
	if prev == key {
		return
	}
	t.setWantedCover(key)
	t.showCover(nil)
	if !ok {
		c.release(t, prev)
		return
	}
	c.request(t, prev, key, d)
}

// unbind shows the placeholder on t and drops what it waited for.
func (c *coverLoader) unbind(t coverTarget) {
	prev := t.wantedCover()
	t.setWantedCover(coverKey{})
	t.showCover(nil)
	c.release(t, prev)
}

// key returns the cover key of d at logical width w, and false when d has
// no cover to draw (no file, or no Covers).
func (c *coverLoader) key(d app.Document, w float32) (coverKey, bool) {
	if c.covers == nil || d.File == nil {
		return coverKey{doc: d.ID}, false
	}
	px := int(math.Ceil(float64(w * c.u.win.Canvas().Scale())))
	return coverKey{doc: d.ID, sha: d.File.SHA256, width: px}, true
}

// request shows key's cover on t: at once from memory, else once drawn.
// bind has already set t's wanted key to key and shown its placeholder;
// prev is what t wanted before, whose drawing is dropped when nobody else
// waits for it.
func (c *coverLoader) request(t coverTarget, prev, key coverKey, d app.Document) {
	c.release(t, prev)
	if img, ok := c.cache.Get(key); ok {
		t.showCover(img)
		return
	}
	if c.failed[key] {
		return
	}
	if req := c.pending[key]; req != nil {
		req.targets[t] = true
		return
	}
	ctx, cancel := context.WithCancel(c.u.ctx)
	req := &coverReq{ctx: ctx, cancel: cancel, targets: map[coverTarget]bool{t: true}}
	c.pending[key] = req
	var img image.Image
	var err error
	c.u.background(func() {
		c.sem <- struct{}{}
		defer func() { <-c.sem }()
		if err = ctx.Err(); err != nil {
			return // scrolled away before its turn
		}
		img, err = c.covers.Cover(ctx, d, key.width)
	}, func() { c.done(key, req, img, err) })
}

// release forgets that t waits for key, cancelling the drawing when no
// one else does.
func (c *coverLoader) release(t coverTarget, key coverKey) {
	req := c.pending[key]
	if req == nil {
		return
	}
	delete(req.targets, t)
	if len(req.targets) == 0 {
		req.cancel()
		delete(c.pending, key)
	}
}

// done keeps a drawn cover and shows it on the targets that still want it.
func (c *coverLoader) done(key coverKey, req *coverReq, img image.Image, err error) {
	stale := req.ctx.Err() != nil // every target moved on, or the window closed
	req.cancel()
	if c.pending[key] == req {
		delete(c.pending, key)
	}
	if stale {
		return
	}
	if err != nil || img == nil {
		c.failed[key] = true // the placeholder stays
		return
	}
	c.cache.Put(key, img)
	for t := range req.targets {
		if t.wantedCover() == key {
			t.showCover(img)
		}
	}
}

// coverCache keeps the most recently shown cover images, bounded in bytes
// (four per pixel).
type coverCache = lru.Cache[coverKey, image.Image]

func newCoverCache(max int64) *coverCache {
	return lru.New[coverKey](max, func(img image.Image) int64 { b := img.Bounds(); return int64(b.Dx() * b.Dy() * 4) })
}

package pdf

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
	"unsafe"
)

// owner is the goroutine of the worker that owns one open document: it
// serves the document's requests in order, and stops the renders no
// longer wanted: prefetches that a newer render made stale, queued or
// in progress, and renders the application cancelled.
type owner struct {
	w  *worker
	id uint32

	mu      sync.Mutex
	queue   []request
	wake    chan struct{}
	running request // the request being served
	drawing *cdoc   // while running is a render: its document, to abort
	stale   bool    // running was stopped before it began drawing

	shared *sharedDoc // the document, shared with the file's other owners
	doc    *cdoc      // shared.c; nil until opened
	pages  int
}

func newOwner(w *worker, id uint32) *owner {
	return &owner{w: w, id: id, wake: make(chan struct{}, 1)}
}

// push queues a request. A render supersedes the prefetches of older
// generations, queued or in progress.
func (o *owner) push(r request) {
	o.mu.Lock()
	if r.Op == opRender {
		o.stop(func(q request) bool { return q.Op == opRender && q.Prefetch && q.Gen < r.Gen })
	}
	o.queue = append(o.queue, r)
	o.mu.Unlock()
	select {
	case o.wake <- struct{}{}:
	default:
	}
}

// cancel stops render id, queued or in progress: its caller gave up.
func (o *owner) cancel(id uint64) {
	o.mu.Lock()
	o.stop(func(q request) bool { return q.ID == id && q.Op == opRender })
	o.mu.Unlock()
}

// stop drops the queued requests that unwanted selects, answering them
// superseded, and aborts the render in progress if it selects it (the
// render then answers). o.mu is held.
func (o *owner) stop(unwanted func(request) bool) {
	keep := o.queue[:0]
	for _, q := range o.queue {
		if unwanted(q) {
			o.w.send(response{ID: q.ID, Code: codeSuperseded, Err: ErrSuperseded.Error()})
			continue
		}
		keep = append(keep, q)
	}
	o.queue = keep
	if o.running.Op == opRender && unwanted(o.running) {
		if o.drawing != nil {
			o.drawing.abort()
		} else {
			o.stale = true // waiting for its turn on the document
		}
	}
}

// next waits for the next request and makes it the running one.
func (o *owner) next() request {
	for {
		o.mu.Lock()
		if len(o.queue) > 0 {
			r := o.queue[0]
			o.queue = o.queue[1:]
			o.running, o.drawing, o.stale = r, nil, false
			o.mu.Unlock()
			return r
		}
		o.mu.Unlock()
		<-o.wake
	}
}

// isDrawing says whether a render is in progress.
func (o *owner) isDrawing() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.drawing != nil
}

// begin starts drawing the running render, once the owner has its turn
// on the document; false when the render was stopped meanwhile.
func (o *owner) begin() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.stale {
		return false
	}
	o.doc.resetCookie()
	o.drawing = o.doc
	return true
}

// done ends the running request.
func (o *owner) done() {
	o.mu.Lock()
	o.running, o.drawing, o.stale = request{}, nil, false
	o.mu.Unlock()
}

// run serves requests until the document is closed.
func (o *owner) run() {
	for {
		r := o.next()
		resp, err := o.serve(r)
		o.done()
		resp.ID = r.ID
		if err != nil {
			resp.Code, resp.Err = codeOf(err), err.Error()
		}
		o.w.send(resp)
		if r.Op == opClose {
			return
		}
	}
}

// serve serves one request, in its turn on the document when it needs it.
func (o *owner) serve(r request) (response, error) {
	switch {
	case r.Op == opOpen:
		return o.open(r)
	case r.Op == opClose:
		if o.shared != nil {
			o.w.shared.release(o.shared)
			o.shared, o.doc = nil, nil
		}
		return response{}, nil
	case o.doc == nil:
		return response{}, ErrClosed
	}
	o.shared.mu.Lock()
	defer func() {
		// Another owner may draw next: a stop of this render must not
		// abort that one.
		o.mu.Lock()
		o.drawing = nil
		o.mu.Unlock()
		o.shared.mu.Unlock()
	}()
	if r.Op == opRender && !o.begin() {
		return response{}, fmt.Errorf("%w: page %d", ErrSuperseded, r.Page+1)
	}
	return o.handle(r)
}

// handle serves a request on the open document.
func (o *owner) handle(r request) (response, error) {
	if r.Op == opOutline || r.Op == opMetadata || r.Op == opNotes {
		return o.whole(r)
	}
	if r.Page < 0 || r.Page >= o.pages {
		return response{}, fmt.Errorf("page %d of %d: %w", r.Page+1, o.pages, ErrPageRange)
	}
	resp, err := o.page(r)
	if errors.Is(err, errAborted) {
		return response{}, fmt.Errorf("%w: page %d: %v", ErrSuperseded, r.Page+1, err)
	}
	if err != nil && !errors.Is(err, ErrPageRange) && !errors.Is(err, ErrBroken) {
		err = fmt.Errorf("%w: page %d: %v", ErrBroken, r.Page+1, err)
	}
	return resp, err
}

// open opens the document, with its password when it needs one: from the
// descriptor the application sent, or the one openShared gives on
// Windows, or else by its path.
func (o *owner) open(r request) (response, error) {
	if o.doc != nil {
		closeFD(r.fd)
		return response{Pages: o.pages}, nil
	}
	if r.fd < 0 {
		fd, err := openShared(r.Path)
		if err != nil {
			return response{}, fmt.Errorf("open %s: %w", r.Path, err)
		}
		r.fd = fd
	}
	size, mtime, err := fileStamp(r)
	if err != nil {
		closeFD(r.fd)
		return response{}, fmt.Errorf("open %s: %w", r.Path, err)
	}
	used := false // whether the descriptor went to a new document
	sd, err := o.w.shared.acquire(keyOf(r.Path, r.Password, size, mtime), func() (*cdoc, int, error) {
		used = true
		d, err := newCdoc()
		if err != nil {
			closeFD(r.fd)
			return nil, 0, err
		}
		if err := o.unlock(d, r); err != nil {
			d.free()
			return nil, 0, err
		}
		n, err := d.countPages()
		if err == nil && n <= 0 {
			err = errors.New("no pages")
		}
		if err != nil {
			d.free()
			return nil, 0, fmt.Errorf("%w: %v", ErrBroken, err)
		}
		return d, sanePageCount(n, size), nil
	})
	if !used {
		closeFD(r.fd) // the file was open already: this copy is not needed
	}
	if err != nil {
		return response{}, err
	}
	o.shared, o.doc, o.pages = sd, sd.c, sd.pages
	return response{Pages: o.pages}, nil
}

// unlock opens the file in d and authenticates when it is encrypted. A
// descriptor is d's from then on, even when opening fails.
func (o *owner) unlock(d *cdoc, r request) error {
	var err error
	if r.fd >= 0 {
		err = d.openFD(r.fd, r.Path)
	} else {
		err = d.open(r.Path)
	}
	switch {
	case errors.Is(err, errNeedsPassword) && r.Password == "":
		return ErrPassword
	case errors.Is(err, errNeedsPassword):
		if err := d.authenticate(r.Password); errors.Is(err, errBadPassword) {
			return fmt.Errorf("%w: wrong password", ErrPassword)
		} else if err != nil {
			return fmt.Errorf("%w: %v", ErrBroken, err)
		}
		return nil
	case err != nil:
		return fmt.Errorf("%w: %v", ErrBroken, err)
	}
	return nil
}

// fileStamp returns the size and modification time of the document a
// request opens, from its descriptor when it came with one: together with
// its path and password they say whether two openings are of the same
// version of the file.
func fileStamp(r request) (size, mtime int64, err error) {
	if r.fd < 0 {
		st, err := os.Stat(r.Path)
		if err != nil {
			return 0, 0, err
		}
		return st.Size(), st.ModTime().UnixNano(), nil
	}
	return fdStamp(r.fd, r.Path)
}

// whole serves the requests about the whole document.
func (o *owner) whole(r request) (response, error) {
	switch r.Op {
	case opMetadata:
		return response{Meta: o.metadata()}, nil
	case opNotes:
		notes, err := o.doc.fileNotes(o.pages, maxFileNotes)
		if err != nil {
			return response{Notes: notes}, fmt.Errorf("%w: annotations: %v", ErrBroken, err)
		}
		return response{Notes: notes}, nil
	}
	heads, err := o.doc.outline()
	if err != nil {
		return response{}, fmt.Errorf("%w: outline: %v", ErrBroken, err)
	}
	return response{Heads: heads}, nil
}

func (o *owner) metadata() Metadata {
	m := o.doc.metadata
	return Metadata{Title: m("info:Title"), Author: m("info:Author"), Subject: m("info:Subject"),
		Keywords: m("info:Keywords"), Creator: m("info:Creator"), Producer: m("info:Producer"),
		Format: m("format"), Encryption: m("encryption")}
}

// page serves the requests about one page.
func (o *owner) page(r request) (response, error) {
	switch r.Op {
	case opPageSize:
		b, err := o.doc.bounds(r.Page)
		return response{Size: Size{W: b.X1 - b.X0, H: b.Y1 - b.Y0}}, err
	case opRender:
		return o.render(r)
	case opText:
		t, err := o.doc.pageText(r.Page)
		return response{Text: t}, err
	case opSearch:
		rects, err := o.doc.search(r.Page, r.Query)
		return response{Hits: []Hit{{Page: r.Page + 1, Rects: rects}}}, err
	case opSelect:
		t, rects, err := o.doc.selection(r.Page, r.Rect)
		return response{Text: t, Rects: rects}, err
	case opLinks:
		l, err := o.doc.links(r.Page)
		return response{Links: l}, err
	case opHang:
		if o.w.debug {
			for {
				time.Sleep(time.Hour)
			}
		}
	}
	return response{}, fmt.Errorf("pdf worker: unknown request %d", r.Op)
}

// render draws a page into the request's shared-memory slot.
func (o *owner) render(r request) (response, error) {
	if r.Slot < 0 || r.Slot >= slotCount {
		return response{}, fmt.Errorf("pdf worker: no pixel slot %d", r.Slot)
	}
	b, err := o.doc.bounds(r.Page)
	if err != nil {
		return response{}, err
	}
	size := Size{W: b.X1 - b.X0, H: b.Y1 - b.Y0}
	w, h, sx, sy, err := pixelSize(size.W, size.H, r.Render)
	if err != nil {
		return response{}, err
	}
	mem := slot(o.w.mem, r.Slot)
	if err := prepareSlot(mem, w*h*4); err != nil {
		return response{}, err
	}
	if err := o.doc.render(r.Page, sx, sy, w, h, unsafe.Pointer(&mem[0]), r.Render.Night); err != nil {
		return response{}, err
	}
	return response{Size: size, W: w, H: h}, nil
}

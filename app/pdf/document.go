package pdf

import (
	"context"
	"fmt"
	"image"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fieldshelf/app"
)

// Doc is an open PDF. Its methods are safe for concurrent use; the worker
// serves them in order. After a worker restart the document is opened
// again on first use. Pages count from 1.
type Doc struct {
	e        *Engine
	path     string
	password string
	pages    int
	gen      atomic.Uint64 // render generation, for superseding prefetches

	mu     sync.Mutex
	id     uint32 // the id in the worker process p
	p      *proc
	sizes  map[int]Size
	closed bool
}

// Open opens a PDF file; password is empty for an unprotected one. It
// fails with ErrPassword when the file needs a password it was not given,
// and with ErrBroken when MuPDF cannot read it.
func (e *Engine) Open(ctx context.Context, path, password string) (*Doc, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	d := &Doc{e: e, path: path, password: password, sizes: map[int]Size{}}
	if _, _, err := d.attach(ctx); err != nil {
		return nil, fmt.Errorf("pdf: open %s: %w", shortPath(path), err)
	}
	return d, nil
}

// shortPath keeps errors short: the file's name.
func shortPath(p string) string {
	return p[strings.LastIndexByte(p, os.PathSeparator)+1:]
}

// attach returns the worker and the document's id there, opening the
// document in the worker when this one has not got it yet.
func (d *Doc) attach(ctx context.Context) (*proc, uint32, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return nil, 0, ErrClosed
	}
	p, err := d.e.running()
	if err != nil {
		return nil, 0, err
	}
	if d.p == p {
		return p, d.id, nil
	}
	id := d.e.newDocID()
	r := request{Op: opOpen, Doc: id, Path: d.path, Password: d.password}
	if p.passFiles { // the worker gets the open file, not its path
		f, err := os.Open(d.path)
		if err != nil {
			return nil, 0, err
		}
		defer f.Close() // the worker has its own descriptor once sent
		r.FD, r.file = true, f
	}
	resp, err := d.e.call(ctx, p, r, d.e.opts.Timeouts.Open, nil)
	if err != nil {
		if resp.Code == codeNone && p.alive() {
			// Cancelled: the worker may open it still; let it close it then.
			go d.e.call(context.Background(), p, request{Op: opClose, Doc: id}, d.e.opts.Timeouts.Small, nil)
		}
		return nil, 0, err
	}
	d.p, d.id, d.pages = p, id, resp.Pages
	return p, id, nil
}

// do runs a request on the document's worker.
func (d *Doc) do(ctx context.Context, r request, timeout time.Duration, settled func(*response)) (response, error) {
	p, id, err := d.attach(ctx)
	if err != nil {
		if settled != nil {
			settled(nil)
		}
		return response{}, err
	}
	r.Doc = id
	return d.e.call(ctx, p, r, timeout, settled)
}

// Path returns the file's path.
func (d *Doc) Path() string { return d.path }

// NumPages returns the number of pages. A count that the file's size
// cannot hold is capped.
func (d *Doc) NumPages() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.pages
}

// checkPage validates a page number, from 1.
func (d *Doc) checkPage(page int) error {
	if n := d.NumPages(); page < 1 || page > n {
		return fmt.Errorf("pdf: page %d of %d: %w", page, n, ErrPageRange)
	}
	return nil
}

// PageSize returns a page's size in points.
func (d *Doc) PageSize(ctx context.Context, page int) (Size, error) {
	if err := d.checkPage(page); err != nil {
		return Size{}, err
	}
	d.mu.Lock()
	s, ok := d.sizes[page]
	d.mu.Unlock()
	if ok {
		return s, nil
	}
	resp, err := d.do(ctx, request{Op: opPageSize, Page: page - 1}, d.e.opts.Timeouts.Small, nil)
	if err != nil {
		return Size{}, fmt.Errorf("pdf: size of page %d: %w", page, err)
	}
	d.remember(page, resp.Size)
	return resp.Size, nil
}

func (d *Doc) remember(page int, s Size) {
	d.mu.Lock()
	d.sizes[page] = s
	d.mu.Unlock()
}

// Render draws a page, with its annotations and form fields, into a new
// image that nothing writes again.
func (d *Doc) Render(ctx context.Context, page int, o RenderOptions) (*image.RGBA, error) {
	return d.render(ctx, page, o, false, d.gen.Add(1))
}

// render draws a page; a prefetch may be superseded by a later render of
// a newer generation.
func (d *Doc) render(ctx context.Context, page int, o RenderOptions, prefetch bool, gen uint64) (*image.RGBA, error) {
	if err := d.checkPage(page); err != nil {
		return nil, err
	}
	s, err := d.e.slots.get(ctx)
	if err != nil {
		return nil, err
	}
	out := make(chan *image.RGBA, 1)
	settled := func(r *response) {
		if r != nil && r.Code == codeNone {
			out <- d.e.copyOut(s, r.W, r.H)
		}
		d.e.slots.put(s)
	}
	resp, err := d.do(ctx, request{Op: opRender, Page: page - 1, Render: o, Slot: s, Prefetch: prefetch, Gen: gen},
		d.e.opts.Timeouts.Render, settled)
	if err != nil {
		return nil, fmt.Errorf("pdf: render page %d: %w", page, err)
	}
	d.remember(page, resp.Size)
	return <-out, nil
}

// Text returns a page's plain text.
func (d *Doc) Text(ctx context.Context, page int) (string, error) {
	if err := d.checkPage(page); err != nil {
		return "", err
	}
	resp, err := d.do(ctx, request{Op: opText, Page: page - 1}, d.e.opts.Timeouts.Text, nil)
	if err != nil {
		return "", fmt.Errorf("pdf: text of page %d: %w", page, err)
	}
	return resp.Text, nil
}

// PageText returns a page's plain text (library.TextDoc).
func (d *Doc) PageText(ctx context.Context, page int) (string, error) { return d.Text(ctx, page) }

// Find returns the rectangles of each occurrence of quote on a page, in
// points. Matching ignores case and runs of white space.
func (d *Doc) Find(ctx context.Context, page int, quote string) ([][]app.Rect, error) {
	if err := d.checkPage(page); err != nil {
		return nil, err
	}
	quote = strings.Join(strings.Fields(quote), " ")
	if quote == "" {
		return nil, nil
	}
	resp, err := d.do(ctx, request{Op: opSearch, Page: page - 1, Query: quote}, d.e.opts.Timeouts.Text, nil)
	if err != nil {
		return nil, fmt.Errorf("pdf: search page %d: %w", page, err)
	}
	if len(resp.Hits) == 0 {
		return nil, nil
	}
	return resp.Hits[0].Rects, nil
}

// Selection returns the text of a page inside rect (in points): the
// characters whose boxes meet it, a line of text per text line, white
// space collapsed within lines, and one rectangle per line covering its
// selected characters.
func (d *Doc) Selection(ctx context.Context, page int, rect app.Rect) (string, []app.Rect, error) {
	if err := d.checkPage(page); err != nil {
		return "", nil, err
	}
	resp, err := d.do(ctx, request{Op: opSelect, Page: page - 1, Rect: canonRect(rect)}, d.e.opts.Timeouts.Text, nil)
	if err != nil {
		return "", nil, fmt.Errorf("pdf: select on page %d: %w", page, err)
	}
	var lines []string
	for _, l := range strings.Split(resp.Text, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n"), resp.Rects, nil
}

// canonRect orders a rectangle's corners, as a drag in any direction gives
// them.
func canonRect(r app.Rect) app.Rect {
	return app.Rect{X0: min(r.X0, r.X1), Y0: min(r.Y0, r.Y1), X1: max(r.X0, r.X1), Y1: max(r.Y0, r.Y1)}
}

// Search finds query on every page, in order, and returns the pages where
// it occurs. It stops early with what it found when ctx ends.
func (d *Doc) Search(ctx context.Context, query string) ([]Hit, error) {
	var hits []Hit
	for page := 1; page <= d.NumPages(); page++ {
		rects, err := d.Find(ctx, page, query)
		if err != nil {
			return hits, err
		}
		if len(rects) > 0 {
			hits = append(hits, Hit{Page: page, Rects: rects})
		}
	}
	return hits, nil
}

// Outline returns the document's table of contents; none when it has none.
func (d *Doc) Outline(ctx context.Context) ([]Heading, error) {
	resp, err := d.do(ctx, request{Op: opOutline}, d.e.opts.Timeouts.Text, nil)
	if err != nil {
		return nil, fmt.Errorf("pdf: outline: %w", err)
	}
	return resp.Heads, nil
}

// Links returns the links of a page.
func (d *Doc) Links(ctx context.Context, page int) ([]app.PageLink, error) {
	if err := d.checkPage(page); err != nil {
		return nil, err
	}
	resp, err := d.do(ctx, request{Op: opLinks, Page: page - 1}, d.e.opts.Timeouts.Small, nil)
	if err != nil {
		return nil, fmt.Errorf("pdf: links of page %d: %w", page, err)
	}
	return resp.Links, nil
}

// maxFileNotes bounds the sticky notes and form fields FileNotes lists.
const maxFileNotes = 5000

// FileNotes returns the sticky notes (with their authors) and the form
// fields (with their values) the file carries, page by page.
func (d *Doc) FileNotes(ctx context.Context) ([]app.FileNote, error) {
	resp, err := d.do(ctx, request{Op: opNotes}, d.e.opts.Timeouts.Text, nil)
	if err != nil {
		return nil, fmt.Errorf("pdf: annotations: %w", err)
	}
	return resp.Notes, nil
}

// Metadata returns the document's information dictionary.
func (d *Doc) Metadata(ctx context.Context) (Metadata, error) {
	resp, err := d.do(ctx, request{Op: opMetadata}, d.e.opts.Timeouts.Small, nil)
	if err != nil {
		return Metadata{}, fmt.Errorf("pdf: metadata: %w", err)
	}
	return resp.Meta, nil
}

// Close closes the document in the worker. Closing twice is harmless.
func (d *Doc) Close() error {
	d.mu.Lock()
	p, id, closed := d.p, d.id, d.closed
	d.closed = true
	d.mu.Unlock()
	if closed || p == nil || !p.alive() {
		return nil
	}
	_, err := d.e.call(context.Background(), p, request{Op: opClose, Doc: id}, d.e.opts.Timeouts.Small, nil)
	if err != nil {
		return fmt.Errorf("pdf: close: %w", err)
	}
	return nil
}

// debug sends a debug request (opCrash, opHang): the worker honours them
// only when DebugEnv is set in its environment.
func (d *Doc) debug(ctx context.Context, o op) error {
	_, err := d.do(ctx, request{Op: o}, d.e.opts.Timeouts.Small, nil)
	return err
}

package pdf

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"sync"
	"time"
)

// Timeouts are the watchdog's deadlines: a request that takes longer
// stops the worker and fails with ErrTimeout.
type Timeouts struct {
	Open   time.Duration // opening (and repairing) a file
	Render time.Duration // drawing a page
	Text   time.Duration // a page's text, a search, the outline
	Small  time.Duration // page sizes, links, metadata, closing
}

// DefaultTimeouts suit an old two-core laptop.
var DefaultTimeouts = Timeouts{Open: 20 * time.Second, Render: 20 * time.Second,
	Text: 10 * time.Second, Small: 5 * time.Second}

// Options configure an Engine.
type Options struct {
	// Command is the worker's command line. By default it is this
	// executable with WorkerArg, which must then call RunWorker.
	Command []string
	// Env is added to the worker's environment.
	Env []string
	// Timeouts default to DefaultTimeouts; zero fields too.
	Timeouts Timeouts
}

// Engine runs MuPDF in a worker process, starting it on first use and
// again after it crashed or was stopped. It is safe for concurrent use.
type Engine struct {
	opts  Options
	shmF  *os.File
	shm   []byte
	slots *slotPool

	mu     sync.Mutex
	proc   *proc // the running worker; nil before the first start
	starts int
	docIDs uint32
	closed bool
}

// NewEngine prepares an engine; the worker starts with the first request.
func NewEngine(o Options) (*Engine, error) {
	if len(o.Command) == 0 {
		exe, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("pdf: find the worker executable: %w", err)
		}
		o.Command = []string{exe, WorkerArg}
	}
	o.Timeouts = o.Timeouts.orDefault()
	f, err := newSharedFile()
	if err != nil {
		return nil, err
	}
	m, err := mapShared(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &Engine{opts: o, shmF: f, shm: m, slots: newSlotPool(slotCount)}, nil
}

func (t Timeouts) orDefault() Timeouts {
	d := DefaultTimeouts
	pick := func(v, def time.Duration) time.Duration {
		if v > 0 {
			return v
		}
		return def
	}
	return Timeouts{Open: pick(t.Open, d.Open), Render: pick(t.Render, d.Render),
		Text: pick(t.Text, d.Text), Small: pick(t.Small, d.Small)}
}

// Close stops the worker and releases the shared memory. Documents of the
// engine fail with ErrClosed afterwards.
func (e *Engine) Close() error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil
	}
	e.closed = true
	p := e.proc
	e.mu.Unlock()
	if p != nil {
		p.stop()
	}
	e.slots.drain() // wait for renders in flight
	return errors.Join(unmapShared(e.shm), e.shmF.Close())
}

// running returns the live worker, starting one if needed.
func (e *Engine) running() (*proc, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil, ErrClosed
	}
	if e.proc != nil && e.proc.alive() {
		return e.proc, nil
	}
	p, err := startProc(e.opts, e.shmF, e.starts+1)
	if err != nil {
		return nil, err
	}
	e.proc = p
	e.starts++
	return p, nil
}

// Starts returns how many worker processes the engine started so far.
func (e *Engine) Starts() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.starts
}

// WorkerPID returns the process id of the running worker, 0 if none.
func (e *Engine) WorkerPID() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.proc == nil || !e.proc.alive() {
		return 0
	}
	return e.proc.cmd.Process.Pid
}

// copyOut copies a render out of a pixel slot into a new image.
func (e *Engine) copyOut(s, w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	copy(img.Pix, slot(e.shm, s))
	return img
}

// newDocID returns a fresh document id for the worker.
func (e *Engine) newDocID() uint32 {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.docIDs++
	return e.docIDs
}

// call sends a request to the worker and waits for its answer, its death,
// its deadline or ctx. settled, when set, runs once the worker is done
// with the request, even after the caller gave up: with the response, or
// nil when the worker died. It runs before call returns, unless ctx ended.
// A render whose ctx ends is stopped in the worker.
func (e *Engine) call(ctx context.Context, p *proc, r request, timeout time.Duration, settled func(*response)) (response, error) {
	if settled == nil {
		settled = func(*response) {}
	}
	id, ch, err := p.send(r)
	if err != nil {
		settled(nil)
		return response{}, err
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case resp := <-ch:
		settled(&resp)
		return resp, resp.err()
	case <-p.done:
		settled(nil)
		return response{}, p.deathError()
	case <-timer.C:
		p.kill(fmt.Errorf("%w (over %s)", ErrTimeout, timeout))
		<-p.done // nothing writes the pixel slot any more
		settled(nil)
		return response{}, p.deathError()
	case <-ctx.Done():
		if r.Op == opRender {
			p.post(request{Op: opCancel, Doc: r.Doc, Cancel: id})
		}
		go func() {
			select {
			case resp := <-ch:
				settled(&resp)
			case <-p.done:
				settled(nil)
			}
		}()
		return response{}, ctx.Err()
	}
}

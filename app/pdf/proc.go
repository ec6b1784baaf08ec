package pdf

import (
	"bufio"
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"time"
)

// proc is one worker process and the application's end of its pipes.
type proc struct {
	cmd   *exec.Cmd
	gen   int           // which start of the engine this is
	done  chan struct{} // closed when the process is gone
	stdin io.WriteCloser

	passFiles bool // opOpen sends the open file (on docs), not its path

	wmu sync.Mutex // guards bw, enc, docs
	bw  *bufio.Writer
	enc *gob.Encoder

	docs *os.File // the socket for documents' descriptors; nil without one or once the worker is gone

	mu      sync.Mutex
	nextID  uint64
	pending map[uint64]chan response
	cause   error // why the process is gone

	release func() // frees what contain took for the process, once it is gone
}

// workerEnviron is added to the worker's environment. With glibc, every
// thread that allocates gets a malloc arena of its own, which gives freed
// memory back to the system at once: as Go moves a document's owner from
// thread to thread, each page's pixmaps were mapped afresh, thousands of
// page faults a page, a render taking twice as long. One arena keeps the
// memory for the next page. Other C libraries ignore the variable.
var workerEnviron = []string{"MALLOC_ARENA_MAX=1"}

// startProc starts a worker with the shared memory (see passShared) and
// the files of workerFiles after it, asking it to enter its sandbox
// (sandboxEnviron), and ties its lifetime to the application's (see
// contain).
func startProc(o Options, shm *os.File, gen int) (_ *proc, err error) {
	docs, files, err := workerFiles()
	if err != nil {
		return nil, err
	}
	defer func() {
		for _, f := range files {
			f.Close() // the worker has its own copies
		}
		if err != nil && docs != nil {
			docs.Close()
		}
	}()
	cmd := exec.Command(o.Command[0], o.Command[1:]...)
	cmd.Env = append(append(append(os.Environ(), workerEnviron...), sandboxEnviron()...), o.Env...)
	passShared(cmd, shm)
	cmd.ExtraFiles = append(cmd.ExtraFiles, files...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("pdf: start worker: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("pdf: start worker: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("pdf: start worker: %w", err)
	}
	// The worker reads a request before it does anything, and none is sent
	// before contain returns.
	release, err := contain(cmd)
	if err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("pdf: start worker: %w", err)
	}
	bw := bufio.NewWriter(stdin)
	p := &proc{cmd: cmd, gen: gen, done: make(chan struct{}), stdin: stdin, bw: bw,
		enc: gob.NewEncoder(bw), docs: docs, passFiles: docs != nil, pending: map[uint64]chan response{}, release: release}
	go p.read(stdout)
	return p, nil
}

// read delivers responses until the worker's output ends, then reaps it.
func (p *proc) read(stdout io.Reader) {
	dec := gob.NewDecoder(bufio.NewReaderSize(stdout, 64<<10))
	var err error
	for {
		var r response
		if err = dec.Decode(&r); err != nil {
			break
		}
		p.mu.Lock()
		ch := p.pending[r.ID]
		delete(p.pending, r.ID)
		p.mu.Unlock()
		if ch != nil {
			ch <- r
		}
	}
	p.kill(nil) // a worker that speaks nonsense is as good as dead
	werr := p.cmd.Wait()
	p.wmu.Lock()
	if p.docs != nil {
		p.docs.Close()
		p.docs = nil
	}
	p.wmu.Unlock()
	p.release()
	p.mu.Lock()
	if p.cause == nil {
		if werr == nil {
			werr = err
		}
		p.cause = fmt.Errorf("%w: %w (%v)", ErrBroken, ErrWorkerCrashed, werr)
	}
	p.mu.Unlock()
	close(p.done)
}

// send writes a request and returns its ID and the channel its response
// will come on.
func (p *proc) send(r request) (uint64, chan response, error) {
	ch := make(chan response, 1)
	p.mu.Lock()
	if p.cause != nil {
		p.mu.Unlock()
		return 0, nil, p.deathError()
	}
	p.nextID++
	r.ID = p.nextID
	p.pending[r.ID] = ch
	p.mu.Unlock()
	if err := p.post(r); err != nil {
		return 0, nil, err
	}
	return r.ID, ch, nil
}

// post writes a request that gets no answer (and send's requests). The
// document of an opOpen goes first, on the documents socket.
func (p *proc) post(r request) error {
	p.wmu.Lock()
	var err error
	switch {
	case r.file != nil && p.docs == nil:
		err = ErrClosed
	case r.file != nil:
		err = sendFile(p.docs, r.file)
	}
	if err == nil {
		err = p.enc.Encode(r)
	}
	if err == nil {
		err = p.bw.Flush()
	}
	p.wmu.Unlock()
	if err != nil {
		p.kill(nil)
		<-p.done
		return p.deathError()
	}
	return nil
}

// alive reports whether the worker still runs.
func (p *proc) alive() bool {
	select {
	case <-p.done:
		return false
	default:
		return true
	}
}

// kill stops the worker; cause, when set, is what the requests in flight
// report.
func (p *proc) kill(cause error) {
	p.mu.Lock()
	if p.cause == nil && cause != nil {
		p.cause = cause
	}
	p.mu.Unlock()
	p.cmd.Process.Kill()
}

// deathError says why the worker is gone.
func (p *proc) deathError() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cause == nil {
		return fmt.Errorf("%w: %w", ErrBroken, ErrWorkerCrashed)
	}
	return p.cause
}

// stop asks the worker to exit by closing its input, and kills it if it
// has not after a second.
func (p *proc) stop() {
	p.stdin.Close()
	select {
	case <-p.done:
	case <-time.After(time.Second):
		p.kill(ErrClosed)
		<-p.done
	}
}

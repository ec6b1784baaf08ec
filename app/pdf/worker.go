package pdf

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// WorkerArg is the hidden argument that makes the application's executable
// serve as the PDF worker (see RunWorker).
const WorkerArg = "__pdf-worker"

// DebugEnv, set to 1 in the worker's environment, enables the requests
// that crash or hang the worker on purpose, for tests.
const DebugEnv = "FIELDSHELF_PDF_DEBUG"

// RunWorker serves requests on standard input and output, with the shared
// pixel memory that the Engine passed (see passShared) and, on Unix, the
// socket documents come on as descriptor 4, as an Engine starts its
// worker. On Linux it first completes the worker's sandbox (see
// SECURITY.md): call it first thing in main. It returns when standard
// input closes.
func RunWorker() error {
	sandbox := enterSandbox()
	shm, err := workerShared()
	if err != nil {
		return err
	}
	return serveWorker(os.Stdin, os.Stdout, shm, docSocket(), sandbox)
}

// serveWorker reads requests from in, serves each document's in order in
// a goroutine that owns it, and writes responses to out. Renders draw into
// shm; documents come as descriptors on docs. It returns when in closes,
// or on a broken stream.
func serveWorker(in io.Reader, out io.Writer, shm, docs *os.File, sandbox sandboxStatus) error {
	mem, err := mapShared(shm)
	if err != nil {
		return err
	}
	defer unmapShared(mem)
	bw := bufio.NewWriterSize(out, 64<<10)
	w := &worker{mem: mem, bw: bw, enc: gob.NewEncoder(bw), owners: map[uint32]*owner{},
		debug: os.Getenv(DebugEnv) == "1", docs: docs, sandbox: sandbox}
	dec := gob.NewDecoder(bufio.NewReaderSize(in, 64<<10))
	for {
		r := request{fd: -1}
		if err := dec.Decode(&r); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("pdf worker: read request: %w", err)
		}
		if r.Op == opOpen && r.FD {
			if r.fd, err = w.receiveDoc(); err != nil {
				w.send(response{ID: r.ID, Code: codeOther, Err: err.Error()})
				continue
			}
		}
		w.dispatch(r)
	}
}

// receiveDoc receives the descriptor of the document an opOpen names.
func (w *worker) receiveDoc() (int, error) {
	if w.docs == nil {
		return -1, errors.New("pdf worker: no documents socket")
	}
	return receiveFD(w.docs)
}

// worker is the state of the worker process.
type worker struct {
	mem     []byte
	debug   bool
	docs    *os.File // the socket documents come on; nil without one
	sandbox sandboxStatus
	owners  map[uint32]*owner // used by the reading goroutine only
	shared  sharedDocs        // the files open, each shared by its owners

	mu  sync.Mutex // guards bw and enc
	bw  *bufio.Writer
	enc *gob.Encoder
}

// send writes a response. A write error means the application is gone.
func (w *worker) send(r response) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.enc.Encode(r) != nil || w.bw.Flush() != nil {
		os.Exit(1)
	}
}

// dispatch hands a request to its document's owner.
func (w *worker) dispatch(r request) {
	if r.Op == opCrash && w.debug {
		crash()
	}
	o := w.owners[r.Doc]
	switch {
	case r.Op == opCancel:
		if o != nil {
			o.cancel(r.Cancel)
		}
		return
	case r.Op == opDrawing && w.debug && o != nil:
		w.send(response{ID: r.ID, Drawing: o.isDrawing()})
		return
	case r.Op == opProbe && w.debug:
		go func() {
			rep := probeSandbox(r.Probe)
			rep.Status = w.sandbox
			w.send(response{ID: r.ID, Probe: &rep})
		}()
		return
	case r.Op == opOpen && o == nil:
		o = newOwner(w, r.Doc)
		w.owners[r.Doc] = o
		go o.run()
	case o == nil:
		w.send(response{ID: r.ID, Code: codeOther, Err: fmt.Sprintf("pdf worker: document %d is not open", r.Doc)})
		return
	case r.Op == opClose:
		delete(w.owners, r.Doc)
	}
	o.push(r)
}

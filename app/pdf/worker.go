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
// serve as the PDF worker (see ServeWorker).
const WorkerArg = "__pdf-worker"

// DebugEnv, set to 1 in the worker's environment, enables the requests
// that crash or hang the worker on purpose, for tests.
const DebugEnv = "FIELDSHELF_PDF_DEBUG"

// RunWorker serves requests on standard input and output, with the shared
// pixel memory on file descriptor 3, as an Engine starts its worker. It
// returns when standard input closes.
func RunWorker() error {
	return ServeWorker(os.Stdin, os.Stdout, os.NewFile(3, "pixels"))
}

// ServeWorker reads requests from in, serves each document's in order in
// a goroutine that owns it, and writes responses to out. Renders draw into
// shm. It returns when in closes, or on a broken stream.
func ServeWorker(in io.Reader, out io.Writer, shm *os.File) error {
	mem, err := mapShared(shm)
	if err != nil {
		return err
	}
	defer unmapShared(mem)
	bw := bufio.NewWriterSize(out, 64<<10)
	w := &worker{mem: mem, bw: bw, enc: gob.NewEncoder(bw), owners: map[uint32]*owner{},
		debug: os.Getenv(DebugEnv) == "1"}
	dec := gob.NewDecoder(bufio.NewReaderSize(in, 64<<10))
	for {
		var r request
		if err := dec.Decode(&r); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("pdf worker: read request: %w", err)
		}
		w.dispatch(r)
	}
}

// worker is the state of the worker process.
type worker struct {
	mem    []byte
	debug  bool
	owners map[uint32]*owner // used by the reading goroutine only
	shared sharedDocs        // the files open, each shared by its owners

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

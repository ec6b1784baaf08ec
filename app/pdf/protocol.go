package pdf

import (
	"errors"
	"os"

	"fieldshelf/app"
)

// op is what a request asks of the worker.
type op uint8

const (
	opOpen op = iota + 1
	opClose
	opPageSize
	opRender
	opText
	opSearch
	opOutline
	opLinks
	opMetadata
	opSelect
	opNotes   // the sticky notes and form fields the file carries
	opCancel  // stop render Cancel, queued or in progress; no answer
	opCrash   // debug only: abort the worker
	opHang    // debug only: block the document's owner forever
	opDrawing // debug only: is the document's owner drawing a page?
	opProbe   // debug only: try what the sandbox forbids, and say what confines the worker
)

// request is one frame from the application to the worker. Doc is chosen
// by the application when it opens a document.
type request struct {
	ID       uint64
	Op       op
	Doc      uint32
	Path     string // opOpen: the file's path, which names its type
	FD       bool   // opOpen: the file comes as a descriptor on the documents socket
	Password string // opOpen
	Page     int    // from 0
	Render   RenderOptions
	Slot     int      // opRender: the shared-memory slot to draw into
	Prefetch bool     // opRender: may be superseded
	Gen      uint64   // opRender: a request supersedes queued prefetches of older generations
	Query    string   // opSearch
	Rect     app.Rect // opSelect: the selection, in points
	Cancel   uint64   // opCancel: the ID of the render to stop

	Probe probeTargets // opProbe

	file *os.File // opOpen with FD, in the application: the file to send
	fd   int      // opOpen with FD, in the worker: the descriptor received
}

// errCode classifies a worker error for the application.
type errCode uint8

const (
	codeNone errCode = iota
	codeBroken
	codePassword
	codeRange
	codeSuperseded
	codeOther
)

// response is one frame from the worker: the answer to request ID.
type response struct {
	ID      uint64
	Code    errCode
	Err     string
	Pages   int            // opOpen
	Size    Size           // opPageSize; opRender: the page's size
	W, H    int            // opRender: pixels drawn into the slot
	Text    string         // opText, opSelect
	Rects   []app.Rect     // opSelect: a rectangle per line
	Hits    []Hit          // opSearch (one element)
	Heads   []Heading      // opOutline
	Links   []app.PageLink // opLinks
	Notes   []app.FileNote // opNotes
	Meta    Metadata       // opMetadata
	Drawing bool           // opDrawing

	Probe *probeReport // opProbe
}

// codeOf classifies an error of the worker.
func codeOf(err error) errCode {
	switch {
	case err == nil:
		return codeNone
	case errors.Is(err, ErrPassword):
		return codePassword
	case errors.Is(err, ErrPageRange):
		return codeRange
	case errors.Is(err, ErrSuperseded):
		return codeSuperseded
	case errors.Is(err, ErrBroken):
		return codeBroken
	}
	return codeOther
}

// err rebuilds the worker's error in the application: the same message,
// matching the same sentinel with errors.Is.
func (r *response) err() error {
	bases := map[errCode]error{codePassword: ErrPassword, codeRange: ErrPageRange,
		codeSuperseded: ErrSuperseded, codeBroken: ErrBroken}
	switch r.Code {
	case codeNone:
		return nil
	case codeOther:
		return errors.New(r.Err)
	}
	return &remoteError{base: bases[r.Code], msg: r.Err}
}

// remoteError is an error of the worker.
type remoteError struct {
	base error
	msg  string
}

func (e *remoteError) Error() string { return e.msg }
func (e *remoteError) Unwrap() error { return e.base }

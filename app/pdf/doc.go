// Package pdf reads PDF files with MuPDF, crash-proof: MuPDF runs in a
// child process (the same executable in a hidden worker mode, see
// RunWorker) that an Engine starts, watches and restarts. A broken file
// can crash or hang the worker, never the application: the caller gets
// ErrBroken, ErrPassword or ErrTimeout and the next request starts a fresh
// worker.
//
// The worker owns each open document in one goroutine, with a MuPDF
// context of its own; requests for a document are served in order, and a
// newer render supersedes queued prefetches. Pixels come back through
// shared memory. Thumbnail keeps covers on disk; the reader (app/ui) keeps
// rendered pages in its own cache and prefetches the neighbours of the
// page shown.
//
// This is the only package with cgo: a small C layer (fitz.c, fonts.c)
// over the MuPDF that go-fitz ships, compiled against the headers of the
// go-fitz module go.mod names (see the Makefile's FITZ_CFLAGS), every
// MuPDF call inside fz_try/fz_catch. Fonts that PDFs name without
// embedding them come from this computer (package sysfont).
//
// On Linux the worker is sandboxed (sandbox_linux.c, sandbox_linux.go):
// it reads documents from descriptors the application sends (docfd_unix.go)
// and the font folders, and can write no file, make no socket and start
// no process.
package pdf

import (
	"errors"

	"fieldshelf/app"
)

// Errors of the engine. The messages are meant for the user.
var (
	// ErrBroken reports a file MuPDF cannot read or draw.
	ErrBroken = errors.New("this document could not be rendered")
	// ErrPassword reports a password-protected file opened without the
	// right password.
	ErrPassword = errors.New("this document is password-protected")
	// ErrTimeout reports a request that took longer than its deadline; the
	// worker was stopped.
	ErrTimeout = errors.New("this document took too long to render")
	// ErrWorkerCrashed reports that the worker died during a request. It
	// comes joined with ErrBroken.
	ErrWorkerCrashed = errors.New("the PDF engine stopped unexpectedly")
	// ErrSuperseded reports a prefetch dropped for a newer request.
	ErrSuperseded = errors.New("render superseded by a newer request")
	// ErrPageRange reports a page number outside the document.
	ErrPageRange = errors.New("no such page")
	// ErrClosed reports a call on a closed document or engine.
	ErrClosed = errors.New("document closed")
)

// Heading is an entry of a document's outline (its table of contents).
type Heading struct {
	Title    string
	Page     int     // the target page, from 1; 0 when it points elsewhere
	Y        float64 // the place on the target page, in points from its top
	URI      string  // an external target, when Page is 0
	Children []Heading
}

// Metadata is what the document says of itself, trimmed.
type Metadata struct {
	Title, Author, Subject, Keywords, Creator, Producer string
	Format                                              string // e.g. "PDF 1.7"
	Encryption                                          string // e.g. "Standard RC4 128-bit"; "None" or empty when not encrypted
}

// Size is a page's size in points (1/72 inch).
type Size struct {
	W, H float64
}

// Hit is one page's search result: a rectangle set per occurrence.
type Hit struct {
	Page  int          // from 1
	Rects [][]app.Rect // per occurrence, in page points
}

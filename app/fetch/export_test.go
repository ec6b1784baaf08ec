package fetch

import (
	"io"
	"io/fs"
	"time"
)

// Hooks into unexported code for the external tests.
var (
	SleepCtx        = sleepCtx
	ParseRetryAfter = parseRetryAfter
	CapText         = capText
)

// BackoffFor exposes the backoff computation.
func BackoffFor(c *Client, n int, after time.Duration) time.Duration { return c.backoff(n, after) }

// SetWriteFault makes the .part writer of c's downloads fail with err once
// limit bytes have been written through it: the write that crosses the
// limit writes its bytes up to the limit, then fails (a full disk). A
// negative limit removes the fault.
func SetWriteFault(c *Client, limit int64, err error) {
	if limit < 0 {
		c.wrapWriter = nil
		return
	}
	c.wrapWriter = func(w io.Writer) io.Writer {
		return &faultWriter{w: w, left: limit, err: err}
	}
}

type faultWriter struct {
	w    io.Writer
	left int64
	err  error
}

func (f *faultWriter) Write(b []byte) (int, error) {
	if int64(len(b)) <= f.left {
		n, err := f.w.Write(b)
		f.left -= int64(n)
		return n, err
	}
	n, _ := f.w.Write(b[:f.left])
	f.left = 0
	return n, &fs.PathError{Op: "write", Path: "part", Err: f.err}
}

package fetch

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxRestarts bounds the immediate restarts of a download (416, a changed
// file) that do not use up the retry budget.
const maxRestarts = 3

// retry calls fn until it succeeds, fails for good, or the retries are used
// up, waiting with backoff between attempts. It returns the number of
// attempts made and fn's last error.
func (c *Client) retry(ctx context.Context, fn func(context.Context) error) (int, error) {
	restarts := 0
	for n := 1; ; n++ {
		err := fn(ctx)
		if err == nil || ctx.Err() != nil {
			return n, err
		}
		retry, now, after := retryInfo(err)
		switch {
		case now && restarts < maxRestarts:
			restarts++
			continue
		case !retry || n-restarts > c.opts.Retries:
			return n, err
		}
		if err := c.opts.Sleep(ctx, c.backoff(n-restarts, after)); err != nil {
			return n, err
		}
	}
}

// backoff is the wait before retry number n (1 for the first): the base
// doubled n-1 times, with jitter in its upper half, at least the server's
// Retry-After, at most 30s.
func (c *Client) backoff(n int, after time.Duration) time.Duration {
	d := maxBackoff
	if n <= 20 {
		if b := c.opts.Backoff << (n - 1); b > 0 && b < maxBackoff {
			d = b
		}
	}
	d = d/2 + rand.N(d/2+1)
	return min(max(d, after), maxBackoff)
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an HTTP date.
// It returns 0 when absent, invalid or in the past.
func parseRetryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(h, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		return time.Duration(min(secs, int64(maxBackoff/time.Second))) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return min(t.Sub(now), maxBackoff)
	}
	return 0
}

// sleepCtx waits for d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// stallError is the cause given to an attempt's context when the server
// sends nothing for the idle timeout.
type stallError struct{ d time.Duration }

func (e stallError) Error() string {
	return fmt.Sprintf("no data for %s (server stalled)", e.d)
}

// attempt is one HTTP exchange under an idle watchdog: the watchdog cancels
// the exchange when no byte arrives for the read timeout.
type attempt struct {
	parent context.Context
	ctx    context.Context
	cancel context.CancelCauseFunc
	timer  *time.Timer
	idle   time.Duration
}

// begin starts an attempt. Until the headers arrive the watchdog allows the
// connect and read timeouts together (the transport enforces each).
func (c *Client) begin(parent context.Context) *attempt {
	ctx, cancel := context.WithCancelCause(parent)
	a := &attempt{parent: parent, ctx: ctx, cancel: cancel, idle: c.opts.ReadTimeout}
	a.timer = time.AfterFunc(c.opts.ConnectTimeout+c.opts.ReadTimeout, func() {
		cancel(stallError{a.idle})
	})
	return a
}

// end stops the watchdog and releases the attempt's context.
func (a *attempt) end() {
	a.timer.Stop()
	a.cancel(context.Canceled)
}

// body wraps a response body so that each read that returns data rearms
// the watchdog.
func (a *attempt) body(r io.Reader) io.Reader {
	a.timer.Reset(a.idle)
	return &idleReader{r: r, a: a}
}

type idleReader struct {
	r io.Reader
	a *attempt
}

func (ir *idleReader) Read(p []byte) (int, error) {
	n, err := ir.r.Read(p)
	if n > 0 {
		ir.a.timer.Reset(ir.a.idle)
	}
	return n, err
}

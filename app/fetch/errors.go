package fetch

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// StatusError reports a response whose status is neither 2xx nor 304, after
// any retries.
type StatusError struct {
	URL      string // the URL that answered, without userinfo
	Status   int    // e.g. 404
	Text     string // the reason phrase, e.g. "Not Found"
	Attempts int    // requests made, retries included

	retryAfter time.Duration
}

// Error reads "fetch: GET https://host/path: 404 Not Found", with "server
// error" before a 5xx status and the number of attempts after retries.
func (e *StatusError) Error() string {
	kind := ""
	if e.Status >= 500 {
		kind = "server error "
	}
	return fmt.Sprintf("fetch: GET %s: %s%d %s%s", e.URL, kind, e.Status, e.Text, afterAttempts(e.Attempts))
}

func newStatusError(shown string, resp *http.Response) *StatusError {
	text := strings.TrimSpace(strings.TrimPrefix(resp.Status, strconv.Itoa(resp.StatusCode)))
	if text == "" {
		text = http.StatusText(resp.StatusCode)
	}
	return &StatusError{
		URL:        shown,
		Status:     resp.StatusCode,
		Text:       text,
		retryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()),
	}
}

// retryableStatus reports whether a status is worth another attempt.
func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests ||
		(code >= 500 && code <= 599 && code != http.StatusNotImplemented)
}

func afterAttempts(n int) string {
	if n > 1 {
		return fmt.Sprintf(" (after %d attempts)", n)
	}
	return ""
}

// failure is a failed attempt: "fetch: GET <url>: <what>". It tells the
// retry loop whether another attempt may help.
type failure struct {
	url      string
	what     string
	err      error
	retry    bool          // another attempt may succeed
	now      bool          // retry at once, without backoff (a download restart)
	after    time.Duration // the server's Retry-After
	attempts int
}

func (f *failure) Error() string {
	return "fetch: GET " + f.url + ": " + f.what + afterAttempts(f.attempts)
}

func (f *failure) Unwrap() error { return f.err }

// msgError is an error with a message of its own that wraps one or more
// errors (e.g. app.ErrTooLarge) without repeating their text.
type msgError struct {
	msg  string
	errs []error
}

func newErr(msg string, errs ...error) error { return &msgError{msg: msg, errs: errs} }

func (e *msgError) Error() string   { return e.msg }
func (e *msgError) Unwrap() []error { return e.errs }

// transportFailure classifies an error of http.Client.Do or of a body read
// during attempt a.
func transportFailure(a *attempt, shown string, err error) error {
	f := &failure{url: shown, err: err, retry: true}
	var (
		stall stallError
		re    *redirectError
		cv    *tls.CertificateVerificationError
		rh    tls.RecordHeaderError
		dns   *net.DNSError
		op    *net.OpError
		ne    net.Error
	)
	switch {
	case a.parent.Err() != nil:
		f.what, f.err, f.retry = a.parent.Err().Error(), a.parent.Err(), false
	case errors.As(context.Cause(a.ctx), &stall):
		f.what, f.err = stall.Error(), stall
	case errors.As(err, &re):
		f.what, f.retry = re.msg, false
	case errors.As(err, &cv):
		f.what, f.retry = "untrusted certificate: "+cv.Err.Error(), false
	case errors.As(err, &rh):
		f.what, f.retry = "TLS error: "+rh.Error(), false
	case errors.As(err, &dns) && dns.IsNotFound:
		f.what, f.retry = "could not connect: no such host "+dns.Name, false
	case errors.As(err, &dns):
		f.what = "could not connect: DNS lookup of " + dns.Name + " failed: " + dns.Err
	case strings.Contains(err.Error(), "HTTP response to HTTPS client"):
		f.what, f.retry = "TLS error: the server speaks plain HTTP (try an http:// URL)", false
	case errors.As(err, &op) && op.Op == "dial":
		f.what = "could not connect: " + innermost(op)
	case strings.Contains(err.Error(), "timeout awaiting response headers"):
		f.what = stallError{a.idle}.Error()
	case errors.As(err, &ne) && ne.Timeout():
		f.what = "timed out: " + innermost(err)
	default:
		f.what = "connection dropped: " + innermost(err)
	}
	return f
}

// innermost names the root cause of a network error without the addresses
// and URLs that wrap it.
func innermost(err error) string {
	var errno syscall.Errno
	switch {
	case errors.As(err, &errno):
		return errno.Error()
	case errors.Is(err, io.ErrUnexpectedEOF):
		return io.ErrUnexpectedEOF.Error()
	case errors.Is(err, io.EOF):
		return "server closed the connection"
	}
	for {
		var ue *url.Error
		var op *net.OpError
		switch {
		case errors.As(err, &ue) && ue.Err != nil:
			err = ue.Err
		case errors.As(err, &op) && op.Err != nil:
			err = op.Err
		default:
			return err.Error()
		}
	}
}

// finalError turns the last error of the retry loop into what the caller
// gets: a cancelled context wins, and the number of attempts is recorded.
func finalError(ctx context.Context, shown string, n int, err error) error {
	if ce := ctx.Err(); ce != nil {
		return &failure{url: shown, what: ce.Error(), err: ce}
	}
	var f *failure
	if errors.As(err, &f) {
		f.attempts = n
		return f
	}
	var s *StatusError
	if errors.As(err, &s) {
		s.Attempts = n
		return s
	}
	return err
}

// retryInfo tells the retry loop what to do after err.
func retryInfo(err error) (retry, now bool, after time.Duration) {
	var f *failure
	if errors.As(err, &f) {
		return f.retry, f.now, f.after
	}
	var s *StatusError
	if errors.As(err, &s) {
		return retryableStatus(s.Status), false, s.retryAfter
	}
	return false, false, 0
}

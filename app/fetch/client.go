// Package fetch is Fieldshelf's one HTTP client. It fetches catalogues
// (conditional GET with retries, bounded redirects, a size cap and an idle
// read timeout) and downloads documents into the offline cache: resumable
// across dropped connections and process restarts, verified as PDFs,
// hashed while streaming and renamed into place only once complete.
//
// Create one Client with New and share it: it owns the connection pool.
// Messages of the errors it returns are one line, meant for users, and never
// carry credentials: userinfo is stripped from every URL they print.
package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Version is the Fieldshelf version announced in the default User-Agent.
const Version = "0.1.0"

const (
	defaultConnectTimeout = 15 * time.Second
	defaultReadTimeout    = 30 * time.Second
	defaultMaxBody        = 32 << 20
	defaultRetries        = 3
	defaultBackoff        = 500 * time.Millisecond
	defaultMaxRedirects   = 10
	maxBackoff            = 30 * time.Second

	feedAccept = "application/atom+xml;profile=opds-catalog, application/opds+json, " +
		"application/atom+xml, application/json;q=0.9, */*;q=0.5"
)

// Options configures a Client. Zero fields take the defaults given beside
// them.
type Options struct {
	// UserAgent defaults to "Fieldshelf/<Version> (+offline reader)".
	UserAgent string
	// ConnectTimeout bounds the dial and the TLS handshake; default 15s.
	ConnectTimeout time.Duration
	// ReadTimeout is an idle timeout, not a total deadline: the longest wait
	// for the response headers and the longest gap between two reads of the
	// body. A stalled or trickling server is cut off. Default 30s.
	ReadTimeout time.Duration
	// MaxBody caps a response body read by Get; default 32 MiB.
	MaxBody int64
	// Retries is the number of extra attempts after a 5xx (except 501), a
	// 429, a timeout or a dropped connection. 0 means the default, 3; a
	// negative value disables retries.
	Retries int
	// Backoff is the first wait between attempts, doubled at each retry with
	// jitter and capped at 30s. A Retry-After header is honoured up to the
	// cap. Default 500ms.
	Backoff time.Duration
	// MaxRedirects is the number of redirects followed; 0 means the
	// default, 10; a negative value refuses all redirects.
	MaxRedirects int
	// RootCAs, when set, are the only certificate authorities trusted
	// instead of the system's (tests trust their own test certificate).
	RootCAs *x509.CertPool
	// Sleep waits between attempts; it must return ctx.Err() early when ctx
	// ends. Tests inject it; the default waits on a timer.
	Sleep func(ctx context.Context, d time.Duration) error
}

func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = "Fieldshelf/" + Version + " (+offline reader)"
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = defaultConnectTimeout
	}
	if o.ReadTimeout <= 0 {
		o.ReadTimeout = defaultReadTimeout
	}
	if o.MaxBody <= 0 {
		o.MaxBody = defaultMaxBody
	}
	o.Retries = orDefault(o.Retries, defaultRetries)
	o.MaxRedirects = orDefault(o.MaxRedirects, defaultMaxRedirects)
	if o.Backoff <= 0 {
		o.Backoff = defaultBackoff
	}
	if o.Sleep == nil {
		o.Sleep = sleepCtx
	}
	return o
}

// orDefault maps 0 to def and negative values to 0.
func orDefault(v, def int) int {
	switch {
	case v == 0:
		return def
	case v < 0:
		return 0
	}
	return v
}

// Client is the application's one HTTP client. It is safe for concurrent
// use by many goroutines; all requests share one connection pool.
type Client struct {
	opts   Options
	tr     *http.Transport
	hc     *http.Client
	active sync.Map // absolute Dest → struct{}: downloads in progress

	// wrapWriter, when set, wraps the .part file writer (tests inject
	// write faults such as ENOSPC with it).
	wrapWriter func(io.Writer) io.Writer
}

// New returns a Client configured by o.
func New(o Options) *Client {
	o = o.withDefaults()
	dialer := &net.Dialer{Timeout: o.ConnectTimeout, KeepAlive: 30 * time.Second}
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   o.ConnectTimeout,
		ResponseHeaderTimeout: o.ReadTimeout,
		ExpectContinueTimeout: time.Second,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          32,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
	}
	if o.RootCAs != nil {
		tr.TLSClientConfig = &tls.Config{RootCAs: o.RootCAs, MinVersion: tls.VersionTLS12}
	}
	c := &Client{opts: o, tr: tr}
	c.hc = &http.Client{Transport: tr, CheckRedirect: c.checkRedirect}
	return c
}

// CloseIdleConnections closes the pooled connections that are idle, e.g.
// when the network changes or before the application exits.
func (c *Client) CloseIdleConnections() { c.tr.CloseIdleConnections() }

// redirectError is a redirect the client refuses to follow.
type redirectError struct{ msg string }

func (e *redirectError) Error() string { return e.msg }

// checkRedirect bounds redirects, refuses schemes other than http and
// https (and, for catalogue pages, from https down to http), and attaches
// the credentials to the new hop only when it is on their own origin.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.opts.MaxRedirects {
		return &redirectError{msg: "stopped after " + strconv.Itoa(c.opts.MaxRedirects) + " redirects"}
	}
	if s := req.URL.Scheme; s != "http" && s != "https" {
		return &redirectError{msg: "redirect to " + s + ": not allowed"}
	}
	if downgrade(req, via) {
		return &redirectError{msg: "redirect from https to http: not allowed"}
	}
	authorize(req)
	return nil
}

// newRequest builds a GET for t with the client's User-Agent and the given
// Accept header; t's Basic credentials go with it only to their origin.
// pages marks a catalogue page (see grant).
func (c *Client) newRequest(ctx context.Context, t *target, accept string, pages bool) (*http.Request, error) {
	req, err := http.NewRequestWithContext(withGrant(ctx, t.grant(pages)), http.MethodGet, t.url.String(), nil)
	if err != nil {
		return nil, &failure{url: t.shown, what: "invalid request", err: err}
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", accept)
	authorize(req)
	return req, nil
}

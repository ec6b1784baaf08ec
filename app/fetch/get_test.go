package fetch_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/fetch"
	"fieldshelf/app/fetch/fetchtest"
)

// sleeps records the backoff waits instead of waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// newClient returns a client with short timeouts and recorded, instant
// backoff sleeps.
func newClient(t *testing.T, o fetch.Options) (*fetch.Client, *sleeps) {
	t.Helper()
	s := &sleeps{}
	if o.Sleep == nil {
		o.Sleep = s.sleep
	}
	if o.ReadTimeout == 0 {
		o.ReadTimeout = 5 * time.Second
	}
	c := fetch.New(o)
	t.Cleanup(c.CloseIdleConnections)
	return c, s
}

func newServer(t *testing.T, body []byte) *fetchtest.Server {
	t.Helper()
	s := fetchtest.NewBytes(body)
	t.Cleanup(s.Close)
	return s
}

var feed = []byte(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>`)

func TestGetConditional(t *testing.T) {
	srv := newServer(t, feed)
	c, _ := newClient(t, fetch.Options{})
	ctx := context.Background()
	r1, err := c.Get(ctx, fetch.Request{URL: srv.URL + "/feed"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(r1.Body, feed) || r1.Status != 200 || r1.ETag == "" || r1.LastModified == "" || r1.Attempts != 1 {
		t.Fatalf("first fetch: %+v", r1)
	}
	r2, err := c.Get(ctx, fetch.Request{URL: srv.URL + "/feed", ETag: r1.ETag, LastModified: r1.LastModified})
	if err != nil {
		t.Fatal(err)
	}
	if !r2.NotModified || r2.Status != 304 || r2.Body != nil || r2.ETag != r1.ETag {
		t.Fatalf("conditional fetch: %+v", r2)
	}
	rec := srv.Requests()[1]
	if rec.IfNoneMatch != r1.ETag || rec.IfModSince != r1.LastModified {
		t.Fatalf("validators not sent: %+v", rec)
	}
	if !strings.HasPrefix(rec.UserAgent, "Fieldshelf/"+fetch.Version) || !strings.Contains(rec.Accept, "application/atom+xml;profile=opds-catalog") {
		t.Fatalf("headers: %+v", rec)
	}
}

func TestGetSizeCap(t *testing.T) {
	big := bytes.Repeat([]byte("x"), 5000)
	for _, tc := range []struct {
		name  string
		fault fetchtest.Fault
	}{
		{"announced", fetchtest.Fault{}},
		{"streamed", fetchtest.Fault{NoLength: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, big)
			srv.SetDefault(tc.fault)
			c, _ := newClient(t, fetch.Options{MaxBody: 1000})
			_, err := c.Get(context.Background(), fetch.Request{URL: srv.URL + "/feed.xml"})
			if !errors.Is(err, app.ErrTooLarge) {
				t.Fatalf("err = %v, want ErrTooLarge", err)
			}
			want := "fetch: " + srv.URL + "/feed.xml: response larger than 1000 bytes"
			if err.Error() != want || srv.Hits() != 1 {
				t.Fatalf("err = %q (hits %d), want %q", err, srv.Hits(), want)
			}
		})
	}
	if got := fetch.CapText(32 << 20); got != "32 MiB" {
		t.Fatalf("CapText = %q", got)
	}
}

func TestGetRequestMaxBodyOverridesClient(t *testing.T) {
	srv := newServer(t, feed)
	c, _ := newClient(t, fetch.Options{})
	_, err := c.Get(context.Background(), fetch.Request{URL: srv.URL, MaxBody: 10})
	if !errors.Is(err, app.ErrTooLarge) {
		t.Fatalf("err = %v", err)
	}
}

func TestGetRedirectLoop(t *testing.T) {
	srv := newServer(t, feed)
	srv.SetDefault(fetchtest.Fault{Redirect: "/loop"})
	c, _ := newClient(t, fetch.Options{})
	_, err := c.Get(context.Background(), fetch.Request{URL: srv.URL + "/loop"})
	if err == nil || !strings.HasSuffix(err.Error(), ": stopped after 10 redirects") {
		t.Fatalf("err = %v", err)
	}
	if srv.Hits() != 11 {
		t.Fatalf("hits = %d, want 11 (not retried)", srv.Hits())
	}
}

func TestGetRedirectToFTPRefused(t *testing.T) {
	srv := newServer(t, feed)
	srv.Queue(fetchtest.Fault{Redirect: "ftp://files.example.invalid/feed.xml"})
	c, _ := newClient(t, fetch.Options{})
	_, err := c.Get(context.Background(), fetch.Request{URL: srv.URL + "/feed"})
	want := "fetch: GET " + srv.URL + "/feed: redirect to ftp: not allowed"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
}

func TestGetRedirectFollowed(t *testing.T) {
	srv := newServer(t, feed)
	srv.Queue(fetchtest.Fault{Redirect: "/moved"})
	c, _ := newClient(t, fetch.Options{})
	r, err := c.Get(context.Background(), fetch.Request{URL: srv.URL + "/feed"})
	if err != nil {
		t.Fatal(err)
	}
	if r.URL != srv.URL+"/moved" || !bytes.Equal(r.Body, feed) {
		t.Fatalf("got %+v", r)
	}
}

func TestGetServerErrorThenSuccess(t *testing.T) {
	srv := newServer(t, feed)
	srv.Queue(fetchtest.Fault{Status: 500}, fetchtest.Fault{Status: 503})
	c, sl := newClient(t, fetch.Options{Backoff: 100 * time.Millisecond})
	r, err := c.Get(context.Background(), fetch.Request{URL: srv.URL + "/feed"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Attempts != 3 || !bytes.Equal(r.Body, feed) {
		t.Fatalf("attempts = %d", r.Attempts)
	}
	d := sl.all()
	if len(d) != 2 || d[0] < 50*time.Millisecond || d[0] > 100*time.Millisecond ||
		d[1] < 100*time.Millisecond || d[1] > 200*time.Millisecond {
		t.Fatalf("backoff waits = %v, want ~100ms then ~200ms", d)
	}
}

func TestGetServerErrorGivesUp(t *testing.T) {
	srv := newServer(t, feed)
	srv.SetDefault(fetchtest.Fault{Status: 500})
	c, _ := newClient(t, fetch.Options{})
	_, err := c.Get(context.Background(), fetch.Request{URL: srv.URL + "/feed"})
	want := "fetch: GET " + srv.URL + "/feed: server error 500 Internal Server Error (after 4 attempts)"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	var se *fetch.StatusError
	if !errors.As(err, &se) || se.Status != 500 || se.Attempts != 4 {
		t.Fatalf("StatusError = %+v", se)
	}
}

func TestGetNotFoundNotRetried(t *testing.T) {
	for _, status := range []int{404, 401, 501} {
		srv := newServer(t, feed)
		srv.SetDefault(fetchtest.Fault{Status: status})
		c, _ := newClient(t, fetch.Options{})
		_, err := c.Get(context.Background(), fetch.Request{URL: srv.URL + "/feed"})
		var se *fetch.StatusError
		if !errors.As(err, &se) || se.Status != status || srv.Hits() != 1 {
			t.Fatalf("status %d: err = %v, hits %d", status, err, srv.Hits())
		}
	}
	srv := newServer(t, feed)
	srv.Queue(fetchtest.Fault{Status: 404})
	c, _ := newClient(t, fetch.Options{})
	_, err := c.Get(context.Background(), fetch.Request{URL: srv.URL + "/gone"})
	if want := "fetch: GET " + srv.URL + "/gone: 404 Not Found"; err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
}

func TestGetRetryAfter(t *testing.T) {
	srv := newServer(t, feed)
	srv.Queue(fetchtest.Fault{Status: 429, RetryAfter: "7"}, fetchtest.Fault{Status: 503, RetryAfter: "3600"})
	c, sl := newClient(t, fetch.Options{Backoff: time.Millisecond})
	if _, err := c.Get(context.Background(), fetch.Request{URL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	if d := sl.all(); len(d) != 2 || d[0] != 7*time.Second || d[1] != 30*time.Second {
		t.Fatalf("waits = %v, want [7s 30s]", d)
	}
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for h, want := range map[string]time.Duration{
		"":                              0,
		"-3":                            0,
		"soon":                          0,
		"120":                           30 * time.Second,
		"Wed, 01 Jan 2025 00:00:05 GMT": 5 * time.Second,
		"Tue, 31 Dec 2024 23:00:00 GMT": 0,
	} {
		if got := fetch.ParseRetryAfter(h, now); got != want {
			t.Errorf("ParseRetryAfter(%q) = %v, want %v", h, got, want)
		}
	}
}

func TestBackoffGrowsAndCaps(t *testing.T) {
	c := fetch.New(fetch.Options{Backoff: time.Second})
	for n, hi := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 6: 30 * time.Second, 100: 30 * time.Second} {
		for range 20 {
			if d := fetch.BackoffFor(c, n, 0); d < hi/2 || d > hi {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v]", n, d, hi/2, hi)
			}
		}
	}
}

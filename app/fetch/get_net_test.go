package fetch_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"fieldshelf/app/fetch"
	"fieldshelf/app/fetch/fetchtest"
)

func TestGetStalledServerTimesOut(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault fetchtest.Fault
	}{
		{"mid-body", fetchtest.Fault{Stall: true, DropAfter: 10}},
		{"before headers", fetchtest.Fault{StallHeaders: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, feed)
			srv.SetDefault(tc.fault)
			c, _ := newClient(t, fetch.Options{ReadTimeout: 200 * time.Millisecond, Retries: 1})
			start := time.Now()
			_, err := c.Get(context.Background(), fetch.Request{URL: srv.URL + "/feed"})
			want := "fetch: GET " + srv.URL + "/feed: no data for 200ms (server stalled) (after 2 attempts)"
			if err == nil || err.Error() != want {
				t.Fatalf("err = %v, want %q", err, want)
			}
			if el := time.Since(start); el > 3*time.Second {
				t.Fatalf("took %v", el)
			}
			if errors.Is(err, context.Canceled) {
				t.Fatal("a stall must not look like a cancellation")
			}
		})
	}
}

func TestGetSlowTrickleIsNotATotalDeadline(t *testing.T) {
	srv := newServer(t, feed)
	// 8 pieces 60ms apart: ~420ms in all, each gap well under the timeout.
	srv.SetDefault(fetchtest.Fault{Trickle: 60 * time.Millisecond, TrickleChunk: len(feed)/8 + 1})
	c, _ := newClient(t, fetch.Options{ReadTimeout: 300 * time.Millisecond, Retries: -1})
	r, err := c.Get(context.Background(), fetch.Request{URL: srv.URL})
	if err != nil || string(r.Body) != string(feed) {
		t.Fatalf("err = %v", err)
	}
}

func TestGetDroppedConnectionRetried(t *testing.T) {
	srv := newServer(t, feed)
	srv.SetDefault(fetchtest.Fault{DropAfter: 10})
	c, _ := newClient(t, fetch.Options{})
	_, err := c.Get(context.Background(), fetch.Request{URL: srv.URL + "/feed"})
	want := "fetch: GET " + srv.URL + "/feed: connection dropped: unexpected EOF (after 4 attempts)"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	srv.SetDefault(fetchtest.Fault{})
	srv.Queue(fetchtest.Fault{DropAfter: 10})
	r, err := c.Get(context.Background(), fetch.Request{URL: srv.URL + "/feed"})
	if err != nil || r.Attempts != 2 || string(r.Body) != string(feed) {
		t.Fatalf("after one drop: %v %+v", err, r)
	}
}

func TestGetConnectionRefusedRetried(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c, sl := newClient(t, fetch.Options{Retries: 2})
	_, err = c.Get(context.Background(), fetch.Request{URL: "http://" + addr + "/feed"})
	if err == nil || !strings.Contains(err.Error(), ": could not connect: connection refused (after 3 attempts)") {
		t.Fatalf("err = %v", err)
	}
	if len(sl.all()) != 2 {
		t.Fatalf("waits = %v", sl.all())
	}
}

func TestGetCancelDuringBackoff(t *testing.T) {
	srv := newServer(t, feed)
	srv.SetDefault(fetchtest.Fault{Status: 503})
	ctx, cancel := context.WithCancel(context.Background())
	sleeping := make(chan struct{})
	c, _ := newClient(t, fetch.Options{Sleep: func(ctx context.Context, d time.Duration) error {
		close(sleeping)
		return fetch.SleepCtx(ctx, time.Hour)
	}})
	go func() {
		<-sleeping
		cancel()
	}()
	start := time.Now()
	_, err := c.Get(ctx, fetch.Request{URL: srv.URL + "/feed"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if want := "fetch: GET " + srv.URL + "/feed: context canceled"; err.Error() != want {
		t.Fatalf("err = %q, want %q", err, want)
	}
	if time.Since(start) > 2*time.Second || srv.Hits() != 1 {
		t.Fatalf("took %v, %d hits", time.Since(start), srv.Hits())
	}
}

func TestSleepCtx(t *testing.T) {
	if err := fetch.SleepCtx(context.Background(), time.Millisecond); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := fetch.SleepCtx(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
}

func TestGetCancelMidBody(t *testing.T) {
	srv := newServer(t, feed)
	arrived := make(chan struct{}, 1)
	srv.SetDefault(fetchtest.Fault{Stall: true, DropAfter: 5, Notify: arrived})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		cancel()
	}()
	c, _ := newClient(t, fetch.Options{})
	_, err := c.Get(ctx, fetch.Request{URL: srv.URL})
	if !errors.Is(err, context.Canceled) || srv.Hits() != 1 {
		t.Fatalf("err = %v, hits %d", err, srv.Hits())
	}
}

func TestGetBasicAuth(t *testing.T) {
	srv := newServer(t, feed)
	srv.RequireAuth("ann", "s3cret-pw")
	c, _ := newClient(t, fetch.Options{})
	r, err := c.Get(context.Background(), fetch.Request{URL: srv.URL, Username: "ann", Password: "s3cret-pw"})
	if err != nil || string(r.Body) != string(feed) {
		t.Fatalf("with credentials: %v", err)
	}
	_, err = c.Get(context.Background(), fetch.Request{URL: srv.URL})
	var se *fetch.StatusError
	if !errors.As(err, &se) || se.Status != 401 {
		t.Fatalf("without credentials: %v", err)
	}
	// Userinfo in the URL works as credentials too.
	u := strings.Replace(srv.URL, "http://", "http://ann:s3cret-pw@", 1)
	if _, err := c.Get(context.Background(), fetch.Request{URL: u}); err != nil {
		t.Fatalf("userinfo credentials: %v", err)
	}
}

func TestGetAuthNotSentAcrossHosts(t *testing.T) {
	other := newServer(t, feed)
	otherURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1) + "/elsewhere"
	srv := newServer(t, feed)
	srv.Queue(fetchtest.Fault{Redirect: otherURL}, fetchtest.Fault{Redirect: "/same-host"})
	c, _ := newClient(t, fetch.Options{})
	r, err := c.Get(context.Background(), fetch.Request{URL: srv.URL + "/feed", Username: "ann", Password: "s3cret-pw"})
	if err != nil {
		t.Fatal(err)
	}
	if r.URL != otherURL {
		t.Fatalf("final URL %q", r.URL)
	}
	if !srv.Requests()[0].HasAuth {
		t.Fatal("credentials not sent to the original host")
	}
	if rec := other.Requests()[0]; rec.HasAuth {
		t.Fatalf("credentials leaked to %s", rec.Host)
	}
	// A redirect within the same origin keeps them.
	if _, err := c.Get(context.Background(), fetch.Request{URL: srv.URL + "/feed", Username: "ann", Password: "s3cret-pw"}); err != nil {
		t.Fatal(err)
	}
	if recs := srv.Requests(); len(recs) != 3 || !recs[2].HasAuth || recs[2].Path != "/same-host" {
		t.Fatalf("same-host redirect: %+v", recs)
	}
}

func TestGetAuthNotSentToOtherPort(t *testing.T) {
	// Same host name, another port: another origin, maybe another service.
	other := newServer(t, feed)
	srv := newServer(t, feed)
	srv.Queue(fetchtest.Fault{Redirect: other.URL + "/feed"})
	c, _ := newClient(t, fetch.Options{})
	if _, err := c.Get(context.Background(), fetch.Request{URL: srv.URL, Username: "ann", Password: "s3cret-pw"}); err != nil {
		t.Fatal(err)
	}
	if other.Requests()[0].HasAuth {
		t.Fatal("credentials sent to another port")
	}
}

func TestPasswordNeverInErrors(t *testing.T) {
	const pw = "s3cret-pw"
	srv := newServer(t, feed)
	srv.SetDefault(fetchtest.Fault{Status: 404})
	loop := newServer(t, feed)
	loop.SetDefault(fetchtest.Fault{Redirect: "/x"})
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	withPW := func(u string) string { return strings.Replace(u, "http://", "http://ann:"+pw+"@", 1) }
	c, _ := newClient(t, fetch.Options{Retries: 1})
	ctx := context.Background()
	for _, r := range []fetch.Request{
		{URL: withPW(srv.URL) + "/feed"},
		{URL: srv.URL + "/feed", Username: "ann", Password: pw},
		{URL: withPW(loop.URL) + "/x"},
		{URL: withPW(dead.URL) + "/feed"},
		{URL: "http://ann:" + pw + "@[::1"},
		{URL: "gopher://ann:" + pw + "@host/"},
	} {
		_, err := c.Get(ctx, r)
		if err == nil {
			t.Fatalf("%v: no error", r)
		}
		if strings.Contains(err.Error(), pw) || strings.Contains(err.Error(), "ann:") {
			t.Errorf("error leaks credentials: %v", err)
		}
	}
}

func TestGetRejectsBadURLs(t *testing.T) {
	c, _ := newClient(t, fetch.Options{})
	for _, u := range []string{"", "ftp://example.invalid/feed", "http:///nohost", "file://otherhost/x", "relative/path"} {
		if _, err := c.Get(context.Background(), fetch.Request{URL: u}); err == nil || !strings.HasPrefix(err.Error(), "fetch: ") {
			t.Errorf("Get(%q) err = %v", u, err)
		}
	}
}

func TestGetUntrustedCertificateNotRetried(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(feed)
	}))
	t.Cleanup(srv.Close)
	c, sl := newClient(t, fetch.Options{})
	_, err := c.Get(context.Background(), fetch.Request{URL: srv.URL + "/feed"})
	if err == nil || !strings.Contains(err.Error(), ": untrusted certificate: ") || len(sl.all()) != 0 {
		t.Fatalf("err = %v, waits %v", err, sl.all())
	}
}

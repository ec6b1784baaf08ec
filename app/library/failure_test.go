package library_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"fieldshelf/app"
)

func TestSyncFailuresSayWhatHappened(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() + "/opds"
	ln.Close() // nothing answers there now
	locked := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "no", http.StatusUnauthorized)
	}))
	defer locked.Close()
	l := newLibrary(t)
	for _, c := range []struct {
		url  string
		kind app.FailureKind
	}{{closed, app.FailUnreachable}, {locked.URL + "/opds", app.FailRefused}} {
		src, err := l.AddSource(context.Background(), app.Source{URL: c.url, Name: "ILO"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = l.SyncSource(context.Background(), src, nil)
		var f *app.Failure
		if !errors.As(err, &f) || f.Kind != c.kind || f.Op != app.OpSync || f.Subject != "ILO catalogue" {
			t.Errorf("sync of %s: %v (%+v), want a failure of kind %d on the ILO catalogue", c.url, err, f, c.kind)
		}
	}
}

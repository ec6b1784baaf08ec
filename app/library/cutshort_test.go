package library_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"fieldshelf/app/library"
)

// A catalogue that links to itself forever: the crawl stops at the cap on
// pages and says so, in the stats and on the source, until a sync reads
// the listing to its end.
func TestListingCutShortIsSaid(t *testing.T) {
	srv := newFeedServer(t)
	var endless atomic.Bool
	endless.Store(true)
	srv.setFault(func(w http.ResponseWriter, r *http.Request) bool {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		next := fmt.Sprintf("/catalog.xml?n=%d", n+1)
		if !endless.Load() && n >= 2 {
			next = ""
		}
		w.Header().Set("Content-Type", atomType)
		fmt.Fprint(w, atomFeed(fmt.Sprintf("urn:p:%d", n), next,
			[]genEntry{{id: fmt.Sprintf("urn:e:%d", n), title: fmt.Sprintf("Entry %d", n)}}))
		return true
	})
	l := library.Reopen(newLibrary(t), library.Options{Limits: library.Limits{MaxDepth: 5, MaxPages: 5}})
	ctx := context.Background()
	src := addSource(t, l, srv.url("/catalog.xml"))
	st := syncOK(t, l, src)
	if st.Added != 5 || len(st.CutShort) != 1 || !strings.Contains(st.CutShortText(), "was cut short") {
		t.Fatalf("stats %+v", st)
	}
	srcs, _ := l.Sources(ctx)
	if !srcs[0].CutShort() || !strings.Contains(srcs[0].LastError, "stopped after 5 pages") || srcs[0].LastSync.IsZero() {
		t.Fatalf("source %+v", srcs[0])
	}
	// Read to its end, the listing clears the note.
	endless.Store(false)
	if st := syncOK(t, l, src); len(st.CutShort) != 0 {
		t.Fatalf("stats %+v", st)
	}
	if srcs, _ := l.Sources(ctx); srcs[0].CutShort() || srcs[0].LastError != "" {
		t.Fatalf("source %+v", srcs[0])
	}
}

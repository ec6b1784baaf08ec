package library_test

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/library"
	"fieldshelf/storage"
)

// snapshot lists every annotation of a document with its place, in the trash or not.
func snapshot(t *testing.T, l *library.Library, docID int64) string {
	t.Helper()
	set, err := l.Store().Annotations(context.Background(), docID, true)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, x := range set.Bookmarks {
		fmt.Fprintf(&b, "b %s p%d %q %v|", x.UID, x.Page, x.Label, x.NeedsReview)
	}
	for _, x := range set.Notes {
		fmt.Fprintf(&b, "n %s p%d %q %v|", x.UID, x.Page, x.Body, x.NeedsReview)
	}
	for _, x := range set.Highlights {
		fmt.Fprintf(&b, "h %s p%d %q %v %v|", x.UID, x.Page, x.Quote, x.Rects, x.NeedsReview)
	}
	return b.String()
}

func TestWithdrawalRemovalAndRedownloadKeepAnnotations(t *testing.T) {
	srv, _, l, src, entries, _ := offline(t, 2)
	ctx := context.Background()
	trainerPack(t, l)
	l.Store().Now = time.Now
	if err := l.SetReadingPosition(ctx, 1, 3, 0); err != nil {
		t.Fatal(err)
	}
	removed, _ := l.AddNote(ctx, 1, 1, "in the trash")
	l.RemoveAnnotation(ctx, app.KindNote, removed.ID)
	want := snapshot(t, l, 1)
	check := func(step string) {
		t.Helper()
		if got := snapshot(t, l, 1); got != want {
			t.Fatalf("after %s:\n%s\nwant\n%s", step, got, want)
		}
		if p, _ := l.ReadingPosition(ctx, 1); p.Page != 3 {
			t.Fatalf("after %s: reading position %+v", step, p)
		}
	}
	servePaged(srv, entries[1:], 10) // the entry leaves the catalogue
	syncOK(t, l, src)
	if d, _ := l.Document(ctx, 1); !d.Withdrawn {
		t.Fatal("the document was not withdrawn")
	}
	check("withdrawal")
	if err := l.Remove(ctx, []int64{1}); err != nil {
		t.Fatal(err)
	}
	check("removing the file")
	if _, err := l.Download(ctx, []int64{1}, app.DownloadOptions{}); err != nil {
		t.Fatal(err)
	}
	check("downloading it again while withdrawn")
	servePaged(srv, entries, 10) // and back
	syncOK(t, l, src)
	check("its return to the catalogue")
	if err := l.RemoveSource(ctx, src.ID); err != nil {
		t.Fatal(err)
	}
	check("unsubscribing from the catalogue")
}

// crashEnv names the database the writer process writes to.
const crashEnv = "FIELDSHELF_TEST_CRASH_WRITER"

// TestCrashWriterProcess is the writer that TestKilledWriterLosesNothing
// starts and kills: it adds and edits notes and bookmarks in a loop and
// prints each change once the call that made it has returned.
func TestCrashWriterProcess(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("the writer process of TestKilledWriterLosesNothing")
	}
	ctx := context.Background()
	st, err := storage.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	l := library.New(st, testClient(), filepath.Dir(path), library.Options{})
	for i := 0; ; i++ {
		n, err := l.AddNote(ctx, 1, i%7+1, fmt.Sprintf("note %d", i))
		if err == nil {
			fmt.Printf("note %s\n", n.UID)
			_, err = l.EditNote(ctx, n.ID, "edited "+n.UID)
		}
		if err == nil {
			fmt.Printf("edited %s\n", n.UID)
			var b app.Bookmark
			if b, err = l.AddBookmark(ctx, 1, i%9+1, ""); err == nil {
				fmt.Printf("bookmark %s\n", b.UID)
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
	}
}

func TestKilledWriterLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 20 processes")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "library.db")
	st, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	src, _ := st.AddSource(ctx, app.Source{URL: "http://feeds.test/"})
	applySync(t, st, src.ID, storage.SyncBatch{Complete: true, Pages: []storage.Page{{URL: "http://feeds.test/"}},
		Entries: []storage.SyncEntry{{Key: "urn:x", Page: "http://feeds.test/", Entry: app.Entry{ID: "urn:x", Title: "X"}}}})
	st.Close()

	seed := time.Now().UnixNano()
	rng := rand.New(rand.NewSource(seed))
	t.Logf("seed %d", seed)
	reported := map[string]bool{}
	for round := 0; round < 20; round++ {
		for _, line := range killedWriter(t, path, rng, round%5 == 0) {
			reported[line] = true
		}
	}
	checkReported(t, path, reported)
}

// killedWriter runs the writer and kills it with SIGKILL at a random
// moment: a few milliseconds after it started when early is set (perhaps
// while it opens the database), else after its first write. It returns the
// lines the writer printed.
func killedWriter(t *testing.T, path string, rng *rand.Rand, early bool) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashWriterProcess$")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var lines []string
	first, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			mu.Lock()
			if lines = append(lines, sc.Text()); len(lines) == 1 {
				close(first)
			}
			mu.Unlock()
		}
	}()
	if early {
		<-time.After(time.Duration(rng.Intn(5000)) * time.Microsecond)
	} else {
		select {
		case <-first:
		case <-done:
		}
		<-time.After(time.Duration(rng.Intn(100000)) * time.Microsecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-done // the pipe closes when the process is gone
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() == 3 {
		t.Fatalf("writer ended with %v, not by the kill: %s", err, stderr.String())
	}
	mu.Lock()
	defer mu.Unlock()
	return lines
}

// checkReported verifies that every change the writers reported is in the
// database and that the database is sound.
func checkReported(t *testing.T, path string, reported map[string]bool) {
	t.Helper()
	db := rawDB(t, path)
	var check string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	notes, bookmarks := 0, 0
	for line := range reported {
		kind, uid, _ := strings.Cut(line, " ")
		var q string
		var args = []any{uid}
		switch kind {
		case "note":
			q, notes = `SELECT count(*) FROM notes WHERE uid = ?`, notes+1
		case "edited":
			q, args = `SELECT count(*) FROM notes WHERE uid = ? AND body = ?`, append(args, "edited "+uid)
		case "bookmark":
			q, bookmarks = `SELECT count(*) FROM bookmarks WHERE uid = ?`, bookmarks+1
		default:
			continue // the test framework's own output
		}
		if n := count(t, db, q, args...); n != 1 {
			t.Errorf("reported %q, found %d", line, n)
		}
	}
	if notes < 16 { // each of the 16 late kills comes after a first note
		t.Fatalf("only %d notes were reported in 20 runs", notes)
	}
	t.Logf("%d notes and %d bookmarks reported and found", notes, bookmarks)
}

func count(t *testing.T, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

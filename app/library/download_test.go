package library_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/library"
)

// pdfBytes makes a deterministic file that passes the PDF signature check.
func pdfBytes(seed int64, n int) []byte {
	b := make([]byte, n)
	rand.New(rand.NewSource(seed)).Read(b)
	copy(b, "%PDF-1.7\n")
	return b
}

// fileServer serves PDFs (and pages, through feedServer) and counts bytes.
type fileSet struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (fs *fileSet) set(name string, b []byte) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.files[name] = b
}

// serveFiles makes srv answer /files/NAME from the set, with an ETag and
// range support (http.ServeContent).
func serveFiles(srv *feedServer) *fileSet {
	set := &fileSet{files: map[string][]byte{}}
	srv.setFault(func(w http.ResponseWriter, r *http.Request) bool {
		name, ok := strings.CutPrefix(r.URL.Path, "/files/")
		if !ok {
			return false
		}
		set.mu.Lock()
		b, found := set.files[name]
		set.mu.Unlock()
		if !found {
			http.NotFound(w, r)
			return true
		}
		sum := sha256.Sum256(b)
		w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
		w.Header().Set("Content-Type", "application/pdf")
		http.ServeContent(w, r, name, fixedTime, bytes.NewReader(b))
		return true
	})
	return set
}

func syncedWithFiles(t *testing.T, n int) (*feedServer, *fileSet, *library.Library, app.Source, []genEntry) {
	t.Helper()
	srv := newFeedServer(t)
	files := serveFiles(srv)
	entries := genCatalogue(n, srv.URL)
	for i := range entries {
		b := pdfBytes(int64(i), 50000+i*1000)
		entries[i].size = int64(len(b))
		files.set(fmt.Sprintf("%d.pdf", i), b)
	}
	l := newLibrary(t)
	src := addSource(t, l, servePaged(srv, entries, 10))
	syncOK(t, l, src)
	return srv, files, l, src, entries
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestDownloadRecordsVerifiedFiles(t *testing.T) {
	_, files, l, _, _ := syncedWithFiles(t, 3)
	ctx := context.Background()
	var mu sync.Mutex
	progress := map[int64]int64{}
	res, err := l.Download(ctx, []int64{1, 2, 3}, app.DownloadOptions{Pin: true, Progress: func(p app.DownloadProgress) {
		mu.Lock()
		progress[p.Document.ID] = p.Done
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		want := files.files[fmt.Sprintf("%d.pdf", i)]
		if r.File == nil || r.File.SHA256 != sha(want) || r.File.Size != int64(len(want)) || !r.File.Pinned {
			t.Fatalf("result %d = %+v", i, r.File)
		}
		got, err := os.ReadFile(filepath.Join(dataDirOf(t, l), r.File.Path))
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("file %d differs from the served bytes (%v)", i, err)
		}
		if !strings.HasPrefix(r.File.Path, "files/"+fmt.Sprint(r.Document.ID)+"-") {
			t.Errorf("path %q is not built from the document id", r.File.Path)
		}
		if progress[r.Document.ID] != int64(len(want)) {
			t.Errorf("progress of %d ended at %d", r.Document.ID, progress[r.Document.ID])
		}
	}
	offline, _ := l.Documents(ctx, app.Filter{Offline: true})
	if len(offline) != 3 {
		t.Fatalf("%d offline documents", len(offline))
	}
	// Again: nothing is fetched.
	res, err = l.Download(ctx, []int64{1}, app.DownloadOptions{})
	if err != nil || res[0].Skipped == "" {
		t.Fatalf("second download = %+v, %v", res[0], err)
	}
}

func TestDownloadRefusesHTMLAndMarksNothing(t *testing.T) {
	_, files, l, _, _ := syncedWithFiles(t, 1)
	files.set("0.pdf", []byte("<!DOCTYPE html><html><body>Please log in</body></html>"))
	_, err := l.Download(context.Background(), []int64{1}, app.DownloadOptions{})
	if err == nil || !strings.Contains(err.Error(), "HTML") {
		t.Fatalf("err = %v", err)
	}
	d, _ := l.Document(context.Background(), 1)
	if d.File != nil {
		t.Fatal("an HTML page was recorded as the document's file")
	}
	if parts, _ := filepath.Glob(filepath.Join(dataDirOf(t, l), "files", "*")); len(parts) != 0 {
		t.Fatalf("left behind: %v", parts)
	}
}

func TestDownloadNewVersionKeepsUserData(t *testing.T) {
	srv, files, l, src, entries := syncedWithFiles(t, 2)
	ctx := context.Background()
	res, err := l.Download(ctx, []int64{1}, app.DownloadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	oldPath := filepath.Join(dataDirOf(t, l), res[0].File.Path)
	addNote(t, l, 1)

	v2 := pdfBytes(99, 70000)
	files.set("0.pdf", v2)
	entries[0].size = int64(len(v2))
	entries[0].updated = "2026-03-01T00:00:00Z"
	servePaged(srv, entries, 10)
	syncOK(t, l, src)
	d, _ := l.Document(ctx, 1)
	if !d.UpdateAvailable || d.File == nil {
		t.Fatalf("after the upstream change: update=%v file=%v", d.UpdateAvailable, d.File)
	}
	res, err = l.Download(ctx, []int64{1}, app.DownloadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d, _ = l.Document(ctx, 1)
	if d.UpdateAvailable || d.File.SHA256 != sha(v2) {
		t.Fatalf("after the update: %+v", d.File)
	}
	if _, err := os.Stat(oldPath); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("old version still on disk: %v", err)
	}
	if n := countNotes(t, l, 1); n != 1 {
		t.Fatalf("notes after the update: %d", n)
	}
	// Removing the file keeps the entry and the note.
	if err := l.Remove(ctx, []int64{1}); err != nil {
		t.Fatal(err)
	}
	d, err = l.Document(ctx, 1)
	if err != nil || d.File != nil || countNotes(t, l, 1) != 1 {
		t.Fatalf("after remove: %+v %v", d.File, err)
	}
}

func TestCacheLimitEvictsLeastRecentlyOpened(t *testing.T) {
	_, _, l, _, _ := syncedWithFiles(t, 4)
	ctx := context.Background()
	if _, err := l.Download(ctx, []int64{1, 2, 3, 4}, app.DownloadOptions{}); err != nil {
		t.Fatal(err)
	}
	st := l.Store()
	// Document 1 has a note, 2 is pinned, 4 was opened recently, 3 was opened long ago.
	addNote(t, l, 1)
	if err := l.Pin(ctx, 2, true); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, st.Path())
	db.Exec(`UPDATE files SET last_opened_at = '2026-01-01T00:00:00.000Z' WHERE document_id = 3`)
	db.Exec(`UPDATE files SET last_opened_at = '2026-06-01T00:00:00.000Z' WHERE document_id = 4`)
	// Room for three files: only 3 has to go.
	if err := l.SetSetting(ctx, app.SettingCacheLimit, "160KB"); err != nil {
		t.Fatal(err)
	}
	r, err := l.Storage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var left []int64
	for _, f := range r.Files {
		left = append(left, f.File.DocumentID)
	}
	sort.Slice(left, func(i, j int) bool { return left[i] < left[j] })
	if fmt.Sprint(left) != "[1 2 4]" || r.Limit != 160000 {
		t.Fatalf("files left %v (limit %d), want 3 evicted", left, r.Limit)
	}
	// A limit nothing can meet removes every unprotected file and no other.
	if err := l.SetSetting(ctx, app.SettingCacheLimit, "1KB"); err != nil {
		t.Fatal(err)
	}
	r, _ = l.Storage(ctx)
	if len(r.Files) != 2 {
		t.Fatalf("%d files left, want the noted and the pinned one", len(r.Files))
	}
}

// addNote stores a note on a document the way the annotation code will.
func addNote(t *testing.T, l *library.Library, id int64) {
	t.Helper()
	if _, err := rawDB(t, l.Store().Path()).Exec(`INSERT INTO notes (uid, document_id, source_url, entry_key, body, created_at, updated_at)
		VALUES (?, ?, 'x', 'y', 'remember page 3', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
		fmt.Sprintf("note-%d", id), id); err != nil {
		t.Fatal(err)
	}
}

func countNotes(t *testing.T, l *library.Library, id int64) int {
	t.Helper()
	var n int
	if err := rawDB(t, l.Store().Path()).QueryRow(`SELECT count(*) FROM notes WHERE document_id = ?`, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func dataDirOf(t *testing.T, l *library.Library) string {
	t.Helper()
	return filepath.Dir(l.Store().Path())
}

// fixedTime is the Last-Modified of served files.
var fixedTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

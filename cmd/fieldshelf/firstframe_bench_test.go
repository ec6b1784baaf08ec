package main_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"fieldshelf/app"
	"fieldshelf/storage"
)

// BenchmarkFirstFrame measures the desktop application's start: from
// starting the process to its first painted frame, with the library window
// listing a 100,000-entry library (fieldshelf) and with an empty window
// over the same data directory (baseline: what the process, Fyne and the
// window cost before the library shows anything). It needs an X display:
// $DISPLAY, or an Xvfb it starts itself.
func BenchmarkFirstFrame(b *testing.B) {
	display := xDisplay(b)
	data := bigLibrary(b)
	for _, v := range []struct{ name, mode string }{{"fieldshelf", "library"}, {"baseline", "empty"}} {
		b.Run(v.name, func(b *testing.B) {
			var total, inProcess time.Duration
			for i := 0; i < b.N; i++ {
				wall, reported := firstFrame(b, display, data, v.mode)
				total += wall
				inProcess += reported
			}
			b.ReportMetric(float64(total.Nanoseconds())/float64(b.N), "ns/op")
			b.ReportMetric(float64(inProcess.Microseconds())/float64(b.N)/1000, "ms-after-init/op")
		})
	}
}

// firstFrame runs the binary once in a FIELDSHELF_FIRST_FRAME mode and
// returns the time from starting it to its "first-frame" line, and the
// time the process itself reported (from its package initialisation).
func firstFrame(b *testing.B, display, data, mode string) (wall, reported time.Duration) {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--data", data)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8", "LC_ALL=en_US.UTF-8",
		"FIELDSHELF_FIRST_FRAME="+mode)
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if us, ok := strings.CutPrefix(sc.Text(), "first-frame "); ok {
			wall = time.Since(start)
			n, _ := strconv.ParseInt(strings.TrimSpace(us), 10, 64)
			reported = time.Duration(n) * time.Microsecond
		}
	}
	if err := cmd.Wait(); err != nil || wall == 0 {
		b.Fatalf("fieldshelf (%s mode) did not report its first frame: %v\n%s", mode, err, stderr.String())
	}
	return wall, reported
}

// xDisplay returns an X display to run the application on: $DISPLAY, else
// an Xvfb started for the benchmark and stopped when it ends. It skips the
// benchmark when there is neither.
func xDisplay(b *testing.B) string {
	b.Helper()
	if d := os.Getenv("DISPLAY"); d != "" {
		return d
	}
	if _, err := exec.LookPath("Xvfb"); err != nil {
		b.Skip("BenchmarkFirstFrame needs an X display: set DISPLAY, or put Xvfb on PATH (make bench installs it)")
	}
	return startXvfb(b, "BenchmarkFirstFrame", "1280x800x24", 90)
}

// startXvfb starts an Xvfb of the given screen (WxHxDepth) on the first
// free display of the twenty from first, stopped when the benchmark ends,
// and returns its name. It skips the benchmark, saying so in what's name,
// when none starts.
func startXvfb(b *testing.B, what, screen string, first int) string {
	b.Helper()
	for n := first; n < first+20; n++ {
		sock := fmt.Sprintf("/tmp/.X11-unix/X%d", n)
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue // taken
		}
		d := fmt.Sprintf(":%d", n)
		cmd := exec.Command("Xvfb", d, "-screen", "0", screen, "-nolisten", "tcp")
		if err := cmd.Start(); err != nil {
			b.Skipf("%s needs an X display: start Xvfb: %v", what, err)
		}
		// SIGTERM lets Xvfb remove its lock and socket.
		stop := func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }
		for i := 0; i < 100; i++ { // polling another process, not the UI
			if _, err := os.Stat(sock); err == nil {
				b.Cleanup(stop)
				return d
			}
			time.Sleep(50 * time.Millisecond)
		}
		stop()
	}
	b.Skipf("%s needs an X display: Xvfb did not start on :%d to :%d", what, first, first+19)
	return ""
}

var big struct {
	once sync.Once
	dir  string
	err  error
}

// bigLibrary returns a data directory holding a library of 100,000
// generated documents, built through storage's bulk sync path. It is kept
// in the temporary folder between runs, named after the schema's
// migrations so that a new migration builds a new one.
func bigLibrary(b *testing.B) string {
	b.Helper()
	big.once.Do(func() {
		names, _ := filepath.Glob(filepath.Join("..", "..", "storage", "migrations", "*.sql"))
		h := sha256.Sum256([]byte(strings.Join(names, "\n")))
		big.dir = filepath.Join(os.TempDir(), fmt.Sprintf("fieldshelf-bench-100k-%x", h[:4]))
		done := filepath.Join(big.dir, "complete")
		if _, err := os.Stat(done); err == nil {
			return
		}
		os.RemoveAll(big.dir)
		if big.err = os.MkdirAll(big.dir, 0o700); big.err != nil {
			return
		}
		if big.err = fillLibrary(filepath.Join(big.dir, "library.db"), 100000); big.err == nil {
			big.err = os.WriteFile(done, nil, 0o600)
		}
	})
	if big.err != nil {
		b.Fatal(big.err)
	}
	return big.dir
}

// fillLibrary writes n documents with varied titles, years, publishers
// and regions into a new library at path.
func fillLibrary(path string, n int) error {
	ctx := context.Background()
	s, err := storage.Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	src, err := s.AddSource(ctx, app.Source{URL: "http://bench.test/feed", Name: "Bench catalogue"})
	if err != nil {
		return err
	}
	words := []string{"trafficking", "labour", "migration", "protection", "survivors", "shelter", "referral",
		"identification", "children", "recruitment", "debt", "border", "casework", "evidence", "finance"}
	regions := []string{"Global", "Asia", "Europe", "Africa", "Americas"}
	batch := storage.SyncBatch{Complete: true}
	for i := 0; i < n; i++ {
		w := func(k int) string { return words[(i*7+k*13+i/len(words))%len(words)] }
		e := app.Entry{ID: fmt.Sprintf("urn:bench:%d", i), Title: fmt.Sprintf("Handbook %d on %s and %s", i, w(1), w(2)),
			Summary:   fmt.Sprintf("Field guidance on %s and %s for caseworkers.", w(3), w(4)),
			Publisher: fmt.Sprintf("Publisher %d", i%60), Year: 1990 + i%36,
			Tags:  []app.Tag{{Term: regions[i%5], Label: regions[i%5], Kind: app.TagRegion}},
			Links: []app.Link{{Href: fmt.Sprintf("http://bench.test/%d.pdf", i), Type: "application/pdf"}}}
		batch.Entries = append(batch.Entries, storage.SyncEntry{Key: e.ID, Page: "p", Entry: e})
	}
	stage, err := s.BeginStage(ctx, src.ID)
	if err != nil {
		return err
	}
	defer stage.Close()
	if err := stage.Add(ctx, batch.Entries); err != nil {
		return err
	}
	_, err = stage.Apply(ctx, batch)
	return err
}

package main_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"fieldshelf/app/pdf"
	"fieldshelf/app/pdf/pdftest"
)

// BenchmarkReadingMemory measures the memory of the real desktop
// application while a person reads the benchmark PDF (FIELDSHELF_BENCH_PDF;
// make bench fetches the 1,321-page pgfmanual.pdf) on a 1366x768 screen:
// opened with `fieldshelf --data D file.pdf`, 150 page turns with the
// Right key one page at a time, then Ctrl+L and 100 more in the scrolling
// column, keys sent with xdotool. It reports the peak resident memory of
// the application and its PDF worker together (sampled every 50 ms from
// the start, so the new file's background indexing counts) after the
// page-at-a-time turns (page-peak-MB) and after the scrolling ones
// (scroll-peak-MB), and each process's own peak (app-hwm-MB, worker-hwm-MB).
// The baseline runs the same binary with FIELDSHELF_MEMORY=baseline: the
// page cache and collector settings Fieldshelf had before (40% of the
// memory available up to 512 MiB, GOGC=100); FIELDSHELF_BENCH_BASELINE_BIN
// names another binary to run as the baseline instead (one built from an
// older commit, say).
func BenchmarkReadingMemory(b *testing.B) {
	pdfPath := os.Getenv("FIELDSHELF_BENCH_PDF")
	if pdfPath == "" {
		b.Skip("FIELDSHELF_BENCH_PDF is not set: make bench fetches pgfmanual.pdf (.ci/bench-data.sh)")
	}
	if _, err := exec.LookPath("xdotool"); err != nil {
		b.Skip("BenchmarkReadingMemory sends keys with xdotool: install it (make bench does)")
	}
	display := screenDisplay(b, "1366x768x24")
	baseline := bin
	if old := os.Getenv("FIELDSHELF_BENCH_BASELINE_BIN"); old != "" {
		baseline = old
	}
	for _, v := range []struct{ name, bin, memory string }{{"baseline", baseline, "baseline"}, {"fieldshelf", bin, ""}} {
		b.Run(v.name, func(b *testing.B) {
			var m readingPeaks
			for i := 0; i < b.N; i++ {
				r := readThrough(b, display, v.bin, pdfPath, v.memory)
				m.page += r.page
				m.scroll += r.scroll
				m.app += r.app
				m.worker += r.worker
			}
			n := float64(b.N)
			b.ReportMetric(m.page/n, "page-peak-MB")
			b.ReportMetric(m.scroll/n, "scroll-peak-MB")
			b.ReportMetric(m.app/n, "app-hwm-MB")
			b.ReportMetric(m.worker/n, "worker-hwm-MB")
		})
	}
}

// Reading pace: the Right key every turnEvery, after the window has shown
// the document for settleTime.
const (
	pageTurns   = 150
	scrollTurns = 100
	turnEvery   = 120 * time.Millisecond
	settleTime  = 4 * time.Second
)

// readingPeaks are peak resident sizes in MB.
type readingPeaks struct{ page, scroll, app, worker float64 }

// readThrough runs the application once on a fresh data directory, pages
// through the PDF and returns the peaks.
func readThrough(b *testing.B, display, exe, pdfPath, memory string) readingPeaks {
	b.Helper()
	data := b.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, "--data", data, pdfPath)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8", "LC_ALL=en_US.UTF-8",
		"XDG_CONFIG_HOME="+filepath.Join(data, "config"), "FIELDSHELF_MEMORY="+memory)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}()
	s := watchRSS(cmd.Process.Pid)
	defer s.stop()
	xdo := func(args ...string) *exec.Cmd {
		c := exec.CommandContext(ctx, "xdotool", args...)
		c.Env = append(os.Environ(), "DISPLAY="+display)
		return c
	}
	out, err := xdo("search", "--sync", "--name", "Fieldshelf").Output()
	win := strings.Fields(string(out))
	if err != nil || len(win) == 0 {
		b.Fatalf("the application's window did not appear: %v\n%s", err, stderr.String())
	}
	key := func(k string) {
		if out, err := xdo("key", "--window", win[0], k).CombinedOutput(); err != nil {
			b.Fatalf("xdotool key %s: %v: %s", k, err, out)
		}
	}
	time.Sleep(settleTime) // the document opens, its first pages render, indexing starts
	xdo("windowfocus", "--sync", win[0]).Run()
	for i := 0; i < pageTurns; i++ {
		key("Right")
		time.Sleep(turnEvery)
	}
	var r readingPeaks
	r.page = s.peak()
	key("ctrl+l")
	for i := 0; i < scrollTurns; i++ {
		key("Right")
		time.Sleep(turnEvery)
	}
	r.scroll = s.peak()
	r.app, r.worker = s.hwm()
	if s.workerPID() == 0 {
		b.Fatalf("the application started no PDF worker: the document did not open\n%s", stderr.String())
	}
	return r
}

// rssWatch samples the resident memory of a process and its PDF worker.
type rssWatch struct {
	pid  int
	done chan struct{}
	wg   sync.WaitGroup

	mu     sync.Mutex
	worker int
	sum    float64 // the highest app+worker seen, MB
}

func watchRSS(pid int) *rssWatch {
	w := &rssWatch{pid: pid, done: make(chan struct{})}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-w.done:
				return
			case <-t.C:
				w.sample()
			}
		}
	}()
	return w
}

func (w *rssWatch) sample() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.worker == 0 || procMB(w.worker, "VmRSS:") == 0 { // not started yet, or started again
		w.worker = workerOf(w.pid)
	}
	sum := procMB(w.pid, "VmRSS:")
	if w.worker != 0 {
		sum += procMB(w.worker, "VmRSS:")
	}
	w.sum = max(w.sum, sum)
}

// peak returns the highest app+worker resident size so far, in MB.
func (w *rssWatch) peak() float64 {
	w.sample()
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.sum
}

// hwm returns each process's own peak resident size (VmHWM), in MB.
func (w *rssWatch) hwm() (app, worker float64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return procMB(w.pid, "VmHWM:"), procMB(w.worker, "VmHWM:")
}

func (w *rssWatch) workerPID() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.worker
}

func (w *rssWatch) stop() { close(w.done); w.wg.Wait() }

// procMB returns a size field of /proc/pid/status in MB; 0 for no process
// (pid 0) or one that is gone.
func procMB(pid int, field string) float64 {
	if pid == 0 {
		return 0
	}
	return pdftest.StatusMB(pid, field)
}

// workerOf returns the pid of the PDF worker that process pid started, 0
// when there is none (yet). The application may run other programs for a
// moment; the worker is the child with the worker's argument.
func workerOf(pid int) int {
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces, so cut after ")".
		s := string(stat)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 2 || f[1] != strconv.Itoa(pid) {
			continue
		}
		if args, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline")); err == nil &&
			strings.Contains(string(args), "\x00"+pdf.WorkerArg) {
			return child
		}
	}
	return 0
}

// screenDisplay returns an X display of the given screen (WxHxDepth):
// $FIELDSHELF_BENCH_DISPLAY when set (a display of that size), else an
// Xvfb started for the benchmark and stopped when it ends, else $DISPLAY
// whatever its size. It skips the benchmark when there is none.
func screenDisplay(b *testing.B, screen string) string {
	b.Helper()
	if d := os.Getenv("FIELDSHELF_BENCH_DISPLAY"); d != "" {
		return d
	}
	if _, err := exec.LookPath("Xvfb"); err != nil {
		if d := os.Getenv("DISPLAY"); d != "" {
			return d
		}
		b.Skip("this benchmark needs an X display: put Xvfb on PATH (make bench installs it) or set DISPLAY")
	}
	return startXvfb(b, "this benchmark", screen, 110)
}

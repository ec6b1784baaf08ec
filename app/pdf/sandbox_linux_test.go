package pdf

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"fieldshelf/app/pdf/pdftest"
)

// probe asks the engine's worker what confines it and to try what it may
// not do.
func probe(t *testing.T, e *Engine, targets probeTargets) *probeReport {
	t.Helper()
	p, err := e.running()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := e.call(testCtx(t), p, request{Op: opProbe, Probe: targets}, e.opts.Timeouts.Small, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Probe == nil {
		t.Fatal("the worker answered the probe without a report")
	}
	return resp.Probe
}

// TestWorkerSandbox runs a real worker and has it try to make a socket,
// connect, bind, start a process, read a file outside the font folders
// (the open document's own path among them) and write a file: each fails
// with EPERM (seccomp) or EACCES (Landlock), on every thread. The same
// worker then still renders, extracts text, searches and reads the
// outline of the document it got as a descriptor.
func TestWorkerSandbox(t *testing.T) {
	e := newEngine(t, Timeouts{})
	d := openSample(t, e)
	dir := t.TempDir()
	tcp, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer tcp.Close()
	sock, err := net.Listen("unix", filepath.Join(dir, "s.sock"))
	if err != nil {
		t.Fatal(err)
	}
	defer sock.Close()
	rep := probe(t, e, probeTargets{Read: d.Path(), WriteDir: dir, TCP: tcp.Addr().String(), Unix: sock.Addr().String()})
	st := rep.Status
	t.Logf("sandbox: %+v", st)
	if !st.Seccomp {
		t.Fatalf("no seccomp filter in the worker: %s", st.Err)
	}
	want := map[string]syscall.Errno{"socket": syscall.EPERM, "connect": syscall.EPERM, "bind": syscall.EPERM,
		"dial tcp": syscall.EPERM, "dial unix": syscall.EPERM, "execve": syscall.EPERM, "fork": syscall.EPERM,
		"signal the application": syscall.EPERM, "read": syscall.EACCES, "write": syscall.EACCES}
	if st.Landlock == 0 {
		t.Logf("this kernel has no Landlock: reads and writes are not checked")
		delete(want, "read")
		delete(want, "write")
	} else if st.Threads != 1 || st.Err != "" {
		t.Fatalf("Landlock entered with %d threads (%q), want 1 thread and no error", st.Threads, st.Err)
	}
	for _, r := range rep.Results {
		t.Logf("%s: %s", r.Name, r.Err)
		if strings.HasPrefix(r.Name, "read on") {
			if st.Landlock != 0 && syscall.Errno(r.Errno) != syscall.EACCES {
				t.Errorf("%s: errno %d (%s), want EACCES on every thread", r.Name, r.Errno, r.Err)
			}
			continue
		}
		w, ok := want[r.Name]
		if !ok {
			continue
		}
		delete(want, r.Name)
		if syscall.Errno(r.Errno) != w {
			t.Errorf("%s: errno %d (%q), want %v", r.Name, r.Errno, r.Err, w)
		}
	}
	if len(want) > 0 {
		t.Errorf("probes not run: %v", want)
	}
	// The worker's list of fonts is fontconfig's, as this process took it
	// when it started the worker.
	appFontList.once.Do(func() {}) // taken already: this orders its writes before the reads
	if list := appFontList.out; appFontList.err == nil && list != "" {
		if rep.FontList != len(list) || rep.Fonts == 0 {
			t.Errorf("the worker read %d bytes of font list and knows %d faces, want fontconfig's %d bytes",
				rep.FontList, rep.Fonts, len(list))
		}
	} else {
		t.Logf("no fontconfig here (%v): the worker read the font folders: %d faces", appFontList.err, rep.Fonts)
	}
	if _, err := os.Stat(filepath.Join(dir, "fieldshelf-probe")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the worker wrote a file: %v", err)
	}
	checkSampleWorks(t, d)
	if e.Starts() != 1 {
		t.Fatalf("Starts=%d, want 1: the probed worker served the document", e.Starts())
	}
}

// TestDocumentDescriptorsClosed opens and closes documents in one worker,
// a broken one among them: neither the worker nor the application keeps a
// descriptor of any.
func TestDocumentDescriptorsClosed(t *testing.T) {
	e := newEngine(t, Timeouts{})
	sample := pdftest.WriteFile(t, "sample.pdf", pdftest.Sample())
	broken := pdftest.WriteFile(t, "broken.pdf", pdftest.Garbage())
	ctx := testCtx(t)
	cycle := func() {
		d, err := e.Open(ctx, sample, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Open(ctx, broken, ""); !errors.Is(err, ErrBroken) {
			t.Fatalf("Open(broken)=%v, want ErrBroken", err)
		}
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
	}
	cycle() // the worker's first document starts it and settles its descriptors
	before, appBefore := probe(t, e, probeTargets{}).OpenFDs, appFDs(t)
	for range 20 {
		cycle()
	}
	after, appAfter := probe(t, e, probeTargets{}).OpenFDs, appFDs(t)
	if after != before || appAfter != appBefore {
		t.Fatalf("descriptors: worker %d then %d, application %d then %d, want no change", before, after, appBefore, appAfter)
	}
	if e.Starts() != 1 {
		t.Fatalf("Starts=%d, want 1", e.Starts())
	}
}

// appFDs counts this process's open descriptors.
func appFDs(t *testing.T) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(fds)
}

// checkSampleWorks renders, reads, searches and outlines the sample.
func checkSampleWorks(t *testing.T, d *Doc) {
	t.Helper()
	ctx := testCtx(t)
	img, err := d.Render(ctx, 1, RenderOptions{Width: 200})
	if err != nil || img.Bounds().Dx() != 200 {
		t.Fatalf("Render: %v, want a page 200 pixels wide", err)
	}
	if text, err := d.Text(ctx, 1); err != nil || !strings.Contains(text, "Fieldshelf sample") {
		t.Fatalf("Text=%q, %v, want the sample's title", text, err)
	}
	if hits, err := d.Search(ctx, "trafficking"); err != nil || len(hits) == 0 {
		t.Fatalf("Search=%v, %v, want a hit", hits, err)
	}
	if heads, err := d.Outline(ctx); err != nil || len(heads) != 2 {
		t.Fatalf("Outline=%+v, %v, want two chapters", heads, err)
	}
}

// TestWorkerSeccompAlone runs the worker as on a kernel without Landlock:
// the seccomp filter alone still refuses sockets, programs and signals to
// other processes (which Landlock 6 refuses too), and the worker, which
// could read the document by its path, still gets it as a descriptor.
func TestWorkerSeccompAlone(t *testing.T) {
	e := newEngine(t, Timeouts{}, sandboxEnv+"=no-landlock")
	d := openSample(t, e)
	rep := probe(t, e, probeTargets{Read: d.Path(), WriteDir: t.TempDir()})
	if !rep.Status.Seccomp || rep.Status.Landlock != 0 {
		t.Fatalf("sandbox %+v, want seccomp alone", rep.Status)
	}
	want := map[string]syscall.Errno{"socket": syscall.EPERM, "connect": syscall.EPERM, "bind": syscall.EPERM,
		"execve": syscall.EPERM, "fork": syscall.EPERM, "signal the application": syscall.EPERM,
		"read": 0, "write": 0}
	for _, r := range rep.Results {
		if w, ok := want[r.Name]; ok && syscall.Errno(r.Errno) != w {
			t.Errorf("%s: errno %d (%q), want %d", r.Name, r.Errno, r.Err, w)
		}
	}
	if appFontList.once.Do(func() {}); appFontList.err == nil && rep.FontList != len(appFontList.out) {
		t.Errorf("the worker read %d bytes of font list, want the %d this process sent", rep.FontList, len(appFontList.out))
	}
	checkSampleWorks(t, d)
}

// TestWorkerSandboxOff is the benchmarks' baseline: with the sandbox
// switched off in the worker's environment, the worker is not confined,
// and documents still come as descriptors.
func TestWorkerSandboxOff(t *testing.T) {
	e := newEngine(t, Timeouts{}, sandboxEnv+"=off")
	d := openSample(t, e)
	rep := probe(t, e, probeTargets{Read: d.Path(), WriteDir: t.TempDir()})
	if rep.Status.Seccomp || rep.Status.Landlock != 0 {
		t.Fatalf("sandbox %+v, want none", rep.Status)
	}
	// What the same probes give unconfined: they test the sandbox, not
	// their own mistakes.
	want := map[string]syscall.Errno{"socket": 0, "read": 0, "write": 0,
		"connect": syscall.ENOTSOCK, "bind": syscall.ENOTSOCK, "execve": syscall.ENOENT, "fork": syscall.ENOENT,
		"signal the application": 0}
	for _, r := range rep.Results {
		if w, ok := want[r.Name]; ok && syscall.Errno(r.Errno) != w {
			t.Errorf("unsandboxed %s: errno %d (%q), want %d", r.Name, r.Errno, r.Err, w)
		}
	}
	checkSampleWorks(t, d)
}

// BenchmarkWorkerSandbox is what the sandbox costs a worker's start:
// start the worker, open the sample and draw its first page at 150 DPI
// (fieldshelf), against the same with the sandbox switched off
// (baseline).
func BenchmarkWorkerSandbox(b *testing.B) {
	benchColdFirstPage(b, pdftest.WriteFile(b, "sample.pdf", pdftest.Sample()))
}

// BenchmarkWorkerSandboxFonts is the same with a page whose font is not
// embedded, so that the worker lists the computer's fonts before it draws:
// fontconfig's list unconfined (baseline), the font folders read by the
// sandboxed worker (fieldshelf), which may not start fc-list.
func BenchmarkWorkerSandboxFonts(b *testing.B) {
	benchColdFirstPage(b, pdftest.WriteFile(b, "cjk.pdf", pdftest.CJKNonEmbedded("中文字体测试", "STSong-Light", "GB1", "UniGB-UCS2-H")))
}

func benchColdFirstPage(b *testing.B, path string) {
	ctx := context.Background()
	run := func(env ...string) func(b *testing.B) {
		return func(b *testing.B) {
			for b.Loop() {
				e := newEngine(b, Timeouts{}, env...)
				d, err := e.Open(ctx, path, "")
				if err != nil {
					b.Fatal(err)
				}
				if _, err := d.Render(ctx, 1, RenderOptions{DPI: 150}); err != nil {
					b.Fatal(err)
				}
				e.Close()
			}
		}
	}
	b.Run("baseline", run(sandboxEnv+"=off"))
	b.Run("fieldshelf", run())
}

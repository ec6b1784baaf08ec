package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"fieldshelf/app"
	"fieldshelf/app/library"
	"fieldshelf/app/pdf"
	"fieldshelf/app/ui"
	"fieldshelf/assets"
)

// appID is the application's ID, as in FyneApp.toml.
const appID = "org.fieldshelf.reader"

// firstFrameEnv makes the GUI exit once its first frame with rows is
// painted, printing the time since the process started: "library" with
// the library window, "empty" with an empty window (the baseline). The
// startup benchmark sets it.
const firstFrameEnv = "FIELDSHELF_FIRST_FRAME"

// processStart is when the process started, near enough: package
// initialisation runs before main.
var processStart = time.Now()

// runGUI opens the desktop application on the library in the data
// directory and returns when its window closes. file, when set, is a PDF
// to add to the library and open at once.
func runGUI(ctx context.Context, e *env, file string) error {
	// The engine is made once, before anything runs in parallel: the
	// reader and the library (re-anchoring and indexing new files) share
	// it. Its worker process starts with the first document opened.
	eng, err := e.pdfEngine()
	if err != nil {
		return err
	}
	// New files (a download, the demo's user guide on the first start)
	// are indexed by the library's background indexer, which the UI
	// starts once the window is up, not before the download or the start
	// returns; the daily upkeep waits for the window too.
	lib, err := e.open(ctx, library.Options{OpenText: e.openText, IndexInBackground: true, Passwords: systemKeyring{}})
	if err != nil {
		return err
	}
	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow("Fieldshelf")
	w.Resize(fyne.NewSize(1180, 760))
	mem := guiMemorySettings()
	setGUIMemoryLimit(mem.heapLimit, mem.gcPercent)
	cfg := ui.Config{Library: lib, Opener: pdfOpener(lib, eng), Covers: pdfCovers{lib, eng}, Reachable: reachable,
		SyncOnStart: true, RenderCacheBytes: mem.cacheBytes, RenderCachePages: mem.cachePages,
		BeforeClose: func() { rememberPlace(a, w) },
		Sharing:     &guiSharing{lib: lib, open: pdfPublishOpener(func() (*pdf.Engine, error) { return eng, nil })}}
	mode := os.Getenv(firstFrameEnv)
	if mode != "" {
		cfg.SyncOnStart = false
		cfg.OnFirstRows = func() { exitAfterPaint(w) }
	}
	if mode == "empty" {
		w.SetContent(fyne.NewContainer())
		a.Lifecycle().SetOnStarted(func() { fyne.Do(func() { exitAfterPaint(w) }) })
		w.ShowAndRun()
		return nil
	}
	u := ui.New(a, w, cfg)
	upkept := make(chan struct{})
	a.Lifecycle().SetOnStarted(func() {
		placeWindow(a, w)
		u.Start()
		go func() { // today's backup and the trash, off the UI goroutine
			defer close(upkept)
			if mode == "" && !e.readOnly() { // not while the startup benchmark measures
				e.upkeep(ctx)
			}
		}()
		if e.readOnly() {
			fyne.Do(func() {
				dialog.ShowInformation(lang.L("Read-only library"),
					lang.L("This library's folder cannot be written (it is read-only, or the disk is full).")+"\n"+
						lang.L("You can read, but changes cannot be saved."), w)
			})
		}
		if file != "" {
			u.OpenWith(func(ctx context.Context) (app.Document, error) { return addLocalFile(ctx, lib, eng, file) })
		}
	})
	w.ShowAndRun()
	u.Close() // indexing resumes where it stopped when the file is queued again
	wait := time.After(30 * time.Second)
	for _, done := range []<-chan struct{}{upkept, u.Indexed()} { // before the store closes
		select {
		case <-done:
		case <-wait:
		}
	}
	return nil
}

// The library is the screens' use cases.
var _ ui.Library = (*library.Library)(nil)

// memoryEnv set to "baseline" runs the GUI with the memory settings
// Fieldshelf had before its page cache followed what a reader needs: the
// memory benchmark's baseline (BenchmarkReadingMemory).
const memoryEnv = "FIELDSHELF_MEMORY"

// guiMemory is how much memory the GUI lets its parts keep.
type guiMemory struct {
	cacheBytes int64 // the reader's rendered pages, in bytes
	cachePages int   // and in pages (less than 0: no limit)
	heapLimit  int64 // the Go runtime's soft memory limit
	gcPercent  int   // the Go collector's GOGC
}

// guiHeadroom is the heap the GUI needs beside its render cache: Fyne's
// widgets, the library list's pages, cover thumbnails, a sync's batches
// and a download's buffers.
const guiHeadroom = 128 << 20

// guiGCPercent lets the Go heap grow by 15% of what is live before the
// collector runs (GOGC=15), not by all of it as by default: most of the
// GUI's allocations are pages of pixels (a few MiB each, one or two a page
// turn), so a heap of twice the live pages was 60 MB of garbage waiting.
// Pixels hold no pointers, so collecting more often costs little: a
// collection every other page turn, well under 1% of the CPU in
// BenchmarkReadingMemory.
const guiGCPercent = 15

// guiMemorySettings returns the reader's page cache of ui.DefaultCachePages
// pages within ui.DefaultCacheBytes and a soft memory limit of the cache
// plus guiHeadroom. With FIELDSHELF_MEMORY=baseline it returns what
// Fieldshelf used before: 40% of the memory available for the cache (up to
// 512 MiB, in as many pages as fit) and 256 MiB of headroom.
func guiMemorySettings() guiMemory {
	if os.Getenv(memoryEnv) == "baseline" {
		c := ui.MemoryCacheBytes()
		return guiMemory{cacheBytes: c, cachePages: -1, heapLimit: c + 256<<20, gcPercent: 100}
	}
	return guiMemory{cacheBytes: ui.DefaultCacheBytes, cachePages: ui.DefaultCachePages,
		heapLimit: ui.DefaultCacheBytes + guiHeadroom, gcPercent: guiGCPercent}
}

// setGUIMemoryLimit gives the Go runtime a soft memory limit, unless
// GOMEMLIMIT already set one, and the collector's percentage, unless GOGC
// did.
//
// The render cache holds its pages live for as long as the reader is
// open. With only GOGC=100 the collector lets the heap grow to twice the
// live heap before it runs, so evicted pages waited as garbage: a full
// 512 MiB cache meant about 1 GB of resident memory. A limit near what is
// really live makes the collector run sooner when the heap approaches it;
// it is a soft limit, so a process that truly needs more still gets it
// (the collector works harder, nothing fails).
func setGUIMemoryLimit(limit int64, gcPercent int) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(limit)
	}
}

// addLocalFile adds a PDF on this computer to the library, titled as its
// metadata says (else after its name).
func addLocalFile(ctx context.Context, lib *library.Library, eng *pdf.Engine, path string) (app.Document, error) {
	title := ""
	if doc, err := eng.Open(ctx, path, ""); err == nil {
		if m, err := doc.Metadata(ctx); err == nil {
			title = strings.TrimSpace(m.Title)
		}
		doc.Close()
	}
	return lib.AddLocalFile(ctx, path, title)
}

// isPDFFile reports whether arg names an existing file to open as a PDF:
// its name ends in .pdf, or its start holds the PDF signature.
func isPDFFile(arg string) bool {
	st, err := os.Stat(arg)
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	if strings.EqualFold(filepath.Ext(arg), ".pdf") {
		return true
	}
	f, err := os.Open(arg)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, app.PDFHeadLen)
	n, _ := io.ReadFull(f, head)
	return app.HasPDFSignature(head[:n])
}

// exitAfterPaint captures the window (which paints it and reads the frame
// back), prints the time since the process started and exits.
func exitAfterPaint(w fyne.Window) {
	w.Canvas().Capture()
	fmt.Printf("first-frame %d\n", time.Since(processStart).Microseconds())
	os.Exit(0)
}

// reachable reports whether any catalogue host answers a TCP connection:
// cheap enough to run every minute. file:// catalogues need no network and
// count as reachable.
func reachable(ctx context.Context, urls []string) bool {
	var d net.Dialer
	remote := false
	for _, raw := range urls {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			continue
		}
		remote = true
		port := u.Port()
		if port == "" {
			port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
		}
		c, err := d.DialContext(ctx, "tcp", net.JoinHostPort(u.Hostname(), port))
		if err == nil {
			c.Close()
			return true
		}
	}
	return !remote
}

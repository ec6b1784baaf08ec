// Package ui draws Fieldshelf's screens with Fyne: the library (search,
// filters, a paged list of the catalogue, a detail pane, sync and
// downloads), the reader and the annotations panel.
//
// The package never touches the database, the network or MuPDF: it calls
// the use cases through the Library interface it declares (which
// *library.Library satisfies), with the value types of package app, and
// renders pages through a PageSource. Every
// library call runs off the UI goroutine, and every widget change from
// background work goes through Threads.Do, so the window never freezes and
// tests can run everything inline.
package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"fieldshelf/app"
)

// Library is what the screens need of the library. *library.Library
// satisfies it; tests use a fake.
type Library interface {
	Documents(ctx context.Context, f app.Filter) ([]app.Document, error)
	CountDocuments(ctx context.Context, f app.Filter) (int, error)
	Document(ctx context.Context, id int64) (app.Document, error)
	SearchPublications(ctx context.Context, query string, limit int) ([]app.PublicationHit, error)
	PageHits(ctx context.Context, docID int64, query string, limit int) ([]app.SearchHit, int, error)
	Tags(ctx context.Context) ([]app.TagCount, error)
	Sync(ctx context.Context, ids []int64, progress func(app.SyncProgress)) (app.SyncStats, error)
	Sources(ctx context.Context) ([]app.Source, error)
	AddSource(ctx context.Context, src app.Source) (app.Source, error)
	UpdateSource(ctx context.Context, src app.Source) error
	// CheckSource reads a catalogue's address before it is added and says
	// what is there; password is the one typed, if any.
	CheckSource(ctx context.Context, src app.Source, password string) (app.SourceCheck, error)
	// SetSourcePassword keeps a typed password: in the system keyring, or
	// for the session when there is none.
	SetSourcePassword(ctx context.Context, id int64, password string) (app.PasswordKeeping, error)
	PasswordKept(ctx context.Context, id int64) (app.PasswordKeeping, error)
	HasKeyring() bool
	RemoveSource(ctx context.Context, id int64) error
	Download(ctx context.Context, ids []int64, o app.DownloadOptions) ([]app.DownloadResult, error)
	Remove(ctx context.Context, ids []int64) error
	Pin(ctx context.Context, id int64, pinned bool) error
	Opened(ctx context.Context, id int64) error
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
	DataDir() string
	// RunIndexer extracts the page text of new files in the background
	// until ctx ends; the UI runs it from Start.
	RunIndexer(ctx context.Context, report func(app.IndexProgress))
	Annotations
}

// Annotations is what the reader needs of the library for a document's
// bookmarks, notes, highlights and reading position.
type Annotations interface {
	Annotations(ctx context.Context, docID int64) ([]app.AnnotationItem, error)
	AddBookmark(ctx context.Context, docID int64, page int, label string) (app.Bookmark, error)
	AddNote(ctx context.Context, docID int64, page int, body string) (app.Note, error)
	AddHighlightRects(ctx context.Context, docID int64, page int, rects []app.Rect, quote, note, color string) (app.Highlight, error)
	EditAnnotation(ctx context.Context, kind app.AnnotationKind, id int64, text, color string) error
	RemoveAnnotation(ctx context.Context, kind app.AnnotationKind, id int64) error
	RestoreAnnotation(ctx context.Context, kind app.AnnotationKind, id int64) error
	ExportFile(ctx context.Context, docID int64, format app.ExportFormat, path string) (int, error)
	ImportFile(ctx context.Context, path string) (app.ImportReport, error)
	ReadingPosition(ctx context.Context, docID int64) (app.ReadingPosition, error)
	SetReadingPosition(ctx context.Context, docID int64, page int, zoom float64) error
	Layers
}

// Config is what the application hands the UI.
type Config struct {
	Library Library
	// Opener opens a cached document's pages for the reader.
	Opener Opener
	// Reachable reports whether the catalogue hosts answer; nil means
	// always online.
	Reachable func(ctx context.Context, urls []string) bool
	// Threads runs work off and on the UI goroutine; zero means the real
	// goroutines and fyne.Do.
	Threads Threads
	// SyncOnStart syncs the catalogues when the window opens (unless the
	// user turned auto-sync off).
	SyncOnStart bool
	// RenderCacheBytes bounds the reader's cache of rendered pages, in
	// bytes; 0 means DefaultCacheBytes.
	RenderCacheBytes int64
	// RenderCachePages bounds the reader's cache of rendered pages in
	// pages; 0 means DefaultCachePages, less than 0 no limit but the
	// bytes.
	RenderCachePages int
	// Covers draws the cover thumbnails of offline documents; nil shows
	// a coloured placeholder with the title's initials for every document.
	Covers Covers
	// BeforeClose is called on the UI goroutine when the user closes the
	// window, before it closes: the application keeps the window's place.
	BeforeClose func()
	// OnFirstRows is called once, on the UI goroutine, when the library
	// list first shows rows (or finds the library empty); the startup
	// benchmark uses it.
	OnFirstRows func()
	// Sharing publishes and serves catalogues to the people nearby; nil
	// hides the Share button.
	Sharing Sharing
}

// UI is the application window's content: the library screen and, while a
// document is open, the reader over it.
type UI struct {
	cfg   Config
	lib   Library
	app   fyne.App
	win   fyne.Window
	th    Threads
	ctx   context.Context
	stop  context.CancelFunc
	shelf *LibraryScreen
	share *sharePanel
	sync  *SyncBar
	dls   *Downloads
	read  *ReaderScreen
	root  *fyne.Container
	cover *coverLoader

	renderBytes int64         // the budget of a reader's page cache
	renderPages int           // and its most pages (0: no limit)
	indexed     chan struct{} // closed when the indexer has stopped
	modals      []*modal      // the dialogs open, the top one last
	openingFile bool          // a file given to open (OpenWith) wins over the one kept

	mods func() fyne.KeyModifier // the modifier keys held down (tests set them)
}

// New builds the UI in win, in the language chosen in the settings (the
// system's by default). Call Start once the window is shown.
func New(a fyne.App, win fyne.Window, cfg Config) *UI {
	ctx, stop := context.WithCancel(context.Background())
	u := &UI{cfg: cfg, lib: cfg.Library, app: a, win: win, th: cfg.Threads.orDefault(), ctx: ctx, stop: stop,
		renderBytes: cfg.RenderCacheBytes, renderPages: cfg.RenderCachePages, indexed: make(chan struct{}),
		mods: heldModifiers}
	if u.renderBytes <= 0 {
		u.renderBytes = DefaultCacheBytes
	}
	switch {
	case u.renderPages == 0:
		u.renderPages = DefaultCachePages
	case u.renderPages < 0:
		u.renderPages = 0
	}
	SetLanguage(a.Preferences().String(prefLanguage))
	applyTheme(a, a.Preferences().StringWithFallback(prefTheme, themeSystem))
	u.cover = newCoverLoader(u, cfg.Covers)
	u.dls = newDownloads(u)
	u.share = newSharePanel(u)
	u.sync = newSyncBar(u)
	u.shelf = newLibraryScreen(u)
	u.root = newStack(u.shelf.content)
	win.SetContent(u.root)
	u.bindKeys()
	u.restoreSize()
	win.SetCloseIntercept(func() {
		u.saveState()
		if cfg.BeforeClose != nil {
			cfg.BeforeClose()
		}
		win.Close()
	})
	a.Lifecycle().SetOnStopped(u.saveState) // also when the application is told to quit
	return u
}

// Start loads the library, starts the library's indexer of page text
// (whose progress shows in the status line) and, when configured, syncs
// and starts the reachability check. It returns at once.
func (u *UI) Start() {
	u.shelf.reload()
	u.th.Go(func() {
		defer close(u.indexed)
		u.lib.RunIndexer(u.ctx, u.ShowIndexing)
	})
	u.sync.start(u.cfg.SyncOnStart && u.app.Preferences().BoolWithFallback(prefAutoSync, true))
	u.shelf.whenListed(u.restoreDocument)
}

// OpenWith opens a document in the reader once load, run in the
// background, returns it: the application adds a file given on the command
// line to the library this way. An error shows in the status line.
func (u *UI) OpenWith(load func(ctx context.Context) (app.Document, error)) {
	u.openingFile = true
	var d app.Document
	var err error
	u.background(func() { d, err = load(u.ctx) }, func() {
		switch {
		case err != nil:
			u.showError(lang.L("open the file"), err)
		case u.ctx.Err() == nil:
			u.shelf.reload()
			u.shelf.detail.show(d) // where closing the reader comes back to
			u.openReader(d, 0, "")
		}
	})
}

// Close stops background work and sharing.
func (u *UI) Close() {
	u.stop()
	u.share.stop()
	u.dls.cancelAll()
	if u.read != nil {
		u.read.close()
	}
}

// Indexed returns a channel closed once the indexer started by Start has
// stopped (after Close): the application waits for it before it closes
// the library's store.
func (u *UI) Indexed() <-chan struct{} { return u.indexed }

// Library returns the library screen, for tests and the e2e harness.
func (u *UI) Library() *LibraryScreen { return u.shelf }

// Reader returns the open reader, nil when none is open.
func (u *UI) Reader() *ReaderScreen { return u.read }

// SyncBar returns the sync toolbar.
func (u *UI) SyncBar() *SyncBar { return u.sync }

// showError shows a non-blocking error in the status line: what could
// not be done (a verb phrase: "save the note"), in a sentence with the
// technical text behind Details. It goes when what succeeds (mended).
func (u *UI) showError(what string, err error) {
	u.sync.setError(what, err)
}

// report shows err as showError does, or takes away the error of what
// when err is nil (the work has succeeded this time); it reports whether
// err is nil.
func (u *UI) report(what string, err error) bool {
	if err != nil {
		u.showError(what, err)
		return false
	}
	u.sync.errs.mended(what)
	return true
}

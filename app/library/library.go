// Package library holds Fieldshelf's use cases: subscribing to catalogues,
// syncing them, listing and searching the library. Its functions are
// synchronous and take a context first; long ones report progress through
// a callback, never through UI types, so the CLI and the GUI share them.
package library

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	"fieldshelf/app"
	"fieldshelf/app/fetch"
	"fieldshelf/storage"
)

// Library is the application's library: a store, an HTTP client and the
// data directory that holds the cached files.
type Library struct {
	store   *storage.Store
	client  *fetch.Client
	dataDir string
	getenv  func(string) string
	limits  Limits
	open    TextOpener
	queue   *indexQueue // new files waiting for their page text; nil to index at once

	passwords PasswordStore    // the system keyring; nil when there is none
	session   sessionPasswords // passwords typed in while no keyring keeps them
}

// Options are how a library is set up. The zero value is a library that
// reads credentials from the environment, crawls within DefaultLimits,
// has no PDF engine and indexes a new file's page text before its
// download returns.
type Options struct {
	// Getenv looks up the credentials that a source's PasswordEnv names;
	// nil means os.Getenv.
	Getenv func(string) string
	// Limits bound a crawl; zero means DefaultLimits.
	Limits Limits
	// OpenText opens a cached PDF's text: the PDF engine. Without it, page
	// text indexing and re-anchoring annotations are not done.
	OpenText TextOpener
	// IndexInBackground queues the page text of new files for RunIndexer
	// (which the desktop application runs) instead of extracting it before
	// a download returns.
	IndexInBackground bool
	// Passwords keeps the catalogue passwords typed in the application:
	// the system keyring. nil keeps them in memory until the library is
	// dropped.
	Passwords PasswordStore
}

// Limits bound the crawl of one source.
type Limits struct {
	MaxDepth int // navigation levels followed below the source's URL
	MaxPages int // feed pages fetched in one sync
}

// DefaultLimits are generous enough for a catalogue of some 100,000 entries
// in pages of 50 to 100, and stop a crawl that wanders.
var DefaultLimits = Limits{MaxDepth: 5, MaxPages: 3000}

// New returns a library over an open store. dataDir is where cached files
// live.
func New(store *storage.Store, client *fetch.Client, dataDir string, o Options) *Library {
	l := &Library{store: store, client: client, dataDir: dataDir, getenv: o.Getenv, limits: o.Limits,
		open: o.OpenText, passwords: o.Passwords}
	if l.getenv == nil {
		l.getenv = os.Getenv
	}
	if l.limits == (Limits{}) {
		l.limits = DefaultLimits
	}
	if o.IndexInBackground {
		l.queue = newIndexQueue()
	}
	return l
}

// DataDir returns the data directory.
func (l *Library) DataDir() string { return l.dataDir }

// AddSource subscribes to a catalogue after checking its URL. It does not
// sync it.
func (l *Library) AddSource(ctx context.Context, src app.Source) (app.Source, error) {
	u, err := checkSourceURL(src.URL)
	if err != nil {
		return app.Source{}, err
	}
	if u.User != nil {
		return app.Source{}, errors.New("library: put credentials in --user and --password-env, not in the URL")
	}
	if src.Username == "" && src.PasswordEnv != "" {
		return app.Source{}, errors.New("library: a password variable needs a user name")
	}
	if u.Scheme == "file" {
		if err := checkLocalCatalogue(u.String()); err != nil {
			return app.Source{}, err
		}
	}
	src.URL = u.String()
	return l.store.AddSource(ctx, src)
}

// checkSourceURL accepts absolute http, https and file URLs.
func checkSourceURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("library: source URL %q: %w", raw, err)
	}
	switch u.Scheme {
	case "http", "https":
		if u.Host == "" {
			return nil, fmt.Errorf("library: source URL %q has no host", raw)
		}
	case "file":
		if _, err := fetch.FilePath(u.String()); err != nil {
			return nil, fmt.Errorf("library: source URL %q: %w", raw, err)
		}
	default:
		return nil, fmt.Errorf("library: source URL %q: use http, https or file", raw)
	}
	return u, nil
}

// checkLocalCatalogue checks that a file: source (checkSourceURL made sure
// it names no other host) is a file that exists.
func checkLocalCatalogue(raw string) error {
	path, _ := fetch.FilePath(raw)
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("library: source URL %q: there is no file %s", raw, path)
	case err != nil:
		return fmt.Errorf("library: source URL %q: %w", raw, err)
	case !st.Mode().IsRegular():
		return fmt.Errorf("library: source URL %q: %s is not a catalogue file", raw, path)
	}
	return nil
}

// Sources lists the subscribed catalogues.
func (l *Library) Sources(ctx context.Context) ([]app.Source, error) {
	return l.store.Sources(ctx)
}

// RemoveSource unsubscribes from a catalogue. Documents with a cached file
// or user data stay in the library, marked withdrawn. Its password is
// forgotten.
func (l *Library) RemoveSource(ctx context.Context, id int64) error {
	src, err := l.store.Source(ctx, id)
	if err == nil {
		if err = l.store.RemoveSource(ctx, id); err == nil {
			l.forgetPassword(src)
		}
	}
	return err
}

// Documents lists the library.
func (l *Library) Documents(ctx context.Context, f app.Filter) ([]app.Document, error) {
	return l.store.Documents(ctx, f)
}

// Document returns one document.
func (l *Library) Document(ctx context.Context, id int64) (app.Document, error) {
	return l.store.Document(ctx, id)
}

// Search runs a ranked full-text search over the library: the catalogue,
// the text of cached files' pages (see withPageHits) and the user's notes
// and highlights (see withAnnotationHits). A query over the caps of
// CheckQuery is refused.
func (l *Library) Search(ctx context.Context, query string, limit int) ([]app.SearchHit, error) {
	if err := CheckQuery(query); err != nil {
		return nil, err
	}
	hits, err := l.store.Search(ctx, query, limit)
	if err != nil {
		return nil, err
	}
	if hits, err = l.withPageHits(ctx, hits, query, limit); err != nil {
		return nil, err
	}
	return l.withAnnotationHits(ctx, hits, query, limit)
}

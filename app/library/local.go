package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"fieldshelf/app"
	"fieldshelf/app/fetch"
)

// Files opened from the file manager ("fieldshelf report.pdf") join the
// library as documents of a catalogue of their own, "Files on this
// computer": an OPDS feed that the library writes in the data directory
// and syncs like any other, so its documents are listed, searched,
// annotated and kept offline exactly like catalogue ones, and a sync of all
// sources leaves them alone. Each entry links to the file where it was
// opened from; the file is copied into the cache through the normal
// download path (verified, pinned), so it stays readable after the
// original moves.

// LocalSourceName is the name of the catalogue of local files.
const LocalSourceName = "Files on this computer"

// localDir is the folder of the data directory holding that catalogue.
const localDir = "local"

// localEntryPrefix starts the entry ids of local files; the rest is the
// SHA-256 of the file, so opening the same file twice finds the same
// document.
const localEntryPrefix = "urn:fieldshelf:local:sha256:"

// localFeed is the Atom feed of local files, as written and read back.
type localFeed struct {
	XMLName xml.Name     `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string       `xml:"id"`
	Title   string       `xml:"title"`
	Updated string       `xml:"updated"`
	Entries []localEntry `xml:"entry"`
}

type localEntry struct {
	ID      string    `xml:"id"`
	Title   string    `xml:"title"`
	Updated string    `xml:"updated"`
	Summary string    `xml:"summary"`
	Link    localLink `xml:"link"`
}

type localLink struct {
	Rel    string `xml:"rel,attr"`
	Type   string `xml:"type,attr"`
	Href   string `xml:"href,attr"`
	Length int64  `xml:"length,attr"`
}

// AddLocalFile adds a PDF on this computer to the library and makes it
// available offline, and returns its document. title is what the file
// calls itself (its PDF metadata); when empty, the title comes from the
// file name. A file added before (the same content) is not added again:
// its document is returned, downloaded again if it was removed.
func (l *Library) AddLocalFile(ctx context.Context, path, title string) (app.Document, error) {
	abs, sum, size, err := checkLocalPDF(path)
	if err != nil {
		return app.Document{}, err
	}
	src, feedPath, err := l.localSource(ctx)
	if err != nil {
		return app.Document{}, err
	}
	id := localEntryPrefix + sum
	if err := addLocalEntry(feedPath, abs, id, title, size, l.store.Now()); err != nil {
		return app.Document{}, err
	}
	if _, err := l.SyncSource(ctx, src, nil); err != nil {
		return app.Document{}, err
	}
	docs, err := l.store.Documents(ctx, app.Filter{SourceID: src.ID})
	if err != nil {
		return app.Document{}, err
	}
	for _, d := range docs {
		if d.EntryID != id {
			continue
		}
		if _, err := l.Download(ctx, []int64{d.ID}, app.DownloadOptions{Pin: true}); err != nil {
			return d, fmt.Errorf("library: keep %s offline: %w", filepath.Base(abs), err)
		}
		return l.store.Document(ctx, d.ID)
	}
	return app.Document{}, fmt.Errorf("library: %s was not listed after adding it: %w", filepath.Base(abs), app.ErrNotFound)
}

// checkLocalPDF checks that path is a readable PDF and returns its
// absolute path, SHA-256 and size.
func checkLocalPDF(path string) (abs, sum string, size int64, err error) {
	abs, err = filepath.Abs(path)
	if err != nil {
		return "", "", 0, fmt.Errorf("library: open %s: %w", path, err)
	}
	f, err := os.Open(abs)
	if err != nil {
		return "", "", 0, fmt.Errorf("library: open %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, app.PDFHeadLen)
	n, err := io.ReadFull(f, head)
	if head = head[:n]; (err != nil && !errors.Is(err, io.ErrUnexpectedEOF)) || !app.HasPDFSignature(head) {
		return "", "", 0, fmt.Errorf("library: %s is not a PDF file", filepath.Base(abs))
	}
	h := sha256.New()
	h.Write(head)
	rest, err := io.Copy(h, f)
	if err != nil {
		return "", "", 0, fmt.Errorf("library: read %s: %w", path, err)
	}
	return abs, hex.EncodeToString(h.Sum(nil)), rest + int64(len(head)), nil
}

// localSource returns the catalogue of local files, creating it (and its
// empty feed) on first use, and the path of its feed.
func (l *Library) localSource(ctx context.Context) (app.Source, string, error) {
	feedPath := filepath.Join(l.dataDir, localDir, "catalog.xml")
	u := l.localSourceURL()
	sources, err := l.store.Sources(ctx)
	if err != nil {
		return app.Source{}, "", err
	}
	if _, err := os.Stat(feedPath); errors.Is(err, os.ErrNotExist) {
		if err := writeLocalFeed(feedPath, localFeed{}, l.store.Now()); err != nil {
			return app.Source{}, "", err
		}
	}
	for _, s := range sources {
		if s.URL == u {
			return s, feedPath, nil
		}
	}
	src, err := l.store.AddSource(ctx, app.Source{URL: u, Name: LocalSourceName})
	return src, feedPath, err
}

// localSourceURL is the URL of the catalogue of local files.
func (l *Library) localSourceURL() string {
	return fetch.FileURL(filepath.Join(l.dataDir, localDir, "catalog.xml"))
}

// addLocalEntry lists a file in the feed unless an entry with its id is
// there already (then only its link is brought up to date).
func addLocalEntry(feedPath, abs, id, title string, size int64, now time.Time) error {
	b, err := os.ReadFile(feedPath)
	if err != nil {
		return fmt.Errorf("library: read the list of local files: %w", err)
	}
	var f localFeed
	if err := xml.Unmarshal(b, &f); err != nil {
		return fmt.Errorf("library: read the list of local files: %w", err)
	}
	href := fetch.FileURL(abs)
	for i, e := range f.Entries {
		if e.ID == id {
			if e.Link.Href == href {
				return nil
			}
			f.Entries[i].Link.Href = href // the same file, moved: the cached copy stays valid
			return writeLocalFeed(feedPath, f, now)
		}
	}
	if title = strings.TrimSpace(title); title == "" {
		title = TitleFromFileName(abs)
	}
	f.Entries = append(f.Entries, localEntry{ID: id, Title: title, Updated: now.UTC().Format(time.RFC3339),
		Summary: "Opened from " + abs,
		Link:    localLink{Rel: "http://opds-spec.org/acquisition/open-access", Type: "application/pdf", Href: href, Length: size}})
	return writeLocalFeed(feedPath, f, now)
}

// writeLocalFeed replaces the feed atomically.
func writeLocalFeed(feedPath string, f localFeed, now time.Time) error {
	f.ID, f.Title, f.Updated = "urn:fieldshelf:local", LocalSourceName, now.UTC().Format(time.RFC3339)
	b, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("library: write the list of local files: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(feedPath), 0o700); err != nil {
		return fmt.Errorf("library: write the list of local files: %w", err)
	}
	tmp := feedPath + ".tmp"
	if err := os.WriteFile(tmp, append([]byte(xml.Header), b...), 0o600); err != nil {
		return fmt.Errorf("library: write the list of local files: %w", err)
	}
	if err := os.Rename(tmp, feedPath); err != nil {
		return fmt.Errorf("library: write the list of local files: %w", err)
	}
	return nil
}

// TitleFromFileName makes a title of a file name: without its extension,
// with underscores and hyphens between words turned into spaces.
func TitleFromFileName(path string) string {
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	name = strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, name)
	if name = strings.Join(strings.Fields(name), " "); name == "" {
		return filepath.Base(path)
	}
	return name
}

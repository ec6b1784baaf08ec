// Package publish turns a folder of PDFs into a static catalogue that any
// web server, file share or USB stick can hold: OPDS 1.2 (Atom) and OPDS
// 2.0 (JSON) feeds side by side, paginated, with facets by type, region
// and year, the PDFs, a cover per publication drawn from its first page,
// and the annotation sets (W3C Web Annotations) attached to the
// publications they are about.
//
// Metadata comes from DIR/catalogue.csv (see ReadCSV) and, where a column
// is empty, from each PDF: its own title, author, subject and keywords,
// else its first page. Entries keep their ids across re-publishes (even
// when a file changes; a file moved keeps its id too), and their updated
// stamp changes only when the entry or its file does. Every file is
// written atomically and only when its bytes change, so re-publishing an
// unchanged folder rewrites nothing. A PDF that cannot be read is
// reported and left out.
package publish

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"time"

	"fieldshelf/app"
)

// PDF is an open PDF file as publishing reads it. The PDF engine provides
// it (app/pdf, wired by the command); tests may too.
type PDF interface {
	// NumPages returns the number of pages.
	NumPages() int
	// Metadata returns what the file says of itself.
	Metadata(ctx context.Context) (Metadata, error)
	// Text returns a page's plain text, pages counted from 1.
	Text(ctx context.Context, page int) (string, error)
	// Render draws a page width pixels wide.
	Render(ctx context.Context, page, width int) (image.Image, error)
	// Close releases the file.
	Close() error
}

// Metadata is a PDF's information dictionary, as far as publishing uses it.
type Metadata struct {
	Title, Author, Subject, Keywords string
}

// Opener opens a PDF file. An error means the file cannot be read: it is
// reported and left out.
type Opener func(ctx context.Context, path string) (PDF, error)

// Options say what to publish and where: the request (Dir, Out, Title,
// BaseURL, Annotations), or Items instead of Dir's PDFs.
type Options struct {
	app.PublishRequest
	// Items, when set, are the publications, instead of the PDFs of Dir
	// (which is not read): files anywhere, with their metadata.
	Items    []Item
	Open     Opener // required
	PageSize int    // entries per feed page; 0 means 50
	Now      func() time.Time
	// Progress, when set, is called before each file is read.
	Progress func(app.PublishProgress)
}

// Item is a file to publish with its metadata, for a catalogue of other
// files than a folder's: the offline documents of a library.
type Item struct {
	Path string // the file
	Name string // its path under files/ in Out, with '/' between names
	Row  Row    // its metadata; Row.File is not read
	// Link makes Out's copy a hard link to Path where both are on one
	// file system: for a file that is never changed in place, such as
	// the library's cached files, it takes no room.
	Link bool
}

// Publish writes the catalogue of o.Dir into o.Out and returns what it
// did. Only a problem with the folders themselves, or a write that fails,
// is an error: files that cannot be read are in the report.
func Publish(ctx context.Context, o Options) (app.PublishReport, error) {
	p, err := newRun(o)
	if err != nil {
		return app.PublishReport{}, err
	}
	if err := p.scan(ctx); err != nil {
		return p.rep, err
	}
	if err := p.attach(); err != nil {
		return p.rep, err
	}
	if err := p.writeCatalogue(); err != nil {
		return p.rep, err
	}
	return p.rep, p.finish()
}

// run is one publish.
type run struct {
	o       Options
	dir     string // absolute
	out     string // absolute
	prev    state
	next    state
	pubs    []*publication
	lists   []*listing // the listings of the feeds
	rep     app.PublishReport
	written map[string]bool // files of Out this run wrote or kept
}

func newRun(o Options) (*run, error) {
	if o.Open == nil {
		return nil, errors.New("publish: no PDF engine")
	}
	dir := ""
	if o.Items == nil {
		d, err := existingDir(o.Dir)
		if err != nil {
			return nil, err
		}
		dir = d
	}
	out, err := filepath.Abs(o.Out)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	if out == dir {
		return nil, fmt.Errorf("publish: the output folder must not be the folder of PDFs itself (%s)", dir)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("publish: create the output folder: %w", err)
	}
	if o.PageSize <= 0 {
		o.PageSize = 50
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Title == "" {
		o.Title = filepath.Base(dir)
	}
	r := &run{o: o, dir: dir, out: out, written: map[string]bool{}, rep: app.PublishReport{Out: out}}
	r.prev = readState(out)
	r.next = newState(r.prev, out)
	return r, nil
}

// existingDir returns the absolute path of a folder that must exist.
func existingDir(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("publish: %w", err)
	}
	st, err := os.Stat(abs)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "", fmt.Errorf("publish: the folder %s does not exist", path)
	case err != nil:
		return "", fmt.Errorf("publish: %w", err)
	case !st.IsDir():
		return "", fmt.Errorf("publish: %s is not a folder", path)
	}
	return abs, nil
}

// problem notes something published without.
func (r *run) problem(format string, args ...any) {
	r.rep.Problems = append(r.rep.Problems, fmt.Sprintf(format, args...))
}

// finish removes what the last publish wrote and this one did not, and
// saves the state.
func (r *run) finish() error {
	for _, rel := range r.prev.Written {
		if !r.written[rel] {
			if err := os.Remove(filepath.Join(r.out, filepath.FromSlash(rel))); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("publish: remove %s: %w", rel, err)
			}
		}
	}
	return r.saveState()
}

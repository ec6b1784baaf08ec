package publish

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fieldshelf/app"
)

// publication is one entry of the catalogue as it is being built.
type publication struct {
	Row            // the metadata, CSV first, then the PDF's
	id      string // stable across publishes
	short   string // names the entry's files in Out
	size    int64
	sha256  string
	updated time.Time
	file    string // the PDF's path in Out
	cover   string // the cover's path in Out; "" when none could be drawn
	thumb   string
	sets    []setLink // annotation sets about it
	hash    string    // what the entry says, to tell a changed one
}

// setLink is an annotation set published for a publication.
type setLink struct {
	path, title string
}

// Where the parts of the catalogue go in Out.
const (
	filesDir  = "files"
	coversDir = "covers"
	setsDir   = "annotations"
	feedsDir  = "feeds"
)

// source is a file to publish.
type source struct {
	path string // the file
	rel  string // its name: where it goes under files/, and the state's key
	row  Row
	link bool // see Item.Link
}

// scan reads every file to publish.
func (r *run) scan(ctx context.Context) error {
	srcs, err := r.sources()
	if err != nil {
		return err
	}
	rels := make([]string, len(srcs))
	for i, s := range srcs {
		rels[i] = s.rel
	}
	moved := r.vanished(rels)
	for i, s := range srcs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if r.o.Progress != nil {
			r.o.Progress(app.PublishProgress{File: s.rel, Done: i, Total: len(srcs)})
		}
		p, err := r.read(ctx, s, moved)
		var f *readFailure
		switch {
		case errors.As(err, &f):
			r.rep.Failed = append(r.rep.Failed, app.PublishFailure{File: s.rel, Reason: f.reason, Detail: f.detail})
		case err != nil:
			return err
		default:
			r.pubs = append(r.pubs, p)
		}
	}
	return nil
}

// sources lists the files to publish, sorted: the items given, or the
// folder's PDFs with the rows of its catalogue.csv.
func (r *run) sources() ([]source, error) {
	var out []source
	if r.o.Items != nil {
		for _, it := range r.o.Items {
			rel, problem := relPath(it.Name)
			if problem != "" {
				return nil, fmt.Errorf("publish: %s: %s", it.Path, problem)
			}
			out = append(out, source{path: it.Path, rel: rel, row: it.Row, link: it.Link})
		}
	} else {
		rows, problems, err := readCSVFile(r.dir)
		if err != nil {
			return nil, err
		}
		r.rep.Problems = append(r.rep.Problems, problems...)
		files, err := r.pdfFiles(rows)
		if err != nil {
			return nil, err
		}
		for _, rel := range files {
			out = append(out, source{path: filepath.Join(r.dir, filepath.FromSlash(rel)), rel: rel, row: rows[rel]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rel < out[j].rel })
	return out, nil
}

// readFailure is a PDF that is left out: why, for people, and the cause.
type readFailure struct{ reason, detail string }

func (f *readFailure) Error() string { return f.reason + ": " + f.detail }

// pdfFiles lists the files to publish: the PDFs of the folder (not in a
// hidden folder, nor in Out) and the files catalogue.csv names, by path
// relative to the folder, sorted.
func (r *run) pdfFiles(rows map[string]Row) ([]string, error) {
	found := map[string]bool{}
	err := filepath.WalkDir(r.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		hidden := strings.HasPrefix(d.Name(), ".") && p != r.dir
		if d.IsDir() && (hidden || p == r.out) {
			return filepath.SkipDir
		}
		if !hidden && strings.EqualFold(filepath.Ext(p), ".pdf") && isFile(p) {
			rel, _ := filepath.Rel(r.dir, p)
			found[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("publish: read the folder: %w", err)
	}
	for rel := range rows {
		if !found[rel] && isFile(filepath.Join(r.dir, filepath.FromSlash(rel))) {
			found[rel] = true
		} else if !found[rel] {
			r.problem("%s names %s, which is not in the folder", CSVName, rel)
		}
	}
	out := make([]string, 0, len(found))
	for rel := range found {
		out = append(out, rel)
	}
	sort.Strings(out)
	return out, nil
}

// isFile reports whether p is a regular file (through a symbolic link too).
func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// vanished maps the SHA-256 of each file of the last publish that is gone
// to its entry id: a file moved within the folder keeps its id.
func (r *run) vanished(files []string) map[string]string {
	here := map[string]bool{}
	for _, f := range files {
		here[f] = true
	}
	out := map[string]string{}
	for rel, f := range r.prev.Files {
		if !here[rel] && f.ID != "" {
			out[f.SHA256] = f.ID
		}
	}
	return out
}

// entryID gives a file its entry id: the one it had, the one of the file
// it was moved from, or a new one derived from the catalogue's id and its
// path.
func (r *run) entryID(rel string, sum string, moved map[string]string) string {
	if f, ok := r.prev.Files[rel]; ok && f.ID != "" {
		return f.ID
	}
	if id, ok := moved[sum]; ok {
		delete(moved, sum)
		return id
	}
	h := sha256.Sum256([]byte(r.next.Catalogue + "\x00" + rel))
	h[6] = h[6]&0x0f | 0x80 // a name-based UUID (version 8)
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// read publishes one file: its copy in Out, its metadata and its covers,
// reading and drawing only what changed since the last publish. A file the
// PDF engine cannot open is left out, and nothing of it is written.
func (r *run) read(ctx context.Context, s source, moved map[string]string) (*publication, error) {
	src, rel := s.path, s.rel
	st, err := os.Stat(src)
	if err != nil {
		return nil, &readFailure{reason: "it cannot be read", detail: err.Error()}
	}
	prev, known := r.prev.Files[rel]
	known = known && prev.Size == st.Size() && prev.ModTime.Equal(st.ModTime())
	p := &publication{Row: s.row, file: path.Join(filesDir, rel)}
	p.Row.File = rel
	dest := filepath.Join(r.out, filepath.FromSlash(p.file))
	f, tmp := prev, ""
	if !known || !copyIntact(dest, prev) {
		if tmp, f.Size, f.SHA256, err = copyHashed(src, dest, s.link); err != nil {
			return nil, err
		}
	}
	f.ModTime = st.ModTime()
	f.ID = r.entryID(rel, f.SHA256, moved)
	p.id, p.size, p.sha256, p.short = f.ID, f.Size, f.SHA256, shortName(f.ID)
	changed := f.SHA256 != prev.SHA256
	if err := r.inspect(ctx, src, p, &f, changed); err != nil {
		if tmp != "" {
			os.Remove(tmp)
		}
		return nil, err
	}
	if tmp != "" {
		if err := r.place(tmp, dest, &f, changed); err != nil {
			return nil, err
		}
	}
	r.written[p.file] = true
	r.next.Files[rel] = f
	p.merge(f.Meta, f.First)
	return p, nil
}

// copyIntact reports whether Out's copy of a file is the one the last
// publish wrote: there, of the same size and time.
func copyIntact(dest string, prev fileState) bool {
	st, err := os.Stat(dest)
	return err == nil && st.Size() == prev.Size && st.ModTime().Equal(prev.Copy)
}

// place puts a file's new copy in Out, unless the copy there has the same
// content already (the file was only touched): then it stays as it is.
func (r *run) place(tmp, dest string, f *fileState, changed bool) error {
	if st, err := os.Stat(dest); err == nil && !changed && st.Size() == f.Size {
		os.Remove(tmp)
		f.Copy = st.ModTime()
		return nil
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("publish: write %s: %w", dest, err)
	}
	r.rep.Written++
	st, err := os.Stat(dest)
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	f.Copy = st.ModTime()
	return nil
}

// shortName names an entry's files in Out (covers, annotations): a hash
// of its id.
func shortName(id string) string {
	h := sha256.Sum256([]byte(id))
	return hex.EncodeToString(h[:8])
}

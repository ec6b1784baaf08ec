package publish

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fieldshelf/storage"
)

// stateFile is kept in the output folder: what the last publish read and
// wrote, so that the next one reads no file twice, keeps entry ids and
// updated stamps, and removes only what it wrote itself. Its name starts
// with a dot, which the server never serves.
const stateFile = ".fieldshelf-publish.json"

// state is the contents of stateFile.
type state struct {
	// Catalogue is the catalogue's own id, made once: the feeds' id and
	// the seed of the entries' ids.
	Catalogue string `json:"catalogue"`
	// Files are the PDFs read, by path relative to Dir.
	Files map[string]fileState `json:"files"`
	// Entries are the entries published, by id.
	Entries map[string]entryState `json:"entries"`
	// Updated is the feeds' updated stamp: when an entry was last added,
	// changed or removed.
	Updated time.Time `json:"updated"`
	// Written lists the files of Out that publishing wrote, relative.
	Written []string `json:"written"`
}

// fileState is what was read of one PDF, valid while its size and time
// stay the same.
type fileState struct {
	Size    int64     `json:"size"`
	ModTime time.Time `json:"mtime"`
	SHA256  string    `json:"sha256"`
	Meta    Metadata  `json:"meta"`
	First   string    `json:"first_page"` // the start of the first page's text
	ID      string    `json:"id"`         // the entry's id
	// Copy is the time of the copy in Out, which is left alone while it
	// is the same.
	Copy time.Time `json:"copy_mtime"`
}

// entryState is an entry as last published.
type entryState struct {
	Hash    string    `json:"hash"`
	Updated time.Time `json:"updated"`
}

// readState reads the state of the last publish into out; a missing or
// unreadable one gives an empty state.
func readState(out string) state {
	var s state
	if b, err := os.ReadFile(filepath.Join(out, stateFile)); err == nil {
		_ = json.Unmarshal(b, &s)
	}
	if s.Files == nil {
		s.Files = map[string]fileState{}
	}
	if s.Entries == nil {
		s.Entries = map[string]entryState{}
	}
	return s
}

// newState starts the state of this publish in out. The catalogue keeps
// its id, and so its entries theirs: the last state's, else (the state
// file was lost) the one its root feed carries, else a new one.
func newState(prev state, out string) state {
	id := prev.Catalogue
	if id == "" {
		id = feedID(filepath.Join(out, RootAtom))
	}
	if id == "" {
		id = "urn:uuid:" + storage.NewUID()
	}
	return state{Catalogue: id, Files: map[string]fileState{}, Entries: map[string]entryState{}}
}

// feedID reads the id of an Atom feed that publish wrote; "" when there
// is none.
func feedID(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	var f struct {
		ID string `xml:"http://www.w3.org/2005/Atom id"`
	}
	if xml.Unmarshal(b, &f) != nil || !strings.HasPrefix(f.ID, "urn:uuid:") {
		return ""
	}
	return f.ID
}

// saveState writes the state of this publish.
func (r *run) saveState() error {
	for rel := range r.written {
		r.next.Written = append(r.next.Written, rel)
	}
	sort.Strings(r.next.Written)
	b, err := json.MarshalIndent(r.next, "", " ")
	if err != nil {
		return fmt.Errorf("publish: save the state: %w", err)
	}
	_, err = writeIfChanged(filepath.Join(r.out, stateFile), b)
	return err
}

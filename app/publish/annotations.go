package publish

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"fieldshelf/app"
	"fieldshelf/app/library"
)

// Annotation sets: the W3C annotation files given with --annotations (as
// `fieldshelf annotations export --format w3c` writes them) are read with
// the library's reader, and each annotation goes to the publication it is
// about: the one whose file has the SHA-256 it was made on, else the one
// whose file has the name of its target's file, else the one with its
// target's title. Each publication's annotations are published as one
// collection in Out/annotations/, linked from its entry.

// attach reads the annotation files and gives each publication its set.
func (r *run) attach() error {
	files, err := annotationFiles(r.o.Annotations)
	if err != nil {
		return err
	}
	sets := map[*publication][]json.RawMessage{}
	authors := map[*publication]map[string]bool{}
	seen := map[string]bool{} // publication and annotation ids: an annotation in two files counts once
	for _, name := range files {
		unmatched := map[string]int{}
		err := readW3CFile(name, func(it library.W3CItem) error {
			p := r.match(it)
			if p == nil {
				unmatched[firstNonEmpty(it.Title, it.Source, "an unnamed document")]++
				return nil
			}
			if key := p.id + "\x00" + it.ID; it.ID != "" {
				if seen[key] {
					return nil
				}
				seen[key] = true
			}
			sets[p] = append(sets[p], it.Raw)
			if authors[p] == nil {
				authors[p] = map[string]bool{}
			}
			authors[p][it.Author] = true
			return nil
		})
		if err != nil {
			return fmt.Errorf("publish: annotations of %s: %w", name, err)
		}
		for title, n := range unmatched {
			r.problem("%d annotations of %s are about “%s”, which is not a publication of the folder: left out",
				n, filepath.Base(name), title)
		}
	}
	for _, p := range r.pubs {
		if items := sets[p]; len(items) > 0 {
			if err := r.writeSet(p, items, authors[p]); err != nil {
				return err
			}
		}
	}
	return nil
}

// annotationFiles lists the files named: each file, and the .json and
// .jsonld files of each folder.
func annotationFiles(names []string) ([]string, error) {
	var out []string
	for _, name := range names {
		st, err := os.Stat(name)
		if err != nil {
			return nil, fmt.Errorf("publish: annotations: %w", err)
		}
		if !st.IsDir() {
			out = append(out, name)
			continue
		}
		entries, err := os.ReadDir(name)
		if err != nil {
			return nil, fmt.Errorf("publish: annotations: %w", err)
		}
		for _, e := range entries {
			ext := strings.ToLower(filepath.Ext(e.Name()))
			if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") && (ext == ".json" || ext == ".jsonld") {
				out = append(out, filepath.Join(name, e.Name()))
			}
		}
	}
	return out, nil
}

func readW3CFile(name string, fn func(library.W3CItem) error) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return library.ReadW3C(f, fn)
}

// match finds the publication an annotation is about; nil when none is.
func (r *run) match(it library.W3CItem) *publication {
	if sum := app.ReadSHA256(it.SHA256); sum != "" {
		for _, p := range r.pubs {
			if p.sha256 == sum {
				return p
			}
		}
	}
	if name := targetFileName(it.Source); name != "" {
		if p := r.only(func(p *publication) bool { return strings.EqualFold(path.Base(p.File), name) }); p != nil {
			return p
		}
	}
	title := strings.ToLower(oneLine(it.Title))
	if title == "" {
		return nil
	}
	return r.only(func(p *publication) bool { return strings.ToLower(p.Title) == title })
}

// only returns the one publication that ok accepts; nil when none or
// several do.
func (r *run) only(ok func(*publication) bool) *publication {
	var found *publication
	for _, p := range r.pubs {
		if ok(p) {
			if found != nil {
				return nil
			}
			found = p
		}
	}
	return found
}

// targetFileName is the name of the file a target's source URL names.
func targetFileName(source string) string {
	u, err := url.Parse(source)
	if err != nil || u.Path == "" || strings.HasSuffix(u.Path, "/") {
		return ""
	}
	return path.Base(u.Path)
}

// w3cSet is a published annotation set.
type w3cSet struct {
	Context string       `json:"@context"`
	Type    string       `json:"type"`
	Label   string       `json:"label"`
	Creator []w3cCreator `json:"creator,omitempty"`
	Total   int          `json:"total"`
	First   w3cSetPage   `json:"first"`
}

type w3cCreator struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

type w3cSetPage struct {
	Type       string            `json:"type"`
	StartIndex int               `json:"startIndex"`
	Items      []json.RawMessage `json:"items"`
}

// writeSet publishes a publication's annotations and links them from its
// entry.
func (r *run) writeSet(p *publication, items []json.RawMessage, authors map[string]bool) error {
	var names []string
	for a := range authors {
		if a != "" {
			names = append(names, a)
		}
	}
	sort.Strings(names)
	set := w3cSet{Context: app.AnnotationsProfile, Type: "AnnotationCollection",
		Label: "Annotations on “" + p.Title + "”", Total: len(items),
		First: w3cSetPage{Type: "AnnotationPage", Items: items}}
	title := "Annotations"
	if len(names) > 0 {
		title += " by " + strings.Join(names, ", ")
		set.Label += " by " + strings.Join(names, ", ")
	}
	for _, n := range names {
		set.Creator = append(set.Creator, w3cCreator{Type: "Person", Name: n})
	}
	b, err := json.MarshalIndent(set, "", " ")
	if err != nil {
		return fmt.Errorf("publish: annotations of %s: %w", p.File, err)
	}
	rel := path.Join(setsDir, p.short+".jsonld")
	if err := r.put(rel, append(b, '\n')); err != nil {
		return err
	}
	p.sets = append(p.sets, setLink{path: rel, title: title})
	r.rep.Annotations += len(items)
	return nil
}

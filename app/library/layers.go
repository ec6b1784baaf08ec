package library

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"

	"fieldshelf/app"
	"fieldshelf/app/fetch"
	"fieldshelf/storage"
)

// Annotation layers: a catalogue links each publication to the annotation
// sets published with it (app.RelAnnotations). A sync records the links of
// the entries it reads (layerLinks, fed by the crawl), then fetches every
// set of the catalogue conditionally, like a feed page, with the
// catalogue's credentials bound to its origin, and keeps what changed in
// the layers of the catalogue's authors (syncLayers). The user's own
// annotations are never read or written here.

// layerAccept is what a set's fetch accepts.
const layerAccept = "application/ld+json, application/json;q=0.9, */*;q=0.5"

// layerLinks collects during a crawl the annotation sets that the entries
// read link to. It remembers entries that had none only when they had some
// before, so a large catalogue without annotations costs nothing.
type layerLinks struct {
	src   app.Source
	had   map[string]bool     // entry keys with sets before this sync
	links map[string][]string // entry key → set URLs, of the entries read
}

func (l *Library) newLayerLinks(ctx context.Context, src app.Source) (*layerLinks, error) {
	sets, err := l.store.LayerSets(ctx, src.ID)
	if err != nil {
		return nil, err
	}
	k := &layerLinks{src: src, had: map[string]bool{}, links: map[string][]string{}}
	for _, s := range sets {
		k.had[s.EntryKey] = true
	}
	return k, nil
}

// note records the sets an entry read in the crawl links to: those of the
// catalogue itself (fetch.SameCatalogue), as for its pages.
func (k *layerLinks) note(key string, sets []app.Link) {
	if len(sets) == 0 && !k.had[key] {
		return
	}
	urls := []string{}
	for _, s := range sets {
		if fetch.SameCatalogue(k.src.URL, s.Href) {
			urls = append(urls, s.Href)
		}
	}
	k.links[key] = urls
}

// syncLayers records the sets the crawl found and fetches every set of
// the source. A set that cannot be fetched or read keeps its annotations
// as they were and is counted as failed: it never fails the sync.
func (l *Library) syncLayers(ctx context.Context, src app.Source, links *layerLinks, password string) (app.LayerStats, error) {
	var st app.LayerStats
	if err := l.store.SetLayerLinks(ctx, src.ID, links.links); err != nil {
		return st, err
	}
	sets, err := l.store.LayerSets(ctx, src.ID)
	if err != nil {
		return st, err
	}
	for _, set := range sets {
		if set.DocumentID == 0 {
			continue
		}
		if err := l.syncLayerSet(ctx, src, set, password, &st); err != nil {
			if ctx.Err() != nil {
				return st, ctx.Err()
			}
			st.Failed++
			set.Error = err.Error()
			if err := l.store.RecordLayerFetch(ctx, set); err != nil {
				return st, err
			}
		}
	}
	return st, nil
}

// syncLayerSet fetches one set conditionally and stores what changed.
func (l *Library) syncLayerSet(ctx context.Context, src app.Source, set storage.LayerSet, password string, st *app.LayerStats) error {
	resp, err := l.client.Get(ctx, fetch.Request{URL: set.URL, Source: src.URL, Username: src.Username,
		Password: password, ETag: set.ETag, LastModified: set.LastModified, Accept: layerAccept, MaxBody: MaxImportBytes})
	if err != nil {
		return err
	}
	st.Sets++
	prev := set
	set.ETag, set.LastModified, set.Error = resp.ETag, resp.LastModified, ""
	if resp.NotModified {
		st.NotModified++
	} else {
		sum := sha256.Sum256(resp.Body)
		if body := hex.EncodeToString(sum[:]); body != set.BodySHA256 {
			set.BodySHA256 = body
			return l.putLayerSet(ctx, set, resp.Body, st)
		}
	}
	if set == prev {
		return nil // nothing to record: no write for an unchanged set
	}
	return l.store.RecordLayerFetch(ctx, set)
}

// putLayerSet reads a set's new body and stores what changed.
func (l *Library) putLayerSet(ctx context.Context, set storage.LayerSet, body []byte, st *app.LayerStats) error {
	var rep app.ImportReport
	items, err := l.readW3C(ctx, bytes.NewReader(body), set.DocumentID, &rep)
	if err != nil {
		return err
	}
	ch, err := l.store.PutLayerSet(ctx, set, items)
	if err != nil {
		return err
	}
	st.Added, st.Changed, st.Removed = st.Added+ch.Added, st.Changed+ch.Changed, st.Removed+ch.Removed
	if ch.Added+ch.Changed > 0 {
		l.reanchorOffline(ctx, set.DocumentID)
	}
	return nil
}

// reanchorOffline places the annotations of a document in its cached file
// when there is one; without it, the next download does.
func (l *Library) reanchorOffline(ctx context.Context, docID int64) {
	d, err := l.store.Document(ctx, docID)
	if err == nil && d.File != nil && l.open != nil {
		_, _ = l.reanchor(ctx, d)
	}
}

// Layers lists every annotation layer of the library.
func (l *Library) Layers(ctx context.Context) ([]app.Layer, error) {
	return l.store.Layers(ctx)
}

// Layer returns one layer.
func (l *Library) Layer(ctx context.Context, id int64) (app.Layer, error) {
	return l.store.Layer(ctx, id)
}

// DocumentLayers lists the layers that hold annotations of a document,
// hidden ones too, each with the number of them.
func (l *Library) DocumentLayers(ctx context.Context, docID int64) ([]app.Layer, error) {
	return l.store.DocumentLayers(ctx, docID)
}

// SetLayerHidden hides a layer (its annotations are neither drawn nor
// listed) or shows it again. The choice is kept in the library.
func (l *Library) SetLayerHidden(ctx context.Context, id int64, hidden bool) error {
	return l.store.SetLayerHidden(ctx, id, hidden)
}

// LayerItems lists the annotations of one kind that the shown layers hold
// on a document (on every document for 0).
func (l *Library) LayerItems(ctx context.Context, docID int64, kind app.AnnotationKind) ([]app.AnnotationItem, error) {
	set, err := l.store.LayerAnnotations(ctx, docID, false)
	if err != nil {
		return nil, err
	}
	var out []app.AnnotationItem
	for _, it := range itemsOf(set) {
		if it.Kind == kind {
			out = append(out, it)
		}
	}
	return out, nil
}

// CopyLayerAnnotation copies an annotation of a layer into the user's own:
// a new bookmark, note or highlight at the same place, with the same text,
// under the user's name. The layer's stays as it is.
func (l *Library) CopyLayerAnnotation(ctx context.Context, id int64) (app.AnnotationItem, error) {
	set, err := l.store.LayerAnnotation(ctx, id)
	if err != nil {
		return app.AnnotationItem{}, err
	}
	a, _, err := l.newAnnotation(ctx, itemsOf(set)[0].DocumentID)
	if err != nil {
		return app.AnnotationItem{}, err
	}
	own := func(x app.Annotation) app.Annotation {
		a.FileSHA256, a.NeedsReview = x.FileSHA256, x.NeedsReview
		return a
	}
	switch {
	case len(set.Bookmarks) == 1:
		b := set.Bookmarks[0]
		b, err = l.store.AddBookmark(ctx, app.Bookmark{Annotation: own(b.Annotation), Page: b.Page, Label: b.Label})
		return b.Item(), err
	case len(set.Notes) == 1:
		n := set.Notes[0]
		n, err = l.store.AddNote(ctx, app.Note{Annotation: own(n.Annotation), Page: n.Page, Body: n.Body})
		return n.Item(), err
	}
	h := set.Highlights[0]
	h.Annotation = own(h.Annotation)
	h, err = l.store.AddHighlight(ctx, h)
	return h.Item(), err
}

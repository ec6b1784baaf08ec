package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"fieldshelf/app"
)

// Annotation layers (migration 0004): the annotation sets a catalogue links
// from its entries, and their annotations, kept read-only in one layer per
// catalogue and author. Nothing here reads or writes the user's own
// bookmarks, notes and highlights.

// LayerSet is an annotation set a catalogue links from one of its entries,
// with what its last fetch left.
type LayerSet struct {
	ID         int64
	SourceID   int64
	EntryKey   string
	URL        string
	DocumentID int64 // the entry's document; 0 when the library has none
	// ETag and LastModified are the validators of the last fetch;
	// BodySHA256 the hash of the last body read.
	ETag, LastModified, BodySHA256 string
	Error                          string // why the last fetch failed; "" after a success
}

// LayerChange counts what storing a fetched set changed.
type LayerChange struct {
	Added, Changed, Removed int
}

// LayerSets lists the annotation sets of a source.
func (s *Store) LayerSets(ctx context.Context, sourceID int64) ([]LayerSet, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT ls.id, ls.source_id, ls.entry_key, ls.url, coalesce(d.id, 0),
		ls.etag, ls.last_modified, ls.body_sha256, ls.error
		FROM layer_sets ls LEFT JOIN documents d ON d.source_id = ls.source_id AND d.entry_key = ls.entry_key
		WHERE ls.source_id = ? ORDER BY ls.id`, sourceID)
	if err != nil {
		return nil, fmt.Errorf("storage: list annotation sets: %w", err)
	}
	defer rows.Close()
	var out []LayerSet
	for rows.Next() {
		var x LayerSet
		if err := rows.Scan(&x.ID, &x.SourceID, &x.EntryKey, &x.URL, &x.DocumentID, &x.ETag, &x.LastModified,
			&x.BodySHA256, &x.Error); err != nil {
			return nil, fmt.Errorf("storage: list annotation sets: %w", err)
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// SetLayerLinks records the annotation sets that entries of a source link
// to, for the entries a sync read: each entry of links keeps the sets it
// lists and loses the others, with their annotations. The entries not in
// links keep theirs.
func (s *Store) SetLayerLinks(ctx context.Context, sourceID int64, links map[string][]string) error {
	if len(links) == 0 {
		return nil
	}
	have, err := s.LayerSets(ctx, sourceID)
	if err != nil {
		return err
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		known := map[[2]string]bool{}
		for _, x := range have {
			urls, read := links[x.EntryKey]
			if read && !contains(urls, x.URL) {
				if _, err := tx.ExecContext(ctx, `DELETE FROM layer_sets WHERE id = ?`, x.ID); err != nil {
					return err
				}
			}
			known[[2]string{x.EntryKey, x.URL}] = true
		}
		for key, urls := range links {
			for _, u := range urls {
				if known[[2]string{key, u}] {
					continue
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO layer_sets (source_id, entry_key, url) VALUES (?, ?, ?)
					ON CONFLICT DO NOTHING`, sourceID, key, u); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: record annotation sets: %w", err)
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// RecordLayerFetch records a fetch of a set that changed none of its
// annotations (the server answered 304, or sent the same body again) or
// failed (set.Error says why): its validators and error.
func (s *Store) RecordLayerFetch(ctx context.Context, set LayerSet) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error { return s.recordFetch(ctx, tx, set) })
	if err != nil {
		return fmt.Errorf("storage: record the fetch of %s: %w", set.URL, err)
	}
	return nil
}

func (s *Store) recordFetch(ctx context.Context, tx *sql.Tx, set LayerSet) error {
	_, err := tx.ExecContext(ctx, `UPDATE layer_sets SET etag = ?, last_modified = ?, body_sha256 = ?, error = ?,
		fetched_at = ? WHERE id = ?`, set.ETag, set.LastModified, set.BodySHA256, set.Error, s.now(), set.ID)
	return err
}

// PutLayerSet stores what a fetch of a set read: its validators and its
// annotations, all for the set's document. Each annotation goes to the
// layer of the set's catalogue and its author (made when new, with a
// colour of its own); one already there is rewritten only when the
// catalogue changed it, so its place in the local file stays re-anchored;
// those the set no longer holds are deleted.
func (s *Store) PutLayerSet(ctx context.Context, set LayerSet, items AnnotationSet) (LayerChange, error) {
	var ch LayerChange
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		ch = LayerChange{}
		if err := s.recordFetch(ctx, tx, set); err != nil {
			return err
		}
		w := &layerWriter{s: s, ctx: ctx, tx: tx, set: set, layers: map[string]int64{}, touched: map[int64]bool{}}
		return w.put(layerRows(items), &ch)
	})
	if err != nil {
		return LayerChange{}, fmt.Errorf("storage: store the annotation set %s: %w", set.URL, err)
	}
	return ch, nil
}

// layerRow is an annotation of any kind laid flat, as layer_items holds it.
type layerRow struct {
	kind                        app.AnnotationKind
	a                           app.Annotation
	page                        int
	rects                       []app.Rect
	quote, prefix, suffix, body string
	color                       string
}

func layerRows(set AnnotationSet) []layerRow {
	out := make([]layerRow, 0, set.Len())
	for _, b := range set.Bookmarks {
		out = append(out, layerRow{kind: app.KindBookmark, a: b.Annotation, page: b.Page, body: b.Label})
	}
	for _, n := range set.Notes {
		out = append(out, layerRow{kind: app.KindNote, a: n.Annotation, page: n.Page, body: n.Body})
	}
	for _, h := range set.Highlights {
		out = append(out, layerRow{kind: app.KindHighlight, a: h.Annotation, page: h.Page, rects: h.Rects,
			quote: h.Quote, prefix: h.Prefix, suffix: h.Suffix, body: h.Note, color: h.Color})
	}
	return out
}

// hash sums what the catalogue says of an annotation, to tell whether a
// re-published one changed.
func (r layerRow) hash() string {
	b, _ := json.Marshal([]any{r.kind, r.a.Author, r.a.FileSHA256, r.a.NeedsReview, r.page, r.rects, r.quote, r.prefix,
		r.suffix, r.body, r.color, r.a.Created.UTC().Format(time.RFC3339Nano), r.a.Updated.UTC().Format(time.RFC3339Nano)})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// layerWriter writes one set's annotations in one transaction.
type layerWriter struct {
	s       *Store
	ctx     context.Context
	tx      *sql.Tx
	set     LayerSet
	layers  map[string]int64 // by author
	touched map[int64]bool   // layers whose annotations changed
}

func (w *layerWriter) put(rows []layerRow, ch *LayerChange) error {
	type stored struct {
		id    int64
		hash  string
		layer int64
	}
	have := map[string]stored{}
	q, err := w.tx.QueryContext(w.ctx, `SELECT uid, id, content_sha256, layer_id FROM layer_items WHERE set_id = ?`, w.set.ID)
	if err != nil {
		return err
	}
	for q.Next() {
		var uid string
		var x stored
		if err := q.Scan(&uid, &x.id, &x.hash, &x.layer); err != nil {
			q.Close()
			return err
		}
		have[uid] = x
	}
	if err := errors.Join(q.Err(), q.Close()); err != nil {
		return err
	}
	seen := map[string]bool{}
	for i := len(rows) - 1; i >= 0; i-- { // a uid given twice: the last one counts
		r := rows[i]
		if seen[r.a.UID] {
			continue
		}
		seen[r.a.UID] = true
		layer, err := w.layer(r.a.Author)
		if err != nil {
			return err
		}
		old, ok := have[r.a.UID]
		switch {
		case ok && old.hash == r.hash() && old.layer == layer:
			continue
		case ok:
			err = w.write(`UPDATE layer_items SET layer_id = ?1, kind = ?2, document_id = ?3, file_sha256 = ?4, page = ?5,
				rects = ?6, quote = ?7, prefix = ?8, suffix = ?9, color = ?10, body = ?11, needs_review = ?12,
				created_at = ?13, updated_at = ?14, content_sha256 = ?15 WHERE id = ?17`, layer, r, old.id)
			ch.Changed++
			w.touched[old.layer] = true
		default:
			err = w.write(`INSERT INTO layer_items (layer_id, kind, document_id, file_sha256, page, rects, quote, prefix,
				suffix, color, body, needs_review, created_at, updated_at, content_sha256, set_id, uid)
				VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)`, layer, r, 0)
			ch.Added++
		}
		if err != nil {
			return err
		}
		w.touched[layer] = true
	}
	for uid, x := range have {
		if seen[uid] {
			continue
		}
		if _, err := w.tx.ExecContext(w.ctx, `DELETE FROM layer_items WHERE id = ?`, x.id); err != nil {
			return err
		}
		ch.Removed++
		w.touched[x.layer] = true
	}
	return w.touch()
}

// write runs an insert or update of a row: ?1 to ?15 are its values, ?16
// the set, ?17 the uid (insert) or the row id (update).
func (w *layerWriter) write(q string, layer int64, r layerRow, id int64) error {
	var last any = r.a.UID
	if id != 0 {
		last = id
	}
	created := r.a.Created
	if created.IsZero() {
		created = w.s.Now()
	}
	updated := r.a.Updated
	if updated.IsZero() {
		updated = created
	}
	_, err := w.tx.ExecContext(w.ctx, q, layer, string(r.kind), w.set.DocumentID, r.a.FileSHA256, r.page,
		rectsJSON(r.rects), r.quote, r.prefix, r.suffix, r.color, r.body, r.a.NeedsReview, fmtTime(created),
		fmtTime(updated), r.hash(), w.set.ID, last)
	return err
}

// layer returns the id of the layer of the set's catalogue and an author,
// making it when there is none yet.
func (w *layerWriter) layer(author string) (int64, error) {
	if id, ok := w.layers[author]; ok {
		return id, nil
	}
	var id int64
	err := w.tx.QueryRowContext(w.ctx, `SELECT id FROM layers WHERE source_id = ? AND author = ?`,
		w.set.SourceID, author).Scan(&id)
	if err == sql.ErrNoRows {
		id, err = w.newLayer(author)
	}
	if err != nil {
		return 0, err
	}
	w.layers[author] = id
	return id, nil
}

func (w *layerWriter) newLayer(author string) (int64, error) {
	var used []string
	rows, err := w.tx.QueryContext(w.ctx, `SELECT color FROM layers`)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return 0, err
		}
		used = append(used, c)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return 0, err
	}
	now := w.s.now()
	res, err := w.tx.ExecContext(w.ctx, `INSERT INTO layers (source_id, author, color, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?)`, w.set.SourceID, author, app.LayerColor(author, used), now, now)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// touch stamps the layers whose annotations changed.
func (w *layerWriter) touch() error {
	now := w.s.now()
	for id := range w.touched {
		if _, err := w.tx.ExecContext(w.ctx, `UPDATE layers SET updated_at = ? WHERE id = ?`, now, id); err != nil {
			return err
		}
	}
	return nil
}

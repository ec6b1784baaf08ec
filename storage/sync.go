package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"fieldshelf/app"
)

// Page is what the store keeps about one fetched feed page of a source.
type Page struct {
	URL          string
	ETag         string
	LastModified string
	BodySHA256   string
	Links        []string // page URLs reached from this page (next, subsections)
	Entries      int
}

// SyncEntry is one publication found by a crawl, with the key it is stored
// under (unique within the source).
type SyncEntry struct {
	Key   string
	Page  string // URL of the page that listed it
	Entry app.Entry
}

// SyncBatch is the outcome of one crawl of a source, applied at once.
type SyncBatch struct {
	Pages []Page // every page visited, changed or not
	// Unchanged holds the URLs of visited pages that were not modified (304,
	// or the same body as last time). Their documents count as listed
	// without being decoded again.
	Unchanged []string
	Entries   []SyncEntry // the entries of the changed pages
	// Complete is true when the crawl reached every page; only then do
	// documents missing from it become withdrawn.
	Complete bool
}

// Pages returns the pages recorded for a source by its last sync, by URL.
func (s *Store) Pages(ctx context.Context, sourceID int64) (map[string]Page, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT url, etag, last_modified, body_sha256, links, entries
		FROM source_pages WHERE source_id = ?`, sourceID)
	if err != nil {
		return nil, fmt.Errorf("storage: pages of source %d: %w", sourceID, err)
	}
	defer rows.Close()
	out := map[string]Page{}
	for rows.Next() {
		var p Page
		var links string
		if err := rows.Scan(&p.URL, &p.ETag, &p.LastModified, &p.BodySHA256, &links, &p.Entries); err != nil {
			return nil, fmt.Errorf("storage: pages of source %d: %w", sourceID, err)
		}
		_ = json.Unmarshal([]byte(links), &p.Links)
		out[p.URL] = p
	}
	return out, rows.Err()
}

// existingDoc is the part of a stored document a sync compares against.
type existingDoc struct {
	id        int64
	hash      string
	page      string
	withdrawn bool
}

// ApplySync writes the result of a crawl in one transaction: new documents
// are added, changed ones updated, and (after a complete crawl) documents no
// longer listed are marked withdrawn. Nothing is ever deleted. Cached
// documents whose upstream file changed are flagged update_available.
func (s *Store) ApplySync(ctx context.Context, sourceID int64, b SyncBatch) (app.SyncStats, error) {
	var st app.SyncStats
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := newApplier(ctx, tx, sourceID, s.now())
		if err != nil {
			return err
		}
		defer a.close()
		if st, err = a.apply(b); err != nil {
			return err
		}
		return a.finish(b)
	})
	if err != nil {
		return app.SyncStats{}, fmt.Errorf("storage: apply sync of source %d: %w", sourceID, err)
	}
	return st, nil
}

// applier holds the state of one ApplySync transaction.
type applier struct {
	ctx      context.Context
	tx       *sql.Tx
	sourceID int64
	now      string
	existing map[string]existingDoc
	insert   *sql.Stmt
	update   *sql.Stmt
	addTag   *sql.Stmt
}

func newApplier(ctx context.Context, tx *sql.Tx, sourceID int64, now string) (*applier, error) {
	a := &applier{ctx: ctx, tx: tx, sourceID: sourceID, now: now, existing: map[string]existingDoc{}}
	rows, err := tx.QueryContext(ctx, `SELECT id, entry_key, meta_hash, page_url, withdrawn_at IS NOT NULL
		FROM documents WHERE source_id = ?`, sourceID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var d existingDoc
		var key string
		if err := rows.Scan(&d.id, &key, &d.hash, &d.page, &d.withdrawn); err != nil {
			return nil, err
		}
		a.existing[key] = d
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if a.insert, err = tx.PrepareContext(ctx, `INSERT INTO documents (source_id, entry_key, entry_id, title,
		authors, authors_text, publisher, year, language, summary, tags_text, cover_url, pdf_url, pdf_type,
		pdf_size, links, upstream_updated, meta_hash, page_url, first_seen_at, changed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`); err != nil {
		return nil, err
	}
	if a.update, err = tx.PrepareContext(ctx, `UPDATE documents SET entry_id = ?, title = ?, authors = ?,
		authors_text = ?, publisher = ?, year = ?, language = ?, summary = ?, tags_text = ?, cover_url = ?,
		pdf_url = ?, pdf_type = ?, pdf_size = ?, links = ?, upstream_updated = ?, meta_hash = ?, page_url = ?,
		withdrawn_at = NULL, changed_at = ? WHERE id = ?`); err != nil {
		return nil, err
	}
	a.addTag, err = tx.PrepareContext(ctx, `INSERT INTO document_tags (document_id, position, term, label, scheme, kind)
		VALUES (?, ?, ?, ?, ?, ?)`)
	return a, err
}

func (a *applier) close() {
	for _, st := range []*sql.Stmt{a.insert, a.update, a.addTag} {
		if st != nil {
			st.Close()
		}
	}
}

// apply adds and updates the documents of the batch and counts them.
func (a *applier) apply(b SyncBatch) (app.SyncStats, error) {
	var st app.SyncStats
	seen := make(map[string]bool, len(b.Entries))
	for _, e := range b.Entries {
		if seen[e.Key] {
			continue // the crawler makes keys unique; a repeat is the same entry listed twice
		}
		seen[e.Key] = true
		row := newDocRow(e)
		old, ok := a.existing[e.Key]
		var err error
		switch {
		case !ok:
			err = a.add(row)
			st.Added++
		case old.hash != row.hash || old.withdrawn:
			err = a.change(old.id, row)
			st.Updated++
		case old.page != e.Page:
			_, err = a.tx.ExecContext(a.ctx, `UPDATE documents SET page_url = ? WHERE id = ?`, e.Page, old.id)
			st.Unchanged++
		default:
			st.Unchanged++
		}
		if err != nil {
			return st, fmt.Errorf("entry %q: %w", e.Key, err)
		}
	}
	unchangedPages := make(map[string]bool, len(b.Unchanged))
	for _, u := range b.Unchanged {
		unchangedPages[u] = true
	}
	for key, d := range a.existing {
		if seen[key] || d.withdrawn {
			continue
		}
		switch {
		case unchangedPages[d.page]:
			st.Unchanged++
		case b.Complete:
			if _, err := a.tx.ExecContext(a.ctx, `UPDATE documents SET withdrawn_at = ?, changed_at = ? WHERE id = ?`,
				a.now, a.now, d.id); err != nil {
				return st, fmt.Errorf("withdraw %q: %w", key, err)
			}
			st.Withdrawn++
		}
	}
	st.Entries = st.Added + st.Updated + st.Unchanged
	return st, nil
}

func (a *applier) add(r docRow) error {
	res, err := a.insert.ExecContext(a.ctx, a.sourceID, r.key, r.e.ID, r.e.Title, r.authors, r.authorsText,
		r.e.Publisher, nullInt(r.e.Year), r.e.Language, r.e.Summary, r.tagsText, r.e.Cover, r.pdf.Href,
		r.pdf.Type, r.pdf.Length, r.links, r.updated, r.hash, r.page, a.now, a.now)
	if err != nil {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	return a.tags(id, r.e.Tags)
}

func (a *applier) change(id int64, r docRow) error {
	_, err := a.update.ExecContext(a.ctx, r.e.ID, r.e.Title, r.authors, r.authorsText, r.e.Publisher,
		nullInt(r.e.Year), r.e.Language, r.e.Summary, r.tagsText, r.e.Cover, r.pdf.Href, r.pdf.Type,
		r.pdf.Length, r.links, r.updated, r.hash, r.page, a.now, id)
	if err != nil {
		return err
	}
	if _, err := a.tx.ExecContext(a.ctx, `DELETE FROM document_tags WHERE document_id = ?`, id); err != nil {
		return err
	}
	return a.tags(id, r.e.Tags)
}

func (a *applier) tags(id int64, tags []app.Tag) error {
	for i, t := range tags {
		if _, err := a.addTag.ExecContext(a.ctx, id, i, t.Term, t.Name(), t.Scheme, string(t.Kind)); err != nil {
			return err
		}
	}
	return nil
}

// finish records the pages and the sync on the source, and flags cached
// documents whose upstream file changed.
func (a *applier) finish(b SyncBatch) error {
	if b.Complete {
		if _, err := a.tx.ExecContext(a.ctx, `DELETE FROM source_pages WHERE source_id = ?`, a.sourceID); err != nil {
			return err
		}
	}
	for _, p := range b.Pages {
		links, _ := json.Marshal(nonNil(p.Links))
		if _, err := a.tx.ExecContext(a.ctx, `INSERT OR REPLACE INTO source_pages
			(source_id, url, etag, last_modified, body_sha256, links, entries, fetched_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.sourceID, p.URL, p.ETag, p.LastModified, p.BodySHA256,
			string(links), p.Entries, a.now); err != nil {
			return err
		}
	}
	if _, err := a.tx.ExecContext(a.ctx, `UPDATE documents SET update_available = 1
		WHERE source_id = ? AND update_available = 0 AND id IN (SELECT f.document_id FROM files f
		WHERE f.document_id = documents.id AND (f.url <> documents.pdf_url
			OR (documents.pdf_size > 0 AND f.upstream_size > 0 AND f.upstream_size <> documents.pdf_size)
			OR (documents.upstream_updated <> '' AND f.upstream_updated <> ''
				AND f.upstream_updated <> documents.upstream_updated)))`, a.sourceID); err != nil {
		return err
	}
	_, err := a.tx.ExecContext(a.ctx, `UPDATE sources SET last_sync_at = ?, last_attempt_at = ?, last_error = ''
		WHERE id = ?`, a.now, a.now, a.sourceID)
	return err
}

// docRow is an entry prepared for the documents table.
type docRow struct {
	key, page   string
	e           app.Entry
	pdf         app.Link
	authors     string
	authorsText string
	tagsText    string
	links       string
	updated     string
	hash        string
}

func newDocRow(se SyncEntry) docRow {
	e := se.Entry
	r := docRow{key: se.Key, page: se.Page, e: e}
	r.pdf, _ = e.PDFLink()
	authors, _ := json.Marshal(nonNil(e.Authors))
	r.authors = string(authors)
	r.authorsText = strings.Join(e.Authors, "; ")
	names := make([]string, len(e.Tags))
	for i, t := range e.Tags {
		names[i] = t.Name()
	}
	r.tagsText = strings.Join(names, "; ")
	links, _ := json.Marshal(nonNil(e.Links))
	r.links = string(links)
	if !e.Updated.IsZero() {
		r.updated = e.Updated.UTC().Format(time.RFC3339Nano)
	}
	r.hash = entryHash(e)
	return r
}

// entryHash fingerprints everything a sync stores about an entry.
func entryHash(e app.Entry) string {
	b, _ := json.Marshal(e)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

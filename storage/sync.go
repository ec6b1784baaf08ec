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
//
// Rows are written in bulk, a JSON array per statement, which is several
// times faster than a statement per row, and the full-text index is
// updated once for all changed rows.
func (s *Store) ApplySync(ctx context.Context, sourceID int64, b SyncBatch) (app.SyncStats, error) {
	var st app.SyncStats
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a := &applier{ctx: ctx, tx: tx, sourceID: sourceID, now: s.now()}
		var err error
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
}

func (a *applier) exec(q string, args ...any) (sql.Result, error) {
	return a.tx.ExecContext(a.ctx, q, args...)
}

// existing loads what the store knows of the source's documents.
func (a *applier) existing() (map[string]existingDoc, error) {
	out := map[string]existingDoc{}
	rows, err := a.tx.QueryContext(a.ctx, `SELECT id, entry_key, meta_hash, page_url, withdrawn_at IS NOT NULL
		FROM documents WHERE source_id = ?`, a.sourceID)
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
		out[key] = d
	}
	return out, rows.Err()
}

// apply adds and updates the documents of the batch and counts them.
func (a *applier) apply(b SyncBatch) (app.SyncStats, error) {
	if len(b.Entries) == 0 {
		return a.applyUnchanged(b)
	}
	var st app.SyncStats
	existing, err := a.existing()
	if err != nil {
		return st, err
	}
	seen := make(map[string]bool, len(b.Entries))
	var added, changed []docRow
	var moved []movedDoc
	for _, e := range b.Entries {
		if seen[e.Key] {
			continue // the crawler makes keys unique; a repeat is the same entry listed twice
		}
		seen[e.Key] = true
		row := newDocRow(e)
		old, ok := existing[e.Key]
		switch {
		case !ok:
			added = append(added, row)
		case old.hash != row.Hash || old.withdrawn:
			row.ID = old.id
			changed = append(changed, row)
		case old.page != e.Page:
			moved = append(moved, movedDoc{ID: old.id, Page: e.Page})
			st.Unchanged++
		default:
			st.Unchanged++
		}
	}
	st.Added, st.Updated = len(added), len(changed)
	if err := a.write(added, changed, moved); err != nil {
		return st, err
	}
	unchangedPages := make(map[string]bool, len(b.Unchanged))
	for _, u := range b.Unchanged {
		unchangedPages[u] = true
	}
	var gone []int64
	for key, d := range existing {
		switch {
		case seen[key] || d.withdrawn:
		case unchangedPages[d.page]:
			st.Unchanged++
		case b.Complete:
			gone = append(gone, d.id)
		}
	}
	if err := a.withdraw(gone); err != nil {
		return st, err
	}
	st.Withdrawn = len(gone)
	st.Entries = st.Added + st.Updated + st.Unchanged
	return st, nil
}

// applyUnchanged handles a crawl in which no page changed, or the changed
// pages listed nothing, without loading the documents.
func (a *applier) applyUnchanged(b SyncBatch) (app.SyncStats, error) {
	var st app.SyncStats
	pages := jsonArray(b.Unchanged)
	err := a.tx.QueryRowContext(a.ctx, `SELECT count(*) FROM documents WHERE source_id = ? AND withdrawn_at IS NULL
		AND page_url IN (SELECT value FROM json_each(?))`, a.sourceID, pages).Scan(&st.Unchanged)
	if err != nil {
		return st, err
	}
	if b.Complete {
		res, err := a.exec(`UPDATE documents SET withdrawn_at = ?, changed_at = ? WHERE source_id = ?
			AND withdrawn_at IS NULL AND page_url NOT IN (SELECT value FROM json_each(?))`, a.now, a.now, a.sourceID, pages)
		if err != nil {
			return st, err
		}
		n, _ := res.RowsAffected()
		st.Withdrawn = int(n)
	}
	st.Entries = st.Unchanged
	return st, nil
}

// movedDoc is an unchanged document now listed on another page.
type movedDoc struct {
	ID   int64  `json:"i"`
	Page string `json:"p"`
}

// bulkChunk bounds the rows of one bulk statement.
const bulkChunk = 2000

// rowsPerInsert bounds the rows of one multi-row INSERT, keeping its
// parameters well under SQLite's limit.
const rowsPerInsert = 200

// write stores new and changed documents, their tags and their index entries.
func (a *applier) write(added, changed []docRow, moved []movedDoc) error {
	changedIDs := make([]int64, len(changed))
	for i, r := range changed {
		changedIDs[i] = r.ID
	}
	for _, ids := range chunks(changedIDs) {
		if err := a.unindex(ids); err != nil {
			return err
		}
		if _, err := a.exec(`DELETE FROM document_tags WHERE document_id IN (SELECT value FROM json_each(?))`,
			jsonArray(ids)); err != nil {
			return err
		}
	}
	if err := a.update(changed); err != nil {
		return err
	}
	addedIDs, err := a.insert(added)
	if err != nil {
		return err
	}
	all := append(added, changed...)
	ids := append(addedIDs, changedIDs...)
	if err := a.insertTags(all, ids); err != nil {
		return err
	}
	for _, part := range chunks(ids) {
		if _, err := a.exec(`INSERT INTO documents_fts (rowid, title, summary, authors_text, publisher, tags_text)
			SELECT id, title, summary, authors_text, publisher, tags_text FROM documents
			WHERE id IN (SELECT value FROM json_each(?))`, jsonArray(part)); err != nil {
			return fmt.Errorf("index documents: %w", err)
		}
	}
	for _, ms := range chunks(moved) {
		if _, err := a.exec(`UPDATE documents SET page_url = m.value->>'p'
			FROM json_each(?) AS m WHERE documents.id = m.value->>'i'`, jsonArray(ms)); err != nil {
			return err
		}
	}
	return nil
}

const documentInsertColumns = `(source_id, entry_key, entry_id, title, authors, authors_text, publisher, year,
	language, summary, tags_text, cover_url, pdf_url, pdf_type, pdf_size, links, upstream_updated, meta_hash,
	page_url, first_seen_at, changed_at)`

// values returns the row's values in the order of documentInsertColumns.
func (a *applier) values(r docRow) []any {
	return []any{a.sourceID, r.Key, r.EntryID, r.Title, r.Authors, r.AuthorsText, r.Publisher, r.Year,
		r.Language, r.Summary, r.TagsText, r.Cover, r.PDFURL, r.PDFType, r.PDFSize, r.Links, r.Updated,
		r.Hash, r.Page, a.now, a.now}
}

// insert adds new documents with multi-row INSERTs and returns their ids in
// the order of rows.
func (a *applier) insert(rows []docRow) ([]int64, error) {
	ids := make([]int64, 0, len(rows))
	for len(rows) > 0 {
		part := rows[:min(rowsPerInsert, len(rows))]
		rows = rows[len(part):]
		args := make([]any, 0, len(part)*21)
		for _, r := range part {
			args = append(args, a.values(r)...)
		}
		q := `INSERT INTO documents ` + documentInsertColumns + ` VALUES ` +
			placeholders(len(part), 21) + ` RETURNING id, entry_key`
		byKey, err := a.returning(q, args)
		if err != nil {
			return nil, fmt.Errorf("insert documents: %w", err)
		}
		for _, r := range part {
			ids = append(ids, byKey[r.Key])
		}
	}
	return ids, nil
}

func (a *applier) returning(q string, args []any) (map[string]int64, error) {
	res, err := a.tx.QueryContext(a.ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer res.Close()
	byKey := map[string]int64{}
	for res.Next() {
		var id int64
		var key string
		if err := res.Scan(&id, &key); err != nil {
			return nil, err
		}
		byKey[key] = id
	}
	return byKey, res.Err()
}

// update rewrites changed documents, one statement each: a sync changes few.
func (a *applier) update(rows []docRow) error {
	if len(rows) == 0 {
		return nil
	}
	st, err := a.tx.PrepareContext(a.ctx, `UPDATE documents SET entry_id = ?, title = ?, authors = ?,
		authors_text = ?, publisher = ?, year = ?, language = ?, summary = ?, tags_text = ?, cover_url = ?,
		pdf_url = ?, pdf_type = ?, pdf_size = ?, links = ?, upstream_updated = ?, meta_hash = ?, page_url = ?,
		withdrawn_at = NULL, changed_at = ? WHERE id = ?`)
	if err != nil {
		return fmt.Errorf("update documents: %w", err)
	}
	defer st.Close()
	for _, r := range rows {
		v := a.values(r)
		if _, err := st.ExecContext(a.ctx, append(v[2:20], r.ID)...); err != nil {
			return fmt.Errorf("update document %d: %w", r.ID, err)
		}
	}
	return nil
}

// insertTags writes the tags of the given rows, whose ids are in ids.
func (a *applier) insertTags(rows []docRow, ids []int64) error {
	var args []any
	n := 0
	flush := func() error {
		if n == 0 {
			return nil
		}
		_, err := a.exec(`INSERT INTO document_tags (document_id, position, term, label, scheme, kind) VALUES `+
			placeholders(n, 6), args...)
		args, n = args[:0], 0
		if err != nil {
			return fmt.Errorf("insert tags: %w", err)
		}
		return nil
	}
	for i, r := range rows {
		for pos, t := range r.Tags {
			args = append(args, ids[i], pos, t.Term, t.Label, t.Scheme, t.Kind)
			if n++; n == rowsPerInsert*2 {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	return flush()
}

// placeholders returns "(?, ?), (?, ?)" for rows rows of cols columns.
func placeholders(rows, cols int) string {
	one := "(?" + strings.Repeat(", ?", cols-1) + ")"
	return one + strings.Repeat(", "+one, rows-1)
}

// unindex removes documents' current text from the full-text index; it
// must run before their rows change.
func (a *applier) unindex(ids []int64) error {
	_, err := a.exec(`INSERT INTO documents_fts (documents_fts, rowid, title, summary, authors_text, publisher, tags_text)
		SELECT 'delete', id, title, summary, authors_text, publisher, tags_text FROM documents
		WHERE id IN (SELECT value FROM json_each(?))`, jsonArray(ids))
	if err != nil {
		return fmt.Errorf("unindex documents: %w", err)
	}
	return nil
}

// withdraw marks documents no longer listed.
func (a *applier) withdraw(ids []int64) error {
	for _, part := range chunks(ids) {
		if _, err := a.exec(`UPDATE documents SET withdrawn_at = ?, changed_at = ?
			WHERE id IN (SELECT value FROM json_each(?))`, a.now, a.now, jsonArray(part)); err != nil {
			return fmt.Errorf("withdraw documents: %w", err)
		}
	}
	return nil
}

// finish records the pages and the sync on the source, and flags cached
// documents whose upstream file changed. Pages whose record is the same as
// before are not rewritten.
func (a *applier) finish(b SyncBatch) error {
	if b.Complete {
		urls := make([]string, len(b.Pages))
		for i, p := range b.Pages {
			urls[i] = p.URL
		}
		if _, err := a.exec(`DELETE FROM source_pages WHERE source_id = ?
			AND url NOT IN (SELECT value FROM json_each(?))`, a.sourceID, jsonArray(urls)); err != nil {
			return err
		}
	}
	for _, p := range b.Pages {
		links := jsonArray(p.Links)
		if _, err := a.exec(`INSERT INTO source_pages
			(source_id, url, etag, last_modified, body_sha256, links, entries, fetched_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (source_id, url) DO UPDATE SET etag = excluded.etag,
				last_modified = excluded.last_modified, body_sha256 = excluded.body_sha256,
				links = excluded.links, entries = excluded.entries, fetched_at = excluded.fetched_at
			WHERE etag <> excluded.etag OR last_modified <> excluded.last_modified
				OR body_sha256 <> excluded.body_sha256 OR links <> excluded.links OR entries <> excluded.entries`,
			a.sourceID, p.URL, p.ETag, p.LastModified, p.BodySHA256, links, p.Entries, a.now); err != nil {
			return err
		}
	}
	if _, err := a.exec(`UPDATE documents SET update_available = 1
		WHERE source_id = ? AND update_available = 0 AND id IN (SELECT f.document_id FROM files f
		WHERE f.document_id = documents.id AND (f.url <> documents.pdf_url
			OR (documents.pdf_size > 0 AND f.upstream_size > 0 AND f.upstream_size <> documents.pdf_size)
			OR (documents.upstream_updated <> '' AND f.upstream_updated <> ''
				AND f.upstream_updated <> documents.upstream_updated)))`, a.sourceID); err != nil {
		return err
	}
	_, err := a.exec(`UPDATE sources SET last_sync_at = ?, last_attempt_at = ?, last_error = ''
		WHERE id = ?`, a.now, a.now, a.sourceID)
	return err
}

// docRow is an entry prepared for the documents table, in the shape the
// bulk statements read with json_each.
type docRow struct {
	ID          int64     `json:"id,omitempty"`
	Key         string    `json:"k"`
	EntryID     string    `json:"eid"`
	Title       string    `json:"t"`
	Authors     string    `json:"a"`
	AuthorsText string    `json:"at"`
	Publisher   string    `json:"pub"`
	Year        *int      `json:"y"`
	Language    string    `json:"l"`
	Summary     string    `json:"s"`
	TagsText    string    `json:"tt"`
	Tags        []tagJSON `json:"tg"`
	Cover       string    `json:"c"`
	PDFURL      string    `json:"u"`
	PDFType     string    `json:"ut"`
	PDFSize     int64     `json:"us"`
	Links       string    `json:"ln"`
	Updated     string    `json:"up"`
	Hash        string    `json:"h"`
	Page        string    `json:"p"`
}

// tagJSON is a tag in a bulk statement.
type tagJSON struct {
	Term   string `json:"term"`
	Label  string `json:"label"`
	Scheme string `json:"scheme"`
	Kind   string `json:"kind"`
}

func newDocRow(se SyncEntry) docRow {
	e := se.Entry
	r := docRow{Key: se.Key, EntryID: e.ID, Title: e.Title, Publisher: e.Publisher, Language: e.Language,
		Summary: e.Summary, Cover: e.Cover, Page: se.Page, Tags: []tagJSON{}}
	pdf, _ := e.PDFLink()
	r.PDFURL, r.PDFType, r.PDFSize = pdf.Href, pdf.Type, pdf.Length
	if e.Year != 0 {
		y := e.Year
		r.Year = &y
	}
	r.Authors = jsonArray(e.Authors)
	r.AuthorsText = strings.Join(e.Authors, "; ")
	names := make([]string, len(e.Tags))
	for i, t := range e.Tags {
		names[i] = t.Name()
		kind := t.Kind
		if kind == "" {
			kind = app.TagSubject
		}
		r.Tags = append(r.Tags, tagJSON{Term: t.Term, Label: t.Name(), Scheme: t.Scheme, Kind: string(kind)})
	}
	r.TagsText = strings.Join(names, "; ")
	r.Links = jsonArray(e.Links)
	if !e.Updated.IsZero() {
		r.Updated = e.Updated.UTC().Format(time.RFC3339Nano)
	}
	r.Hash = entryHash(e)
	return r
}

// entryHash fingerprints everything a sync stores about an entry.
func entryHash(e app.Entry) string {
	b, _ := json.Marshal(e)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// jsonArray encodes a slice as a JSON array ("[]" for nil).
func jsonArray[T any](s []T) string {
	if s == nil {
		return "[]"
	}
	b, err := json.Marshal(s)
	if err != nil {
		panic("storage: encode " + err.Error()) // only plain data is encoded
	}
	return string(b)
}

// chunks splits s into parts of at most bulkChunk items.
func chunks[T any](s []T) [][]T {
	var out [][]T
	for len(s) > bulkChunk {
		out = append(out, s[:bulkChunk])
		s = s[bulkChunk:]
	}
	if len(s) > 0 {
		out = append(out, s)
	}
	return out
}

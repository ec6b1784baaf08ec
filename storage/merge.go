package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"fieldshelf/app"
)

// merge is the state of one Apply transaction.
type merge struct {
	ctx      context.Context
	tx       *sql.Tx
	sourceID int64
	now      string
	staged   int
	warm     bool            // the source has documents
	stored   map[string]Page // the source's pages as recorded by the last sync
	dropped  []string        // paths of cached files left without a row
	// rows are the staged rows when the stage kept them in memory (the
	// source had no documents).
	rows []*docRow
	// early is set when the transaction began while the crawl ran, the
	// source having no documents (see Stage): rows[:written] are written
	// already, with the ids after base; indexes are the statements that
	// build the indexes dropped for writing them.
	early   bool
	base    int64
	written int
	indexes []string
	stmts   map[string]*sql.Stmt // see prepare
}

func (m *merge) exec(q string, args ...any) (int64, error) {
	res, err := m.tx.ExecContext(m.ctx, q, args...)
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	return n, nil
}

func (m *merge) run(b SyncBatch, stats *app.SyncStats) error {
	var err error
	if m.stored, err = loadPages(m.ctx, m.tx, m.sourceID); err != nil {
		return err
	}
	if !m.early { // else the source had no documents as the transaction began
		if m.warm, err = hasDocuments(m.ctx, m.tx, m.sourceID); err != nil {
			return err
		}
	}
	if m.warm && m.rows != nil {
		return errNotFresh // Apply moves the rows to temp.stage and merges
	}
	if m.warm && m.staged > 0 {
		// The staged rows are looked up by key from here on.
		if _, err := m.exec(`CREATE INDEX IF NOT EXISTS temp.stage_key ON stage (key)`); err != nil {
			return fmt.Errorf("index staged entries: %w", err)
		}
	}
	// A source without documents has nothing to heal, withdraw or keep.
	folded := 0
	if m.warm {
		if folded, err = m.heal(); err != nil {
			return err
		}
	}
	// Withdraw first, so that the scan sees only the documents listed before.
	if m.warm && b.Complete && m.mayWithdraw(b) {
		q := `UPDATE documents SET withdrawn_at = ?, changed_at = ? WHERE source_id = ?
			AND withdrawn_at IS NULL AND page_url NOT IN (SELECT value FROM json_each(?))`
		if m.staged > 0 {
			q += ` AND NOT EXISTS (SELECT 1 FROM temp.stage s WHERE s.key = documents.entry_key)`
		}
		n, err := m.exec(q, m.now, m.now, m.sourceID, jsonArray(b.Unchanged))
		if err != nil {
			return fmt.Errorf("withdraw: %w", err)
		}
		stats.Withdrawn = int(n)
	}
	unchanged := 0
	if m.rows == nil {
		if unchanged, err = m.countUnchangedPages(b.Unchanged); err != nil {
			return err
		}
	}
	changed := 0
	if m.rows != nil {
		if changed, err = m.insertNew(stats); err != nil {
			return err
		}
	} else if m.staged > 0 {
		if changed, err = m.mergeStaged(stats); err != nil {
			return err
		}
	}
	stats.Unchanged += unchanged
	stats.Entries = stats.Added + stats.Updated + stats.Unchanged
	if err := m.savePages(b, changed > 0 || stats.Withdrawn > 0 || folded > 0); err != nil {
		return err
	}
	// A source's first documents have no cached files to flag.
	if (changed > 0 || folded > 0) && m.rows == nil {
		if err := m.flagUpdates(); err != nil {
			return err
		}
	}
	_, err = m.exec(`UPDATE sources SET last_sync_at = ?, last_attempt_at = ?, last_error = '' WHERE id = ?`,
		m.now, m.now, m.sourceID)
	return err
}

// mergeStaged classifies the staged rows against the library and writes
// the new and changed ones. It returns how many documents it wrote.
func (m *merge) mergeStaged(stats *app.SyncStats) (int, error) {
	// Rows whose key is already in the library: changed, moved or unchanged.
	// The others keep the default action, new.
	counts := map[int]int{actionAdd: m.staged}
	if m.warm {
		if _, err := m.exec(`UPDATE temp.stage SET action = CASE
				WHEN d.meta_hash <> stage.hash OR d.withdrawn_at IS NOT NULL THEN 2
				WHEN d.page_url <> stage.page THEN 3 ELSE 0 END, doc_id = d.id
			FROM documents d WHERE d.source_id = ? AND d.entry_key = stage.key`, m.sourceID); err != nil {
			return 0, fmt.Errorf("classify: %w", err)
		}
		var err error
		if counts, err = m.countActions(); err != nil {
			return 0, err
		}
	}
	stats.Added, stats.Updated = counts[actionAdd], counts[actionChange]
	stats.Unchanged += counts[actionUnchanged] + counts[actionMove]
	// New rows get ids above the library's, from their staging order.
	var base int64
	if err := m.tx.QueryRowContext(m.ctx, `SELECT coalesce(max(id), 0) FROM documents`).Scan(&base); err != nil {
		return 0, err
	}
	const docID = `(CASE WHEN s.action = 1 THEN ?3 + s.rowid ELSE s.doc_id END)`
	steps := []struct {
		what   string
		action int
		q      string
	}{
		{"unindex changed", actionChange, `INSERT INTO documents_fts
			(documents_fts, rowid, title, summary, authors_text, publisher, tags_text)
			SELECT 'delete', d.id, d.title, d.summary, d.authors_text, d.publisher, d.tags_text
			FROM temp.stage s JOIN documents d ON d.id = s.doc_id WHERE s.action = 2`},
		{"drop changed tags", actionChange, `DELETE FROM document_tags WHERE document_id IN
			(SELECT doc_id FROM temp.stage WHERE action = 2)`},
		{"update changed", actionChange, `UPDATE documents SET entry_id = s.entry_id, title = s.title,
			authors = s.authors, authors_text = s.authors_text, publisher = s.publisher, year = s.year,
			language = s.language, summary = s.summary, tags_text = s.tags_text, cover_url = s.cover_url,
			pdf_url = s.pdf_url, pdf_type = s.pdf_type, pdf_size = s.pdf_size, links = s.links,
			upstream_updated = s.upstream_updated, meta_hash = s.hash, page_url = s.page, withdrawn_at = NULL,
			changed_at = ?2 FROM temp.stage s WHERE documents.id = s.doc_id AND s.action = 2`},
		{"move", actionMove, `UPDATE documents SET page_url = s.page FROM temp.stage s
			WHERE documents.id = s.doc_id AND s.action = 3`},
		{"insert new", actionAdd, `INSERT INTO documents (id, source_id, entry_key, entry_id, title, authors,
			authors_text, publisher, year, language, summary, tags_text, cover_url, pdf_url, pdf_type, pdf_size,
			links, upstream_updated, meta_hash, page_url, first_seen_at, changed_at)
			SELECT ?3 + rowid, ?1, key, entry_id, title, authors, authors_text, publisher, year, language, summary,
				tags_text, cover_url, pdf_url, pdf_type, pdf_size, links, upstream_updated, hash, page, ?2, ?2
			FROM temp.stage WHERE action = 1 ORDER BY rowid`},
		{"insert tags", -1, `INSERT INTO document_tags (document_id, position, term, label, scheme, kind)
			SELECT ` + docID + `, t.key, t.value->>0, t.value->>1, t.value->>2, t.value->>3
			FROM temp.stage s, json_each(s.tags) t WHERE s.action IN (1, 2)`},
		{"index", -1, `INSERT INTO documents_fts (rowid, title, summary, authors_text, publisher, tags_text)
			SELECT ` + docID + `, s.title, s.summary, s.authors_text, s.publisher, s.tags_text
			FROM temp.stage s WHERE s.action IN (1, 2)`},
	}
	written := stats.Added + stats.Updated
	for _, step := range steps {
		if (step.action >= 0 && counts[step.action] == 0) || (step.action < 0 && written == 0) {
			continue
		}
		if _, err := m.exec(step.q, m.sourceID, m.now, base); err != nil {
			return 0, fmt.Errorf("%s: %w", step.what, err)
		}
	}
	return written, nil
}

// insertNew writes the rows of a source's first sync, all new, straight
// from memory: documents with ids above the library's in staging order,
// their tags, and their full-text index in one statement over the rows
// just written. It returns how many documents it wrote.
func (m *merge) insertNew(stats *app.SyncStats) (int, error) {
	// Foreign keys are off (see freshPragmas): the source must be there.
	var source bool
	if err := m.tx.QueryRowContext(m.ctx, `SELECT EXISTS (SELECT 1 FROM sources WHERE id = ?)`,
		m.sourceID).Scan(&source); err != nil {
		return 0, err
	}
	if !source {
		return 0, fmt.Errorf("insert new: source %d is gone", m.sourceID)
	}
	if !m.early {
		if err := m.beginNew(len(m.rows)); err != nil {
			return 0, fmt.Errorf("insert new: %w", err)
		}
	}
	if err := m.writeRows(); err != nil {
		return 0, err
	}
	for _, q := range m.indexes {
		if _, err := m.exec(q); err != nil {
			return 0, fmt.Errorf("insert new: index again: %w", err)
		}
	}
	if _, err := m.exec(`INSERT INTO documents_fts (rowid, title, summary, authors_text, publisher, tags_text)
		SELECT id, title, summary, authors_text, publisher, tags_text FROM documents WHERE id > ?`, m.base); err != nil {
		return 0, fmt.Errorf("index: %w", err)
	}
	stats.Added = len(m.rows)
	return len(m.rows), nil
}

// beginNew readies the writing of n new rows: it reads the library's
// largest id, after which they take theirs, and, into a library that is
// new or small beside them, drops the documents' own indexes (m.indexes
// builds them again), since rows go in faster without them.
func (m *merge) beginNew(n int) error {
	if err := m.tx.QueryRowContext(m.ctx, `SELECT coalesce(max(id), 0) FROM documents`).Scan(&m.base); err != nil {
		return err
	}
	if 2*m.base > int64(n) {
		return nil
	}
	var err error
	m.indexes, err = m.dropIndexes("documents")
	return err
}

// writeRows writes the rows of m.rows not written yet (from m.written on)
// into documents and document_tags.
func (m *merge) writeRows() error {
	if err := m.insertDocs(m.written); err != nil {
		return fmt.Errorf("insert new: %w", err)
	}
	if err := m.insertTags(m.written); err != nil {
		return fmt.Errorf("insert tags: %w", err)
	}
	m.written = len(m.rows)
	return nil
}

// rewrite writes the row i of m.rows again: written before, it was staged
// again since (a publication listed on several pages).
func (m *merge) rewrite(i int) error {
	r, id := m.rows[i], m.base+int64(i)+1
	if _, err := m.exec(`UPDATE documents SET entry_id = ?, title = ?, authors = ?, authors_text = ?, publisher = ?,
			year = ?, language = ?, summary = ?, tags_text = ?, cover_url = ?, pdf_url = ?, pdf_type = ?, pdf_size = ?,
			links = ?, upstream_updated = ?, meta_hash = ?, page_url = ? WHERE id = ?`,
		r.EntryID, r.Title, r.Authors, r.AuthorsText, r.Publisher, yearValue(r.Year), r.Language, r.Summary, r.TagsText,
		r.Cover, r.FileURL, r.FileType, r.FileSize, r.Links, r.Updated, r.Hash, r.Page, id); err != nil {
		return fmt.Errorf("write %d again: %w", id, err)
	}
	if _, err := m.exec(`DELETE FROM document_tags WHERE document_id = ?`, id); err != nil {
		return fmt.Errorf("write %d again: %w", id, err)
	}
	for pos, t := range r.Tags {
		if _, err := m.exec(`INSERT INTO document_tags (document_id, position, term, label, scheme, kind)
			VALUES (?, ?, ?, ?, ?, ?)`, id, pos, t[0], t[1], t[2], t[3]); err != nil {
			return fmt.Errorf("write %d again: %w", id, err)
		}
	}
	return nil
}

// yearValue is the value stored for a year: NULL when unknown.
func yearValue(y *int) any {
	if y == nil {
		return nil
	}
	return int64(*y)
}

// dropIndexes drops the indexes of a table that its schema declares (not
// those of its constraints) and returns the statements that create them.
func (m *merge) dropIndexes(table string) ([]string, error) {
	rows, err := m.tx.QueryContext(m.ctx, `SELECT name, sql FROM sqlite_schema
		WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`, table)
	if err != nil {
		return nil, err
	}
	var names, create []string
	for rows.Next() {
		var name, q string
		if err := rows.Scan(&name, &q); err != nil {
			rows.Close()
			return nil, err
		}
		names, create = append(names, name), append(create, q)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, name := range names {
		if _, err := m.exec(`DROP INDEX "` + strings.ReplaceAll(name, `"`, `""`) + `"`); err != nil {
			return nil, err
		}
	}
	return create, nil
}

// insertDocs inserts m.rows[from:] into documents, with the ids after
// m.base + from, in order.
func (m *merge) insertDocs(from int) error {
	// SQLite gives a row without an id the one after the largest. Every
	// value bound costs a call into SQLite, so the source and the time are
	// bound once per statement, as ?1 and ?2; the other parameters are
	// anonymous (numbered on from 3): SQLite looks a numbered parameter up
	// by a linear search, which would make binding many rows quadratic.
	const docParams = 18
	docs := func(n int) string {
		one := "(?1, ?2, ?2" + strings.Repeat(", ?", docParams) + ")"
		return `INSERT INTO documents (source_id, first_seen_at, changed_at, entry_key, entry_id, title, authors,
			authors_text, publisher, year, language, summary, tags_text, cover_url, pdf_url, pdf_type, pdf_size, links,
			upstream_updated, meta_hash, page_url) VALUES ` + one + strings.Repeat(", "+one, n-1)
	}
	const perStatement = 100
	rows := m.rows[from:]
	args := make([]any, 0, 2+perStatement*docParams)
	err := inBatches(m, len(rows), perStatement, docs, func(from, to int) []any {
		args = append(args[:0], m.sourceID, m.now)
		for _, r := range rows[from:to] {
			args = append(args, r.Key, r.EntryID, r.Title, r.Authors, r.AuthorsText, r.Publisher, yearValue(r.Year),
				r.Language, r.Summary, r.TagsText, r.Cover, r.FileURL, r.FileType, r.FileSize, r.Links, r.Updated,
				r.Hash, r.Page)
		}
		return args
	})
	if err != nil {
		return err
	}
	var last int64
	if err := m.tx.QueryRowContext(m.ctx, `SELECT coalesce(max(id), 0) FROM documents`).Scan(&last); err != nil {
		return err
	}
	if want := m.base + int64(len(m.rows)); last != want {
		return fmt.Errorf("the last id is %d, not %d", last, want)
	}
	return nil
}

// insertTags inserts the tags of m.rows[from:].
func (m *merge) insertTags(from int) error {
	type tag struct {
		doc int64
		pos int
		t   *[4]string
	}
	var tags []tag
	for i := from; i < len(m.rows); i++ {
		for pos := range m.rows[i].Tags {
			tags = append(tags, tag{m.base + int64(i) + 1, pos, &m.rows[i].Tags[pos]})
		}
	}
	const perStatement = 200
	args := make([]any, 0, perStatement*6)
	return inBatches(m, len(tags), perStatement, func(n int) string {
		return `INSERT INTO document_tags (document_id, position, term, label, scheme, kind) VALUES ` +
			placeholders(n, 6)
	}, func(from, to int) []any {
		args = args[:0]
		for _, t := range tags[from:to] {
			args = append(args, t.doc, t.pos, t.t[0], t.t[1], t.t[2], t.t[3])
		}
		return args
	})
}

// inBatches runs the statement query(n) over n rows at a time, with the
// arguments that args gives for rows [from, to). Each statement is
// prepared once in the transaction (see prepare).
func inBatches(m *merge, rows, per int, query func(n int) string, args func(from, to int) []any) error {
	for from := 0; from < rows; from += per {
		to := min(from+per, rows)
		stmt, err := m.prepare(query(to - from))
		if err != nil {
			return err
		}
		if _, err := stmt.ExecContext(m.ctx, args(from, to)...); err != nil {
			return err
		}
	}
	return nil
}

// prepare returns the statement q prepared in the merge's transaction,
// which closes it as it ends: a first sync writing as its pages come runs
// the same few statements for every page.
func (m *merge) prepare(q string) (*sql.Stmt, error) {
	if stmt := m.stmts[q]; stmt != nil {
		return stmt, nil
	}
	stmt, err := m.tx.PrepareContext(m.ctx, q)
	if err != nil {
		return nil, err
	}
	if m.stmts == nil {
		m.stmts = map[string]*sql.Stmt{}
	}
	m.stmts[q] = stmt
	return stmt, nil
}

// countActions counts the staged rows of each action.
func (m *merge) countActions() (map[int]int, error) {
	rows, err := m.tx.QueryContext(m.ctx, `SELECT action, count(*) FROM temp.stage GROUP BY action`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	counts := map[int]int{}
	for rows.Next() {
		var action, n int
		if err := rows.Scan(&action, &n); err != nil {
			return nil, err
		}
		counts[action] = n
	}
	return counts, rows.Err()
}

// countUnchangedPages counts the listed documents of pages that did not
// change, from the counts recorded with the pages.
func (m *merge) countUnchangedPages(urls []string) (int, error) {
	if len(urls) == 0 {
		return 0, nil
	}
	if m.staged == 0 {
		n := 0
		for _, u := range urls {
			n += m.stored[u].Entries
		}
		return n, nil
	}
	var n int
	err := m.tx.QueryRowContext(m.ctx, `SELECT count(*) FROM documents WHERE source_id = ? AND withdrawn_at IS NULL
		AND page_url IN (SELECT value FROM json_each(?))
		AND NOT EXISTS (SELECT 1 FROM temp.stage s WHERE s.key = documents.entry_key)`,
		m.sourceID, jsonArray(urls)).Scan(&n)
	return n, err
}

// mayWithdraw reports whether a complete crawl can have left documents out:
// not when nothing was staged and every recorded page was visited unchanged.
func (m *merge) mayWithdraw(b SyncBatch) bool {
	if m.staged > 0 {
		return true
	}
	seen := make(map[string]bool, len(b.Unchanged))
	for _, u := range b.Unchanged {
		seen[u] = true
	}
	for u, p := range m.stored {
		if p.Entries > 0 && !seen[u] {
			return true
		}
	}
	return false
}

// savePages records the visited pages (only those whose record changed),
// forgets pages a complete crawl no longer reaches, and, when documents
// changed, recounts the documents listed on each page.
func (m *merge) savePages(b SyncBatch, recount bool) error {
	visited := make(map[string]bool, len(b.Pages))
	var save *sql.Stmt
	defer func() {
		if save != nil {
			save.Close()
		}
	}()
	for _, p := range b.Pages {
		visited[p.URL] = true
		old, ok := m.stored[p.URL]
		if ok && old.ETag == p.ETag && old.LastModified == p.LastModified && old.BodySHA256 == p.BodySHA256 &&
			old.Shared == p.Shared && jsonArray(old.Links) == jsonArray(p.Links) {
			continue
		}
		if save == nil {
			var err error
			if save, err = m.tx.PrepareContext(m.ctx, `INSERT INTO source_pages (source_id, url, etag, last_modified,
					body_sha256, links, shared, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (source_id, url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
					body_sha256 = excluded.body_sha256, links = excluded.links, shared = excluded.shared,
					fetched_at = excluded.fetched_at`); err != nil {
				return fmt.Errorf("record page: %w", err)
			}
		}
		if _, err := save.ExecContext(m.ctx, m.sourceID, p.URL, p.ETag, p.LastModified, p.BodySHA256,
			jsonArray(p.Links), p.Shared, m.now); err != nil {
			return fmt.Errorf("record page: %w", err)
		}
		recount = true
	}
	if b.Complete {
		for u := range m.stored {
			if !visited[u] {
				if _, err := m.exec(`DELETE FROM source_pages WHERE source_id = ? AND url = ?`, m.sourceID, u); err != nil {
					return fmt.Errorf("forget page: %w", err)
				}
			}
		}
	}
	if !recount {
		return nil
	}
	_, err := m.exec(`UPDATE source_pages SET entries = (SELECT count(*) FROM documents d
		WHERE d.source_id = source_pages.source_id AND d.page_url = source_pages.url AND d.withdrawn_at IS NULL)
		WHERE source_id = ?`, m.sourceID)
	return err
}

// flagUpdates marks cached documents whose upstream file link, size or
// stamp differs from what was downloaded.
func (m *merge) flagUpdates() error {
	_, err := m.exec(`UPDATE documents SET update_available = 1 WHERE id IN (
		SELECT d.id FROM files f JOIN documents d ON d.id = f.document_id
		WHERE d.source_id = ? AND d.update_available = 0 AND (f.url <> d.pdf_url
			OR (d.pdf_size > 0 AND f.upstream_size > 0 AND f.upstream_size <> d.pdf_size)
			OR (d.upstream_updated <> '' AND f.upstream_updated <> '' AND f.upstream_updated <> d.upstream_updated)))`,
		m.sourceID)
	if err != nil {
		return fmt.Errorf("flag updates: %w", err)
	}
	return nil
}

// loadPages reads a source's recorded pages.
func loadPages(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, sourceID int64) (map[string]Page, error) {
	rows, err := q.QueryContext(ctx, `SELECT url, etag, last_modified, body_sha256, links, entries, shared
		FROM source_pages WHERE source_id = ?`, sourceID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]Page{}
	for rows.Next() {
		var p Page
		var links string
		if err := rows.Scan(&p.URL, &p.ETag, &p.LastModified, &p.BodySHA256, &links, &p.Entries, &p.Shared); err != nil {
			return nil, err
		}
		_ = jsonUnmarshal(links, &p.Links)
		out[p.URL] = p
	}
	return out, rows.Err()
}

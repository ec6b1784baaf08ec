package storage

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// Folding repeats. Fieldshelf used to store every listing of a publication
// as a document of its own: the first under the entry's id, the others
// under fallback keys ("-2", "-3" added on collision). A sync now folds
// such a repeat into the document its publication is kept as, moving
// everything of the user's to it, and deletes the repeat.

// fallbackPrefix starts the fallback keys.
const fallbackPrefix = "urn:fieldshelf:entry:"

// FallbackKey is the key of an entry whose id is missing, or repeated by
// another publication of the source: built from its id, title and file
// link, so that the same entry gets the same key in every sync.
func FallbackKey(id, title, link string) string {
	sum := sha256.Sum256([]byte(id + "\x00" + title + "\x00" + link))
	return fallbackPrefix + hex.EncodeToString(sum[:8])
}

// repeat is a document stored under a fallback key.
type repeat struct {
	id                  int64
	key, entryID, title string
	pdf                 string
}

// heal folds into their kept documents the repeats of this source that
// this sync did not stage (a staged fallback key is a publication of its
// own). It returns how many documents it folded.
func (m *merge) heal() (int, error) {
	reps, err := m.repeats()
	if err != nil || len(reps) == 0 {
		return 0, err
	}
	folds := map[int64]int64{} // repeat → kept document
	for _, r := range reps {
		if keep, ok, err := m.keeper(r); err != nil {
			return 0, err
		} else if ok {
			folds[r.id] = keep
		}
	}
	pairs := make([][2]int64, 0, len(folds))
	for old, keep := range folds {
		for i := 0; folds[keep] != 0 && i < len(folds); i++ { // the keeper of "-2" may be a repeat itself
			keep = folds[keep]
		}
		pairs = append(pairs, [2]int64{old, keep})
	}
	if err := m.fold(pairs); err != nil {
		return 0, fmt.Errorf("fold repeats: %w", err)
	}
	return len(pairs), nil
}

// repeats lists the source's documents under fallback keys that this sync
// did not stage.
func (m *merge) repeats() ([]repeat, error) {
	q := `SELECT id, entry_key, entry_id, title, pdf_url FROM documents
		WHERE source_id = ? AND entry_key >= ? AND entry_key < ?`
	if m.staged > 0 {
		q += ` AND NOT EXISTS (SELECT 1 FROM temp.stage s WHERE s.key = documents.entry_key)`
	}
	rows, err := m.tx.QueryContext(m.ctx, q, m.sourceID, fallbackPrefix,
		fallbackPrefix[:len(fallbackPrefix)-1]+";")
	if err != nil {
		return nil, fmt.Errorf("list repeats: %w", err)
	}
	defer rows.Close()
	var out []repeat
	for rows.Next() {
		var r repeat
		if err := rows.Scan(&r.id, &r.key, &r.entryID, &r.title, &r.pdf); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// keeper finds the document a repeat folds into: the one stored under the
// repeat's entry id, else (for a "-N" key) the one under the key without
// the suffix; in both cases only when it is the same publication (same
// title or same file link: a repeated id whose entries differ in both is a
// publication of its own).
func (m *merge) keeper(r repeat) (int64, bool, error) {
	var keys []string
	if r.entryID != "" {
		keys = append(keys, r.entryID)
	}
	if i := strings.LastIndexByte(r.key, '-'); i > len(fallbackPrefix) {
		keys = append(keys, r.key[:i])
	}
	for _, k := range keys {
		var id int64
		var title, pdf string
		err := m.tx.QueryRowContext(m.ctx, `SELECT id, title, pdf_url FROM documents WHERE source_id = ? AND entry_key = ?`,
			m.sourceID, k).Scan(&id, &title, &pdf)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return 0, false, fmt.Errorf("find the kept document of %d: %w", r.id, err)
		}
		if id != r.id && (title == r.title || (pdf != "" && pdf == r.pdf)) {
			return id, true, nil
		}
	}
	return 0, false, nil
}

// fold moves what the user has on each repeat (old) to its kept document
// (keep): annotations, the later reading position, the later cached file;
// then deletes the repeats.
func (m *merge) fold(pairs [][2]int64) error {
	if _, err := m.exec(`CREATE TEMP TABLE fold (old INTEGER PRIMARY KEY, keep INTEGER NOT NULL);
		INSERT INTO temp.fold SELECT value->>0, value->>1 FROM json_each(?)`, jsonArray(pairs)); err != nil {
		return err
	}
	for _, q := range []string{
		`UPDATE bookmarks SET document_id = f.keep, entry_key = d.entry_key
			FROM temp.fold f JOIN documents d ON d.id = f.keep WHERE bookmarks.document_id = f.old`,
		`UPDATE notes SET document_id = f.keep, entry_key = d.entry_key
			FROM temp.fold f JOIN documents d ON d.id = f.keep WHERE notes.document_id = f.old`,
		`UPDATE highlights SET document_id = f.keep, entry_key = d.entry_key
			FROM temp.fold f JOIN documents d ON d.id = f.keep WHERE highlights.document_id = f.old`,
		`UPDATE annotations_fts SET document_id = (SELECT keep FROM temp.fold WHERE old = annotations_fts.document_id)
			WHERE document_id IN (SELECT old FROM temp.fold)`,
		// The latest reading position wins.
		`INSERT INTO reading_positions (document_id, page, zoom, updated_at)
			SELECT f.keep, r.page, r.zoom, r.updated_at FROM reading_positions r JOIN temp.fold f ON f.old = r.document_id
			WHERE true ORDER BY r.updated_at
			ON CONFLICT (document_id) DO UPDATE SET page = excluded.page, zoom = excluded.zoom,
				updated_at = excluded.updated_at WHERE excluded.updated_at > reading_positions.updated_at`,
		`DELETE FROM reading_positions WHERE document_id IN (SELECT old FROM temp.fold)`,
	} {
		if _, err := m.exec(q); err != nil {
			return err
		}
	}
	if err := m.foldFiles(); err != nil {
		return err
	}
	for _, q := range []string{
		`INSERT INTO page_texts_fts (page_texts_fts, rowid, text)
			SELECT 'delete', id, text FROM page_texts WHERE document_id IN (SELECT old FROM temp.fold)`,
		`DELETE FROM page_texts WHERE document_id IN (SELECT old FROM temp.fold)`,
		`DELETE FROM page_text_status WHERE document_id IN (SELECT old FROM temp.fold)`,
		`INSERT INTO documents_fts (documents_fts, rowid, title, summary, authors_text, publisher, tags_text)
			SELECT 'delete', id, title, summary, authors_text, publisher, tags_text FROM documents
			WHERE id IN (SELECT old FROM temp.fold)`,
		`DELETE FROM documents WHERE id IN (SELECT old FROM temp.fold)`,
		`DROP TABLE temp.fold`,
	} {
		if _, err := m.exec(q); err != nil {
			return err
		}
	}
	return nil
}

// foldFiles settles, for each repeat with a cached file, which file its
// kept document keeps (see foldFile).
func (m *merge) foldFiles() error {
	rows, err := m.tx.QueryContext(m.ctx, `SELECT f.old, f.keep FROM temp.fold f JOIN files ON files.document_id = f.old`)
	if err != nil {
		return err
	}
	var pairs [][2]int64
	for rows.Next() {
		var p [2]int64
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			rows.Close()
			return err
		}
		pairs = append(pairs, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, p := range pairs {
		if err := m.foldFile(p[0], p[1]); err != nil {
			return err
		}
	}
	return nil
}

// foldFile gives the kept document the repeat's cached file when it has
// none, or when the repeat's was downloaded later; the other file's row
// goes (its path to m.dropped). Pinning carries over.
func (m *merge) foldFile(old, keep int64) error {
	var oldAt, keepAt sql.NullString
	var pinned bool
	err := m.tx.QueryRowContext(m.ctx, `SELECT (SELECT downloaded_at FROM files WHERE document_id = ?1),
		(SELECT downloaded_at FROM files WHERE document_id = ?2),
		coalesce((SELECT max(pinned) FROM files WHERE document_id IN (?1, ?2)), 0)`, old, keep).Scan(&oldAt, &keepAt, &pinned)
	if err != nil || !oldAt.Valid {
		return err
	}
	loser := old
	if !keepAt.Valid || oldAt.String > keepAt.String {
		loser = keep
	}
	if keepAt.Valid {
		var path string
		if err := m.tx.QueryRowContext(m.ctx, `DELETE FROM files WHERE document_id = ? RETURNING path`, loser).Scan(&path); err != nil {
			return err
		}
		m.dropped = append(m.dropped, path)
	}
	if loser == keep {
		if err := deletePageText(m.ctx, m.tx, keep); err != nil {
			return err
		}
		for _, q := range []string{`UPDATE files SET document_id = ?2 WHERE document_id = ?1`,
			`UPDATE page_texts SET document_id = ?2 WHERE document_id = ?1`,
			`UPDATE page_text_status SET document_id = ?2 WHERE document_id = ?1`} {
			if _, err := m.exec(q, old, keep); err != nil {
				return err
			}
		}
	}
	_, err = m.exec(`UPDATE files SET pinned = ? WHERE document_id = ?`, pinned, keep)
	return err
}

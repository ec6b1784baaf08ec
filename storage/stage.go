package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"fieldshelf/app"
)

// Stage collects the entries of one source's crawl while the crawl runs and
// applies them at the end in one transaction.
//
// Entries go into a TEMP table of a connection of its own: writing there
// takes no lock on the library, so the crawl can take minutes on a poor
// connection while the application goes on reading and saving annotations.
// Apply then merges the staged rows with set-based statements, holding the
// write lock only for that. A Stage is used by one goroutine at a time.
type Stage struct {
	s        *Store
	conn     *sql.Conn // taken on first use
	tables   bool      // the TEMP tables exist on conn
	sourceID int64
	rows     int
}

// stageColumns are the staged columns, in the order Add binds them.
const stageColumns = `key, page, hash, entry_id, title, authors, authors_text, publisher, year, language,
	summary, tags_text, cover_url, pdf_url, pdf_type, pdf_size, links, upstream_updated`

const stageColumnCount = 18

// BeginStage starts collecting a crawl of a source. The connection and its
// TEMP tables are set up with the first entries, so a crawl that finds
// nothing new (every page answered 304) costs no schema work.
func (s *Store) BeginStage(ctx context.Context, sourceID int64) (*Stage, error) {
	return &Stage{s: s, sourceID: sourceID}, nil
}

// open takes the stage's connection, creating the TEMP tables if asked.
func (st *Stage) open(ctx context.Context, tables bool) error {
	if st.conn == nil {
		conn, err := st.s.db.Conn(ctx)
		if err != nil {
			return fmt.Errorf("storage: stage sync: %w", err)
		}
		st.conn = conn
	}
	if !tables || st.tables {
		return nil
	}
	_, err := st.conn.ExecContext(ctx, `DROP TABLE IF EXISTS temp.stage; DROP TABLE IF EXISTS temp.stage_tags;
		CREATE TEMP TABLE stage (`+strings.ReplaceAll(stageColumns, "key,", "key TEXT PRIMARY KEY,")+`,
			action INTEGER NOT NULL DEFAULT 1, doc_id INTEGER);
		CREATE TEMP TABLE stage_tags (key TEXT NOT NULL, position INTEGER NOT NULL, term TEXT, label TEXT,
			scheme TEXT, kind TEXT, PRIMARY KEY (key, position))`)
	if err != nil {
		return fmt.Errorf("storage: stage sync: %w", err)
	}
	st.tables = true
	return nil
}

// Close drops the staged rows and releases the connection.
func (st *Stage) Close() error {
	if st.conn == nil {
		return nil
	}
	var err error
	if st.tables {
		_, err = st.conn.ExecContext(context.Background(), `DROP TABLE IF EXISTS temp.stage; DROP TABLE IF EXISTS temp.stage_tags`)
	}
	return errors.Join(err, st.conn.Close())
}

// Add stages entries. An entry staged twice under one key keeps the later.
func (st *Stage) Add(ctx context.Context, entries []SyncEntry) error {
	if len(entries) == 0 {
		return nil
	}
	if err := st.open(ctx, true); err != nil {
		return err
	}
	const perStatement = 200
	for len(entries) > 0 {
		part := entries[:min(perStatement, len(entries))]
		entries = entries[len(part):]
		args := make([]any, 0, len(part)*stageColumnCount)
		var tags []any
		for _, e := range part {
			r := newDocRow(e)
			args = append(args, r.Key, r.Page, r.Hash, r.EntryID, r.Title, r.Authors, r.AuthorsText, r.Publisher,
				r.Year, r.Language, r.Summary, r.TagsText, r.Cover, r.FileURL, r.FileType, r.FileSize, r.Links,
				r.Updated)
			for i, t := range r.Tags {
				tags = append(tags, r.Key, i, t.Term, t.Label, t.Scheme, t.Kind)
			}
		}
		if _, err := st.conn.ExecContext(ctx, `INSERT OR REPLACE INTO temp.stage (`+stageColumns+`) VALUES `+
			placeholders(len(part), stageColumnCount), args...); err != nil {
			return fmt.Errorf("storage: stage entries: %w", err)
		}
		for len(tags) > 0 {
			n := min(len(tags), 6*500)
			if _, err := st.conn.ExecContext(ctx, `INSERT OR REPLACE INTO temp.stage_tags
				(key, position, term, label, scheme, kind) VALUES `+placeholders(n/6, 6), tags[:n]...); err != nil {
				return fmt.Errorf("storage: stage tags: %w", err)
			}
			tags = tags[n:]
		}
		st.rows += len(part)
	}
	return nil
}

// stageActions classify the staged rows.
const (
	actionUnchanged = 0
	actionAdd       = 1 // the default of a staged row
	actionChange    = 2
	actionMove      = 3 // unchanged, listed on another page
)

// Apply merges the staged entries into the library in one transaction.
// b.Entries is ignored: the entries are the staged ones. New documents are
// added, changed ones updated, and after a complete crawl documents no
// longer listed are marked withdrawn. Nothing is ever deleted. Cached
// documents whose upstream file changed are flagged update_available.
//
// The transaction runs with synchronous=NORMAL: after a power cut the
// library may have lost the latest sync (never its consistency), which the
// next sync repeats; user data is written with FULL.
func (st *Stage) Apply(ctx context.Context, b SyncBatch) (app.SyncStats, error) {
	var stats app.SyncStats
	if err := st.open(ctx, false); err != nil {
		return stats, err
	}
	if _, err := st.conn.ExecContext(ctx, `PRAGMA synchronous = NORMAL`); err != nil {
		return stats, fmt.Errorf("storage: apply sync: %w", err)
	}
	defer st.conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA synchronous = FULL`)
	tx, err := st.conn.BeginTx(ctx, nil)
	if err != nil {
		return stats, fmt.Errorf("storage: apply sync: begin: %w", err)
	}
	defer tx.Rollback()
	m := &merge{ctx: ctx, tx: tx, sourceID: st.sourceID, now: st.s.now(), staged: st.rows}
	if err := m.run(b, &stats); err != nil {
		return app.SyncStats{}, fmt.Errorf("storage: apply sync of source %d: %w", st.sourceID, err)
	}
	if err := tx.Commit(); err != nil {
		return app.SyncStats{}, fmt.Errorf("storage: apply sync of source %d: commit: %w", st.sourceID, err)
	}
	return stats, nil
}

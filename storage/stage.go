package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

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
//
// The first sync of a source (it has no documents yet) has nothing to
// merge with: its entries are kept in memory, as rows ready for the
// documents table, and inserted there directly, which spares writing every
// entry twice. While the pages come fast (a server nearby), that is done as
// they come, in the transaction that Apply then ends: the crawl takes the
// write lock with its first entries and keeps it while it stages pages.
// It gives it up (undoing what it wrote, for Apply to write) as soon as it
// waits EarlyIdle for a page, or has held it for EarlyLimit, so that a
// crawl waiting on the network never keeps the application from saving.
type Stage struct {
	s        *Store
	conn     *sql.Conn // taken on first use
	tables   bool      // the TEMP tables exist on conn
	inserts  map[int]*sql.Stmt
	sourceID int64
	// slots numbers the staged keys from 1 in the order first staged: a
	// key staged again replaces its row, so the staged rows need no index
	// while the crawl runs, and new documents get their ids in that order.
	slots map[string]int64
	// cold is set when the source had no documents as staging began; the
	// rows are then held in rows, rows[slot-1], instead of temp.stage.
	cold, decided bool
	rows          []*docRow
	enc           *rowEncoder
	// early is the merge of a first sync writing while its crawl runs, in
	// the transaction earlyTx begun at earlyAt; lastAdd is when entries
	// last came. noEarly is set once writing early was given up.
	early   *merge
	earlyTx *sql.Tx
	earlyAt time.Time
	lastAdd time.Time
	noEarly bool
	dropped []string
}

// EarlyIdle and EarlyLimit bound how long a first sync holds the library's
// write lock while its crawl runs (see Stage): it gives it up after
// waiting EarlyIdle for entries, or after holding it for EarlyLimit. An
// EarlyLimit of 0 or less turns writing early off.
var (
	EarlyIdle  = 300 * time.Millisecond
	EarlyLimit = 3 * time.Second
)

// stageColumns are the staged columns, in the order Add binds them. tags
// is the entry's tags as a JSON array of [term, label, scheme, kind].
const stageColumns = `id, key, page, hash, entry_id, title, authors, authors_text, publisher, year, language,
	summary, tags_text, tags, cover_url, pdf_url, pdf_type, pdf_size, links, upstream_updated`

const stageColumnCount = 20

// applyPragmas are the settings of the connection while it writes a sync
// (see Apply); resetPragmas restores them.
//
// A source's first sync runs with freshPragmas: foreign keys off, which
// spares a lookup of the source for every document and of the document for
// every tag. Its rows are the source's own new documents and their tags,
// and its transaction checks that the source is there (see insertNew).
const (
	applyPragmas = `PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0`
	freshPragmas = applyPragmas + `; PRAGMA foreign_keys = OFF`
	resetPragmas = `PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 1000; PRAGMA foreign_keys = ON`
)

// stageTableDDL creates temp.stage: the staged columns, with the action
// the merge gives each row and the document it merges with.
var stageTableDDL = `DROP TABLE IF EXISTS temp.stage;
	CREATE TEMP TABLE stage (` + strings.Replace(stageColumns, "id,", "id INTEGER PRIMARY KEY,", 1) + `,
		action INTEGER NOT NULL DEFAULT 1, doc_id INTEGER)`

// BeginStage starts collecting a crawl of a source. The connection and its
// TEMP tables are set up with the first entries, so a crawl that finds
// nothing new (every page answered 304) costs no schema work.
func (s *Store) BeginStage(ctx context.Context, sourceID int64) (*Stage, error) {
	return &Stage{s: s, sourceID: sourceID, inserts: map[int]*sql.Stmt{}, slots: map[string]int64{},
		enc: newRowEncoder()}, nil
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
	_, err := st.conn.ExecContext(ctx, stageTableDDL)
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
	err := st.Reset(context.Background())
	return errors.Join(err, st.conn.Close())
}

// Reset drops the staged rows, to stage a crawl again from the start.
func (st *Stage) Reset(ctx context.Context) error {
	release := st.release()
	st.rows, st.cold, st.decided, st.noEarly = nil, false, false, false
	var errs []error
	for n, stmt := range st.inserts {
		errs = append(errs, stmt.Close())
		delete(st.inserts, n)
	}
	if st.tables {
		_, err := st.conn.ExecContext(ctx, `DROP TABLE IF EXISTS temp.stage`)
		errs = append(errs, err)
		st.tables = false
	}
	clear(st.slots)
	return errors.Join(append(errs, release)...)
}

// Add stages entries. An entry staged twice under one key keeps the later.
func (st *Stage) Add(ctx context.Context, entries []SyncEntry) error {
	if len(entries) == 0 {
		return nil
	}
	if !st.decided {
		if err := st.open(ctx, false); err != nil {
			return err
		}
		has, err := hasDocuments(ctx, st.conn, st.sourceID)
		if err != nil {
			return fmt.Errorf("storage: stage entries: %w", err)
		}
		st.cold, st.decided = !has, true
	}
	if st.cold {
		var again []int // rows written early and staged again
		for i := range entries {
			r := newDocRow(&entries[i], st.enc)
			if id := st.slots[r.Key]; id != 0 {
				st.rows[id-1] = r
				if st.early != nil && int(id) <= st.early.written {
					again = append(again, int(id-1))
				}
				continue
			}
			st.rows = append(st.rows, r)
			st.slots[r.Key] = int64(len(st.rows))
		}
		return st.writeEarly(ctx, again)
	}
	if err := st.open(ctx, true); err != nil {
		return err
	}
	rows := make([]*docRow, len(entries))
	ids := make([]int64, len(entries))
	for i := range entries {
		e := &entries[i]
		rows[i] = newDocRow(e, st.enc)
		ids[i] = st.slots[e.Key]
		if ids[i] == 0 {
			ids[i] = int64(len(st.slots) + 1)
			st.slots[e.Key] = ids[i]
		}
	}
	err := stageRows(rows, ids, func(n int, args []any) error { return st.insert(ctx, n, args) })
	if err != nil {
		return fmt.Errorf("storage: stage entries: %w", err)
	}
	return nil
}

// writeEarly writes the rows of a first sync staged so far, and the rows
// again (written before, staged again since), in the transaction it begins
// the first time (see Stage).
func (st *Stage) writeEarly(ctx context.Context, again []int) error {
	if err := st.Yield(); err != nil || st.noEarly || EarlyLimit <= 0 {
		return err
	}
	st.lastAdd = time.Now()
	if st.early == nil && !st.beginEarly(ctx) {
		return nil
	}
	m := st.early
	m.ctx, m.rows = ctx, st.rows
	for _, i := range again {
		if err := m.rewrite(i); err != nil {
			return fmt.Errorf("storage: stage entries: %w", err)
		}
	}
	if err := m.writeRows(); err != nil {
		return fmt.Errorf("storage: stage entries: %w", err)
	}
	return nil
}

// beginEarly begins the transaction of a first sync while its crawl runs.
// It reports false, and gives up writing early, when the transaction does
// not begin or the source has documents after all.
func (st *Stage) beginEarly(ctx context.Context) bool {
	st.noEarly = true
	if _, err := st.conn.ExecContext(ctx, freshPragmas); err != nil {
		return false
	}
	tx, err := st.conn.BeginTx(ctx, nil)
	if err != nil {
		st.conn.ExecContext(context.WithoutCancel(ctx), resetPragmas)
		return false
	}
	m := &merge{ctx: ctx, tx: tx, sourceID: st.sourceID, now: st.s.now(), early: true}
	has, err := hasDocuments(ctx, tx, st.sourceID)
	if err == nil && !has {
		err = m.beginNew(len(st.rows))
	}
	if err != nil || has {
		tx.Rollback()
		st.conn.ExecContext(context.WithoutCancel(ctx), resetPragmas)
		return false
	}
	st.early, st.earlyTx, st.earlyAt, st.noEarly = m, tx, time.Now(), false
	return true
}

// Yield gives up the write lock that a first sync took while its crawl
// runs, once no entries came for EarlyIdle or it has been held for
// EarlyLimit. The crawl calls it while it waits for pages.
func (st *Stage) Yield() error {
	if st.early == nil {
		return nil
	}
	if now := time.Now(); now.Sub(st.lastAdd) > EarlyIdle || now.Sub(st.earlyAt) > EarlyLimit {
		return st.release()
	}
	return nil
}

// release rolls the transaction of writeEarly back, if any, and writes
// early no more: Apply writes the rows.
func (st *Stage) release() error {
	if st.early == nil {
		return nil
	}
	err := st.earlyTx.Rollback()
	if errors.Is(err, sql.ErrTxDone) {
		err = nil
	}
	_, perr := st.conn.ExecContext(context.Background(), resetPragmas)
	st.early, st.earlyTx, st.noEarly = nil, nil, true
	return errors.Join(err, perr)
}

// stageRows writes rows into temp.stage under the given ids, in statements
// of up to 100 rows run by insert.
func stageRows(rows []*docRow, ids []int64, insert func(n int, args []any) error) error {
	const perStatement = 100
	args := make([]any, 0, min(perStatement, len(rows))*stageColumnCount)
	for len(rows) > 0 {
		n := min(perStatement, len(rows))
		args = args[:0]
		for i, r := range rows[:n] {
			args = append(args, ids[i], r.Key, r.Page, r.Hash, r.EntryID, r.Title, r.Authors, r.AuthorsText, r.Publisher,
				r.Year, r.Language, r.Summary, r.TagsText, jsonArray(r.Tags), r.Cover, r.FileURL, r.FileType, r.FileSize,
				r.Links, r.Updated)
		}
		if err := insert(n, args); err != nil {
			return err
		}
		rows, ids = rows[n:], ids[n:]
	}
	return nil
}

// warmUp moves the rows held in memory into temp.stage, for the set-based
// merge: the source has documents after all.
func (st *Stage) warmUp(ctx context.Context) error {
	if !st.cold {
		return nil
	}
	if err := st.open(ctx, true); err != nil {
		return err
	}
	ids := make([]int64, len(st.rows))
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	err := stageRows(st.rows, ids, func(n int, args []any) error { return st.insert(ctx, n, args) })
	if err != nil {
		return fmt.Errorf("storage: stage entries: %w", err)
	}
	st.rows, st.cold = nil, false
	return nil
}

// insert stages n rows. The statements for the first few row counts seen
// (a catalogue's page sizes) are prepared once and kept.
func (st *Stage) insert(ctx context.Context, n int, args []any) error {
	stmt := st.inserts[n]
	if stmt == nil {
		q := `INSERT OR REPLACE INTO temp.stage (` + stageColumns + `) VALUES ` + placeholders(n, stageColumnCount)
		if len(st.inserts) == 4 {
			_, err := st.conn.ExecContext(ctx, q, args...)
			return err
		}
		var err error
		if stmt, err = st.conn.PrepareContext(ctx, q); err != nil {
			return err
		}
		st.inserts[n] = stmt
	}
	_, err := stmt.ExecContext(ctx, args...)
	return err
}

// ListedOn reports whether a staged entry is a document that the last sync
// found on one of the given pages: when those pages did not change, they
// still list it, so it is listed twice.
func (st *Stage) ListedOn(ctx context.Context, pages []string) (bool, error) {
	if len(st.slots) == 0 || len(pages) == 0 || st.early != nil {
		// Under the early transaction, the source had no documents.
		return false, nil
	}
	if err := st.warmUp(ctx); err != nil {
		return false, err
	}
	var listed bool
	err := st.conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM temp.stage s JOIN documents d
		ON d.source_id = ? AND d.entry_key = s.key
		WHERE d.page_url IN (SELECT value FROM json_each(?)))`, st.sourceID, jsonArray(pages)).Scan(&listed)
	if err != nil {
		return false, fmt.Errorf("storage: check staged entries: %w", err)
	}
	return listed, nil
}

// DroppedFiles returns the paths of cached files that Apply left without a
// row (a repeat's copy of a file its publication already had), for the
// caller to delete.
func (st *Stage) DroppedFiles() []string { return st.dropped }

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
// longer listed are marked withdrawn. The repeats of a publication that an
// older sync stored as documents of their own are folded into the one kept
// (see heal); nothing else is ever deleted. Cached documents whose
// upstream file changed are flagged update_available.
//
// The transaction runs with synchronous=NORMAL: after a power cut the
// library may have lost the latest sync (never its consistency), which the
// next sync repeats; user data is written with FULL. Its commit does not
// checkpoint the write-ahead log: the next write of the application does,
// or closing the store, so the sync does not wait for the database file
// to be rewritten.
func (st *Stage) Apply(ctx context.Context, b SyncBatch) (app.SyncStats, error) {
	if err := st.open(ctx, false); err != nil {
		return app.SyncStats{}, err
	}
	stats, err := st.apply(ctx, b)
	if errors.Is(err, errNotFresh) {
		// Documents of the source came in while the crawl ran: merge.
		if err := st.warmUp(ctx); err != nil {
			return app.SyncStats{}, err
		}
		stats, err = st.apply(ctx, b)
	}
	return stats, err
}

// errNotFresh ends the transaction of a source's first sync that finds
// documents of the source in the library after all.
var errNotFresh = errors.New("the source has documents")

// apply runs Apply's transaction, or ends the one begun while the crawl
// ran. A source's first sync runs it with foreign keys off (see
// freshPragmas).
func (st *Stage) apply(ctx context.Context, b SyncBatch) (app.SyncStats, error) {
	var stats app.SyncStats
	m, tx := st.early, st.earlyTx
	if tx != nil { // the transaction begun while the crawl ran
		st.early, st.earlyTx = nil, nil
		m.ctx, m.now = ctx, st.s.now()
	} else {
		set := applyPragmas
		if st.cold {
			set = freshPragmas
		}
		if _, err := st.conn.ExecContext(ctx, set); err != nil {
			return stats, fmt.Errorf("storage: apply sync: %w", err)
		}
		var err error
		if tx, err = st.conn.BeginTx(ctx, nil); err != nil {
			st.conn.ExecContext(context.WithoutCancel(ctx), resetPragmas)
			return stats, fmt.Errorf("storage: apply sync: begin: %w", err)
		}
		m = &merge{ctx: ctx, tx: tx, sourceID: st.sourceID, now: st.s.now()}
	}
	defer st.conn.ExecContext(context.WithoutCancel(ctx), resetPragmas)
	defer tx.Rollback()
	m.staged = len(st.slots)
	if st.cold {
		m.rows = st.rows
	}
	if err := m.run(b, &stats); err != nil {
		if errors.Is(err, errNotFresh) {
			return stats, err
		}
		return app.SyncStats{}, fmt.Errorf("storage: apply sync of source %d: %w", st.sourceID, err)
	}
	if err := tx.Commit(); err != nil {
		return app.SyncStats{}, fmt.Errorf("storage: apply sync of source %d: commit: %w", st.sourceID, err)
	}
	st.dropped = m.dropped
	return stats, nil
}

// rowQueryer queries one row: the store, a connection or a transaction.
type rowQueryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// hasDocuments reports whether the library holds documents of a source.
func hasDocuments(ctx context.Context, q rowQueryer, sourceID int64) (bool, error) {
	var has bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM documents WHERE source_id = ?)`, sourceID).Scan(&has)
	return has, err
}

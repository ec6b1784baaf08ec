-- 0001: the catalogue, the file cache and the user's own data.
-- Times are UTC text, 'YYYY-MM-DDTHH:MM:SS.sssZ', so they sort as text.

CREATE TABLE sources (
    id              INTEGER PRIMARY KEY,
    url             TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL DEFAULT '',
    username        TEXT    NOT NULL DEFAULT '',
    password_env    TEXT    NOT NULL DEFAULT '', -- name of the variable holding the password
    created_at      TEXT    NOT NULL,
    removed_at      TEXT,                        -- removed by the user; kept while documents refer to it
    last_attempt_at TEXT,
    last_sync_at    TEXT,                        -- end of the last successful sync
    last_error      TEXT    NOT NULL DEFAULT ''
);

-- One row per feed page fetched for a source: validators for conditional
-- requests, a hash of the body and the links followed from it, so that an
-- unchanged page needs neither a download nor a decode.
CREATE TABLE source_pages (
    source_id     INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    url           TEXT    NOT NULL,
    etag          TEXT    NOT NULL DEFAULT '',
    last_modified TEXT    NOT NULL DEFAULT '',
    body_sha256   TEXT    NOT NULL DEFAULT '',
    links         TEXT    NOT NULL DEFAULT '[]', -- JSON array of page URLs reached from this page
    entries       INTEGER NOT NULL DEFAULT 0,
    fetched_at    TEXT    NOT NULL,
    PRIMARY KEY (source_id, url)
) WITHOUT ROWID;

CREATE TABLE documents (
    id               INTEGER PRIMARY KEY,
    source_id        INTEGER NOT NULL REFERENCES sources(id),
    entry_key        TEXT    NOT NULL, -- the feed's id, or a fallback key when ids repeat or are missing
    entry_id         TEXT    NOT NULL DEFAULT '', -- the id exactly as the feed gave it
    title            TEXT    NOT NULL,
    authors          TEXT    NOT NULL DEFAULT '[]', -- JSON array
    authors_text     TEXT    NOT NULL DEFAULT '',   -- the same, joined, for the full-text index
    publisher        TEXT    NOT NULL DEFAULT '',
    year             INTEGER,
    language         TEXT    NOT NULL DEFAULT '',
    summary          TEXT    NOT NULL DEFAULT '',
    tags_text        TEXT    NOT NULL DEFAULT '',   -- tag labels joined, for the full-text index
    cover_url        TEXT    NOT NULL DEFAULT '',
    pdf_url          TEXT    NOT NULL DEFAULT '',
    pdf_type         TEXT    NOT NULL DEFAULT '',
    pdf_size         INTEGER NOT NULL DEFAULT 0,
    links            TEXT    NOT NULL DEFAULT '[]', -- JSON array of acquisition links, best first
    upstream_updated TEXT    NOT NULL DEFAULT '',
    meta_hash        TEXT    NOT NULL,              -- hash of everything above, to detect changes
    page_url         TEXT    NOT NULL DEFAULT '',   -- the feed page that last listed it
    withdrawn_at     TEXT,
    update_available INTEGER NOT NULL DEFAULT 0,
    first_seen_at    TEXT    NOT NULL,
    changed_at       TEXT    NOT NULL,
    UNIQUE (source_id, entry_key)
);
CREATE INDEX documents_page ON documents(source_id, page_url);
CREATE INDEX documents_year ON documents(year);
CREATE INDEX documents_publisher ON documents(publisher COLLATE NOCASE);
CREATE INDEX documents_title ON documents(title COLLATE NOCASE);

CREATE TABLE document_tags (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    term        TEXT    NOT NULL DEFAULT '',
    label       TEXT    NOT NULL DEFAULT '',
    scheme      TEXT    NOT NULL DEFAULT '',
    kind        TEXT    NOT NULL DEFAULT 'subject',
    PRIMARY KEY (document_id, position)
) WITHOUT ROWID;
CREATE INDEX document_tags_label ON document_tags(label COLLATE NOCASE, document_id);
CREATE INDEX document_tags_term ON document_tags(term COLLATE NOCASE, document_id);

-- A cached PDF. The path is built from our own ids. A document is offline
-- only once its row exists, which is written after the file is verified,
-- synced and renamed into place.
CREATE TABLE files (
    document_id      INTEGER PRIMARY KEY REFERENCES documents(id),
    path             TEXT    NOT NULL,
    size             INTEGER NOT NULL,
    sha256           TEXT    NOT NULL,
    url              TEXT    NOT NULL,
    etag             TEXT    NOT NULL DEFAULT '',
    last_modified    TEXT    NOT NULL DEFAULT '',
    upstream_size    INTEGER NOT NULL DEFAULT 0,  -- the catalogue's size and stamp when downloaded
    upstream_updated TEXT    NOT NULL DEFAULT '',
    pinned           INTEGER NOT NULL DEFAULT 0,
    downloaded_at    TEXT    NOT NULL,
    last_opened_at   TEXT
);

-- User data. Each item names its document by row and by stable identity
-- (source URL and entry key), and the file version it was made on, so it
-- survives withdrawal, removal of the file and new editions. Deletion is
-- soft (deleted_at) so it can be undone.
CREATE TABLE bookmarks (
    id          INTEGER PRIMARY KEY,
    uid         TEXT    NOT NULL UNIQUE,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    source_url  TEXT    NOT NULL,
    entry_key   TEXT    NOT NULL,
    file_sha256 TEXT    NOT NULL DEFAULT '',
    page        INTEGER NOT NULL,
    label       TEXT    NOT NULL DEFAULT '',
    author      TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX bookmarks_document ON bookmarks(document_id);

CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    uid         TEXT    NOT NULL UNIQUE,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    source_url  TEXT    NOT NULL,
    entry_key   TEXT    NOT NULL,
    file_sha256 TEXT    NOT NULL DEFAULT '',
    page        INTEGER,                      -- NULL for a note on the whole document
    body        TEXT    NOT NULL,             -- Markdown
    author      TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX notes_document ON notes(document_id);

CREATE TABLE highlights (
    id           INTEGER PRIMARY KEY,
    uid          TEXT    NOT NULL UNIQUE,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    source_url   TEXT    NOT NULL,
    entry_key    TEXT    NOT NULL,
    file_sha256  TEXT    NOT NULL DEFAULT '',
    page         INTEGER NOT NULL,
    rects        TEXT    NOT NULL DEFAULT '[]', -- JSON [[x0,y0,x1,y1],...] in page coordinates
    quote        TEXT    NOT NULL DEFAULT '',
    color        TEXT    NOT NULL DEFAULT 'yellow',
    note         TEXT    NOT NULL DEFAULT '',
    needs_review INTEGER NOT NULL DEFAULT 0,
    author       TEXT    NOT NULL DEFAULT '',
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX highlights_document ON highlights(document_id);

CREATE TABLE reading_positions (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id),
    page        INTEGER NOT NULL,
    zoom        REAL    NOT NULL DEFAULT 0,   -- 0 means fit width
    updated_at  TEXT    NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Full-text search over catalogue metadata. The documents table is the
-- content; the store keeps the index in step itself, in bulk, since
-- per-row triggers make FTS5 flush its buffer on every statement.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, summary, authors_text, publisher, tags_text,
    content='documents', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);

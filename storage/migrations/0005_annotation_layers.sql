-- 0004: annotation layers. A catalogue may publish W3C annotation sets with
-- its publications (a trainer's notes on a handbook). A sync keeps them here,
-- read-only, in one layer per catalogue and author, apart from the user's
-- own bookmarks, notes and highlights, which nothing here touches.

-- An annotation set a catalogue links from one of its entries, with the
-- validators of its last fetch so that the next sync asks for it
-- conditionally, like a feed page.
CREATE TABLE layer_sets (
    id            INTEGER PRIMARY KEY,
    source_id     INTEGER NOT NULL REFERENCES sources(id),
    entry_key     TEXT    NOT NULL,
    url           TEXT    NOT NULL,
    etag          TEXT    NOT NULL DEFAULT '',
    last_modified TEXT    NOT NULL DEFAULT '',
    body_sha256   TEXT    NOT NULL DEFAULT '',
    fetched_at    TEXT,
    error         TEXT    NOT NULL DEFAULT '', -- why the last fetch failed; its items stay as they were
    UNIQUE (source_id, entry_key, url)
);

-- The annotations of one author in one catalogue, shown or hidden as a whole.
CREATE TABLE layers (
    id         INTEGER PRIMARY KEY,
    source_id  INTEGER NOT NULL REFERENCES sources(id),
    author     TEXT    NOT NULL,
    color      TEXT    NOT NULL,
    hidden     INTEGER NOT NULL DEFAULT 0,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    UNIQUE (source_id, author)
);

-- One published annotation. Its place (page, rects, file_sha256,
-- needs_review) is re-anchored in the local file like the user's own; the
-- rest is as the catalogue published it, and content_sha256 tells a
-- re-published annotation that changed from one that did not.
CREATE TABLE layer_items (
    id             INTEGER PRIMARY KEY,
    layer_id       INTEGER NOT NULL REFERENCES layers(id),
    set_id         INTEGER NOT NULL REFERENCES layer_sets(id) ON DELETE CASCADE,
    uid            TEXT    NOT NULL,
    kind           TEXT    NOT NULL, -- bookmark, note or highlight
    document_id    INTEGER NOT NULL REFERENCES documents(id),
    file_sha256    TEXT    NOT NULL DEFAULT '',
    page           INTEGER NOT NULL DEFAULT 0, -- 0 for a note on the whole document
    rects          TEXT    NOT NULL DEFAULT '[]',
    quote          TEXT    NOT NULL DEFAULT '',
    prefix         TEXT    NOT NULL DEFAULT '',
    suffix         TEXT    NOT NULL DEFAULT '',
    color          TEXT    NOT NULL DEFAULT '',
    body           TEXT    NOT NULL DEFAULT '', -- a bookmark's label, a note's or a highlight's text
    needs_review   INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    content_sha256 TEXT    NOT NULL,
    UNIQUE (set_id, uid)
);
CREATE INDEX layer_items_document ON layer_items(document_id, layer_id);
CREATE INDEX layer_items_layer ON layer_items(layer_id);

-- 0002: the text of cached PDFs, page by page, for full-text search inside
-- documents. Extraction runs in the background when a document becomes
-- offline; page_text_status says how far it got for which file version.

CREATE TABLE page_texts (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    page        INTEGER NOT NULL,            -- counted from 1
    text        TEXT    NOT NULL,
    UNIQUE (document_id, page)
);

CREATE TABLE page_text_status (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    file_sha256 TEXT    NOT NULL,            -- the file version the text was taken from
    pages_done  INTEGER NOT NULL DEFAULT 0,
    pages_total INTEGER NOT NULL DEFAULT 0,
    state       TEXT    NOT NULL DEFAULT 'pending', -- pending, done, failed
    error       TEXT    NOT NULL DEFAULT '',
    updated_at  TEXT    NOT NULL
);

CREATE VIRTUAL TABLE page_texts_fts USING fts5(
    text, content='page_texts', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);

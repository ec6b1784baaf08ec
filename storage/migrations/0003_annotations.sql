-- 0003: annotations become re-anchorable and searchable.
--
-- Bookmarks and notes get a needs_review flag like highlights (set when a
-- new edition no longer has their page); highlights keep a little of the
-- text around the quote, to tell repeats apart and for the W3C
-- TextQuoteSelector.
ALTER TABLE bookmarks ADD COLUMN needs_review INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notes ADD COLUMN needs_review INTEGER NOT NULL DEFAULT 0;
ALTER TABLE highlights ADD COLUMN prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE highlights ADD COLUMN suffix TEXT NOT NULL DEFAULT '';

CREATE INDEX bookmarks_deleted ON bookmarks(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX notes_deleted ON notes(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX highlights_deleted ON highlights(deleted_at) WHERE deleted_at IS NOT NULL;

-- Full-text search over the notes and highlights not in the trash. The
-- store keeps it in step itself, no triggers. The rowid is derived from
-- the annotation: 2*id for a note, 2*id+1 for a highlight, so one row is
-- found without a scan.
CREATE VIRTUAL TABLE annotations_fts USING fts5(
    text, kind UNINDEXED, item UNINDEXED, document_id UNINDEXED, page UNINDEXED,
    tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);

INSERT INTO annotations_fts (rowid, text, kind, item, document_id, page)
    SELECT 2*id, body, 'note', id, document_id, coalesce(page, 0) FROM notes WHERE deleted_at IS NULL;
INSERT INTO annotations_fts (rowid, text, kind, item, document_id, page)
    SELECT 2*id+1, trim(quote || char(10) || note), 'highlight', id, document_id, page
    FROM highlights WHERE deleted_at IS NULL;

-- 0004: one document per publication.
--
-- A catalogue that lists its books by title, by author and by tag used to
-- give one document per listing; the sync now merges them, and folds the
-- repeats stored before into one document (storage/heal.go). Pages record
-- whether they share publications with other pages, and their links record
-- the tag subsection they lead to, so the next sync must read every page
-- again: the validators are cleared. That sync also reads titles again as
-- text (a title sent as text is no longer taken for HTML).
ALTER TABLE source_pages ADD COLUMN shared INTEGER NOT NULL DEFAULT 0;
UPDATE source_pages SET etag = '', last_modified = '', body_sha256 = '', links = '[]';

-- Indexes no query uses, which every sync paid for keeping: the publisher
-- filter matches inside the name (LIKE '%...%'); a tag filter looks the
-- tags of each document up by document (the primary key), and the tag
-- list reads them all.
DROP INDEX documents_publisher;
DROP INDEX document_tags_label;
DROP INDEX document_tags_term;

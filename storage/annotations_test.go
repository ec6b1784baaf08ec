package storage_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fieldshelf/app"
	"fieldshelf/storage"
)

// annotatedStore is a store with one source and two documents.
func annotatedStore(t *testing.T) (*storage.Store, app.Source) {
	t.Helper()
	s := openStore(t)
	src := addSource(t, s, "http://a.test/feed")
	_, err := s.ApplySync(context.Background(), src.ID, batch("http://a.test/feed", true,
		entry("urn:a", "Referral handbook", 2020), entry("urn:b", "Shelter guidance", 2021)))
	if err != nil {
		t.Fatal(err)
	}
	return s, src
}

func TestAnnotationsCRUDAndIdentity(t *testing.T) {
	s, src := annotatedStore(t)
	ctx := context.Background()
	b, err := s.AddBookmark(ctx, app.Bookmark{Annotation: app.Annotation{DocumentID: 1, Author: "Ana"}, Page: 3, Label: "start"})
	if err != nil {
		t.Fatal(err)
	}
	if b.ID == 0 || len(b.UID) != 36 || b.SourceURL != src.URL || b.EntryKey != "urn:a" || b.Created.IsZero() {
		t.Fatalf("bookmark = %+v, want an id, a uid and the document's identity", b)
	}
	n, err := s.AddNote(ctx, app.Note{Annotation: app.Annotation{DocumentID: 2}, Body: "Call the *shelter* first"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.EditNote(ctx, n.ID, "Call the hotline first"); err != nil {
		t.Fatal(err)
	}
	h, err := s.AddHighlight(ctx, app.Highlight{Annotation: app.Annotation{DocumentID: 1, FileSHA256: "abc"}, Page: 2,
		Quote: "screening interview", Rects: []app.Rect{{X0: 1, Y0: 2, X1: 3, Y1: 4}}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Highlight(ctx, h.ID)
	if err != nil || got.Color != "yellow" || len(got.Rects) != 1 || got.Rects[0].X1 != 3 || got.FileSHA256 != "abc" {
		t.Fatalf("highlight = %+v, %v", got, err)
	}
	notes, _ := s.Notes(ctx, 2)
	if len(notes) != 1 || notes[0].Body != "Call the hotline first" || notes[0].Page != 0 {
		t.Fatalf("notes = %+v", notes)
	}
	if _, err := s.AddNote(ctx, app.Note{Annotation: app.Annotation{DocumentID: 99}, Body: "x"}); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("note on a missing document: %v", err)
	}
}

func TestTrashRestoreAndPurge(t *testing.T) {
	s, _ := annotatedStore(t)
	ctx := context.Background()
	n, _ := s.AddNote(ctx, app.Note{Annotation: app.Annotation{DocumentID: 1}, Page: 4, Body: "hotline number"})
	if err := s.Trash(ctx, app.KindNote, n.ID); err != nil {
		t.Fatal(err)
	}
	if notes, _ := s.Notes(ctx, 1); len(notes) != 0 {
		t.Fatalf("a trashed note is listed: %+v", notes)
	}
	if hits, _ := s.SearchAnnotations(ctx, "hotline", 10); len(hits) != 0 {
		t.Fatalf("a trashed note is found: %+v", hits)
	}
	items, _ := s.TrashItems(ctx)
	if len(items) != 1 || items[0].Kind != app.KindNote || items[0].Title != "Referral handbook" {
		t.Fatalf("trash = %+v", items)
	}
	if err := s.Restore(ctx, app.KindNote, n.ID); err != nil {
		t.Fatal(err)
	}
	if hits, _ := s.SearchAnnotations(ctx, "hotline", 10); len(hits) != 1 || hits[0].Page != 4 {
		t.Fatalf("restored note search = %+v", hits)
	}
	if err := s.Restore(ctx, app.KindNote, n.ID); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("restore twice = %v", err)
	}
	// Purge removes only what was deleted before the cut-off.
	s.Trash(ctx, app.KindNote, n.ID)
	if k, err := s.PurgeTrash(ctx, time.Now().Add(-time.Hour)); err != nil || k != 0 {
		t.Fatalf("purge of recent trash = %d, %v", k, err)
	}
	if k, err := s.PurgeTrash(ctx, time.Now().Add(time.Hour)); err != nil || k != 1 {
		t.Fatalf("purge = %d, %v", k, err)
	}
	if _, err := s.Note(ctx, n.ID); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("purged note: %v", err)
	}
}

func TestSearchAnnotations(t *testing.T) {
	s, _ := annotatedStore(t)
	ctx := context.Background()
	s.AddNote(ctx, app.Note{Annotation: app.Annotation{DocumentID: 2}, Page: 7, Body: "Ask about debt bondage"})
	h, _ := s.AddHighlight(ctx, app.Highlight{Annotation: app.Annotation{DocumentID: 1}, Page: 2,
		Quote: "signs of debt bondage", Note: "see annex"})
	hits, err := s.SearchAnnotations(ctx, "bondage", 10)
	if err != nil || len(hits) != 2 {
		t.Fatalf("hits = %+v, %v", hits, err)
	}
	kinds := map[string]app.SearchHit{}
	for _, x := range hits {
		kinds[x.Kind] = x
	}
	if hl := kinds["highlight"]; hl.AnnotationID != h.ID || hl.Page != 2 || hl.Document.Title != "Referral handbook" {
		t.Fatalf("highlight hit = %+v", hl)
	}
	if nt := kinds["note"]; nt.Page != 7 || nt.Snippet == "" || nt.Document.ID != 2 {
		t.Fatalf("note hit = %+v", nt)
	}
	if hits, _ := s.SearchAnnotations(ctx, "annex", 10); len(hits) != 1 {
		t.Fatalf("a highlight's note is not searchable: %+v", hits)
	}
}

func TestImportAnnotationsIsIdempotent(t *testing.T) {
	s, _ := annotatedStore(t)
	ctx := context.Background()
	set := storage.AnnotationSet{
		Notes:      []app.Note{{Annotation: app.Annotation{UID: "u-1", DocumentID: 1, Author: "Trainer"}, Body: "one"}},
		Highlights: []app.Highlight{{Annotation: app.Annotation{UID: "u-2", DocumentID: 2}, Page: 1, Quote: "q"}},
	}
	added, err := s.ImportAnnotations(ctx, set)
	if err != nil || added.Len() != 2 {
		t.Fatalf("first import added %d, %v", added.Len(), err)
	}
	added, err = s.ImportAnnotations(ctx, set)
	if err != nil || added.Len() != 0 {
		t.Fatalf("second import added %d, %v", added.Len(), err)
	}
	all, _ := s.Annotations(ctx, 0, true)
	if all.Len() != 2 || all.Notes[0].Author != "Trainer" {
		t.Fatalf("stored = %+v", all)
	}
}

func TestFindDocumentByIdentity(t *testing.T) {
	s, src := annotatedStore(t)
	ctx := context.Background()
	for _, c := range []struct {
		id   storage.Identity
		want int64
	}{
		{storage.Identity{SourceURL: src.URL, EntryKey: "urn:b"}, 2},
		{storage.Identity{SourceURL: "http://elsewhere.test/", EntryKey: "urn:a"}, 1},
		{storage.Identity{FileURL: "http://files.test/urn:b.pdf"}, 2},
		{storage.Identity{EntryKey: "urn:zzz", Title: "shelter GUIDANCE"}, 2},
	} {
		d, err := s.FindDocument(ctx, c.id)
		if err != nil || d.ID != c.want {
			t.Errorf("FindDocument(%+v) = %d, %v; want %d", c.id, d.ID, err, c.want)
		}
	}
	if _, err := s.FindDocument(ctx, storage.Identity{EntryKey: "urn:none", Title: "None"}); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("missing document: %v", err)
	}
}

func TestSetAnchorsAndReadingPosition(t *testing.T) {
	s, _ := annotatedStore(t)
	ctx := context.Background()
	h, _ := s.AddHighlight(ctx, app.Highlight{Annotation: app.Annotation{DocumentID: 1, FileSHA256: "v1"}, Page: 2, Quote: "q"})
	err := s.SetAnchors(ctx, []storage.Anchor{{Kind: app.KindHighlight, ID: h.ID, Page: 5,
		Rects: []app.Rect{{X1: 9}}, FileSHA256: "v2", NeedsReview: true}})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Highlight(ctx, h.ID)
	if got.Page != 5 || got.FileSHA256 != "v2" || !got.NeedsReview || got.Rects[0].X1 != 9 || !got.Updated.Equal(h.Updated) {
		t.Fatalf("re-anchored = %+v", got)
	}
	if _, err := s.ReadingPosition(ctx, 1); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("position before any: %v", err)
	}
	s.SetReadingPosition(ctx, app.ReadingPosition{DocumentID: 1, Page: 3, Zoom: 1.5})
	s.SetReadingPosition(ctx, app.ReadingPosition{DocumentID: 1, Page: 4, Zoom: 2})
	if p, err := s.ReadingPosition(ctx, 1); err != nil || p.Page != 4 || p.Zoom != 2 {
		t.Fatalf("position = %+v, %v", p, err)
	}
}

func TestUserDataSurvivesWithdrawalAndSourceRemoval(t *testing.T) {
	s, src := annotatedStore(t)
	ctx := context.Background()
	s.AddNote(ctx, app.Note{Annotation: app.Annotation{DocumentID: 1}, Body: "keep me"})
	// A complete sync without the entry withdraws it; removing the source keeps it.
	if _, err := s.ApplySync(ctx, src.ID, batch("http://a.test/feed", true, entry("urn:b", "Shelter guidance", 2021))); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveSource(ctx, src.ID); err != nil {
		t.Fatal(err)
	}
	notes, _ := s.Notes(ctx, 1)
	if len(notes) != 1 {
		t.Fatalf("notes after withdrawal and source removal: %+v", notes)
	}
	if d, err := s.Document(ctx, 1); err != nil || !d.Withdrawn {
		t.Fatalf("document = %+v, %v", d, err)
	}
	if _, err := s.Document(ctx, 2); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("the unannotated document stayed: %v", err)
	}
}

func TestBackupCheckAndReplace(t *testing.T) {
	s, _ := annotatedStore(t)
	ctx := context.Background()
	s.AddNote(ctx, app.Note{Annotation: app.Annotation{DocumentID: 1}, Body: "in the backup"})
	dir := t.TempDir()
	backup := filepath.Join(dir, "b.db")
	if err := s.BackupTo(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if v, err := storage.CheckDatabase(ctx, backup); err != nil || v != storage.SchemaVersion() {
		t.Fatalf("check = %d, %v", v, err)
	}
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("not a database at all, just text padding it out to a page or so"), 0o600)
	if _, err := storage.CheckDatabase(ctx, junk); err == nil {
		t.Fatal("a text file passed the check")
	}
	// Replace another database with the backup.
	other := filepath.Join(dir, "other.db")
	o, err := storage.Open(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	if err := storage.ReplaceDatabase(other, backup); err != nil {
		t.Fatal(err)
	}
	o, err = storage.Open(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	if notes, _ := o.Notes(ctx, 1); len(notes) != 1 || notes[0].Body != "in the backup" {
		t.Fatalf("restored notes = %+v", notes)
	}
}

func TestMigrationFromVersion2KeepsAnnotations(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "library.db")
	db, err := storage.OpenAtVersion(ctx, path, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO sources (id, url, created_at) VALUES (1, 'http://a.test/', 'x')`,
		`INSERT INTO documents (id, source_id, entry_key, title, meta_hash, first_seen_at, changed_at)
			VALUES (1, 1, 'k', 'T', 'h', 'x', 'x')`,
		`INSERT INTO notes (uid, document_id, source_url, entry_key, page, body, created_at, updated_at)
			VALUES ('n1', 1, 'http://a.test/', 'k', 3, 'old trafficking note', 'x', 'x')`,
		`INSERT INTO highlights (uid, document_id, source_url, entry_key, page, quote, created_at, updated_at)
			VALUES ('h1', 1, 'http://a.test/', 'k', 2, 'old quote', 'x', 'x')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	set, err := s.Annotations(ctx, 0, true)
	if err != nil || set.Len() != 2 {
		t.Fatalf("after migration: %+v, %v", set, err)
	}
	if hits, _ := s.SearchAnnotations(ctx, "trafficking", 5); len(hits) != 1 {
		t.Fatalf("old notes are not indexed: %+v", hits)
	}
}

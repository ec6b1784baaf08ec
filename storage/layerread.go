package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"fieldshelf/app"
)

// layerColumns are a layer's columns with its catalogue's name; the count
// of its annotations follows, per query.
const layerColumns = `l.id, l.source_id, coalesce(nullif(s.name, ''), s.url), l.author, l.color, l.hidden, l.updated_at`

func scanLayer(row interface{ Scan(...any) error }) (app.Layer, error) {
	var x app.Layer
	var updated sql.NullString
	err := row.Scan(&x.ID, &x.SourceID, &x.Source, &x.Author, &x.Color, &x.Hidden, &updated, &x.Items)
	x.Updated = parseTime(updated)
	return x, err
}

// Layers lists every annotation layer with the number of its annotations,
// by catalogue and author.
func (s *Store) Layers(ctx context.Context) ([]app.Layer, error) {
	return s.layers(ctx, `SELECT `+layerColumns+`, (SELECT count(*) FROM layer_items i WHERE i.layer_id = l.id)
		FROM layers l JOIN sources s ON s.id = l.source_id ORDER BY s.id, l.author, l.id`)
}

// DocumentLayers lists the layers that hold annotations of a document,
// with the number of those.
func (s *Store) DocumentLayers(ctx context.Context, docID int64) ([]app.Layer, error) {
	return s.layers(ctx, `SELECT `+layerColumns+`, count(*) FROM layer_items i JOIN layers l ON l.id = i.layer_id
		JOIN sources s ON s.id = l.source_id WHERE i.document_id = ? GROUP BY l.id ORDER BY s.id, l.author, l.id`, docID)
}

func (s *Store) layers(ctx context.Context, q string, args ...any) ([]app.Layer, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: list layers: %w", err)
	}
	defer rows.Close()
	out := []app.Layer{}
	for rows.Next() {
		x, err := scanLayer(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: list layers: %w", err)
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// Layer returns one layer.
func (s *Store) Layer(ctx context.Context, id int64) (app.Layer, error) {
	x, err := scanLayer(s.db.QueryRowContext(ctx, `SELECT `+layerColumns+`, (SELECT count(*) FROM layer_items i
		WHERE i.layer_id = l.id) FROM layers l JOIN sources s ON s.id = l.source_id WHERE l.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return x, fmt.Errorf("storage: %w", app.NotFound("layer", id))
	}
	if err != nil {
		return x, fmt.Errorf("storage: layer %d: %w", id, err)
	}
	return x, nil
}

// SetLayerHidden hides or shows a layer.
func (s *Store) SetLayerHidden(ctx context.Context, id int64, hidden bool) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE layers SET hidden = ? WHERE id = ?`, hidden, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.NotFound("layer", id)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: hide or show layer %d: %w", id, err)
	}
	return nil
}

// layerItemColumns read a layer's annotation with the columns of the
// user's own (annotationColumns: a layer's are never in the trash), then
// its layer and its own.
const layerItemColumns = `i.id, i.uid, i.document_id, src.url, d.entry_key, i.file_sha256, l.author, i.created_at,
	i.updated_at, NULL, i.needs_review, i.layer_id, i.kind, i.page, i.rects, i.quote, i.prefix, i.suffix, i.color, i.body`

const layerItemFrom = ` FROM layer_items i JOIN layers l ON l.id = i.layer_id JOIN documents d ON d.id = i.document_id
	JOIN sources src ON src.id = d.source_id`

// LayerAnnotations returns the annotations the layers hold on a document
// (on every document for 0), of the hidden layers too when withHidden is
// set, each with the id of its layer in Annotation.Layer.
func (s *Store) LayerAnnotations(ctx context.Context, docID int64, withHidden bool) (AnnotationSet, error) {
	q := `SELECT ` + layerItemColumns + layerItemFrom + ` WHERE (?1 = 0 OR i.document_id = ?1) AND (?2 OR NOT l.hidden)
		ORDER BY i.document_id, i.page, i.created_at, i.id`
	rows, err := s.db.QueryContext(ctx, q, docID, withHidden)
	if err != nil {
		return AnnotationSet{}, fmt.Errorf("storage: list layer annotations: %w", err)
	}
	defer rows.Close()
	var set AnnotationSet
	for rows.Next() {
		if err := scanLayerItem(rows, &set); err != nil {
			return AnnotationSet{}, fmt.Errorf("storage: list layer annotations: %w", err)
		}
	}
	return set, rows.Err()
}

// LayerAnnotation returns one annotation of a layer, in a set of its own.
func (s *Store) LayerAnnotation(ctx context.Context, id int64) (AnnotationSet, error) {
	var set AnnotationSet
	err := scanLayerItem(s.db.QueryRowContext(ctx, `SELECT `+layerItemColumns+layerItemFrom+` WHERE i.id = ?`, id), &set)
	if errors.Is(err, sql.ErrNoRows) {
		return set, fmt.Errorf("storage: %w", app.NotFound("layer annotation", id))
	}
	if err != nil {
		return set, fmt.Errorf("storage: layer annotation %d: %w", id, err)
	}
	return set, nil
}

// scanLayerItem reads a row into the set, as the bookmark, note or
// highlight it is.
func scanLayerItem(row interface{ Scan(...any) error }, set *AnnotationSet) error {
	var a app.Annotation
	var kind app.AnnotationKind
	var page int
	var rects, quote, prefix, suffix, color, body string
	dest, finish := scanTargets(&a)
	dest = append(dest, &a.Layer, &kind, &page, &rects, &quote, &prefix, &suffix, &color, &body)
	if err := row.Scan(dest...); err != nil {
		return err
	}
	finish()
	switch kind {
	case app.KindBookmark:
		set.Bookmarks = append(set.Bookmarks, app.Bookmark{Annotation: a, Page: page, Label: body})
	case app.KindNote:
		set.Notes = append(set.Notes, app.Note{Annotation: a, Page: page, Body: body})
	default:
		set.Highlights = append(set.Highlights, app.Highlight{Annotation: a, Page: page, Rects: parseRects(rects),
			Quote: quote, Prefix: prefix, Suffix: suffix, Color: color, Note: body})
	}
	return nil
}

// With returns the annotations of both sets.
func (a AnnotationSet) With(b AnnotationSet) AnnotationSet {
	return AnnotationSet{Bookmarks: append(a.Bookmarks, b.Bookmarks...), Notes: append(a.Notes, b.Notes...),
		Highlights: append(a.Highlights, b.Highlights...)}
}

// SetLayerAnchors moves layer annotations to their places in a new version
// of their file, as re-anchoring found them, in one transaction.
func (s *Store) SetLayerAnchors(ctx context.Context, anchors []Anchor) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, a := range anchors {
			if _, err := tx.ExecContext(ctx, `UPDATE layer_items SET page = ?, rects = ?, file_sha256 = ?, needs_review = ?
				WHERE id = ?`, a.Page, rectsJSON(a.Rects), a.FileSHA256, a.NeedsReview, a.ID); err != nil {
				return fmt.Errorf("layer annotation %d: %w", a.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: re-anchor layer annotations: %w", err)
	}
	return nil
}

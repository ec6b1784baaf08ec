package library

import (
	"context"
	"errors"

	"fieldshelf/app"
)

// CountDocuments counts the documents a listing with this filter returns
// (Limit and Offset aside), so a view can page through a large library.
func (l *Library) CountDocuments(ctx context.Context, f app.Filter) (int, error) {
	return l.store.CountDocuments(ctx, f)
}

// Tags lists the tag labels in use, most used first, for filter menus.
func (l *Library) Tags(ctx context.Context) ([]app.TagCount, error) {
	return l.store.Tags(ctx)
}

// Opened records that a document's cached file was opened now, for the
// "recently read" order and the cache's least-recently-used eviction.
func (l *Library) Opened(ctx context.Context, id int64) error {
	return l.store.TouchFile(ctx, id)
}

// UpdateSource changes a source's name and credentials (user name and the
// name of the environment variable holding the password). The URL stays.
func (l *Library) UpdateSource(ctx context.Context, src app.Source) error {
	if src.Username == "" && src.PasswordEnv != "" {
		return errors.New("library: a password variable needs a user name")
	}
	return l.store.UpdateSource(ctx, src)
}

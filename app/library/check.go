package library

import (
	"bytes"
	"context"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/catalog"
	"fieldshelf/app/fetch"
)

// checkPages and checkTime bound what CheckSource reads of a catalogue:
// enough to count a small one whole and to tell a large one by its first
// pages, quickly.
const (
	checkPages = 10
	checkTime  = 15 * time.Second
)

// CheckSource reads a catalogue's address before it is added, with its
// credentials (password, when set, is the one the user typed, else the
// source's own is looked up), and says what is there: the format, the
// title and how many publications its first pages list. It stores
// nothing. A failure is an app.Failure saying what is wrong (no answer, a
// refused password, no catalogue there...).
func (l *Library) CheckSource(ctx context.Context, src app.Source, password string) (app.SourceCheck, error) {
	name := catalogueName(src)
	u, err := checkSourceURL(src.URL)
	if err != nil {
		return app.SourceCheck{}, invalid(app.OpCheck, "This is not the address of a catalogue: use an http, https or file address.")
	}
	if password == "" && src.Username != "" {
		if password, err = l.password(ctx, src); err != nil {
			return app.SourceCheck{}, failed(app.OpCheck, name, err)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, checkTime)
	defer cancel()
	var c app.SourceCheck
	next := u.String()
	for pages := 0; next != "" && pages < checkPages; pages++ {
		resp, err := l.client.Get(ctx, fetch.Request{URL: next, Username: src.Username, Password: password})
		if err != nil {
			if pages > 0 && ctx.Err() != nil {
				break // the first pages say enough
			}
			return app.SourceCheck{}, failed(app.OpCheck, name, err)
		}
		feed, err := catalog.Parse(resp.URL, resp.ContentType, resp.Body)
		if err != nil {
			return app.SourceCheck{}, failed(app.OpCheck, name, err)
		}
		if pages == 0 {
			c.Format, c.Title, c.Sections = "OPDS 1.2", feed.Title, len(feed.Navigation)
			if b := bytes.TrimSpace(resp.Body); len(b) > 0 && (b[0] == '{' || b[0] == '[') {
				c.Format = "OPDS 2.0"
			}
		}
		c.Publications += len(feed.Entries)
		next = feed.Next
	}
	c.More = next != ""
	return c, nil
}

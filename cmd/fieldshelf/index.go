package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"fieldshelf/app"
)

// cmdIndex extracts (or finishes extracting) the page text of cached
// documents, for search: the named ones, else every offline document.
func cmdIndex(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return errUsage
	}
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	ids, err := parseIDs(pos, "document")
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		docs, err := lib.Documents(ctx, app.Filter{Offline: true, Withdrawn: true})
		if err != nil {
			return err
		}
		for _, d := range docs {
			ids = append(ids, d.ID)
		}
	}
	var errs []error
	for _, id := range ids {
		start := time.Now()
		pages := 0
		err := lib.IndexText(ctx, id, func(done, total int) { pages = total })
		if err != nil {
			errs = append(errs, fmt.Errorf("document %d: %w", id, err))
			continue
		}
		if pages == 0 {
			fmt.Fprintf(e.stdout, "%d  already indexed\n", id)
			continue
		}
		fmt.Fprintf(e.stdout, "%d  indexed %d pages in %s\n", id, pages, time.Since(start).Round(time.Millisecond))
	}
	return errors.Join(errs...)
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/library"
	"fieldshelf/app/publish"
	"fieldshelf/app/serve"
)

// Serving catalogues to people nearby: `fieldshelf serve DIR` serves a
// folder that `fieldshelf publish` wrote; `serve --library` first
// publishes the library's own offline documents into the data directory's
// share/ folder (their files linked, not copied) and serves that.

// shareDir is the folder of the data directory that holds the catalogue
// of the library's offline documents.
const shareDir = "share"

func cmdServe(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", serve.DefaultAddr, "the address to listen on, HOST:PORT")
	lib := fs.Bool("library", false, "serve the offline documents of your library")
	notes := fs.Bool("notes", false, "with --library: publish your bookmarks, notes and highlights with them")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) > 1 || (!*lib && len(pos) != 1) {
		return errUsage
	}
	var dir string
	if *lib {
		if dir, err = e.publishLibrary(ctx, pos, *notes); err != nil {
			return err
		}
	} else if dir, err = publishedDir(pos[0]); err != nil {
		return err
	}
	h, err := serve.New(dir)
	if err != nil {
		return err
	}
	defer h.Close()
	var mu sync.Mutex
	h.Log = func(r serve.Request) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(e.stderr, "%s %s %d %s (%s)\n", r.Method, r.Path, r.Status, app.FormatSize(r.Bytes), r.Remote)
	}
	s, err := serve.Start(*addr, h)
	if err != nil {
		return err
	}
	printServing(e, sharingOf(s, dir), s.Addr().Port)
	select {
	case <-ctx.Done():
	case err = <-s.Done():
		return err
	}
	stop, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.Close(stop)
}

// publishedDir checks that a folder holds a published catalogue.
func publishedDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(abs, publish.RootAtom)); err != nil {
		return "", fmt.Errorf("%s holds no published catalogue (no %s): publish one with fieldshelf publish DIR -o %s",
			dir, publish.RootAtom, dir)
	}
	return abs, nil
}

// sharingOf says where a server's catalogue can be added.
func sharingOf(s *serve.Server, dir string) app.Sharing {
	nearby, reachable := s.Nearby(publish.RootAtom)
	return app.Sharing{Dir: dir, Local: s.Local(publish.RootAtom), Nearby: nearby, Reachable: reachable}
}

func printServing(e *env, sh app.Sharing, port int) {
	fmt.Fprintf(e.stdout, "serving %s\non this computer: %s\n", sh.Dir, sh.Local)
	switch {
	case sh.Reachable && len(sh.Nearby) > 0:
		fmt.Fprintf(e.stdout, "people nearby add: %s\n", strings.Join(sh.Nearby, " or "))
	case sh.Reachable:
		fmt.Fprintln(e.stdout, "this computer is on no local network yet: connect it to the room's network or hotspot")
	default:
		fmt.Fprintf(e.stdout, "only this computer can reach it: to share it with people nearby, listen on every address with --addr 0.0.0.0:%d", port)
		if len(sh.Nearby) > 0 {
			fmt.Fprintf(e.stdout, "; they would then add %s", strings.Join(sh.Nearby, " or "))
		}
		fmt.Fprintln(e.stdout)
	}
	fmt.Fprintln(e.stdout, "press Ctrl+C to stop")
}

// publishLibrary publishes the library's offline documents into the
// folder given, or the data directory's share/, and returns it.
func (e *env) publishLibrary(ctx context.Context, pos []string, notes bool) (string, error) {
	lib, err := e.library(ctx)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(lib.DataDir(), shareDir)
	if len(pos) == 1 {
		dir = pos[0]
	}
	rep, err := publishLibrary(ctx, lib, e.publishOpener(), dir, notes)
	if err != nil {
		return "", err
	}
	printPublished(e, rep)
	return rep.Out, nil
}

// publishLibrary publishes the offline documents of the library into dir
// as a catalogue, their files linked rather than copied where the file
// system allows; with notes, the user's own annotations on them go with
// them.
func publishLibrary(ctx context.Context, lib *library.Library, open publish.Opener, dir string, notes bool) (app.PublishReport, error) {
	docs, err := lib.Documents(ctx, app.Filter{Offline: true})
	if err != nil {
		return app.PublishReport{}, err
	}
	o := publish.Options{PublishRequest: app.PublishRequest{Out: dir, Title: "Fieldshelf library"}, Open: open,
		Items: []publish.Item{}}
	if author, err := lib.Setting(ctx, app.SettingAuthor); err == nil && author != "" {
		o.Title = "Library of " + author
	}
	local, err := localSourceID(ctx, lib)
	if err != nil {
		return app.PublishReport{}, err
	}
	for _, d := range docs {
		path, err := lib.CachedFile(ctx, d)
		if err != nil {
			continue // deleted by hand: not shared
		}
		row := publish.Row{Title: d.Title, Summary: d.Summary, Authors: d.Authors, Publisher: d.Publisher,
			Year: d.Year, Types: d.TagNames(app.TagType), Regions: d.TagNames(app.TagRegion),
			Tags: d.TagNames(app.TagSubject), Language: d.Language}
		if d.SourceID == local {
			row.Summary = "" // it names the folder the file was opened from
		}
		o.Items = append(o.Items, publish.Item{Path: path, Name: fmt.Sprintf("%d.pdf", d.ID), Link: true, Row: row})
	}
	if notes {
		tmp, err := os.MkdirTemp("", "fieldshelf-share-")
		if err != nil {
			return app.PublishReport{}, err
		}
		defer os.RemoveAll(tmp)
		if err := exportEach(ctx, lib, docs, tmp); err != nil {
			return app.PublishReport{}, err
		}
		o.Annotations = []string{tmp}
	}
	return publish.Publish(ctx, o)
}

// localSourceID is the id of the library's catalogue of files opened from
// this computer; 0 when there is none.
func localSourceID(ctx context.Context, lib *library.Library) (int64, error) {
	srcs, err := lib.Sources(ctx)
	for _, s := range srcs {
		if s.Name == library.LocalSourceName {
			return s.ID, err
		}
	}
	return 0, err
}

// exportEach writes the annotations of each document that has some into
// a W3C file of its own in dir.
func exportEach(ctx context.Context, lib *library.Library, docs []app.Document, dir string) error {
	for _, d := range docs {
		path := filepath.Join(dir, fmt.Sprintf("%d.json", d.ID))
		n, err := lib.ExportFile(ctx, d.ID, app.FormatW3C, path)
		if err != nil {
			return err
		}
		if n == 0 {
			if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}

package main

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/library"
	"fieldshelf/app/publish"
	"fieldshelf/app/serve"
	"fieldshelf/app/ui"
)

// nearbyAddr is where the window's "Share with people nearby" listens:
// every address of this computer (the user turned sharing on), on the
// port `serve` uses, else on a free one.
const nearbyAddr = "0.0.0.0:8421"

// guiSharing publishes and serves catalogues for the window (ui.Sharing):
// one catalogue served at a time.
type guiSharing struct {
	lib  *library.Library
	open publish.Opener
	mu   sync.Mutex
	srv  *serve.Server
	h    *serve.Handler
}

var _ ui.Sharing = (*guiSharing)(nil)

// Publish publishes a folder of PDFs.
func (g *guiSharing) Publish(ctx context.Context, req app.PublishRequest, progress func(app.PublishProgress)) (app.PublishReport, error) {
	return publish.Publish(ctx, publish.Options{PublishRequest: req, Open: g.open, Progress: progress})
}

// Share serves a published folder, or the library's offline documents
// (published first into the data directory's share/), in place of what
// was served before.
func (g *guiSharing) Share(ctx context.Context, dir string, notes bool) (app.Sharing, error) {
	var err error
	if dir == "" {
		var rep app.PublishReport
		rep, err = publishLibrary(ctx, g.lib, g.open, filepath.Join(g.lib.DataDir(), shareDir), notes)
		dir = rep.Out
	} else {
		dir, err = publishedDir(dir)
	}
	if err != nil {
		return app.Sharing{}, err
	}
	if err := g.StopSharing(); err != nil {
		return app.Sharing{}, err
	}
	h, err := serve.New(dir)
	if err != nil {
		return app.Sharing{}, err
	}
	s, err := serve.Start(nearbyAddr, h)
	if err != nil {
		s, err = serve.Start("0.0.0.0:0", h) // the usual port is taken: any other
	}
	if err != nil {
		h.Close()
		return app.Sharing{}, err
	}
	g.mu.Lock()
	g.srv, g.h = s, h
	g.mu.Unlock()
	return sharingOf(s, dir), nil
}

// StopSharing stops serving, letting the requests in progress finish for
// a few seconds.
func (g *guiSharing) StopSharing() error {
	g.mu.Lock()
	s, h := g.srv, g.h
	g.srv, g.h = nil, nil
	g.mu.Unlock()
	if s == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	return errors.Join(s.Close(ctx), h.Close())
}

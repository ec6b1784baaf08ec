package main

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/library"
)

// layerJSON is an annotation layer in --json output.
type layerJSON struct {
	ID          int64  `json:"id"`
	SourceID    int64  `json:"source_id"`
	Source      string `json:"source"`
	Author      string `json:"author"`
	Name        string `json:"name"`
	Color       string `json:"color"`
	Hidden      bool   `json:"hidden"`
	Annotations int    `json:"annotations"`
	Updated     string `json:"updated"`
}

// layerRef names the layer of an annotation in --json output.
type layerRef struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Source string `json:"source"`
}

func newLayerRef(l app.Layer) *layerRef {
	return &layerRef{ID: l.ID, Name: l.Name(), Source: l.Source}
}

// layersByID maps every layer by its id.
func layersByID(ctx context.Context, lib *library.Library) (map[int64]app.Layer, error) {
	list, err := lib.Layers(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]app.Layer, len(list))
	for _, l := range list {
		out[l.ID] = l
	}
	return out, nil
}

func cmdLayers(ctx context.Context, e *env, args []string) error {
	verb, args := subcommand(args)
	switch verb {
	case "list":
		fs := flag.NewFlagSet("layers list", flag.ContinueOnError)
		asJSON := fs.Bool("json", false, "print JSON")
		if pos, err := parseFlags(fs, args); err != nil || len(pos) > 0 {
			return errUsage
		}
		return withLibrary(ctx, e, func(lib *library.Library) error { return listLayers(ctx, e, lib, *asJSON) })
	case "hide", "show":
		return hideLayers(ctx, e, positional(args), verb == "hide")
	case "copy":
		return copyLayerAnnotation(ctx, e, positional(args))
	}
	return errUsage
}

func listLayers(ctx context.Context, e *env, lib *library.Library, asJSON bool) error {
	list, err := lib.Layers(ctx)
	if err != nil {
		return err
	}
	out := make([]layerJSON, len(list))
	for i, l := range list {
		out[i] = layerJSON{ID: l.ID, SourceID: l.SourceID, Source: l.Source, Author: l.Author, Name: l.Name(),
			Color: l.Color, Hidden: l.Hidden, Annotations: l.Items, Updated: l.Updated.UTC().Format(time.RFC3339)}
	}
	if asJSON {
		return writeJSON(e, out)
	}
	if len(out) == 0 {
		fmt.Fprintln(e.stdout, "none: the catalogues you sync have published no annotations")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tAUTHOR\tCATALOGUE\tANNOTATIONS\tCOLOUR\tSHOWN\t")
	for _, l := range out {
		shown := "yes"
		if l.Hidden {
			shown = "hidden"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\t\n", l.ID, app.Clip(l.Name, 30), app.Clip(l.Source, 40),
			l.Annotations, l.Color, shown)
	}
	return tw.Flush()
}

func hideLayers(ctx context.Context, e *env, args []string, hidden bool) error {
	if len(args) == 0 {
		return errUsage
	}
	ids, err := parseIDs(args, "layer")
	if err != nil {
		return err
	}
	return withLibrary(ctx, e, func(lib *library.Library) error {
		for _, id := range ids {
			if err := lib.SetLayerHidden(ctx, id, hidden); err != nil {
				return err
			}
		}
		return nil
	})
}

func copyLayerAnnotation(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return errUsage
	}
	id, err := parseID(args[0], "layer annotation")
	if err != nil {
		return err
	}
	return withLibrary(ctx, e, func(lib *library.Library) error {
		it, err := lib.CopyLayerAnnotation(ctx, id)
		return reportAdded(e, it.Kind, it.ID, err)
	})
}

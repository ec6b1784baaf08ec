package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"image"
	"net/url"
	"strings"

	"fieldshelf/app"
	"fieldshelf/app/pdf"
	"fieldshelf/app/publish"
)

// stringList is a flag that may be given several times.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func cmdPublish(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("publish", flag.ContinueOnError)
	out := fs.String("o", "", "the folder the catalogue goes to")
	title := fs.String("title", "", "the catalogue's title")
	base := fs.String("base-url", "", "the address the catalogue will be served at")
	pageSize := fs.Int("page-size", 50, "publications per page of the feeds")
	var sets stringList
	fs.Var(&sets, "annotations", "a W3C annotations file, or a folder of them (may be given several times)")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 1 || *out == "" || *pageSize < 1 {
		return errUsage
	}
	if *base != "" {
		if u, err := url.Parse(*base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("--base-url %q is not an http or https address", *base)
		}
	}
	req := app.PublishRequest{Dir: pos[0], Out: *out, Title: *title, BaseURL: *base, Annotations: sets}
	p := newProgressPrinter(e)
	rep, err := publish.Publish(ctx, publish.Options{PublishRequest: req, Open: e.publishOpener(),
		PageSize: *pageSize, Progress: p.publish})
	p.done()
	if err != nil {
		return err
	}
	printPublished(e, rep)
	fmt.Fprintf(e.stdout, "serve it to people nearby with: fieldshelf serve %s --addr 0.0.0.0:8421\n", *out)
	return nil
}

// printPublished prints what a publish did: the summary on standard
// output, each file left out (with its cause under --verbose) and each
// problem as a warning.
func printPublished(e *env, rep app.PublishReport) {
	fmt.Fprintf(e.stdout, "%s (%s)\n", rep.Summary(), rep.Out)
	for _, n := range rep.Notes() {
		fmt.Fprintln(e.stderr, "fieldshelf: warning: "+n)
	}
	if e.verbose {
		for _, f := range rep.Failed {
			fmt.Fprintf(e.stderr, "fieldshelf: detail: %s: %s\n", f.File, f.Detail)
		}
	}
}

// publish shows a publish's progress, throttled like a sync's.
func (p *progressPrinter) publish(pr app.PublishProgress) {
	p.show(fmt.Sprintf("reading %d of %d: %s", pr.Done+1, pr.Total, pr.File))
}

// publishOpener opens PDFs with the command's engine for publishing.
func (e *env) publishOpener() publish.Opener { return pdfPublishOpener(e.pdfEngine) }

// pdfPublishOpener opens PDFs for publishing with the engine that engine
// returns (started on first use).
func pdfPublishOpener(engine func() (*pdf.Engine, error)) publish.Opener {
	return func(ctx context.Context, path string) (publish.PDF, error) {
		eng, err := engine()
		if err != nil {
			return nil, err
		}
		d, err := eng.Open(ctx, path, "")
		if errors.Is(err, pdf.ErrPassword) {
			return nil, fmt.Errorf("%w: %w", publish.ErrProtected, err)
		}
		if err != nil {
			return nil, engineError(err)
		}
		return publishDoc{d}, nil
	}
}

// publishDoc is a PDF of the engine as publishing reads it.
type publishDoc struct{ *pdf.Doc }

func (d publishDoc) Metadata(ctx context.Context) (publish.Metadata, error) {
	m, err := d.Doc.Metadata(ctx)
	return publish.Metadata{Title: m.Title, Author: m.Author, Subject: m.Subject, Keywords: m.Keywords}, err
}

func (d publishDoc) Render(ctx context.Context, page, width int) (image.Image, error) {
	return d.Doc.Render(ctx, page, pdf.RenderOptions{Width: width})
}

package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"fieldshelf/app"
)

// docJSON is a document in --json output. The fields listed in the CLI
// contract are always present; year is null when unknown.
type docJSON struct {
	ID              int64      `json:"id"`
	SourceID        int64      `json:"source_id"`
	EntryID         string     `json:"entry_id"`
	Title           string     `json:"title"`
	Authors         []string   `json:"authors"`
	Publisher       string     `json:"publisher"`
	Year            *int       `json:"year"`
	Summary         string     `json:"summary"`
	Tags            []string   `json:"tags"`
	Types           []string   `json:"types"`
	Regions         []string   `json:"regions"`
	Language        string     `json:"language,omitempty"`
	FileURL         string     `json:"pdf_url"`
	FileType        string     `json:"pdf_type,omitempty"`
	FileSize        int64      `json:"pdf_size"`
	CoverURL        string     `json:"cover_url,omitempty"`
	Updated         *string    `json:"updated"`
	Links           []app.Link `json:"links"`
	Offline         bool       `json:"offline"`
	Pinned          bool       `json:"pinned"`
	LocalSize       int64      `json:"local_size"`
	SHA256          string     `json:"sha256"`
	Withdrawn       bool       `json:"withdrawn"`
	UpdateAvailable bool       `json:"update_available"`
}

// hitJSON is a search result: the document, and what matched.
type hitJSON struct {
	docJSON
	Kind         string  `json:"kind"`
	Page         int     `json:"page,omitempty"`          // of a page, note or highlight hit
	AnnotationID int64   `json:"annotation_id,omitempty"` // of a note or highlight hit
	Snippet      string  `json:"snippet"`
	Rank         float64 `json:"rank"`
}

func toJSON(d app.Document) docJSON {
	j := docJSON{ID: d.ID, SourceID: d.SourceID, EntryID: d.EntryID, Title: d.Title, Authors: d.Authors,
		Publisher: d.Publisher, Summary: d.Summary, Tags: d.TagNames(), Types: d.TagNames(app.TagType),
		Regions: d.TagNames(app.TagRegion), Language: d.Language, FileURL: d.FileURL, FileType: d.FileType,
		FileSize: d.FileSize, CoverURL: d.Cover, Links: d.Links, Withdrawn: d.Withdrawn,
		UpdateAvailable: d.UpdateAvailable}
	if j.Authors == nil {
		j.Authors = []string{}
	}
	if j.Links == nil {
		j.Links = []app.Link{}
	}
	if d.Year != 0 {
		y := d.Year
		j.Year = &y
	}
	if !d.Updated.IsZero() {
		u := d.Updated.UTC().Format(time.RFC3339)
		j.Updated = &u
	}
	if d.File != nil {
		j.Offline, j.Pinned, j.LocalSize, j.SHA256 = true, d.File.Pinned, d.File.Size, d.File.SHA256
	}
	return j
}

func cmdLs(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("ls", flag.ContinueOnError)
	var f app.Filter
	fs.StringVar(&f.Tag, "tag", "", "only documents with this tag (any kind)")
	fs.StringVar(&f.Type, "type", "", "only documents of this type (Guidance, Report, ...)")
	fs.StringVar(&f.Region, "region", "", "only documents tagged with this region")
	fs.IntVar(&f.Year, "year", 0, "only documents of this year")
	fs.StringVar(&f.Publisher, "publisher", "", "only documents whose publisher contains this text")
	fs.BoolVar(&f.Offline, "offline", false, "only documents available offline")
	fs.BoolVar(&f.Withdrawn, "withdrawn", false, "include documents withdrawn from their catalogue")
	sort := fs.String("sort", "newest", "newest, title or recent")
	asJSON := fs.Bool("json", false, "print JSON")
	if pos, err := parseFlags(fs, args); err != nil || len(pos) != 0 {
		return errUsage
	}
	switch app.Sort(*sort) {
	case app.SortNewest, app.SortTitle, app.SortRecent:
		f.Sort = app.Sort(*sort)
	default:
		return fmt.Errorf("unknown sort %q: use newest, title or recent", *sort)
	}
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	docs, err := lib.Documents(ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]docJSON, len(docs))
		for i, d := range docs {
			out[i] = toJSON(d)
		}
		return writeJSON(e, out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tYEAR\tTITLE\tPUBLISHER\tTAGS\t")
	for _, d := range docs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", d.ID, yearText(d.Year), app.Clip(d.Title, 60),
			app.Clip(d.Publisher, 30), strings.Join(d.TagNames(), ", "), badges(d))
	}
	return tw.Flush()
}

func cmdSearch(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 50, "at most this many results")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) == 0 {
		return errUsage
	}
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	hits, err := lib.Search(ctx, strings.Join(pos, " "), *limit)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]hitJSON, len(hits))
		for i, h := range hits {
			out[i] = hitJSON{docJSON: toJSON(h.Document), Kind: h.Kind, Page: h.Page, AnnotationID: h.AnnotationID,
				Snippet: h.Snippet, Rank: h.Rank}
		}
		return writeJSON(e, out)
	}
	if len(hits) == 0 {
		fmt.Fprintln(e.stdout, "no matches")
		return nil
	}
	for _, h := range hits {
		d := h.Document
		fmt.Fprintf(e.stdout, "%d  %s (%s, %s)%s\n    %s%s\n", d.ID, d.Title, orDash(d.Publisher), yearText(d.Year),
			badges(d), hitPlace(h), strings.ReplaceAll(h.Snippet, "\n", " "))
	}
	return nil
}

func cmdShow(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 1 {
		return errUsage
	}
	id, err := parseID(pos[0], "document")
	if err != nil {
		return err
	}
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	d, err := lib.Document(ctx, id)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e, toJSON(d))
	}
	printDocument(e, d)
	return nil
}

func printDocument(e *env, d app.Document) {
	w := e.stdout
	fmt.Fprintf(w, "%s%s\n", d.Title, badges(d))
	fmt.Fprintf(w, "  id:        %d (source %d, entry %s)\n", d.ID, d.SourceID, d.EntryID)
	if len(d.Authors) > 0 {
		fmt.Fprintf(w, "  authors:   %s\n", strings.Join(d.Authors, "; "))
	}
	fmt.Fprintf(w, "  publisher: %s\n  year:      %s\n", orDash(d.Publisher), yearText(d.Year))
	for _, k := range []struct {
		label string
		kind  app.TagKind
	}{{"type", app.TagType}, {"regions", app.TagRegion}, {"subjects", app.TagSubject}} {
		if names := d.TagNames(k.kind); len(names) > 0 {
			fmt.Fprintf(w, "  %-10s %s\n", k.label+":", strings.Join(names, ", "))
		}
	}
	switch {
	case d.File != nil:
		fmt.Fprintf(w, "  file:      offline, %s, sha256 %s\n", humanSize(d.File.Size), d.File.SHA256)
	case d.FileURL != "":
		fmt.Fprintf(w, "  file:      %s (%s) — not downloaded\n", d.FileURL, humanSize(d.FileSize))
	default:
		fmt.Fprintln(w, "  file:      none in the catalogue; get it from the publisher")
	}
	if d.Summary != "" {
		fmt.Fprintf(w, "\n%s\n", d.Summary)
	}
}

func badges(d app.Document) string {
	var b []string
	if d.File != nil {
		b = append(b, "offline")
	}
	if d.UpdateAvailable {
		b = append(b, "update available")
	}
	if d.Withdrawn {
		b = append(b, "withdrawn")
	}
	if len(b) == 0 {
		return ""
	}
	return " [" + strings.Join(b, ", ") + "]"
}

func yearText(y int) string {
	if y == 0 {
		return "—"
	}
	return strconv.Itoa(y)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func humanSize(n int64) string {
	if n <= 0 {
		return "size unknown"
	}
	return app.FormatSize(n)
}

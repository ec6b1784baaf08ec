package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/library"
)

func cmdDownload(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("download", flag.ContinueOnError)
	tag := fs.String("tag", "", "download every listed document with this tag")
	all := fs.Bool("all", false, "download every listed document that offers a file")
	pin := fs.Bool("pin", false, "pin the files: the cache limit never removes them")
	parallel := fs.Int("parallel", 3, "files fetched at once (2 to 4)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if (len(pos) > 0) == (*tag != "" || *all) || (*tag != "" && *all) {
		return errUsage
	}
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	ids, err := downloadTargets(ctx, lib, pos, *tag, *all)
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		fmt.Fprintln(e.stdout, "nothing to download")
		return nil
	}
	p := newDownloadPrinter(e, len(ids))
	results, err := lib.Download(ctx, ids, app.DownloadOptions{Pin: *pin, Parallel: *parallel, Progress: p.update})
	var fetched, offline int
	for _, r := range results {
		switch {
		case r.Err != nil:
		case r.Skipped != "":
			offline++
		default:
			fetched++
		}
	}
	fmt.Fprintf(e.stdout, "downloaded %d of %d documents (%d already offline)\n", fetched, len(ids), offline)
	if ctx.Err() != nil {
		return errors.New("cancelled; partial files are kept: run the same command again to resume")
	}
	return err
}

// downloadTargets resolves the documents a download command names.
func downloadTargets(ctx context.Context, lib *library.Library, pos []string, tag string, all bool) ([]int64, error) {
	if len(pos) > 0 {
		return parseIDs(pos, "document")
	}
	docs, err := lib.Documents(ctx, app.Filter{Tag: tag})
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, d := range docs {
		if d.FileURL != "" && (d.File == nil || d.UpdateAvailable) {
			ids = append(ids, d.ID)
		}
	}
	return ids, nil
}

// downloadPrinter shows per-file and total progress on standard error, at
// most five times a second, and a line for each file that ends.
type downloadPrinter struct {
	e     *env
	count int
	thr   *app.Throttle
	mu    sync.Mutex
	files map[int64]*fileProgress
	ended int
}

// printEvery paces the command's progress lines: five a second.
const printEvery = 200 * time.Millisecond

type fileProgress struct {
	title       string
	done, total int64
}

func newDownloadPrinter(e *env, count int) *downloadPrinter {
	return &downloadPrinter{e: e, count: count, thr: app.NewThrottle(printEvery, nil), files: map[int64]*fileProgress{}}
}

func (p *downloadPrinter) update(pr app.DownloadProgress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f := p.files[pr.Document.ID]
	if f == nil {
		f = &fileProgress{title: app.Clip(pr.Document.Title, 40)}
		p.files[pr.Document.ID] = f
	}
	f.done, f.total = pr.Done, pr.Total
	if pr.Finished {
		p.ended++
		delete(p.files, pr.Document.ID)
		if pr.Err != nil {
			fmt.Fprintf(p.e.stderr, "failed %d %s: %s\n", pr.Document.ID, f.title, oneLine(pr.Err))
		} else {
			fmt.Fprintf(p.e.stderr, "done   %d %s (%s)\n", pr.Document.ID, f.title, app.FormatSize(pr.Done))
		}
		return
	}
	if p.thr.Allow(0, false) {
		p.print()
	}
}

// print writes one line: the files in flight and the batch's state.
func (p *downloadPrinter) print() {
	ids := make([]int64, 0, len(p.files))
	for id := range p.files {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var parts []string
	var done, total int64
	for _, id := range ids {
		f := p.files[id]
		done += f.done
		total += f.total
		parts = append(parts, fmt.Sprintf("%d: %s", id, progressText(f.done, f.total)))
	}
	fmt.Fprintf(p.e.stderr, "downloading %d/%d files, %s in flight — %s\n", p.ended, p.count,
		progressText(done, total), strings.Join(parts, "; "))
}

func progressText(done, total int64) string {
	if total <= 0 {
		return app.FormatSize(done)
	}
	return fmt.Sprintf("%s of %s (%d%%)", app.FormatSize(done), app.FormatSize(total), done*100/total)
}

func cmdRemove(ctx context.Context, e *env, args []string) error {
	args = positional(args)
	if len(args) == 0 {
		return errUsage
	}
	ids, err := parseIDs(args, "document")
	if err != nil {
		return err
	}
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	if err := lib.Remove(ctx, ids); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "removed the local copy of %d documents; their catalogue entries and your notes stay\n", len(ids))
	return nil
}

func cmdPin(pinned bool) func(ctx context.Context, e *env, args []string) error {
	return func(ctx context.Context, e *env, args []string) error {
		ids, err := parseIDs(positional(args), "document")
		if err != nil || len(ids) == 0 {
			return errUsage
		}
		lib, err := e.library(ctx)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := lib.Pin(ctx, id, pinned); err != nil {
				return err
			}
		}
		return nil
	}
}

// storageJSON is the --json form of `fieldshelf storage`.
type storageJSON struct {
	Dir     string            `json:"dir"`
	Total   int64             `json:"total"`
	Pinned  int64             `json:"pinned"`
	Partial int64             `json:"partial"`
	Limit   int64             `json:"limit"`
	Files   []storageFileJSON `json:"files"`
}

type storageFileJSON struct {
	ID          int64   `json:"id"`
	Title       string  `json:"title"`
	Size        int64   `json:"size"`
	Pinned      bool    `json:"pinned"`
	HasUserData bool    `json:"has_user_data"`
	SHA256      string  `json:"sha256"`
	LastOpened  *string `json:"last_opened"`
}

func cmdStorage(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("storage", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	if pos, err := parseFlags(fs, args); err != nil || len(pos) != 0 {
		return errUsage
	}
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	if _, err := lib.SweepOrphans(ctx); err != nil {
		return err
	}
	r, err := lib.Storage(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		out := storageJSON{Dir: r.Dir, Total: r.Total, Pinned: r.Pinned, Partial: r.Partial, Limit: r.Limit,
			Files: []storageFileJSON{}}
		for _, f := range r.Files {
			j := storageFileJSON{ID: f.File.DocumentID, Title: f.Title, Size: f.File.Size, Pinned: f.File.Pinned,
				HasUserData: f.HasUserData, SHA256: f.File.SHA256}
			if !f.File.LastOpened.IsZero() {
				t := f.File.LastOpened.UTC().Format(time.RFC3339)
				j.LastOpened = &t
			}
			out.Files = append(out.Files, j)
		}
		return writeJSON(e, out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSIZE\tPINNED\tNOTES\tTITLE")
	for _, f := range r.Files {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", f.File.DocumentID, app.FormatSize(f.File.Size), yesNo(f.File.Pinned),
			yesNo(f.HasUserData), app.Clip(f.Title, 60))
	}
	tw.Flush()
	limit := "no limit"
	if r.Limit > 0 {
		limit = "limit " + app.FormatSize(r.Limit)
	}
	fmt.Fprintf(e.stdout, "total %s in %d files (%s pinned), %s; %s in unfinished downloads\n",
		app.FormatSize(r.Total), len(r.Files), app.FormatSize(r.Pinned), limit, app.FormatSize(r.Partial))
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "-"
}

func cmdConfig(ctx context.Context, e *env, args []string) error {
	args = positional(args)
	if len(args) == 0 {
		return errUsage
	}
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	switch {
	case args[0] == "set" && len(args) >= 3:
		if err := lib.SetSetting(ctx, args[1], strings.Join(args[2:], " ")); err != nil {
			return err
		}
		v, err := lib.Setting(ctx, args[1])
		if err != nil {
			return err
		}
		if args[1] == app.SettingCacheLimit {
			v = limitText(v)
		}
		fmt.Fprintf(e.stdout, "%s = %s\n", args[1], v)
		return nil
	case args[0] == "get" && len(args) == 2:
		v, err := lib.Setting(ctx, args[1])
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, v)
		return nil
	case args[0] == "list" && len(args) == 1:
		for _, k := range []string{app.SettingAuthor, app.SettingCacheLimit} {
			v, err := lib.Setting(ctx, k)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s = %s\n", k, v)
		}
		return nil
	}
	return errUsage
}

// limitText shows a stored cache limit (bytes) for people.
func limitText(v string) string {
	if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 0 {
		return app.FormatSize(n)
	}
	return "no limit"
}

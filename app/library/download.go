package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/fetch"
	"fieldshelf/app/replace"
	"fieldshelf/storage"
)

// filesDir is the folder of the data directory that holds cached PDFs.
const filesDir = "files"

// Download fetches the documents' files into the offline cache, several at
// once. A file is offline only once it is complete, verified (length, PDF
// signature, SHA-256 computed while streaming), synced and renamed into
// place, and its row is committed. A document whose catalogue entry
// changed ("update available") is fetched beside the current copy, which is
// replaced only after the new one verifies. Cancelling ctx stops cleanly:
// partial files stay and the next call resumes them. The error joins the
// failures; the results say what happened to each document.
func (l *Library) Download(ctx context.Context, ids []int64, o app.DownloadOptions) ([]app.DownloadResult, error) {
	if err := os.MkdirAll(filepath.Join(l.dataDir, filesDir), 0o700); err != nil {
		return nil, fmt.Errorf("library: create the file cache: %w", err)
	}
	workers := o.Parallel
	if workers <= 0 {
		workers = 3
	}
	workers = min(max(workers, 2), 4)
	results := make([]app.DownloadResult, len(ids))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] = l.downloadOne(ctx, ids[i], o)
			}
		}()
	}
	for i := range ids {
		if ctx.Err() != nil {
			results[i] = app.DownloadResult{Document: app.Document{ID: ids[i]}, Err: ctx.Err()}
			continue
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	var errs []error
	for _, r := range results {
		if r.Err != nil {
			errs = append(errs, fmt.Errorf("document %d: %w", r.Document.ID, r.Err))
		}
	}
	if err := l.enforceCacheLimit(context.WithoutCancel(ctx)); err != nil {
		errs = append(errs, err)
	}
	return results, errors.Join(errs...)
}

// downloadOne fetches one document's file and records it.
func (l *Library) downloadOne(ctx context.Context, id int64, o app.DownloadOptions) (res app.DownloadResult) {
	d, err := l.store.Document(ctx, id)
	res.Document = d
	if err != nil {
		res.Document, res.Err = app.Document{ID: id}, err
		return res
	}
	if d.File != nil && !d.UpdateAvailable {
		if _, err := l.CachedFile(ctx, d); errors.Is(err, app.ErrNotOffline) {
			d.File = nil // deleted outside Fieldshelf: forgotten, and fetched again
		}
	}
	if d.File != nil && !d.UpdateAvailable {
		res.File, res.Skipped = d.File, "already offline"
		if o.Pin && !d.File.Pinned {
			res.Err = l.store.SetPinned(ctx, id, true)
			res.File.Pinned = res.Err == nil
		}
		return res
	}
	if d.FileURL == "" {
		res.Err = invalid(app.OpDownload, "The catalogue offers no file for "+app.QuotedTitle(d)+": get it from its publisher.")
		return res
	}
	req, err := l.fileRequest(ctx, d)
	if err != nil {
		res.Err = failed(app.OpDownload, app.QuotedTitle(d), err)
		return res
	}
	rel := filepath.Join(filesDir, versionName(d))
	report := func(done, total int64) {
		if o.Progress != nil {
			o.Progress(app.DownloadProgress{Document: d, Done: done, Total: total})
		}
	}
	req.Dest, req.ExpectSize, req.Progress = filepath.Join(l.dataDir, rel), d.FileSize, report
	req.SHA256 = publishedSHA256(d)
	dl, err := l.client.Download(ctx, req)
	if err == nil {
		if err = l.checkReadable(ctx, filepath.Join(l.dataDir, rel)); err != nil {
			_ = replace.Remove(filepath.Join(l.dataDir, rel))
		}
	}
	if err == nil {
		res.Resumed, res.Fetched = dl.Resumed, dl.BytesFetched
		res.File, err = l.record(context.WithoutCancel(ctx), d, rel, dl, o.Pin)
	}
	res.Err = failed(app.OpDownload, app.QuotedTitle(d), err)
	if o.Progress != nil {
		p := app.DownloadProgress{Document: d, Finished: true, Err: res.Err}
		if dl != nil {
			p.Done, p.Total = dl.Size, dl.Size
		}
		o.Progress(p)
	}
	return res
}

// record commits a verified file and deletes the version it replaces.
func (l *Library) record(ctx context.Context, d app.Document, rel string, dl *fetch.DownloadResult, pin bool) (*app.File, error) {
	f := app.File{DocumentID: d.ID, Path: rel, Size: dl.Size, SHA256: dl.SHA256, URL: d.FileURL,
		ETag: dl.ETag, LastModified: dl.LastModified, Pinned: pin, DownloadedAt: time.Now()}
	v := storage.FileVersion{Size: d.FileSize}
	if !d.Updated.IsZero() {
		v.Updated = d.Updated.UTC().Format(time.RFC3339Nano)
	}
	old, err := l.store.PutFile(ctx, f, v)
	if err != nil {
		return nil, err
	}
	l.fileChanged(ctx, d, f)
	if old != "" {
		// The new version is committed and its annotations moved to it:
		// the old one is no longer referenced.
		_ = replace.Remove(filepath.Join(l.dataDir, old))
	}
	return &f, nil
}

// publishedSHA256 is the SHA-256 the catalogue publishes for d's file, ""
// when it publishes none.
func publishedSHA256(d app.Document) string {
	for _, l := range d.Links {
		if l.Href == d.FileURL && l.SHA256 != "" {
			return l.SHA256
		}
	}
	return ""
}

// versionName names the file of one upstream version of a document from
// our own ids: the document id and a hash of the file link, size and stamp.
// The name is the same every time for the same version, so an interrupted
// download resumes after a restart, and a new version lands beside the old.
func versionName(d app.Document) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d\x00%s", d.FileURL, d.FileSize, d.Updated.UTC().Format(time.RFC3339Nano))))
	return fmt.Sprintf("%d-%s.pdf", d.ID, hex.EncodeToString(h[:6]))
}

// fileRequest starts the request for a document's file: its link, the
// catalogue it comes from and that catalogue's credentials, which the
// fetch client sends only to the catalogue's own origin. The catalogue of
// local files is the user's own: its links name files anywhere on this
// computer, which no other catalogue may.
func (l *Library) fileRequest(ctx context.Context, d app.Document) (fetch.DownloadRequest, error) {
	req := fetch.DownloadRequest{URL: d.FileURL}
	src, err := l.store.Source(ctx, d.SourceID)
	if errors.Is(err, app.ErrNotFound) {
		// The source was removed: its documents are fetched without
		// credentials, still within its reach.
		req.Source, err = l.store.SourceURL(ctx, d.SourceID)
		return req, err
	}
	if err != nil {
		return req, err
	}
	if src.URL != l.localSourceURL() {
		req.Source = src.URL
	}
	req.Username = src.Username
	req.Password, err = l.password(ctx, src)
	return req, err
}

// Remove deletes documents' cached files. The catalogue entries, their
// annotations and reading positions stay.
func (l *Library) Remove(ctx context.Context, ids []int64) error {
	var errs []error
	for _, id := range ids {
		path, err := l.store.RemoveFile(ctx, id)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if err := l.store.DeletePageText(ctx, id); err != nil {
			errs = append(errs, err)
		}
		if err := replace.Remove(filepath.Join(l.dataDir, path)); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("library: delete %s: %w", path, err))
		}
	}
	return errors.Join(errs...)
}

// Pin pins or unpins a document's cached file.
func (l *Library) Pin(ctx context.Context, id int64, pinned bool) error {
	return l.store.SetPinned(ctx, id, pinned)
}

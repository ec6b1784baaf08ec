package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/replace"
)

// SetSetting validates and stores a setting.
func (l *Library) SetSetting(ctx context.Context, key, value string) error {
	switch key {
	case app.SettingCacheLimit:
		n, err := app.ParseSize(value)
		if err != nil {
			return err
		}
		if err := l.store.SetSetting(ctx, key, strconv.FormatInt(n, 10)); err != nil {
			return err
		}
		return l.enforceCacheLimit(ctx)
	case app.SettingAuthor:
		return l.store.SetSetting(ctx, key, strings.TrimSpace(value))
	}
	return fmt.Errorf("unknown setting %q (known: %s, %s)", key, app.SettingCacheLimit, app.SettingAuthor)
}

// Setting returns a setting's value, "" when unset.
func (l *Library) Setting(ctx context.Context, key string) (string, error) {
	switch key {
	case app.SettingCacheLimit, app.SettingAuthor:
		return l.store.Setting(ctx, key, "")
	}
	return "", fmt.Errorf("unknown setting %q (known: %s, %s)", key, app.SettingCacheLimit, app.SettingAuthor)
}

// CacheLimit returns the configured cache limit in bytes, 0 for none.
func (l *Library) CacheLimit(ctx context.Context) (int64, error) {
	v, err := l.store.Setting(ctx, app.SettingCacheLimit, "0")
	if err != nil {
		return 0, err
	}
	n, _ := strconv.ParseInt(v, 10, 64)
	return n, nil
}

// StorageReport is what the file cache holds.
type StorageReport struct {
	Files   []app.FileUsage
	Partial int64 // bytes in unfinished downloads, kept to resume
	Total   int64 // bytes of complete files
	Pinned  int64 // of which pinned
	Limit   int64 // the cache limit, 0 for none
	Dir     string
}

// Storage reports the space the file cache uses.
func (l *Library) Storage(ctx context.Context) (StorageReport, error) {
	var r StorageReport
	files, err := l.store.FileUsages(ctx)
	if err != nil {
		return r, err
	}
	r.Files, r.Dir = files, filepath.Join(l.dataDir, filesDir)
	for _, f := range files {
		r.Total += f.File.Size
		if f.File.Pinned {
			r.Pinned += f.File.Size
		}
	}
	if r.Limit, err = l.CacheLimit(ctx); err != nil {
		return r, err
	}
	parts, _ := filepath.Glob(filepath.Join(r.Dir, "*.part"))
	for _, p := range parts {
		if fi, err := os.Stat(p); err == nil {
			r.Partial += fi.Size()
		}
	}
	return r, nil
}

// Evicted is a file the cache limit removed.
type Evicted struct {
	DocumentID int64
	Title      string
	Size       int64
}

// enforceCacheLimit removes the least recently opened files until the cache
// fits its limit. It never removes a pinned file or the file of a document
// with bookmarks, notes, highlights or a reading position.
func (l *Library) enforceCacheLimit(ctx context.Context) error {
	_, err := l.EnforceCacheLimit(ctx)
	return err
}

// EnforceCacheLimit applies the cache limit now and says what it removed.
func (l *Library) EnforceCacheLimit(ctx context.Context) ([]Evicted, error) {
	limit, err := l.CacheLimit(ctx)
	if err != nil || limit <= 0 {
		return nil, err
	}
	files, err := l.store.FileUsages(ctx)
	if err != nil {
		return nil, err
	}
	var total int64
	for _, f := range files {
		total += f.File.Size
	}
	var out []Evicted
	var errs []error
	for _, f := range files { // least recently used first
		if total <= limit {
			break
		}
		if f.File.Pinned || f.HasUserData {
			continue
		}
		if err := l.Remove(ctx, []int64{f.File.DocumentID}); err != nil {
			errs = append(errs, err)
			continue
		}
		total -= f.File.Size
		out = append(out, Evicted{DocumentID: f.File.DocumentID, Title: f.Title, Size: f.File.Size})
	}
	return out, errors.Join(errs...)
}

// SweepOrphans deletes files in the cache folder that no row refers to (left
// by a crash between committing a removal and deleting the file). Partial
// downloads and files younger than an hour (perhaps being recorded by
// another process right now) are left alone.
func (l *Library) SweepOrphans(ctx context.Context) (int, error) {
	files, err := l.store.FileUsages(ctx)
	if err != nil {
		return 0, err
	}
	known := map[string]bool{}
	for _, f := range files {
		known[filepath.Base(f.File.Path)] = true
	}
	dir := filepath.Join(l.dataDir, filesDir)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("library: read the file cache: %w", err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || known[name] || !strings.HasSuffix(name, ".pdf") {
			continue
		}
		if fi, err := e.Info(); err != nil || time.Since(fi.ModTime()) < time.Hour {
			continue
		}
		if replace.Remove(filepath.Join(dir, name)) == nil {
			n++
		}
	}
	return n, nil
}

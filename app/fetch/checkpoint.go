package fetch

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"time"
)

const (
	sidecarVersion  = 1
	checkpointBytes = 16 << 20        // sync the .part after this many new bytes...
	checkpointEvery = 5 * time.Second // ...or this long, whichever comes first
)

// sidecar is the Dest.part.json file: what a later process needs to resume
// the download. Done counts the bytes of the .part known to be on disk
// (synced); a resume discards anything after them.
type sidecar struct {
	Version      int       `json:"version"`
	URL          string    `json:"url"` // without userinfo
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Total        int64     `json:"total"` // -1 when unknown
	Done         int64     `json:"done"`
	Updated      time.Time `json:"updated"`
}

// validator returns the If-Range value: a strong ETag, else Last-Modified.
func (m *sidecar) validator() string {
	if m.ETag != "" && !strings.HasPrefix(m.ETag, "W/") {
		return m.ETag
	}
	return m.LastModified
}

// setValidators records the validators a response carries.
func (m *sidecar) setValidators(h http.Header) {
	if v := h.Get("ETag"); v != "" {
		m.ETag = v
	}
	if v := h.Get("Last-Modified"); v != "" {
		m.LastModified = v
	}
}

// changed reports whether a response describes another version of the file
// than the one the .part holds.
func (m *sidecar) changed(etag, lastMod string, total int64) bool {
	return (m.ETag != "" && etag != "" && m.ETag != etag) ||
		(m.LastModified != "" && lastMod != "" && m.LastModified != lastMod) ||
		(m.Total >= 0 && total >= 0 && m.Total != total)
}

// ckResult is the outcome of a background checkpoint.
type ckResult struct {
	m   sidecar
	err error
}

// maybeCheckpoint collects a finished background checkpoint and starts a
// new one when due. Checkpoints run in the background so that the network
// keeps flowing while the disk syncs.
func (p *part) maybeCheckpoint() error {
	if p.ckBusy {
		select {
		case r := <-p.ck:
			if err := p.finishCheckpoint(r); err != nil {
				return err
			}
		default:
			return nil
		}
	}
	if p.off-p.meta.Done >= checkpointBytes || (p.off > p.meta.Done && time.Since(p.lastSync) >= checkpointEvery) {
		m := p.meta
		m.Version, m.Done, m.Updated = sidecarVersion, p.off, time.Now().UTC()
		p.lastSync, p.ckBusy = time.Now(), true
		go func(f *os.File, side string) {
			err := f.Sync()
			if err == nil {
				err = writeSidecar(side, m)
			}
			p.ck <- ckResult{m: m, err: err}
		}(p.f, p.side)
	}
	return nil
}

// finishCheckpoint records the result of a background checkpoint.
func (p *part) finishCheckpoint(r ckResult) error {
	p.ckBusy = false
	if r.err != nil {
		return r.err
	}
	p.meta.Done, p.meta.Updated = r.m.Done, r.m.Updated
	return nil
}

// settle waits for the background checkpoint, if one runs.
func (p *part) settle() error {
	if !p.ckBusy {
		return nil
	}
	return p.finishCheckpoint(<-p.ck)
}

// checkpoint syncs the file now, then records in the sidecar that its
// p.off bytes are on disk.
func (p *part) checkpoint() error {
	_ = p.settle()
	if err := p.f.Sync(); err != nil {
		return err
	}
	p.lastSync = time.Now()
	m := p.meta
	m.Version, m.Done, m.Updated = sidecarVersion, p.off, p.lastSync.UTC()
	if err := writeSidecar(p.side, m); err != nil {
		return err
	}
	p.meta = m
	return nil
}

func loadSidecar(path string) (sidecar, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return sidecar{}, false
	}
	var m sidecar
	if json.Unmarshal(b, &m) != nil || m.Version != sidecarVersion {
		return sidecar{}, false
	}
	return m, true
}

// writeSidecar replaces the sidecar atomically.
func writeSidecar(path string, m sidecar) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
	}
	return err
}

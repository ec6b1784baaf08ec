package fetch

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/replace"
)

// part is the Dest.part file being written, with its running hash.
type part struct {
	dest, path, side string
	f                *os.File
	w                io.Writer // f, or a test hook around it
	h                hash.Hash
	meta             sidecar
	off              int64  // bytes written and hashed
	head             []byte // the first headLen bytes, for verification
	headOK           bool
	lastSync         time.Time     // start of the last checkpoint
	ck               chan ckResult // the background checkpoint's result
	ckBusy           bool          // a background checkpoint runs
}

// openPart opens or creates dest.part. It resumes from a previous run when
// the sidecar matches url and the synced prefix still passes verify; the
// prefix is read once, to hash it. Otherwise it starts empty.
func openPart(dest, url string, wrap func(io.Writer) io.Writer, verify func([]byte) error, buf []byte) (*part, error) {
	p := &part{dest: dest, path: dest + ".part", side: dest + ".part.json", h: sha256.New(),
		lastSync: time.Now(), ck: make(chan ckResult, 1)}
	f, err := acquirePart(p.path, dest)
	if err != nil {
		return nil, err
	}
	p.f, p.w = f, f
	if wrap != nil {
		p.w = wrap(f)
	}
	p.meta.URL = url
	if !p.resume(url, verify, buf) {
		if err := p.reset(); err != nil {
			f.Close()
			return nil, err
		}
	}
	return p, nil
}

// ErrBusy reports a file that another process (a window, a command) is
// downloading at the moment.
var ErrBusy = errors.New("being downloaded by another Fieldshelf")

// errLocked is what lockPart returns when another holds the lock.
var errLocked = errors.New("locked")

// acquirePart opens dest.part and locks it against other processes, so
// that two never write it at once. The lock lives as long as the open
// file, through the rename into place. A lock taken on a file that was
// renamed or removed meanwhile (another process finished or dropped it)
// is let go and the path opened again.
func acquirePart(path, dest string) (*os.File, error) {
	for range 3 {
		f, err := openPartFile(path)
		if err != nil {
			return nil, writeError(dest, err)
		}
		if err := lockPart(f); err != nil {
			f.Close()
			if errors.Is(err, errLocked) {
				break
			}
			return nil, writeError(dest, err)
		}
		if held, err := f.Stat(); err == nil {
			if now, err := os.Stat(path); err == nil && os.SameFile(held, now) {
				return f, nil
			}
		}
		f.Close()
	}
	return nil, newErr(fmt.Sprintf("fetch: %s is %v (a window or a command): try again once it is done",
		filepath.Base(dest), ErrBusy), ErrBusy)
}

func (p *part) resume(url string, verify func([]byte) error, buf []byte) bool {
	m, ok := loadSidecar(p.side)
	if !ok || m.URL != url || m.Done <= 0 {
		return false
	}
	if st, err := p.f.Stat(); err != nil || st.Size() < m.Done {
		return false
	}
	n, err := io.CopyBuffer(prefixWriter{p}, io.LimitReader(p.f, m.Done), buf)
	if err != nil || n != m.Done {
		return false
	}
	if len(p.head) == headLen { // else the head is completed while streaming
		if verify(p.head) != nil {
			return false
		}
		p.headOK = true
	}
	if p.f.Truncate(n) != nil {
		return false
	}
	if _, err := p.f.Seek(n, io.SeekStart); err != nil {
		return false
	}
	p.meta, p.off = m, n
	return true
}

// prefixWriter hashes the resumed prefix and collects its head.
type prefixWriter struct{ p *part }

func (w prefixWriter) Write(b []byte) (int, error) {
	w.p.collect(b)
	w.p.h.Write(b)
	return len(b), nil
}

// collect appends the start of b to the head; it reports whether the head
// is complete.
func (p *part) collect(b []byte) bool {
	if k := headLen - len(p.head); k > 0 {
		p.head = append(p.head, b[:min(k, len(b))]...)
	}
	return len(p.head) == headLen
}

// write appends b to the file and the hash, starting a checkpoint when due.
// On error the file is cut back to the bytes written before b.
func (p *part) write(b []byte) error {
	if _, err := p.w.Write(b); err != nil {
		p.rewind()
		return writeError(p.dest, err)
	}
	p.h.Write(b)
	p.off += int64(len(b))
	if err := p.maybeCheckpoint(); err != nil {
		return writeError(p.dest, err)
	}
	return nil
}

// rewind drops a partial write: the file ends again at p.off.
func (p *part) rewind() {
	_ = p.f.Truncate(p.off)
	_, _ = p.f.Seek(p.off, io.SeekStart)
	if int64(len(p.head)) > p.off {
		p.head, p.headOK = p.head[:p.off], false
	}
}

// reset empties the file to start over from byte 0. The sidecar goes first,
// so that a crash cannot pair it with new bytes.
func (p *part) reset() error {
	_ = p.settle()
	if err := os.Remove(p.side); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return writeError(p.dest, err)
	}
	if err := p.f.Truncate(0); err != nil {
		return writeError(p.dest, err)
	}
	if _, err := p.f.Seek(0, io.SeekStart); err != nil {
		return writeError(p.dest, err)
	}
	p.h.Reset()
	p.off, p.head, p.headOK = 0, p.head[:0], false
	p.meta = sidecar{Version: sidecarVersion, URL: p.meta.URL, Total: -1}
	return nil
}

// suspend keeps the .part for a later resume: it syncs it, records the
// checkpoint and closes it. If that fails the previous sidecar still
// describes a consistent prefix.
func (p *part) suspend() {
	if p.f == nil {
		return
	}
	_ = p.settle()
	if p.off > p.meta.Done {
		_ = p.checkpoint()
	}
	p.f.Close()
	p.f = nil
}

// discard removes the .part and its sidecar, then lets the lock go.
func (p *part) discard() {
	_ = p.settle() // so that it cannot write the sidecar again
	_ = os.Remove(p.path)
	_ = os.Remove(p.side)
	if p.f != nil {
		p.f.Close()
		p.f = nil
	}
}

// commit syncs the complete file, renames it to dest, syncs the directory
// and removes the sidecar, all under the lock, then closes it.
func (p *part) commit() error {
	err := p.settle()
	if err == nil {
		err = p.f.Sync()
	}
	if err == nil {
		err = replace.Rename(p.path, p.dest)
	}
	if err == nil {
		err = syncDir(filepath.Dir(p.dest))
	}
	if err == nil {
		_ = os.Remove(p.side)
	}
	if cerr := p.f.Close(); err == nil {
		err = cerr
	}
	p.f = nil
	if err != nil {
		return writeError(p.dest, err)
	}
	return nil
}

// writeError words a file system error on the way to dest:
// "fetch: writing <dest>: no space left on device". A full disk also wraps
// app.ErrNoSpace.
func writeError(dest string, err error) error {
	cause := err
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		cause = pe.Err
	case errors.As(err, &le):
		cause = le.Err
	}
	msg := fmt.Sprintf("fetch: writing %s: %v", dest, cause)
	if errors.Is(err, syscall.ENOSPC) {
		return newErr(msg, err, app.ErrNoSpace)
	}
	return newErr(msg, err)
}

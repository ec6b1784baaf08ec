package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// writeIfChanged puts data at path unless the file there holds the same
// bytes already, and reports whether it wrote. It writes atomically: to a
// temporary file beside path, synced, then renamed over it, so a reader
// sees the old file or the whole new one.
func writeIfChanged(path string, data []byte) (bool, error) {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	tmp, err := tempBeside(path)
	if err != nil {
		return false, err
	}
	_, err = tmp.Write(data)
	if err = errors.Join(err, tmp.Sync(), tmp.Close()); err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return false, fmt.Errorf("publish: write %s: %w", path, err)
	}
	return true, nil
}

// tempBeside creates a temporary file in path's folder (made if needed),
// its name starting with a dot so that the server never serves it.
func tempBeside(path string) (*os.File, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("publish: create %s: %w", filepath.Dir(path), err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return nil, fmt.Errorf("publish: write %s: %w", path, err)
	}
	return f, nil
}

// copyHashed copies the file src into a temporary file beside dest,
// hashing it on the way, and returns the temporary file's path, the size
// and the SHA-256. With link, the temporary file is a hard link to src
// when the file system allows one. The caller renames or removes it.
func copyHashed(src, dest string, link bool) (tmpPath string, size int64, sum string, err error) {
	in, err := os.Open(src)
	if err != nil {
		return "", 0, "", fmt.Errorf("publish: %w", err)
	}
	defer in.Close()
	tmp, err := tempBeside(dest)
	if err != nil {
		return "", 0, "", err
	}
	if link {
		name := tmp.Name()
		tmp.Close()
		os.Remove(name)
		if os.Link(src, name) == nil {
			h := sha256.New()
			if size, err = io.Copy(h, in); err != nil {
				os.Remove(name)
				return "", 0, "", fmt.Errorf("publish: read %s: %w", src, err)
			}
			return name, size, hex.EncodeToString(h.Sum(nil)), nil
		}
		if tmp, err = os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600); err != nil {
			return "", 0, "", fmt.Errorf("publish: copy %s: %w", src, err)
		}
	}
	h := sha256.New()
	size, err = io.Copy(io.MultiWriter(tmp, h), in)
	if err = errors.Join(err, tmp.Sync(), tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return "", 0, "", fmt.Errorf("publish: copy %s: %w", src, err)
	}
	return tmp.Name(), size, hex.EncodeToString(h.Sum(nil)), nil
}

// put records a file of Out as written by this publish (or kept).
func (r *run) put(rel string, data []byte) error {
	r.written[rel] = true
	wrote, err := writeIfChanged(filepath.Join(r.out, filepath.FromSlash(rel)), data)
	if wrote {
		r.rep.Written++
	}
	return err
}

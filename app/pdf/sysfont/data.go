package sysfont

import (
	"fmt"
	"os"
	"sync"
)

// maxFontBytes bounds the size of a font file Data will map.
const maxFontBytes = 256 << 20

var mapped struct {
	sync.Mutex
	files map[string][]byte
}

// Data returns the bytes of the face's file, read-only. The file is mapped
// into memory (or read, where mapping is not available) once, and kept for
// the life of the process: MuPDF draws from these bytes, and pages of a
// mapped file are shared between processes and given back under pressure.
func (f Face) Data() ([]byte, error) {
	mapped.Lock()
	defer mapped.Unlock()
	if b, ok := mapped.files[f.Path]; ok {
		return b, nil
	}
	b, err := mapFile(f.Path)
	if err != nil {
		return nil, fmt.Errorf("sysfont: unable to read %s: %w", f.Path, err)
	}
	if mapped.files == nil {
		mapped.files = map[string][]byte{}
	}
	mapped.files[f.Path] = b
	return b, nil
}

// openFont opens a font file to map, and returns its size.
func openFont(path string) (*os.File, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	if st.Size() <= 0 || st.Size() > maxFontBytes {
		f.Close()
		return nil, 0, fmt.Errorf("%d bytes is no font file size", st.Size())
	}
	return f, int(st.Size()), nil
}

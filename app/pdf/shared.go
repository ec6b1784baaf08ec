package pdf

import (
	"sync"
)

// Owners of the same file share one MuPDF document. The application opens
// a file several times at once: the reader, the background indexing of a
// new file's text, its cover, its metadata when it is added. Each MuPDF
// document holds the file's parsed objects, fonts and resource store, some
// 50 MB for a 1,300-page manual, so every one of them open at once cost
// that again. Requests on a shared document take turns, one at a time.
type sharedDocs struct {
	mu   sync.Mutex
	docs map[docKey]*sharedDoc
}

// docKey is one version of a file, opened with one password.
type docKey struct {
	path, password string
	size, mtime    int64
}

// sharedDoc is an open document and the owners that use it.
type sharedDoc struct {
	key    docKey
	opened chan struct{} // closed once the opening ended: c or err is set
	mu     sync.Mutex    // held by the owner that uses c
	c      *cdoc
	pages  int
	err    error
	refs   int // guarded by sharedDocs.mu
}

// keyOf names a version of a file: its path, the password it is opened
// with, and its size and modification time.
func keyOf(path, password string, size, mtime int64) docKey {
	return docKey{path: path, password: password, size: size, mtime: mtime}
}

// acquire returns the open document of k, opening it with open when no
// owner has it open, or waiting for the owner that is opening it. Other
// files open and close meanwhile.
func (s *sharedDocs) acquire(k docKey, open func() (*cdoc, int, error)) (*sharedDoc, error) {
	s.mu.Lock()
	if d := s.docs[k]; d != nil {
		d.refs++
		s.mu.Unlock()
		<-d.opened
		if d.err != nil {
			return nil, d.err
		}
		return d, nil
	}
	d := &sharedDoc{key: k, opened: make(chan struct{}), refs: 1}
	if s.docs == nil {
		s.docs = map[docKey]*sharedDoc{}
	}
	s.docs[k] = d
	s.mu.Unlock()
	c, pages, err := open()
	s.mu.Lock()
	d.c, d.pages, d.err = c, pages, err
	if err != nil {
		delete(s.docs, k) // the next opening tries again
	}
	s.mu.Unlock()
	close(d.opened)
	if err != nil {
		return nil, err
	}
	return d, nil
}

// release ends an owner's use of d, closing it after the last.
func (s *sharedDocs) release(d *sharedDoc) {
	s.mu.Lock()
	if d.refs--; d.refs > 0 {
		s.mu.Unlock()
		return
	}
	delete(s.docs, d.key)
	s.mu.Unlock()
	d.mu.Lock() // no owner uses it any more: this waits for none
	d.c.free()
	d.c = nil
	d.mu.Unlock()
}

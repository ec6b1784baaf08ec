//go:build unix

package pdf

import (
	"fmt"
	"os"
	"syscall"
)

// Pixels travel from the worker in shared memory: a file of slotCount
// slots of slotBytes, mapped by both processes. The file is sparse, so
// only the pixels drawn take memory.
const (
	slotCount = 4
	slotBytes = MaxPixels * 4
)

// newSharedFile creates the unlinked file that backs the slots, in /dev/shm
// (memory) when there is one.
func newSharedFile() (*os.File, error) {
	dir := os.TempDir()
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		dir = "/dev/shm"
	}
	f, err := os.CreateTemp(dir, "fieldshelf-pixels-*")
	if err != nil {
		return nil, fmt.Errorf("pdf: shared memory: %w", err)
	}
	os.Remove(f.Name())
	if err := f.Truncate(slotCount * slotBytes); err != nil {
		f.Close()
		return nil, fmt.Errorf("pdf: shared memory: %w", err)
	}
	return f, nil
}

// mapShared maps the slots file.
func mapShared(f *os.File) ([]byte, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("pdf: shared memory: %w", err)
	}
	if st.Size() < slotCount*slotBytes {
		return nil, fmt.Errorf("pdf: shared memory is %d bytes, want %d", st.Size(), slotCount*slotBytes)
	}
	m, err := syscall.Mmap(int(f.Fd()), 0, slotCount*slotBytes, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
	if err != nil {
		return nil, fmt.Errorf("pdf: map shared memory: %w", err)
	}
	return m, nil
}

func unmapShared(m []byte) error {
	return syscall.Munmap(m)
}

// slot returns the bytes of slot i.
func slot(m []byte, i int) []byte {
	return m[i*slotBytes : (i+1)*slotBytes]
}

// prepareSlot readies the first n bytes of a slot for drawing: the sparse
// file needs nothing (shm_windows.go commits the section's pages).
func prepareSlot([]byte, int) error { return nil }

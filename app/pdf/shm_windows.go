package pdf

import (
	"fmt"
	"os"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Pixels travel from the worker in shared memory: a section of the paging
// file of slotCount slots of slotBytes, mapped by both processes. It is
// reserved, not committed: the worker commits what a render draws into
// (prepareSlot), so only the pixels drawn count against the system's
// commit limit.
const (
	slotCount = 4
	slotBytes = MaxPixels * 4
)

// secReserve is SEC_RESERVE: the section's pages are reserved, committed
// only by VirtualAlloc.
const secReserve = 0x04000000

// newSharedFile creates the unnamed section that backs the slots. Its
// handle is inheritable: startProc hands it to the worker.
func newSharedFile() (*os.File, error) {
	const size = slotCount * slotBytes
	sa := &windows.SecurityAttributes{InheritHandle: 1}
	sa.Length = uint32(unsafe.Sizeof(*sa))
	h, err := windows.CreateFileMapping(windows.InvalidHandle, sa,
		windows.PAGE_READWRITE|secReserve, uint32(uint64(size)>>32), uint32(size), nil)
	if err != nil {
		return nil, fmt.Errorf("pdf: shared memory: %w", err)
	}
	return os.NewFile(uintptr(h), "pixels"), nil
}

// mapShared maps the slots section.
func mapShared(f *os.File) ([]byte, error) {
	const size = slotCount * slotBytes
	addr, err := windows.MapViewOfFile(windows.Handle(f.Fd()), windows.FILE_MAP_READ|windows.FILE_MAP_WRITE, 0, 0, size)
	if err != nil {
		return nil, fmt.Errorf("pdf: map shared memory: %w", err)
	}
	// The view is memory outside Go's heap: store its address in a pointer
	// without a uintptr-to-pointer conversion, which vet rightly distrusts.
	var p *byte
	*(*uintptr)(unsafe.Pointer(&p)) = addr
	return unsafe.Slice(p, size), nil
}

func unmapShared(m []byte) error {
	return windows.UnmapViewOfFile(uintptr(unsafe.Pointer(&m[0])))
}

// slot returns the bytes of slot i.
func slot(m []byte, i int) []byte {
	return m[i*slotBytes : (i+1)*slotBytes]
}

// prepareSlot commits the first n bytes of a slot before the worker draws
// into them. Committed pages of a section stay committed, in every view,
// until the section is closed.
func prepareSlot(mem []byte, n int) error {
	if n <= 0 {
		return nil
	}
	if _, err := windows.VirtualAlloc(uintptr(unsafe.Pointer(&mem[0])), uintptr(n), windows.MEM_COMMIT, windows.PAGE_READWRITE); err != nil {
		return fmt.Errorf("pdf worker: commit %d bytes of shared memory: %w", n, err)
	}
	return nil
}

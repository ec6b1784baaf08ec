//go:build unix

package sysfont

import "syscall"

// mapFile maps a whole file read-only.
func mapFile(path string) ([]byte, error) {
	f, size, err := openFont(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
}

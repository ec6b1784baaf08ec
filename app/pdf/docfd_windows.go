package pdf

/*
#include <stdint.h>
#include <io.h>
#include <fcntl.h>

// fs_fd_of_handle gives the C runtime a descriptor over the file handle h,
// which the descriptor owns from then on; -1 when it cannot.
static int fs_fd_of_handle(intptr_t h) { return _open_osfhandle(h, _O_RDONLY | _O_BINARY); }

static long long fs_fd_size(int fd) { return _filelengthi64(fd); }

static void fs_fd_close(int fd) { _close(fd); }
*/
import "C"

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/windows"
)

// On Windows there is no sandbox that stops the worker opening files and
// no socket for documents' descriptors: the application sends the path
// and the worker opens the file itself (openShared), sharing it for
// reading, writing and deletion. MuPDF's own fopen shares it for reading
// only, and then, as long as the reader, the indexer or a cover render
// had a document open, an update could not replace the file nor the
// cache limit delete it.

func docSocket() *os.File { return nil }

// workerFiles returns no files: the worker gets only the shared memory.
func workerFiles() (docs *os.File, files []*os.File, err error) { return nil, nil, nil }

func sendFile(sock, f *os.File) error { return errors.New("pdf: no documents socket") }

func receiveFD(sock *os.File) (int, error) { return -1, errors.New("pdf worker: no documents socket") }

// openShared opens the file at path for the worker, letting others rename
// it, replace it and delete it while it is open, and returns a C runtime
// descriptor for fs_open_fd.
func openShared(path string) (int, error) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return -1, &os.PathError{Op: "open", Path: path, Err: err}
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE,
		nil, windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return -1, &os.PathError{Op: "open", Path: path, Err: err}
	}
	fd := C.fs_fd_of_handle(C.intptr_t(h))
	if fd < 0 {
		windows.CloseHandle(h)
		return -1, fmt.Errorf("open %s: the C runtime has no descriptor for its handle", path)
	}
	return int(fd), nil
}

// fdStamp returns the size of the file open as fd and the modification
// time of the file at path (the worker opened fd from path itself; it is
// not sandboxed on Windows).
func fdStamp(fd int, path string) (size, mtime int64, err error) {
	n := int64(C.fs_fd_size(C.int(fd)))
	if n < 0 {
		return 0, 0, errors.New("pdf worker: the file's size is unknown")
	}
	if st, err := os.Stat(path); err == nil {
		mtime = st.ModTime().UnixNano()
	}
	return n, mtime, nil
}

// closeFD closes a descriptor of openShared; -1 is none.
func closeFD(fd int) {
	if fd >= 0 {
		C.fs_fd_close(C.int(fd))
	}
}

//go:build unix

package pdf

import (
	"errors"
	"fmt"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// Documents reach the worker as open descriptors, not paths, so that the
// sandboxed worker opens no file itself: the application opens the file
// and sends the descriptor over a unix socket (SCM_RIGHTS), the worker's
// descriptor 4, just before the opOpen request that names it.

// docSocketFD is the worker's descriptor of its end of the socket.
const docSocketFD = 4

// docSocket returns the worker's end of the socket.
func docSocket() *os.File { return os.NewFile(docSocketFD, "documents") }

// workerFiles returns the application's end of the documents socket and
// the files the worker gets after the shared memory: the worker's end of
// that socket (its descriptor 4) and, on Linux, the pipe of fontconfig's
// list (descriptor 5, fontListFile). The caller closes the latter once
// the worker has started.
func workerFiles() (docs *os.File, files []*os.File, err error) {
	docs, worker, err := newDocSockets()
	if err != nil {
		return nil, nil, err
	}
	files = []*os.File{worker}
	fonts, err := fontListFile()
	if err != nil {
		docs.Close()
		worker.Close()
		return nil, nil, err
	}
	if fonts != nil {
		files = append(files, fonts)
	}
	return docs, files, nil
}

// newDocSockets returns the two ends of a socket for documents'
// descriptors: the application's and the worker's.
func newDocSockets() (app, worker *os.File, err error) {
	syscall.ForkLock.RLock() // no child may inherit the ends before they are close-on-exec
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_DGRAM, 0)
	if err == nil {
		unix.CloseOnExec(fds[0])
		unix.CloseOnExec(fds[1])
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return nil, nil, fmt.Errorf("pdf: documents socket: %w", err)
	}
	return os.NewFile(uintptr(fds[0]), "documents"), os.NewFile(uintptr(fds[1]), "documents"), nil
}

// sendFile sends f's descriptor on the socket sock.
func sendFile(sock, f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return fmt.Errorf("pdf: send document: %w", err)
	}
	var serr error
	err = rc.Control(func(fd uintptr) {
		serr = unix.Sendmsg(int(sock.Fd()), []byte{0}, unix.UnixRights(int(fd)), nil, 0)
	})
	if err = errors.Join(err, serr); err != nil {
		return fmt.Errorf("pdf: send document: %w", err)
	}
	return nil
}

// receiveFD receives a descriptor that sendFile sent on sock.
func receiveFD(sock *os.File) (int, error) {
	buf := make([]byte, 1)
	oob := make([]byte, unix.CmsgSpace(4*4))
	_, oobn, _, _, err := unix.Recvmsg(int(sock.Fd()), buf, oob, 0)
	if err != nil {
		return -1, fmt.Errorf("pdf worker: receive document: %w", err)
	}
	msgs, err := unix.ParseSocketControlMessage(oob[:oobn])
	if err != nil {
		return -1, fmt.Errorf("pdf worker: receive document: %w", err)
	}
	var fds []int
	for i := range msgs {
		if rights, err := unix.ParseUnixRights(&msgs[i]); err == nil {
			fds = append(fds, rights...)
		}
	}
	if len(fds) == 0 {
		return -1, errors.New("pdf worker: receive document: no descriptor came")
	}
	for _, fd := range fds[1:] {
		unix.Close(fd)
	}
	unix.CloseOnExec(fds[0]) // where the worker may start fc-list, it does not inherit the document
	return fds[0], nil
}

// fdStamp returns the size and modification time of the file open as fd.
func fdStamp(fd int, _ string) (size, mtime int64, err error) {
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return 0, 0, err
	}
	return st.Size, st.Mtim.Nano(), nil
}

// closeFD closes a descriptor the worker received; -1 is none.
func closeFD(fd int) {
	if fd >= 0 {
		unix.Close(fd)
	}
}

// openShared returns -1: on Unix a document comes as a descriptor the
// application opened, or else MuPDF opens it by path, and either way
// others may rename, replace and delete it while it is open.
func openShared(string) (int, error) { return -1, nil }

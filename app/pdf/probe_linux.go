package pdf

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"

	"fieldshelf/app/pdf/sysfont"
)

// probeThreads is how many threads probeSandbox reads from at once.
const probeThreads = 32

// probeSandbox tries what the sandbox forbids, for the debug request
// opProbe: each result should fail with EPERM (seccomp) or EACCES
// (Landlock). Targets left empty are not tried. It also lists the
// computer's fonts, as a page with a font it does not embed would. It is
// compiled in, but the worker serves it only in debug mode (DebugEnv).
func probeSandbox(t probeTargets) probeReport {
	inet := &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}, Port: 9}
	res := []probeResult{
		result("socket", func() error {
			fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
			if err == nil {
				unix.Close(fd)
			}
			return err
		}()),
		// connect and bind on standard input, a pipe: without the filter
		// they fail with ENOTSOCK.
		result("connect", unix.Connect(0, inet)),
		result("bind", unix.Bind(0, inet)),
		// A program that does not exist: without the filter, ENOENT.
		result("execve", unix.Exec("/nonexistent/fieldshelf-probe", []string{"probe"}, nil)),
		result("fork", func() error {
			_, err := syscall.ForkExec("/nonexistent/fieldshelf-probe", []string{"probe"},
				&syscall.ProcAttr{Files: []uintptr{2, 2, 2}})
			return err
		}()),
		// Signal 0 checks the right to signal: without the sandbox, 0.
		result("signal the application", unix.Kill(os.Getppid(), 0)),
	}
	if t.TCP != "" {
		res = append(res, result("dial tcp", dial("tcp", t.TCP)))
	}
	if t.Unix != "" {
		res = append(res, result("dial unix", dial("unix", t.Unix)))
	}
	if t.WriteDir != "" {
		res = append(res, result("write", func() error {
			f, err := os.Create(filepath.Join(t.WriteDir, "fieldshelf-probe"))
			if err == nil {
				f.Close()
			}
			return err
		}()))
	}
	if t.Read != "" {
		res = append(res, result("read", readFile(t.Read)))
		res = append(res, probeAllThreads(t.Read)...)
	}
	fonts := sysfont.System().Len()
	return probeReport{Results: res, Fonts: fonts, FontList: int(fontListRead.Load()), OpenFDs: openFDs()}
}

// openFDs counts the process's open descriptors (it may not list
// /proc/self/fd).
func openFDs() int {
	var lim unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_NOFILE, &lim) != nil {
		return -1
	}
	n := 0
	for fd := range min(int(lim.Cur), 1<<16) {
		if _, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err == nil {
			n++
		}
	}
	return n
}

// probeAllThreads reads path from probeThreads goroutines, each locked to
// a thread of its own, at once: every thread of the worker must be inside
// the Landlock domain. One result per thread that succeeded, or one
// result of the first error.
func probeAllThreads(path string) []probeResult {
	var mu sync.Mutex
	tids := map[int]error{}
	var wg, ready sync.WaitGroup
	ready.Add(probeThreads)
	for range probeThreads {
		wg.Go(func() {
			runtime.LockOSThread() // the thread ends with the goroutine
			err := readFile(path)
			mu.Lock()
			tids[unix.Gettid()] = err
			mu.Unlock()
			ready.Done()
			ready.Wait() // hold the thread until all have read
		})
	}
	wg.Wait()
	var opened []probeResult
	var first error
	for tid, err := range tids {
		if err == nil {
			opened = append(opened, probeResult{Name: fmt.Sprintf("read on thread %d", tid)})
		} else if first == nil {
			first = err
		}
	}
	if len(opened) > 0 {
		return opened
	}
	r := result(fmt.Sprintf("read on %d threads", len(tids)), first)
	return []probeResult{r}
}

func readFile(path string) error {
	f, err := os.Open(path)
	if err == nil {
		f.Close()
	}
	return err
}

func dial(network, addr string) error {
	c, err := net.Dial(network, addr)
	if err == nil {
		c.Close()
	}
	return err
}

// result records an attempt's outcome and its errno.
func result(name string, err error) probeResult {
	r := probeResult{Name: name}
	if err != nil {
		r.Err = err.Error()
		var errno syscall.Errno
		if errors.As(err, &errno) {
			r.Errno = int(errno)
		} else {
			r.Errno = -1
		}
	}
	return r
}

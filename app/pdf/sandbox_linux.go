package pdf

/*
extern int fs_sandbox_state, fs_sandbox_abi, fs_sandbox_errno, fs_sandbox_threads, fs_sandbox_rules;
extern long long fs_sandbox_ns;
*/
import "C"

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"fieldshelf/app/pdf/sysfont"
)

// On Linux the worker runs sandboxed. Before the Go runtime starts, a C
// constructor (sandbox_linux.c) enters a Landlock domain in which the
// process may read only the font folders, and write, create or remove
// nothing. Documents come as open descriptors (docfd_unix.go) and the
// pixels go to the shared memory, an open descriptor too. Then RunWorker
// installs a seccomp filter on all threads: no socket, no new process, no
// tracing of another one.

// sandboxEnv, in the worker's environment, asks for the sandbox: the
// folders it may read, one a line. Tests may set "off" (no sandbox, the
// benchmarks' baseline) or "no-landlock" (the seccomp filter alone, as on
// a kernel without Landlock) in Options.Env, which overrides what
// startProc sets; the user's environment cannot.
const sandboxEnv = "FIELDSHELF_PDF_SANDBOX"

// The states of sandbox_linux.c's fs_sandbox_state.
const (
	sandboxNone       = 0 // not asked
	sandboxOff        = 1
	sandboxOn         = 2
	sandboxNoLandlock = 3
	sandboxFailed     = 4
)

// sandboxEnviron returns the worker's environment entry that asks for the
// sandbox, allowing the font folders.
func sandboxEnviron() []string {
	var dirs []string
	for _, d := range sysfont.FontDirs() {
		if filepath.IsAbs(d) && !strings.ContainsRune(d, '\n') {
			dirs = append(dirs, filepath.Clean(d))
		}
	}
	return []string{sandboxEnv + "=" + strings.Join(dirs, "\n")}
}

// fontListFD is the worker's descriptor of the pipe on which the
// application writes fontconfig's list: the sandboxed worker cannot run
// fc-list (package sysfont) itself.
const fontListFD = 5

// maxFontList bounds the font list the worker reads.
const maxFontList = 64 << 20

// appFontList is fontconfig's list, taken once by the application.
var appFontList struct {
	once sync.Once
	out  string
	err  error
}

// fontListFile returns the worker's end of a pipe on which the application
// writes fontconfig's list (nothing when fc-list fails: the worker then
// reads the font folders), from a goroutine that ends when the list is
// written or the worker is gone.
func fontListFile() (*os.File, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("pdf: font list: %w", err)
	}
	go func() {
		defer w.Close()
		appFontList.once.Do(func() { appFontList.out, appFontList.err = sysfont.FontconfigList() })
		if appFontList.err == nil {
			io.WriteString(w, appFontList.out)
		}
	}()
	return r, nil
}

// fontListRead is how many bytes readFontList read, for opProbe.
var fontListRead atomic.Int64

// readFontList reads the list the application sends on fontListFD.
func readFontList() (string, error) {
	f := os.NewFile(fontListFD, "fonts")
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFontList))
	fontListRead.Store(int64(len(b)))
	if err != nil {
		return "", fmt.Errorf("pdf worker: font list: %w", err)
	}
	return string(b), nil
}

// enterSandbox installs the seccomp filter, unless the sandbox was asked
// off, and reports what the worker runs under. A worker started without
// sandboxEnv (not by an Engine) has no Landlock domain and runs fc-list
// in vain, but gets the filter still.
func enterSandbox() sandboxStatus {
	s := sandboxStatus{Landlock: int(C.fs_sandbox_abi), Threads: int(C.fs_sandbox_threads),
		Folders: int(C.fs_sandbox_rules), LandlockTime: time.Duration(C.fs_sandbox_ns)}
	switch C.fs_sandbox_state {
	case sandboxOff:
		return s
	case sandboxFailed:
		s.Err = fmt.Sprintf("landlock: %v", syscall.Errno(C.fs_sandbox_errno))
	}
	if C.fs_sandbox_state != sandboxNone {
		sysfont.UseFontconfigList(readFontList)
	}
	start := time.Now()
	err := installSeccomp()
	s.SeccompTime = time.Since(start)
	if err != nil {
		s.Err = strings.TrimPrefix(s.Err+"; "+err.Error(), "; ")
		return s
	}
	s.Seccomp = true
	return s
}

// deniedCalls are refused with EPERM: making sockets (and io_uring, whose
// operations do not pass through seccomp), starting programs, reaching
// into other processes (tracing them, their memory, their pidfds), and
// namespaces and mounts. clone is refused when it would make a process
// rather than a thread; clone3, whose flags a filter cannot read, answers
// ENOSYS so that the C library uses clone.
var deniedCalls = append([]uint32{
	unix.SYS_SOCKET, unix.SYS_SOCKETPAIR, unix.SYS_CONNECT, unix.SYS_BIND, unix.SYS_LISTEN,
	unix.SYS_ACCEPT4, unix.SYS_EXECVE, unix.SYS_EXECVEAT, unix.SYS_PTRACE,
	unix.SYS_PROCESS_VM_READV, unix.SYS_PROCESS_VM_WRITEV, unix.SYS_PIDFD_OPEN,
	unix.SYS_PIDFD_SEND_SIGNAL, unix.SYS_PIDFD_GETFD, unix.SYS_TKILL, unix.SYS_UNSHARE,
	unix.SYS_SETNS, unix.SYS_MOUNT, unix.SYS_IO_URING_SETUP, unix.SYS_BPF,
	unix.SYS_PERF_EVENT_OPEN, unix.SYS_KEYCTL, unix.SYS_ADD_KEY, unix.SYS_REQUEST_KEY,
}, archDeniedCalls...)

// signalCalls send signals: their first argument is the process, which
// must be the worker itself (the Go runtime signals its own threads), so
// that the worker cannot signal the application or the user's other
// processes where Landlock does not scope signals (before version 6).
var signalCalls = []uint32{unix.SYS_KILL, unix.SYS_TGKILL, unix.SYS_RT_SIGQUEUEINFO, unix.SYS_RT_TGSIGQUEUEINFO}

// seccompFilter returns the filter's program for the process pid:
// classic BPF over struct seccomp_data {int nr; u32 arch; u64 ip; u64
// args[6]}.
func seccompFilter(pid int) []unix.SockFilter {
	const (
		offNr   = 0
		offArch = 4
		offArg0 = 16 // the low half of args[0] (little-endian)
	)
	eperm := unix.SECCOMP_RET_ERRNO | uint32(unix.EPERM)
	enosys := unix.SECCOMP_RET_ERRNO | uint32(unix.ENOSYS)
	allow := uint32(unix.SECCOMP_RET_ALLOW)
	ld := func(off uint32) unix.SockFilter {
		return unix.SockFilter{Code: unix.BPF_LD | unix.BPF_W | unix.BPF_ABS, K: off}
	}
	ret := func(v uint32) unix.SockFilter { return unix.SockFilter{Code: unix.BPF_RET | unix.BPF_K, K: v} }
	// jeq skips the next instruction unless A == k.
	jne := func(k uint32) unix.SockFilter {
		return unix.SockFilter{Code: unix.BPF_JMP | unix.BPF_JEQ | unix.BPF_K, K: k, Jt: 0, Jf: 1}
	}
	p := []unix.SockFilter{
		ld(offArch),
		{Code: unix.BPF_JMP | unix.BPF_JEQ | unix.BPF_K, K: auditArch, Jt: 1},
		ret(eperm), // another architecture's system calls
		ld(offNr),
	}
	if x32Bit != 0 {
		p = append(p, unix.SockFilter{Code: unix.BPF_JMP | unix.BPF_JSET | unix.BPF_K, K: x32Bit, Jf: 1}, ret(eperm))
	}
	p = append(p, jne(unix.SYS_CLONE3), ret(enosys))
	for _, nr := range deniedCalls {
		p = append(p, jne(nr), ret(eperm))
	}
	for _, nr := range signalCalls { // A stays the call's number unless it is nr
		p = append(p,
			unix.SockFilter{Code: unix.BPF_JMP | unix.BPF_JEQ | unix.BPF_K, K: nr, Jf: 4},
			ld(offArg0),
			unix.SockFilter{Code: unix.BPF_JMP | unix.BPF_JEQ | unix.BPF_K, K: uint32(pid), Jf: 1},
			ret(allow),
			ret(eperm))
	}
	return append(p,
		unix.SockFilter{Code: unix.BPF_JMP | unix.BPF_JEQ | unix.BPF_K, K: unix.SYS_CLONE, Jf: 3},
		ld(offArg0),
		unix.SockFilter{Code: unix.BPF_JMP | unix.BPF_JSET | unix.BPF_K, K: unix.CLONE_THREAD, Jt: 1},
		ret(eperm),
		ret(allow))
}

// installSeccomp installs the filter on every thread of the process.
func installSeccomp() error {
	if auditArch == 0 {
		return fmt.Errorf("seccomp: no filter for this architecture")
	}
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		return fmt.Errorf("seccomp: no_new_privs: %w", err)
	}
	filter := seccompFilter(os.Getpid())
	prog := unix.SockFprog{Len: uint16(len(filter)), Filter: &filter[0]}
	r, _, errno := unix.Syscall(unix.SYS_SECCOMP, unix.SECCOMP_SET_MODE_FILTER,
		unix.SECCOMP_FILTER_FLAG_TSYNC, uintptr(unsafe.Pointer(&prog)))
	switch {
	case errno != 0:
		return fmt.Errorf("seccomp: %w", errno)
	case r != 0:
		return fmt.Errorf("seccomp: thread %d could not be synchronised", r)
	}
	return nil
}

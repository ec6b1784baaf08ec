package pdf

import "golang.org/x/sys/unix"

// auditArch is the architecture the seccomp filter admits; x32Bit marks
// the x32 ABI's system calls, refused.
const (
	auditArch = unix.AUDIT_ARCH_X86_64
	x32Bit    = 0x40000000
)

// archDeniedCalls are the refused calls only this architecture has.
var archDeniedCalls = []uint32{unix.SYS_FORK, unix.SYS_VFORK, unix.SYS_ACCEPT}

package pdf

import "golang.org/x/sys/unix"

// auditArch is the architecture the seccomp filter admits; arm64 has no
// second ABI to refuse.
const (
	auditArch = unix.AUDIT_ARCH_AARCH64
	x32Bit    = 0
)

// archDeniedCalls are the refused calls only this architecture has: none
// (fork and vfork are clone there).
var archDeniedCalls []uint32

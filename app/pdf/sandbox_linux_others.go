//go:build linux && !amd64 && !arm64

package pdf

// On other architectures there is no seccomp filter (installSeccomp says
// so); Landlock still applies.
const (
	auditArch = 0
	x32Bit    = 0
)

var archDeniedCalls []uint32

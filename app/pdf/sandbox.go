package pdf

import "time"

// sandboxStatus says what confines the worker, for the debug request
// opProbe. Only Linux has a sandbox (sandbox_linux.go).
type sandboxStatus struct {
	Landlock int    // the kernel's Landlock ABI version; 0 without Landlock or when off
	Seccomp  bool   // the seccomp filter is installed on every thread
	Threads  int    // the worker's threads when it entered the Landlock domain
	Folders  int    // folders the worker may read (the font folders that exist)
	Err      string // why a part is missing, when it failed

	LandlockTime, SeccompTime time.Duration // what entering each took in the worker
}

// probeTargets are what opProbe tries to reach.
type probeTargets struct {
	Read     string // a file to open for reading
	WriteDir string // a folder to create a file in
	TCP      string // a listening TCP address
	Unix     string // a listening unix socket
}

// probeResult is the outcome of one attempt of opProbe: Errno is 0 when it
// succeeded.
type probeResult struct {
	Name  string
	Errno int
	Err   string
}

// probeReport answers opProbe.
type probeReport struct {
	Status   sandboxStatus
	Results  []probeResult
	Fonts    int // faces in the worker's index of this computer's fonts
	FontList int // bytes of fontconfig's list the worker read from the application
	OpenFDs  int // the worker's open descriptors
}

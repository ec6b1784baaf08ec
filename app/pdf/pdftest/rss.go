package pdftest

import (
	"bufio"
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// ResetPeakRSS returns freed memory to the system and resets this
// process's peak resident size (VmHWM on Linux), so that a benchmark's
// PeakRSS reports only what follows.
func ResetPeakRSS() {
	debug.FreeOSMemory()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// PeakRSS returns the peak resident size of the process pid (0 for this
// one) in MB, as Linux reports it; 0 where it cannot be read.
func PeakRSS(pid int) float64 {
	return StatusMB(pid, "VmHWM:")
}

// StatusMB returns a size field of /proc/PID/status ("VmRSS:", "VmHWM:")
// of the process pid (0 for this one) in MB; 0 where it cannot be read,
// as when the process is gone.
func StatusMB(pid int, field string) float64 {
	name := "self"
	if pid != 0 {
		name = strconv.Itoa(pid)
	}
	f, err := os.Open(fmt.Sprintf("/proc/%s/status", name))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

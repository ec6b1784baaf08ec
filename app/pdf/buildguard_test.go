package pdf

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestBuildWithoutHeadersSaysWhatToRun builds this package without the
// Makefile's CGO_CFLAGS: the build stops at once, with one line that says
// what to run, not a page of compiler errors.
func TestBuildWithoutHeadersSaysWhatToRun(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skipf("go is not available: %v", err)
	}
	cmd := exec.Command("go", "build", "-o", os.DevNull, ".")
	cmd.Env = append(os.Environ(), "CGO_CFLAGS=-O2 -g")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatal("the build went through without go-fitz's headers")
	}
	const want = "app/pdf needs the MuPDF headers of go-fitz: build with make"
	if !strings.Contains(string(out), want) {
		t.Fatalf("output lacks %q:\n%s", want, out)
	}
	if lines := strings.Count(string(out), "\n"); lines > 6 {
		t.Errorf("%d lines of output, want the one error (and the compiler's frame around it):\n%s", lines, out)
	}
}

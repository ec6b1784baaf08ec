package pdf

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/gen2brain/go-fitz"
)

// TestMuPDFVersion checks that the C layer was compiled with the headers
// of the MuPDF it is linked with: go-fitz's, of the version go.mod names.
func TestMuPDFVersion(t *testing.T) {
	h := headerVersion()
	if !libraryAccepts(h) {
		t.Fatalf("the MuPDF headers are version %s and the linked library is another: build with make, "+
			"which compiles against the headers of the go-fitz module in go.mod", h)
	}
	if libraryAccepts("0.0.0") {
		t.Fatal("the library accepted version 0.0.0: its version check did not run")
	}
	if h != fitz.FzVersion {
		t.Errorf("headers %s, go-fitz says its libraries are MuPDF %s", h, fitz.FzVersion)
	}
	// go-fitz's versions follow MuPDF's: v1.24.x carries MuPDF 1.24.
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Version}}", "github.com/gen2brain/go-fitz").Output()
	if err != nil {
		t.Skipf("go list is not available: %v", err)
	}
	if v := strings.TrimSpace(string(out)); !strings.HasPrefix("v"+h, majorMinor(v)+".") {
		t.Errorf("headers %s, go.mod names go-fitz %s", h, v)
	}
}

// majorMinor cuts "v1.24.15" to "v1.24".
func majorMinor(v string) string {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return v
	}
	return parts[0] + "." + parts[1]
}

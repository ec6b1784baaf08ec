package pdf

import (
	"os"
	"os/exec"
	"testing"

	"fieldshelf/app/pdf/pdftest"
)

// TestRegenerateEncrypted remakes testdata/encrypted.pdf, the sample
// encrypted with AES-256 and the user password "secret", when
// FIELDSHELF_REGEN_TESTDATA=1 (it needs qpdf). The file is committed, so
// the tests need no qpdf.
func TestRegenerateEncrypted(t *testing.T) {
	if os.Getenv("FIELDSHELF_REGEN_TESTDATA") != "1" {
		t.Skip("set FIELDSHELF_REGEN_TESTDATA=1 to remake testdata/encrypted.pdf with qpdf")
	}
	src := pdftest.WriteFile(t, "sample.pdf", pdftest.Sample())
	out, err := exec.Command("qpdf", "--encrypt", "secret", "owner", "256", "--", src, "testdata/encrypted.pdf").CombinedOutput()
	if err != nil {
		t.Fatalf("qpdf: %v: %s", err, out)
	}
}

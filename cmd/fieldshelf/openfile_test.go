package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"fieldshelf/app/pdf/pdftest"
)

// TestIsPDFFile takes what MuPDF opens: a name ending in .pdf, or the PDF
// signature within the first 1,024 bytes (after junk, as some scanners and
// mail gateways leave it).
func TestIsPDFFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	sample := pdftest.Sample()
	for _, tc := range []struct {
		path string
		want bool
	}{
		{write("report.pdf", []byte("not even a PDF")), true}, // by its name: opening it says what is wrong
		{write("scan", sample), true},
		{write("scan-with-junk", append(bytes.Repeat([]byte("junk "), 200), sample...)), true},
		{write("too-much-junk", append(bytes.Repeat([]byte("j"), 1025), sample...)), false},
		{write("notes.txt", []byte("just text")), false},
		{filepath.Join(dir, "absent.pdf"), false},
		{dir, false},
	} {
		if got := isPDFFile(tc.path); got != tc.want {
			t.Errorf("isPDFFile(%s) = %v, want %v", filepath.Base(tc.path), got, tc.want)
		}
	}
}

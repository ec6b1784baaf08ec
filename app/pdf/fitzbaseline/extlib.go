//go:build extlib

package fitzbaseline

// With the extlib tag go-fitz links the system's MuPDF (see the Makefile's
// FITZ_TAGS) through pkg-config, whose list lacks harfbuzz; a static
// library needs it after MuPDF's.

// #cgo LDFLAGS: -lmupdf -lharfbuzz
import "C"

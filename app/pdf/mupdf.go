package pdf

// go-fitz links MuPDF's static libraries for the target platform (its own
// cgo flags name them); the C layer here uses them through the headers of
// the same module (see fitz.h and the Makefile's FITZ_CFLAGS).
import _ "github.com/gen2brain/go-fitz"

// Package fitzbaseline holds only a benchmark: the raw in-process go-fitz
// ImageDPI loop that the PDF engine's render path (app/pdf) is measured
// against. It lives in a package of its own because go-fitz links its own
// MuPDF, which must never share a binary with app/pdf's.
package fitzbaseline

package pdf

/*
#include <stdlib.h>
#include "fitz.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"math"
	"runtime/cgo"
	"strings"
	"unsafe"

	"fieldshelf/app"
)

// storeBytes bounds MuPDF's resource store (fonts, images, ...) of each
// open document.
const storeBytes = 64 << 20

// maxQuads bounds the hit rectangles one page search returns.
const maxQuads = 512

// cdoc is an open document in the C layer. It is used by one goroutine at
// a time, the document's owner in the worker, but for abort.
type cdoc struct {
	d     *C.fs_doc
	h     cgo.Handle // of the cdoc, for MuPDF's font questions (fonts.go)
	fonts docFonts
}

// errNeedsPassword and errBadPassword are the C layer's password answers.
var (
	errNeedsPassword = errors.New("needs a password")
	errBadPassword   = errors.New("wrong password")
	errAborted       = errors.New("render cancelled")
)

func newCdoc() (*cdoc, error) {
	c := &cdoc{}
	c.h = cgo.NewHandle(c)
	c.d = C.fs_new(C.size_t(storeBytes), C.uintptr_t(c.h))
	if c.d == nil {
		c.h.Delete()
		if v := headerVersion(); !libraryAccepts(v) {
			return nil, fmt.Errorf("mupdf: the linked library is not MuPDF %s, whose headers app/pdf was compiled with", v)
		}
		return nil, errors.New("mupdf: cannot create a context")
	}
	return c, nil
}

// headerVersion returns the version of MuPDF's headers the C layer was
// compiled with.
func headerVersion() string { return C.GoString(C.fs_header_version()) }

// libraryAccepts says whether the linked MuPDF library is version v.
func libraryAccepts(v string) bool {
	p := C.CString(v)
	defer C.free(unsafe.Pointer(p))
	return C.fs_library_accepts(p) != 0
}

// check turns a C status into an error.
func (c *cdoc) check(status C.int) error {
	switch status {
	case C.FS_OK:
		return nil
	case C.FS_NEEDS_PASSWORD:
		return errNeedsPassword
	case C.FS_BAD_PASSWORD:
		return errBadPassword
	case C.FS_ABORTED:
		return errAborted
	}
	return errors.New("mupdf: " + C.GoString(&c.d.msg[0]))
}

func (c *cdoc) free() {
	C.fs_free(c.d)
	c.d = nil
	c.h.Delete()
}

// resetCookie readies the cookie of the document's next render; abort,
// from any goroutine, stops that render (it then fails with errAborted).
func (c *cdoc) resetCookie() { C.fs_reset_cookie(c.d) }
func (c *cdoc) abort()       { C.fs_abort(c.d) }

func (c *cdoc) open(path string) error {
	p := C.CString(path)
	defer C.free(unsafe.Pointer(p))
	return c.check(C.fs_open(c.d, p))
}

// openFD opens the document from the descriptor fd, which is c's from
// then on, open or not; name, the file's name, tells its type.
func (c *cdoc) openFD(fd int, name string) error {
	p := C.CString(name)
	defer C.free(unsafe.Pointer(p))
	return c.check(C.fs_open_fd(c.d, C.int(fd), p))
}

func (c *cdoc) authenticate(password string) error {
	p := C.CString(password)
	defer C.free(unsafe.Pointer(p))
	return c.check(C.fs_authenticate(c.d, p))
}

func (c *cdoc) countPages() (int, error) {
	var n C.int
	err := c.check(C.fs_count_pages(c.d, &n))
	return int(n), err
}

// bounds returns the page's rectangle in points (page from 0).
func (c *cdoc) bounds(page int) (app.Rect, error) {
	var r C.fz_rect
	err := c.check(C.fs_page_bounds(c.d, C.int(page), &r))
	return app.Rect{X0: float64(r.x0), Y0: float64(r.y0), X1: float64(r.x1), Y1: float64(r.y1)}, err
}

// render draws the page, annotations and form fields included, scaled by
// sx, sy into w*h RGBA pixels at samples (w*4 bytes a row).
func (c *cdoc) render(page int, sx, sy float64, w, h int, samples unsafe.Pointer, night bool) error {
	n := C.int(0)
	if night {
		n = 1
	}
	return c.check(C.fs_render(c.d, C.int(page), C.float(sx), C.float(sy), C.int(w), C.int(h),
		(*C.uchar)(samples), n))
}

func (c *cdoc) pageText(page int) (string, error) {
	var p *C.char
	var n C.size_t
	if err := c.check(C.fs_page_text(c.d, C.int(page), &p, &n)); err != nil {
		return "", err
	}
	defer C.fs_free_text(c.d, p)
	return C.GoStringN(p, C.int(n)), nil
}

// search returns the rectangles of each occurrence of needle on the page:
// an occurrence spanning lines has several.
func (c *cdoc) search(page int, needle string) ([][]app.Rect, error) {
	p := C.CString(needle)
	defer C.free(unsafe.Pointer(p))
	marks := make([]C.int, maxQuads)
	quads := make([]C.fz_quad, maxQuads)
	var n C.int
	if err := c.check(C.fs_search(c.d, C.int(page), p, &marks[0], &quads[0], maxQuads, &n)); err != nil {
		return nil, err
	}
	var hits [][]app.Rect
	for i := 0; i < int(n); i++ {
		if marks[i] != 0 || len(hits) == 0 {
			hits = append(hits, nil)
		}
		hits[len(hits)-1] = append(hits[len(hits)-1], quadRect(quads[i]))
	}
	return hits, nil
}

// selection returns the text of the characters of a page whose boxes
// meet sel, a line of text per text line, and the rectangle each line's
// selected characters cover, in points.
func (c *cdoc) selection(page int, sel app.Rect) (string, []app.Rect, error) {
	r := C.fz_rect{x0: C.float(sel.X0), y0: C.float(sel.Y0), x1: C.float(sel.X1), y1: C.float(sel.Y1)}
	rects := make([]C.fz_rect, maxQuads)
	var p *C.char
	var size C.size_t
	var n C.int
	if err := c.check(C.fs_select(c.d, C.int(page), r, &p, &size, &rects[0], maxQuads, &n)); err != nil {
		return "", nil, err
	}
	defer C.fs_free_text(c.d, p)
	out := make([]app.Rect, int(n))
	for i := range out {
		q := rects[i]
		out[i] = app.Rect{X0: float64(q.x0), Y0: float64(q.y0), X1: float64(q.x1), Y1: float64(q.y1)}
	}
	return C.GoStringN(p, C.int(size)), out, nil
}

// quadRect returns the rectangle that encloses a quad.
func quadRect(q C.fz_quad) app.Rect {
	xs := []float64{float64(q.ul.x), float64(q.ur.x), float64(q.ll.x), float64(q.lr.x)}
	ys := []float64{float64(q.ul.y), float64(q.ur.y), float64(q.ll.y), float64(q.lr.y)}
	return app.Rect{X0: minOf(xs), Y0: minOf(ys), X1: maxOf(xs), Y1: maxOf(ys)}
}

func minOf(v []float64) float64 {
	m := v[0]
	for _, x := range v[1:] {
		m = min(m, x)
	}
	return m
}

func maxOf(v []float64) float64 {
	m := v[0]
	for _, x := range v[1:] {
		m = max(m, x)
	}
	return m
}

// outline returns the document's outline; none when it has none.
func (c *cdoc) outline() ([]Heading, error) {
	var o *C.fz_outline
	if err := c.check(C.fs_load_outline(c.d, &o)); err != nil {
		return nil, err
	}
	defer C.fs_drop_outline(c.d, o)
	return c.headings(o, 0), nil
}

// headings converts a list of outline items and their children, down to a
// sane depth (a cyclic outline is cut there).
func (c *cdoc) headings(o *C.fz_outline, depth int) []Heading {
	var out []Heading
	for n := 0; o != nil && depth < 32 && n < 100000; o, n = o.next, n+1 {
		var y C.float
		h := Heading{Title: cleanText(C.GoString(o.title)), Page: int(C.fs_outline_page(c.d, o, &y)) + 1}
		if h.Page > 0 {
			h.Y = targetY(y)
		}
		if o.uri != nil && h.Page == 0 {
			h.URI = C.GoString(o.uri)
		}
		h.Children = c.headings(o.down, depth+1)
		out = append(out, h)
	}
	return out
}

// targetY is the place a link or outline entry points to on its page: a
// target that names none (NaN, or what a "fit the page" target gives) is
// the page's top.
func targetY(y C.float) float64 {
	v := float64(y)
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0
	}
	return v
}

// links returns the links of a page.
func (c *cdoc) links(page int) ([]app.PageLink, error) {
	var l *C.fz_link
	if err := c.check(C.fs_load_links(c.d, C.int(page), &l)); err != nil {
		return nil, err
	}
	defer C.fs_drop_links(c.d, l)
	var out []app.PageLink
	for ; l != nil && len(out) < 10000; l = l.next {
		r := l.rect
		k := app.PageLink{Rect: app.Rect{X0: float64(r.x0), Y0: float64(r.y0), X1: float64(r.x1), Y1: float64(r.y1)}}
		if l.uri != nil {
			var y C.float
			k.Page = int(C.fs_link_page(c.d, l.uri, &y)) + 1
			if k.Page > 0 {
				k.Y = targetY(y)
			}
			if k.Page == 0 {
				k.URI = C.GoString(l.uri)
			}
		}
		out = append(out, k)
	}
	return out, nil
}

// maxPageAnnots bounds the annotations read from one page.
const maxPageAnnots = 200

// fileNotes lists the sticky notes and form fields of every page, at most
// maxNotes of them.
func (c *cdoc) fileNotes(pages, maxNotes int) ([]app.FileNote, error) {
	buf := (*[maxPageAnnots]C.fs_annot)(C.malloc(C.size_t(maxPageAnnots) * C.size_t(unsafe.Sizeof(C.fs_annot{}))))
	if buf == nil {
		return nil, errors.New("pdf: out of memory listing annotations")
	}
	defer C.free(unsafe.Pointer(buf))
	var out []app.FileNote
	for page := 0; page < pages && len(out) < maxNotes; page++ {
		var n C.int
		if err := c.check(C.fs_page_annots(c.d, C.int(page), &buf[0], maxPageAnnots, &n)); err != nil {
			return out, err
		}
		for _, a := range buf[:int(n)] {
			r := a.rect
			f := app.FileNote{Page: page + 1, Rect: app.Rect{X0: float64(r.x0), Y0: float64(r.y0), X1: float64(r.x1), Y1: float64(r.y1)}}
			author, text := cleanText(C.GoString(&a.author[0])), strings.TrimSpace(C.GoString(&a.text[0]))
			if a.kind == C.FS_ANNOT_FIELD {
				f.Field, f.Name, f.Value, f.FieldType = true, author, text, C.GoString(&a.field_type[0])
			} else {
				f.Author, f.Text = author, text
			}
			out = append(out, f)
		}
	}
	return out, nil
}

// metadata looks up one of MuPDF's metadata keys ("info:Title", "format"...).
func (c *cdoc) metadata(key string) string {
	k := C.CString(key)
	defer C.free(unsafe.Pointer(k))
	buf := make([]byte, 1024)
	n := C.fs_metadata(c.d, k, (*C.char)(unsafe.Pointer(&buf[0])), C.int(len(buf)))
	if n <= 0 {
		return ""
	}
	return cleanText(string(buf[:min(int(n), len(buf))]))
}

// cleanText trims NUL padding and surrounding space.
func cleanText(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// crash aborts the process, for the crash-isolation test.
func crash() { C.fs_crash() }

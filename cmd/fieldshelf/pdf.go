package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fieldshelf/app/library"
	"fieldshelf/app/pdf"
)

// Reading cached PDFs from the command line: render, text, toc, find,
// index. MuPDF runs in a worker process: this same executable, started by
// the engine with the hidden argument pdf.WorkerArg.

func init() {
	// The worker mode is taken before anything else (and so also works in
	// this package's test binary, which the engine re-executes).
	if len(os.Args) == 2 && os.Args[1] == pdf.WorkerArg {
		if err := pdf.RunWorker(); err != nil {
			fmt.Fprintln(os.Stderr, "fieldshelf pdf worker: "+err.Error())
			os.Exit(1)
		}
		os.Exit(0)
	}
}

// pdfEngine returns the command's PDF engine, starting it on first use.
func (e *env) pdfEngine() (*pdf.Engine, error) {
	e.engineMu.Lock()
	defer e.engineMu.Unlock()
	if e.engine == nil {
		eng, err := pdf.NewEngine(pdf.Options{})
		if err != nil {
			return nil, err
		}
		e.engine = eng
	}
	return e.engine, nil
}

// openText is the library's TextOpener over the PDF engine.
func (e *env) openText(ctx context.Context, path, password string) (library.TextDoc, error) {
	eng, err := e.pdfEngine()
	if err != nil {
		return nil, err
	}
	d, err := eng.Open(ctx, path, password)
	if err != nil {
		return nil, engineError(err)
	}
	return textDoc{d}, nil
}

// textDoc is a PDF document as the library reads its text.
type textDoc struct{ *pdf.Doc }

// PageSize returns a page's width and height in points.
func (d textDoc) PageSize(ctx context.Context, page int) (float64, float64, error) {
	s, err := d.Doc.PageSize(ctx, page)
	return s.W, s.H, err
}

// pdfFlags are the flags every PDF command takes.
type pdfFlags struct {
	passwordEnv string
}

func (f *pdfFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&f.passwordEnv, "password-env", "", "environment variable holding the password of a protected file")
}

// openDoc opens the cached file of a document.
func (e *env) openDoc(ctx context.Context, idArg string, f pdfFlags) (*pdf.Doc, error) {
	id, err := parseID(idArg, "document")
	if err != nil {
		return nil, err
	}
	lib, err := e.library(ctx)
	if err != nil {
		return nil, err
	}
	d, err := lib.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	path, err := lib.CachedFile(ctx, d)
	if err != nil {
		return nil, fmt.Errorf("document %d: %w", id, err)
	}
	password := ""
	if f.passwordEnv != "" {
		if password = os.Getenv(f.passwordEnv); password == "" {
			return nil, fmt.Errorf("the password variable %s is not set", f.passwordEnv)
		}
	}
	eng, err := e.pdfEngine()
	if err != nil {
		return nil, err
	}
	doc, err := eng.Open(ctx, path, password)
	switch {
	case errors.Is(err, pdf.ErrPassword) && password == "":
		return nil, fmt.Errorf("document %d: %w: give its password with --password-env VAR", id, pdf.ErrPassword)
	case errors.Is(err, pdf.ErrPassword):
		return nil, fmt.Errorf("document %d: %w: the password is wrong", id, pdf.ErrPassword)
	case errors.Is(err, pdf.ErrBroken):
		return nil, fmt.Errorf("document %d: %w", id, pdf.ErrBroken)
	}
	return doc, err
}

// pageRange parses "N" or "N-M".
func pageRange(s string, pages int) (from, to int, isRange bool, err error) {
	a, b, isRange := strings.Cut(s, "-")
	from, err1 := strconv.Atoi(a)
	to, err2 := from, error(nil)
	if isRange {
		to, err2 = strconv.Atoi(b)
	}
	if err1 != nil || err2 != nil || from < 1 || to < from {
		return 0, 0, false, fmt.Errorf("pages %q: give N or N-M, counted from 1", s)
	}
	if to > pages {
		return 0, 0, false, fmt.Errorf("pages %q: the document has %d", s, pages)
	}
	return from, to, isRange, nil
}

func cmdRender(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	var pf pdfFlags
	pf.add(fs)
	dpi := fs.Float64("dpi", pdf.DefaultDPI, "resolution")
	night := fs.Bool("night", false, "invert the page's lightness")
	format := fs.String("format", "png", "png or ppm (binary P6)")
	out := fs.String("o", "", "output file, or folder for a range")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 2 || *out == "" || *dpi <= 0 || (*format != "png" && *format != "ppm") {
		return errUsage
	}
	doc, err := e.openDoc(ctx, pos[0], pf)
	if err != nil {
		return err
	}
	defer doc.Close()
	from, to, isRange, err := pageRange(pos[1], doc.NumPages())
	if err != nil {
		return err
	}
	if err := library.CheckParent(*out); err != nil {
		return err
	}
	if isRange {
		if err := os.Mkdir(*out, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
			return fmt.Errorf("create %s: %w", *out, err)
		}
	}
	o := pdf.RenderOptions{DPI: *dpi, Night: *night}
	next := renderAsync(ctx, doc, from, o)
	for p := from; p <= to; p++ {
		r := <-next
		if p < to {
			next = renderAsync(ctx, doc, p+1, o) // drawn while this one is written
		}
		img, err := r.img, r.err
		if err != nil {
			return fmt.Errorf("document %s page %d: %w", pos[0], p, err)
		}
		name := *out
		if isRange {
			name = filepath.Join(*out, fmt.Sprintf("p%05d.%s", p, *format))
		}
		if err := writeImage(name, img, *format); err != nil {
			return err
		}
	}
	return nil
}

// rendered is a page drawn by renderAsync.
type rendered struct {
	img *image.RGBA
	err error
}

// renderAsync draws a page in the background.
func renderAsync(ctx context.Context, doc *pdf.Doc, page int, o pdf.RenderOptions) <-chan rendered {
	ch := make(chan rendered, 1)
	go func() {
		img, err := doc.Render(ctx, page, o)
		ch <- rendered{img, err}
	}()
	return ch
}

// writeImage writes a PNG or a binary PPM.
func writeImage(name string, img *image.RGBA, format string) error {
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if format == "ppm" {
		err = writePPM(w, img)
	} else {
		err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, img)
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// writePPM writes a binary PPM (P6): RGB without alpha.
func writePPM(w *bufio.Writer, img *image.RGBA) error {
	b := img.Bounds()
	fmt.Fprintf(w, "P6\n%d %d\n255\n", b.Dx(), b.Dy())
	row := make([]byte, 3*b.Dx())
	for y := 0; y < b.Dy(); y++ {
		px := img.Pix[y*img.Stride : y*img.Stride+4*b.Dx()]
		for x := 0; x < b.Dx(); x++ {
			copy(row[3*x:3*x+3], px[4*x:4*x+3])
		}
		if _, err := w.Write(row); err != nil {
			return err
		}
	}
	return nil
}

func cmdText(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("text", flag.ContinueOnError)
	var pf pdfFlags
	pf.add(fs)
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 2 {
		return errUsage
	}
	page, err := strconv.Atoi(pos[1])
	if err != nil {
		return fmt.Errorf("page %q is not a number", pos[1])
	}
	doc, err := e.openDoc(ctx, pos[0], pf)
	if err != nil {
		return err
	}
	defer doc.Close()
	text, err := doc.Text(ctx, page)
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(e.stdout, text)
	return err
}

// headingJSON is an outline entry in --json output.
type headingJSON struct {
	Title    string        `json:"title"`
	Page     int           `json:"page"`
	URI      string        `json:"uri,omitempty"`
	Children []headingJSON `json:"children"`
}

func toHeadingJSON(hs []pdf.Heading) []headingJSON {
	out := make([]headingJSON, len(hs))
	for i, h := range hs {
		out[i] = headingJSON{Title: h.Title, Page: h.Page, URI: h.URI, Children: toHeadingJSON(h.Children)}
	}
	return out
}

func cmdTOC(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("toc", flag.ContinueOnError)
	var pf pdfFlags
	pf.add(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 1 {
		return errUsage
	}
	doc, err := e.openDoc(ctx, pos[0], pf)
	if err != nil {
		return err
	}
	defer doc.Close()
	heads, err := doc.Outline(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e, toHeadingJSON(heads))
	}
	if len(heads) == 0 {
		fmt.Fprintln(e.stdout, "no table of contents")
	}
	printHeadings(e, heads, 0)
	return nil
}

func printHeadings(e *env, hs []pdf.Heading, depth int) {
	for _, h := range hs {
		where := strconv.Itoa(h.Page)
		if h.Page == 0 {
			where = orDash(h.URI)
		}
		fmt.Fprintf(e.stdout, "%s%s  %s\n", strings.Repeat("  ", depth), h.Title, where)
		printHeadings(e, h.Children, depth+1)
	}
}

// findJSON is a page of find results in --json output: per occurrence,
// the rectangles that cover it, in points from the page's top left.
type findJSON struct {
	Page  int          `json:"page"`
	Rects [][]rectJSON `json:"rects"`
}

type rectJSON struct {
	X0 float64 `json:"x0"`
	Y0 float64 `json:"y0"`
	X1 float64 `json:"x1"`
	Y1 float64 `json:"y1"`
}

func toFindJSON(h pdf.Hit) findJSON {
	f := findJSON{Page: h.Page, Rects: make([][]rectJSON, len(h.Rects))}
	for i, occ := range h.Rects {
		for _, r := range occ {
			f.Rects[i] = append(f.Rects[i], rectJSON(r))
		}
	}
	return f
}

func cmdFind(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("find", flag.ContinueOnError)
	var pf pdfFlags
	pf.add(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) < 2 {
		return errUsage
	}
	doc, err := e.openDoc(ctx, pos[0], pf)
	if err != nil {
		return err
	}
	defer doc.Close()
	hits, err := doc.Search(ctx, strings.Join(pos[1:], " "))
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]findJSON, len(hits))
		for i, h := range hits {
			out[i] = toFindJSON(h)
		}
		return writeJSON(e, out)
	}
	if len(hits) == 0 {
		fmt.Fprintln(e.stdout, "no matches")
	}
	for _, h := range hits {
		fmt.Fprintf(e.stdout, "page %d: %d match(es)", h.Page, len(h.Rects))
		for _, occ := range h.Rects {
			r := occ[0]
			fmt.Fprintf(e.stdout, "  [%.0f,%.0f %.0fx%.0f]", r.X0, r.Y0, r.X1-r.X0, r.Y1-r.Y0)
		}
		fmt.Fprintln(e.stdout)
	}
	return nil
}

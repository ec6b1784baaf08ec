package publish

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"path"
	"path/filepath"
	"strings"

	"fieldshelf/app"
)

// Cover sizes, in pixels across: the cover and its thumbnail.
const (
	coverWidth = 480
	thumbWidth = 160
)

// firstPageChars is how much of the first page's text is kept, for a
// title and a summary when the CSV and the PDF's metadata give none.
const firstPageChars = 2000

// summaryRunes bounds a summary taken from the first page.
const summaryRunes = 320

// inspect opens a file with the PDF engine when something of it must be
// read: its metadata and first page when its content changed, its covers
// when they changed or are missing. A file the engine cannot open, or
// with no pages, is a readFailure; a cover that cannot be drawn is only a
// problem.
func (r *run) inspect(ctx context.Context, src string, p *publication, f *fileState, changed bool) error {
	cover, thumb := path.Join(coversDir, p.short+".png"), path.Join(coversDir, p.short+"-thumb.png")
	if !changed && r.exists(cover) && r.exists(thumb) {
		r.keepCovers(p, cover, thumb)
		return nil
	}
	doc, err := r.o.Open(ctx, src)
	if err != nil {
		return openFailure(err)
	}
	defer doc.Close()
	if doc.NumPages() < 1 {
		return &readFailure{reason: "it has no pages", detail: "no pages"}
	}
	if changed {
		m, _ := doc.Metadata(ctx)
		f.Meta = Metadata{Title: oneLine(m.Title), Author: oneLine(m.Author), Subject: oneLine(m.Subject),
			Keywords: oneLine(m.Keywords)}
		text, _ := doc.Text(ctx, 1)
		f.First = clipRunes(strings.TrimSpace(text), firstPageChars)
	}
	for _, c := range []struct {
		rel   string
		width int
	}{{cover, coverWidth}, {thumb, thumbWidth}} {
		if err := r.drawCover(ctx, doc, c.rel, c.width); err != nil {
			r.problem("%s has no cover: %v", p.File, err)
			return nil
		}
	}
	r.keepCovers(p, cover, thumb)
	return nil
}

// ErrProtected is what an Opener returns for a password-protected PDF,
// which a catalogue cannot offer.
var ErrProtected = errors.New("publish: the PDF is password-protected")

// openFailure says why the engine could not open a file, for people.
func openFailure(err error) *readFailure {
	f := &readFailure{reason: "the PDF engine cannot read it", detail: err.Error()}
	switch {
	case errors.Is(err, app.ErrDamaged):
		f.reason = "it is damaged, or not a PDF"
	case errors.Is(err, ErrProtected):
		f.reason = "it is password-protected: publish a copy without the password"
	}
	return f
}

// drawCover draws the first page width pixels across as a PNG in Out.
func (r *run) drawCover(ctx context.Context, doc PDF, rel string, width int) error {
	img, err := doc.Render(ctx, 1, width)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, img); err != nil {
		return err
	}
	return r.put(rel, b.Bytes())
}

// keepCovers records a publication's covers as part of this publish.
func (r *run) keepCovers(p *publication, cover, thumb string) {
	p.cover, p.thumb = cover, thumb
	r.written[cover], r.written[thumb] = true, true
}

// exists reports whether a file of Out is there.
func (r *run) exists(rel string) bool { return isFile(filepath.Join(r.out, filepath.FromSlash(rel))) }

// merge fills what catalogue.csv left empty from the PDF: the title from
// its metadata, else the first line of its first page, else the file's
// name; the authors, summary and tags from its metadata, the summary else
// from its first page.
func (p *publication) merge(m Metadata, first string) {
	lines := strings.Split(first, "\n")
	firstLine := ""
	for i, l := range lines {
		if l = oneLine(l); l != "" {
			firstLine, lines = clipRunes(l, 160), lines[i+1:]
			break
		}
	}
	if p.Title == "" {
		p.Title = firstNonEmpty(usableTitle(m.Title), firstLine,
			strings.TrimSuffix(path.Base(p.File), path.Ext(p.File)))
	}
	if len(p.Authors) == 0 {
		p.Authors = values(m.Author)
	}
	if p.Summary == "" {
		p.Summary = firstNonEmpty(m.Subject, clipRunes(oneLine(strings.Join(lines, " ")), summaryRunes))
	}
	if len(p.Tags) == 0 {
		p.Tags = values(strings.ReplaceAll(m.Keywords, ",", ";"))
	}
}

// usableTitle is a PDF's own title, unless it is only the name of the
// file it was made from ("report.docx", "Untitled").
func usableTitle(t string) string {
	l := strings.ToLower(t)
	for _, ext := range []string{".doc", ".docx", ".odt", ".pdf", ".indd", ".rtf"} {
		if strings.HasSuffix(l, ext) {
			return ""
		}
	}
	if l == "untitled" || strings.HasPrefix(l, "microsoft word - ") {
		return ""
	}
	return t
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// clipRunes cuts s to at most n runes, at a space when there is one near
// the end, with an ellipsis.
func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n-1])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)*3/4 {
		cut = cut[:i]
	}
	return cut + "…"
}

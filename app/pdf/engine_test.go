package pdf

import (
	"errors"
	"image/color"
	"strings"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/pdf/pdftest"
)

func TestSampleText(t *testing.T) {
	e := newEngine(t, Timeouts{})
	d := openSample(t, e)
	if d.NumPages() != 3 {
		t.Fatalf("NumPages=%d, want 3", d.NumPages())
	}
	text, err := d.Text(testCtx(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Fieldshelf sample", "Indicators of trafficking", "Courier text"} {
		if !strings.Contains(text, want) {
			t.Errorf("page 1 text %q lacks %q", text, want)
		}
	}
	m, err := d.Metadata(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if m.Title != "Fieldshelf Sample" || m.Author != "Test Author" {
		t.Errorf("Metadata=%+v, want title Fieldshelf Sample (NULs trimmed), author Test Author", m)
	}
}

func TestOutlineAndLinks(t *testing.T) {
	e := newEngine(t, Timeouts{})
	d := openSample(t, e)
	heads, err := d.Outline(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(heads) != 2 || heads[0].Title != "Chapter 1" || heads[0].Page != 1 || heads[1].Page != 2 ||
		len(heads[1].Children) != 1 || heads[1].Children[0].Title != "Section 2.1" || heads[1].Children[0].Page != 3 {
		t.Fatalf("Outline=%+v, want Chapter 1 (p1), Chapter 2 (p2) > Section 2.1 (p3)", heads)
	}
	links, err := d.Links(testCtx(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	if y := heads[1].Children[0].Y; y < 291 || y > 293 || heads[0].Y != 0 {
		t.Fatalf("Section 2.1 at y=%v, Chapter 1 at %v; want 292 points down page 3 and the top of page 1", y, heads[0].Y)
	}
	var page3, uri bool
	for _, l := range links {
		page3 = page3 || l.Page == 3 && l.Y > 291 && l.Y < 293
		uri = uri || l.URI == "https://example.org/guide"
	}
	if !page3 || !uri {
		t.Fatalf("Links=%+v, want one to page 3 at y=292 and one to https://example.org/guide", links)
	}
}

func TestFileNotesListStickyNotesAndFields(t *testing.T) {
	e := newEngine(t, Timeouts{})
	d := openSample(t, e)
	notes, err := d.FileNotes(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 2 {
		t.Fatalf("FileNotes=%+v, want the sticky note and the field of page 1", notes)
	}
	var note, field app.FileNote
	for _, n := range notes {
		if n.Field {
			field = n
		} else {
			note = n
		}
	}
	r := pdftest.NoteRect // PDF space: up from the bottom of the 792-point page
	if note.Page != 1 || note.Author != pdftest.NoteAuthor || note.Text != pdftest.NoteText ||
		note.Rect.X0 != r[0] || note.Rect.Y0 != 792-r[3] || note.Rect.Y1 != 792-r[1] {
		t.Fatalf("sticky note %+v, want page 1, %q, %q at %v from the page's top", note, pdftest.NoteAuthor, pdftest.NoteText, r)
	}
	if field.Page != 1 || field.Name != "name" || field.Value != "Filled in" || field.FieldType != "text" {
		t.Fatalf("field %+v, want the text field name = Filled in", field)
	}
}

func TestRenderDrawsAnnotationsAndFields(t *testing.T) {
	e := newEngine(t, Timeouts{})
	d := openSample(t, e)
	img, err := d.Render(testCtx(t), 1, RenderOptions{DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 612 || b.Dy() != 792 {
		t.Fatalf("size %v, want 612x792", b)
	}
	// PDF space has its origin at the bottom left; the image at the top left.
	at := func(r [4]float64) color.RGBA {
		return img.RGBAAt(int(r[0]+r[2])/2, 792-int(r[1]+r[3])/2)
	}
	if c := at(pdftest.AnnotRect); c.R < 200 || c.G > 60 || c.B > 60 {
		t.Errorf("annotation centre %v, want red", c)
	}
	if c := at(pdftest.FieldRect); c.G < 200 || c.R > 60 || c.B > 60 {
		t.Errorf("form field centre %v, want green", c)
	}
	if c := img.RGBAAt(5, 5); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("corner %v, want opaque white", c)
	}
	night, err := d.Render(testCtx(t), 1, RenderOptions{Width: 306, Night: true})
	if err != nil {
		t.Fatal(err)
	}
	if b := night.Bounds(); b.Dx() != 306 || b.Dy() != 396 {
		t.Errorf("width-only size %v, want 306x396", b)
	}
	if c := night.RGBAAt(2, 2); c.R > 30 {
		t.Errorf("night corner %v, want dark", c)
	}
}

func TestRenderCapsAbsurdSizes(t *testing.T) {
	e := newEngine(t, Timeouts{})
	d, err := e.Open(testCtx(t), pdftest.WriteFile(t, "huge.pdf", pdftest.HugeMediaBox()), "")
	if err != nil {
		t.Fatal(err)
	}
	img, err := d.Render(testCtx(t), 1, RenderOptions{DPI: 600})
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() > MaxSide || b.Dx()*b.Dy() > MaxPixels {
		t.Fatalf("render %v over the caps", b)
	}
	d2, err := e.Open(testCtx(t), pdftest.WriteFile(t, "count.pdf", pdftest.HugePageCount()), "")
	if err != nil {
		t.Fatal(err)
	}
	if n := d2.NumPages(); n > 100 {
		t.Fatalf("NumPages=%d for a tiny file, want a sane cap", n)
	}
}

func TestSearchRects(t *testing.T) {
	e := newEngine(t, Timeouts{})
	d := openSample(t, e)
	hits, err := d.Search(testCtx(t), "REFERRAL")
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 || hits[0].Page != 2 || hits[1].Page != 3 {
		t.Fatalf("Search=%+v, want pages 2 and 3", hits)
	}
	occ, err := d.Find(testCtx(t), 1, "fieldshelf   SAMPLE")
	if err != nil {
		t.Fatal(err)
	}
	if len(occ) != 1 || len(occ[0]) == 0 {
		t.Fatalf("Find=%v, want one occurrence", occ)
	}
	r := occ[0][0]
	// The words sit at x=72, baseline y=700 (PDF space), 24 points high:
	// y from the top is about 792-700-24 .. 792-700+6.
	if r.X0 < 70 || r.X0 > 74 || r.X1 < 200 || r.X1 > 612 || r.Y0 < 60 || r.Y1 > 100 || r.Y1 <= r.Y0 {
		t.Fatalf("rect %+v does not cover the words at (72, 92) from the top left", r)
	}
}

func TestBrokenFiles(t *testing.T) {
	e := newEngine(t, Timeouts{})
	for name, data := range map[string][]byte{"garbage": pdftest.Garbage(), "empty": {}, "html": []byte("<html>login</html>")} {
		_, err := e.Open(testCtx(t), pdftest.WriteFile(t, name+".pdf", data), "")
		if !errors.Is(err, ErrBroken) {
			t.Errorf("%s: err=%v, want ErrBroken", name, err)
		}
	}
	// A truncated file is repaired as far as it goes: open may work, pages
	// may fail, nothing crashes.
	d, err := e.Open(testCtx(t), pdftest.WriteFile(t, "trunc.pdf", pdftest.Truncated()), "")
	if err != nil {
		if !errors.Is(err, ErrBroken) {
			t.Fatalf("truncated: err=%v, want ErrBroken", err)
		}
	} else {
		for p := 1; p <= d.NumPages(); p++ {
			if _, err := d.Render(testCtx(t), p, RenderOptions{DPI: 30}); err != nil && !errors.Is(err, ErrBroken) {
				t.Errorf("truncated page %d: err=%v, want ErrBroken or nil", p, err)
			}
		}
	}
	if e.Starts() != 1 {
		t.Errorf("worker started %d times, want 1 (no crash)", e.Starts())
	}
}

func TestEncrypted(t *testing.T) {
	e := newEngine(t, Timeouts{})
	const path = "testdata/encrypted.pdf" // the sample, user password "secret"
	if _, err := e.Open(testCtx(t), path, ""); !errors.Is(err, ErrPassword) {
		t.Fatalf("no password: err=%v, want ErrPassword", err)
	}
	if _, err := e.Open(testCtx(t), path, "wrong"); !errors.Is(err, ErrPassword) {
		t.Fatalf("wrong password: err=%v, want ErrPassword", err)
	}
	d, err := e.Open(testCtx(t), path, "secret")
	if err != nil {
		t.Fatal(err)
	}
	text, err := d.Text(testCtx(t), 1)
	if err != nil || !strings.Contains(text, pdftest.SampleWord) {
		t.Fatalf("Text=%q, %v; want the sample's words", text, err)
	}
}

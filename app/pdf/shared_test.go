package pdf

import (
	"errors"
	"fmt"
	"image"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"fieldshelf/app/pdf/pdftest"
)

// The reader, the indexer and the covers open the same file at once: their
// requests are served on one MuPDF document in turns, each as if alone.
func TestOpeningsOfOneFileShareItsDocument(t *testing.T) {
	e := newEngine(t, Timeouts{})
	ctx := testCtx(t)
	path := pdftest.WriteFile(t, "pages.pdf", pdftest.Pages(12))
	reader, err := e.Open(ctx, path, "")
	if err != nil {
		t.Fatal(err)
	}
	indexer, err := e.Open(ctx, path, "")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	wg.Add(2)
	go func() { // the reader draws pages while the indexer reads their text
		defer wg.Done()
		for p := 1; p <= 12; p++ {
			img, err := reader.Render(ctx, p, RenderOptions{Width: 300, Height: 400})
			if err != nil {
				errs <- err
				return
			}
			if !inked(img) {
				t.Errorf("page %d drawn blank while the file's text was read", p)
			}
		}
	}()
	go func() {
		defer wg.Done()
		for p := 1; p <= 12; p++ {
			text, err := indexer.Text(ctx, p)
			if err != nil {
				errs <- err
				return
			}
			if want := fmt.Sprintf("Page %d of 12", p); !strings.Contains(text, want) {
				t.Errorf("text of page %d = %q, want it to say %q", p, text, want)
			}
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	// Closing one leaves the other open.
	if err := indexer.Close(); err != nil {
		t.Fatal(err)
	}
	if text, err := reader.Text(ctx, 5); err != nil || !strings.Contains(text, "Page 5 of 12") {
		t.Fatalf("after the other closed, page 5 = %q, %v", text, err)
	}
	// A new version of the file is a new document, not the one open.
	later := time.Now().Add(time.Minute)
	if err := os.WriteFile(path, pdftest.Pages(3), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(path, later, later)
	fresh, err := e.Open(ctx, path, "")
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if fresh.NumPages() != 3 || reader.NumPages() != 12 {
		t.Fatalf("the new version has %d pages and the open one %d, want 3 and 12", fresh.NumPages(), reader.NumPages())
	}
	if text, err := fresh.Text(ctx, 3); err != nil || !strings.Contains(text, "Page 3 of 3") {
		t.Fatalf("page 3 of the new version = %q, %v", text, err)
	}
	reader.Close()
}

// inked reports whether img has a pixel that is not white.
func inked(img *image.RGBA) bool {
	for i := 0; i+2 < len(img.Pix); i += 4 {
		if img.Pix[i] < 200 || img.Pix[i+1] < 200 || img.Pix[i+2] < 200 {
			return true
		}
	}
	return false
}

// Openings of one file at the same moment all get it, or all hear why not;
// a file that failed to open is tried again the next time.
func TestOpeningsAtOnceShareTheOutcome(t *testing.T) {
	e := newEngine(t, Timeouts{})
	ctx := testCtx(t)
	path := pdftest.WriteFile(t, "broken.pdf", pdftest.Garbage())
	open := func() []error {
		errs := make([]error, 4)
		var wg sync.WaitGroup
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d, err := e.Open(ctx, path, "")
				if err == nil {
					if _, err = d.Text(ctx, 2); err == nil {
						d.Close()
					}
				}
				errs[i] = err
			}()
		}
		wg.Wait()
		return errs
	}
	for i, err := range open() {
		if !errors.Is(err, ErrBroken) {
			t.Fatalf("opening %d of a broken file: %v, want ErrBroken", i, err)
		}
	}
	later := time.Now().Add(time.Minute)
	if err := os.WriteFile(path, pdftest.Pages(2), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(path, later, later)
	for i, err := range open() {
		if err != nil {
			t.Fatalf("opening %d of the repaired file: %v", i, err)
		}
	}
}

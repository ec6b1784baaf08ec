package pdf

import (
	"context"
	"errors"
	"testing"
	"time"

	"fieldshelf/app/pdf/pdftest"
)

// openNested opens pdftest.NestedForms(9): page 1 takes hours to draw.
func openNested(t *testing.T, e *Engine) *Doc {
	t.Helper()
	d, err := e.Open(testCtx(t), pdftest.WriteFile(t, "nested.pdf", pdftest.NestedForms(9)), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// TestPageTurnStopsPrefetch turns to page 2 while page 1, which takes
// hours, is being prefetched: the prefetch is stopped, page 2 comes, and
// the worker lives on. Were the prefetch not stopped, page 2 would wait
// for the watchdog, which ends in ErrTimeout.
func TestPageTurnStopsPrefetch(t *testing.T) {
	e := newEngine(t, Timeouts{Render: 2 * time.Minute})
	d := openNested(t, e)
	gen := d.gen.Load()
	prefetch := make(chan error, 1)
	go func() {
		_, err := d.render(testCtx(t), 1, RenderOptions{DPI: 72}, true, gen)
		prefetch <- err
	}()
	waitDrawing(t, e, d)
	img, err := d.Render(testCtx(t), 2, RenderOptions{DPI: 72})
	if err != nil {
		t.Fatalf("page 2: %v", err)
	}
	if img.Bounds().Dx() != 612 {
		t.Errorf("page 2 is %v wide, want 612", img.Bounds().Dx())
	}
	if err := <-prefetch; !errors.Is(err, ErrSuperseded) {
		t.Fatalf("prefetch: err=%v, want ErrSuperseded", err)
	}
	if e.Starts() != 1 {
		t.Errorf("Starts=%d, want 1: the worker was not restarted", e.Starts())
	}
}

// TestCancelledRenderStops gives up on a render of page 1 and then asks
// for page 2 of the same document, which its owner serves only once the
// first render has stopped.
func TestCancelledRenderStops(t *testing.T) {
	e := newEngine(t, Timeouts{Render: 2 * time.Minute})
	d := openNested(t, e)
	ctx, cancel := context.WithCancel(testCtx(t))
	done := make(chan error, 1)
	go func() {
		_, err := d.Render(ctx, 1, RenderOptions{DPI: 72})
		done <- err
	}()
	waitDrawing(t, e, d)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled render: err=%v, want context.Canceled", err)
	}
	if _, err := d.Text(testCtx(t), 2); err != nil {
		t.Fatalf("text of page 2 after the cancel: %v", err)
	}
	if e.Starts() != 1 {
		t.Errorf("Starts=%d, want 1", e.Starts())
	}
}

// waitDrawing waits until the document's owner in the worker is drawing.
func waitDrawing(t *testing.T, e *Engine, d *Doc) {
	t.Helper()
	for {
		resp, err := d.do(testCtx(t), request{Op: opDrawing}, e.opts.Timeouts.Small, nil)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Drawing {
			return
		}
	}
}

// TestEndlessPageTimesOut draws the page that takes hours: the watchdog
// stops the worker, and the document's other page is drawn by a new one.
func TestEndlessPageTimesOut(t *testing.T) {
	e := newEngine(t, Timeouts{Render: time.Second})
	d := openNested(t, e)
	if _, err := d.Render(testCtx(t), 1, RenderOptions{DPI: 72}); !errors.Is(err, ErrTimeout) {
		t.Fatalf("page 1: err=%v, want ErrTimeout", err)
	}
	if _, err := d.Render(testCtx(t), 2, RenderOptions{DPI: 72}); err != nil {
		t.Fatalf("page 2 after the timeout: %v", err)
	}
	if e.Starts() != 2 {
		t.Errorf("Starts=%d, want 2", e.Starts())
	}
}

package pdf

import (
	"errors"
	"strings"
	"testing"

	"fieldshelf/app"
)

func TestSelectionLines(t *testing.T) {
	e := newEngine(t, Timeouts{})
	d := openSample(t, e)
	// Lines 2 and 3 of page 1 sit at baselines 660 and 640 (PDF space),
	// about 120-160 points from the top; drag from bottom right to top left.
	text, rects, err := d.Selection(testCtx(t), 1, app.Rect{X0: 600, Y0: 162, X1: 60, Y1: 112})
	if err != nil {
		t.Fatal(err)
	}
	if text != "Indicators of trafficking in persons\nCourier text for the field guide" {
		t.Fatalf("text=%q", text)
	}
	if len(rects) != 2 || rects[0].Y1 > rects[1].Y0+1 || rects[0].X0 < 70 || rects[0].X0 > 74 {
		t.Fatalf("rects=%+v, want one per line, in order, from x=72", rects)
	}
	// A narrow rectangle takes part of a line.
	text, rects, err = d.Selection(testCtx(t), 1, app.Rect{X0: 70, Y0: 125, X1: 100, Y1: 130})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix("Indicators", text) || len(text) < 3 || len(rects) != 1 || rects[0].X1 > 110 {
		t.Fatalf("narrow: text %q, rects %+v", text, rects)
	}
	// Across two lines, selection follows reading order: the first line
	// from the drag's left edge to its end, the last from its start.
	text, rects, err = d.Selection(testCtx(t), 1, app.Rect{X0: 200, Y0: 125, X1: 120, Y1: 150})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) != 2 || !strings.HasSuffix(lines[0], "persons") || strings.HasPrefix(lines[0], "Indicators") ||
		!strings.HasPrefix(lines[1], "Courier") || strings.HasSuffix(lines[1], "guide") || len(rects) != 2 {
		t.Fatalf("reading order: text %q, rects %+v", text, rects)
	}
	// Nothing there: no text, no error.
	if text, rects, err = d.Selection(testCtx(t), 2, app.Rect{X0: 0, Y0: 500, X1: 600, Y1: 700}); err != nil || text != "" || len(rects) != 0 {
		t.Fatalf("empty: %q %v %v", text, rects, err)
	}
	if _, _, err := d.Selection(testCtx(t), 9, app.Rect{}); !errors.Is(err, ErrPageRange) {
		t.Fatalf("page 9: %v", err)
	}
}

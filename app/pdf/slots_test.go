package pdf

import (
	"context"
	"testing"
)

// Renders one after another draw into one slot; a slot is taken by one
// render at a time, and a render waits for a free one.
func TestSlotsReuseTheSlotFreedLast(t *testing.T) {
	p := newSlotPool(3)
	ctx := context.Background()
	first, _ := p.get(ctx)
	p.put(first)
	for i := 0; i < 5; i++ {
		s, err := p.get(ctx)
		if err != nil || s != first {
			t.Fatalf("render %d drew into slot %d (%v), want slot %d again", i, s, err, first)
		}
		p.put(s)
	}
	a, _ := p.get(ctx)
	b, _ := p.get(ctx)
	c, _ := p.get(ctx)
	if a == b || b == c || a == c {
		t.Fatalf("three renders at once share slots: %d, %d, %d", a, b, c)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := p.get(cancelled); err == nil {
		t.Fatal("a render got a slot while all were taken")
	}
	p.put(b)
	if s, _ := p.get(ctx); s != b {
		t.Fatalf("got slot %d, want %d, the one freed", s, b)
	}
}

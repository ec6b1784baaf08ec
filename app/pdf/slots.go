package pdf

import (
	"context"
	"sync"
)

// slotPool hands out the pixel slots of the shared memory, the one freed
// last first. Renders mostly come one at a time, so they keep drawing into
// the same slot, whose pages are already in memory: the other slots stay
// untouched, sparse, instead of each holding a page's pixels in both
// processes (4 to 6 MiB a slot for a page at a laptop screen's width).
type slotPool struct {
	tokens chan struct{} // one per free slot
	mu     sync.Mutex
	free   []int // the free slots, the last freed at the end
}

func newSlotPool(n int) *slotPool {
	p := &slotPool{tokens: make(chan struct{}, n)}
	for i := n - 1; i >= 0; i-- {
		p.put(i)
	}
	return p
}

// get takes a free slot, waiting for one until ctx ends.
func (p *slotPool) get(ctx context.Context) (int, error) {
	select {
	case <-p.tokens:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.free[len(p.free)-1]
	p.free = p.free[:len(p.free)-1]
	return s, nil
}

// put frees slot s.
func (p *slotPool) put(s int) {
	p.mu.Lock()
	p.free = append(p.free, s)
	p.mu.Unlock()
	p.tokens <- struct{}{}
}

// drain waits until every slot is free and takes them all.
func (p *slotPool) drain() {
	for range cap(p.tokens) {
		<-p.tokens
	}
}

package pdf

import (
	"bufio"
	"bytes"
	"encoding/gob"
	"errors"
	"testing"
	"time"
)

func TestCrashedWorkerRestarts(t *testing.T) {
	e := newEngine(t, Timeouts{})
	d := openSample(t, e)
	err := d.debug(testCtx(t), opCrash)
	if !errors.Is(err, ErrWorkerCrashed) || !errors.Is(err, ErrBroken) {
		t.Fatalf("crash: err=%v, want ErrWorkerCrashed and ErrBroken", err)
	}
	if err.Error() == "" || !bytes.HasPrefix([]byte(err.Error()), []byte(ErrBroken.Error())) {
		t.Errorf("message %q, want it to start with %q", err, ErrBroken)
	}
	img, err := d.Render(testCtx(t), 2, RenderOptions{DPI: 36})
	if err != nil {
		t.Fatalf("render after the crash: %v", err)
	}
	if img.Bounds().Dx() != 306 {
		t.Errorf("width %d, want 306", img.Bounds().Dx())
	}
	if e.Starts() != 2 {
		t.Errorf("Starts=%d, want 2", e.Starts())
	}
}

func TestWatchdogEndsHang(t *testing.T) {
	e := newEngine(t, Timeouts{Small: 300 * time.Millisecond})
	d := openSample(t, e)
	start := time.Now()
	err := d.debug(testCtx(t), opHang)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("hang: err=%v, want ErrTimeout", err)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("watchdog took %v", el)
	}
	if _, err := d.Text(testCtx(t), 1); err != nil {
		t.Fatalf("text after the hang: %v", err)
	}
	if e.Starts() != 2 {
		t.Errorf("Starts=%d, want 2", e.Starts())
	}
}

func TestDebugRequestsOffByDefault(t *testing.T) {
	exe := newEngine(t, Timeouts{}).opts.Command
	e, err := NewEngine(Options{Command: exe, Env: []string{workerEnv + "=1", DebugEnv + "=0", "GORACE=atexit_sleep_ms=0"}})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	d := openSample(t, e)
	if err := d.debug(testCtx(t), opCrash); err == nil || errors.Is(err, ErrWorkerCrashed) {
		t.Fatalf("crash without debug: err=%v, want a plain refusal", err)
	}
	if e.Starts() != 1 {
		t.Errorf("Starts=%d, want 1", e.Starts())
	}
}

// TestRenderSupersedesPrefetches checks the owner's queue rule: a render
// drops the queued prefetches of older generations, and only those.
func TestRenderSupersedesPrefetches(t *testing.T) {
	var out bytes.Buffer
	bw := bufio.NewWriter(&out)
	w := &worker{bw: bw, enc: gob.NewEncoder(bw)}
	o := newOwner(w, 1)
	o.push(request{ID: 1, Op: opRender, Page: 1, Prefetch: true, Gen: 1})
	o.push(request{ID: 2, Op: opRender, Page: 2, Prefetch: true, Gen: 1})
	o.push(request{ID: 3, Op: opText, Page: 0})
	o.push(request{ID: 4, Op: opRender, Page: 5, Prefetch: true, Gen: 2})
	o.push(request{ID: 5, Op: opRender, Page: 6, Gen: 2})
	var ids []uint64
	for _, q := range o.queue {
		ids = append(ids, q.ID)
	}
	if len(ids) != 3 || ids[0] != 3 || ids[1] != 4 || ids[2] != 5 {
		t.Fatalf("queue %v, want [3 4 5]", ids)
	}
	dec := gob.NewDecoder(&out)
	for _, want := range []uint64{1, 2} {
		var r response
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		if r.ID != want || !errors.Is(r.err(), ErrSuperseded) {
			t.Fatalf("response %d: %v, want %d superseded", r.ID, r.err(), want)
		}
	}
}

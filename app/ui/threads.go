package ui

import (
	"time"

	"fieldshelf/app"

	"fyne.io/fyne/v2"
)

// Threads is how the UI leaves and re-enters the UI goroutine. The zero
// value means the real thing; tests set every field to run inline.
type Threads struct {
	// Go starts background work (library calls, rendering).
	Go func(func())
	// Do runs f on the UI goroutine; it is the only way background work
	// touches a widget.
	Do func(func())
	// After runs f after d (for debouncing and periodic checks) and returns
	// a function that cancels it.
	After func(d time.Duration, f func()) (cancel func())
	// Now is the clock used to throttle progress updates.
	Now func() time.Time
}

// Inline returns Threads that run everything at once on the calling
// goroutine, for tests: work is synchronous, short timers (debouncing)
// fire immediately and periodic ones (a second or more) never fire.
func Inline() Threads {
	return Threads{
		Go: func(f func()) { f() },
		Do: func(f func()) { f() },
		After: func(d time.Duration, f func()) func() {
			if d < time.Second {
				f()
			}
			return func() {}
		},
		Now: time.Now,
	}
}

func (t Threads) orDefault() Threads {
	if t.Go == nil {
		t.Go = func(f func()) { go f() }
	}
	if t.Do == nil {
		t.Do = fyne.Do
	}
	if t.After == nil {
		t.After = func(d time.Duration, f func()) func() {
			tm := time.AfterFunc(d, f)
			return func() { tm.Stop() }
		}
	}
	if t.Now == nil {
		t.Now = time.Now
	}
	return t
}

// background runs work off the UI goroutine and then done on it.
func (u *UI) background(work func(), done func()) {
	u.th.Go(func() {
		work()
		if done != nil {
			u.th.Do(done)
		}
	})
}

// progressEvery keeps progress redraws to about 12 a second.
const progressEvery = 80 * time.Millisecond

// newThrottle paces progress redraws by th's clock.
func newThrottle(th Threads) *app.Throttle { return app.NewThrottle(progressEvery, th.Now) }

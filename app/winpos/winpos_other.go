//go:build !linux && !freebsd && !openbsd && !netbsd && !windows

package winpos

// Position knows no window's position here.
func Position(any) (x, y int, ok bool) { return 0, 0, false }

// Move cannot move a window here.
func Move(any, int, int) bool { return false }

// WorkArea knows no screen here.
func WorkArea(any) (Rect, bool) { return Rect{}, false }

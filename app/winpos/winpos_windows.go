//go:build windows

package winpos

import (
	"syscall"
	"unsafe"

	"fyne.io/fyne/v2/driver"
)

var (
	user32            = syscall.NewLazyDLL("user32.dll")
	procGetWindowRect = user32.NewProc("GetWindowRect")
	procSetWindowPos  = user32.NewProc("SetWindowPos")
	procSysParamsInfo = user32.NewProc("SystemParametersInfoW")
)

// Win32 constants.
const (
	swpNoSize      = 0x0001
	swpNoZOrder    = 0x0004
	swpNoActivate  = 0x0010
	spiGetWorkArea = 0x0030
)

type rect struct{ left, top, right, bottom int32 }

func hwnd(native any) (uintptr, bool) {
	ctx, ok := native.(driver.WindowsWindowContext)
	return ctx.HWND, ok && ctx.HWND != 0
}

// Position returns where the window is on the screen.
func Position(native any) (x, y int, ok bool) {
	h, ok := hwnd(native)
	if !ok {
		return 0, 0, false
	}
	var r rect
	if ret, _, _ := procGetWindowRect.Call(h, uintptr(unsafe.Pointer(&r))); ret == 0 {
		return 0, 0, false
	}
	return int(r.left), int(r.top), true
}

// Move puts the window at x, y.
func Move(native any, x, y int) bool {
	h, ok := hwnd(native)
	if !ok {
		return false
	}
	ret, _, _ := procSetWindowPos.Call(h, 0, uintptr(x), uintptr(y), 0, 0, swpNoSize|swpNoZOrder|swpNoActivate)
	return ret != 0
}

// WorkArea returns the primary screen less its task bar.
func WorkArea(any) (Rect, bool) {
	var r rect
	if ret, _, _ := procSysParamsInfo.Call(spiGetWorkArea, 0, uintptr(unsafe.Pointer(&r)), 0); ret == 0 {
		return Rect{}, false
	}
	return Rect{X: int(r.left), Y: int(r.top), W: int(r.right - r.left), H: int(r.bottom - r.top)}, true
}

// Package winpos reads and sets where a desktop window is on the screen,
// and how large the screen's work area is: Fyne tells neither. It works
// through X11 on Linux (and the BSDs) and the Win32 API on Windows, from
// the native handle that fyne's driver.NativeWindow gives; elsewhere it
// knows nothing and says so.
package winpos

// Rect is a rectangle on the screen, in physical pixels.
type Rect struct{ X, Y, W, H int }

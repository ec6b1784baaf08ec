package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"

	"fieldshelf/app/winpos"
)

// Preferences of the window's place on the screen (its size is the UI's).
const (
	prefWindowX = "window.x"
	prefWindowY = "window.y"
)

// nativeWindow returns the window's native handle context (X11, Win32...),
// nil when the driver has none.
func nativeWindow(w fyne.Window) any {
	var ctx any
	if nw, ok := w.(driver.NativeWindow); ok {
		nw.RunNative(func(c any) { ctx = c })
	}
	return ctx
}

// placeWindow keeps the window inside the screen's work area (a size kept
// from a larger screen, or the default, must not push it off a 1024x600
// netbook screen) and puts it back where it was, when that is on screen.
func placeWindow(a fyne.App, w fyne.Window) {
	ctx := nativeWindow(w)
	area, ok := winpos.WorkArea(ctx)
	if !ok || area.W <= 0 || area.H <= 0 {
		return
	}
	scale := w.Canvas().Scale()
	if s, maxW, maxH := w.Canvas().Size(), float32(area.W)/scale, float32(area.H)/scale; s.Width > maxW || s.Height > maxH {
		w.Resize(fyne.NewSize(min(s.Width, maxW), min(s.Height, maxH)))
	}
	p := a.Preferences()
	x, y := p.IntWithFallback(prefWindowX, -1), p.IntWithFallback(prefWindowY, -1)
	if x >= area.X && y >= area.Y && x < area.X+area.W-64 && y < area.Y+area.H-64 {
		winpos.Move(ctx, x, y)
	}
}

// rememberPlace keeps where the window is, for placeWindow at the next
// start.
func rememberPlace(a fyne.App, w fyne.Window) {
	if x, y, ok := winpos.Position(nativeWindow(w)); ok {
		a.Preferences().SetInt(prefWindowX, x)
		a.Preferences().SetInt(prefWindowY, y)
	}
}

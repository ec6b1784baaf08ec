//go:build linux || freebsd || openbsd || netbsd

package winpos

import (
	"io"
	"log"

	"fyne.io/fyne/v2/driver"
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// The X11 client logs to standard error when there is no ~/.Xauthority,
// which is common and harmless: the connection goes on without it.
func init() { xgb.Logger = log.New(io.Discard, "", 0) }

// window returns the X11 window of a native context, with a connection to
// the display ($DISPLAY) that the caller closes.
func window(native any) (*xgb.Conn, xproto.Window, bool) {
	ctx, ok := native.(driver.X11WindowContext)
	if !ok || ctx.WindowHandle == 0 {
		return nil, 0, false
	}
	c, err := xgb.NewConn()
	if err != nil {
		return nil, 0, false
	}
	return c, xproto.Window(ctx.WindowHandle), true
}

// frame returns the top-level ancestor of w (the window manager's frame
// around it, or w itself without a window manager).
func frame(c *xgb.Conn, w xproto.Window) xproto.Window {
	for {
		t, err := xproto.QueryTree(c, w).Reply()
		if err != nil || t.Parent == t.Root || t.Parent == 0 {
			return w
		}
		w = t.Parent
	}
}

// Position returns where the window's frame is on the screen.
func Position(native any) (x, y int, ok bool) {
	c, w, ok := window(native)
	if !ok {
		return 0, 0, false
	}
	defer c.Close()
	g, err := xproto.GetGeometry(c, xproto.Drawable(frame(c, w))).Reply()
	if err != nil {
		return 0, 0, false
	}
	return int(g.X), int(g.Y), true
}

// Move puts the window's frame at x, y: the window manager places the frame
// where the window asks to be (ICCCM, north-west gravity).
func Move(native any, x, y int) bool {
	c, w, ok := window(native)
	if !ok {
		return false
	}
	defer c.Close()
	return xproto.ConfigureWindowChecked(c, w, xproto.ConfigWindowX|xproto.ConfigWindowY,
		[]uint32{uint32(int32(x)), uint32(int32(y))}).Check() == nil
}

// WorkArea returns the part of the screen that windows may use: the
// desktop's _NET_WORKAREA (the screen less its panels) when the window
// manager sets it, else the whole screen.
func WorkArea(native any) (Rect, bool) {
	c, _, ok := window(native)
	if !ok {
		return Rect{}, false
	}
	defer c.Close()
	s := xproto.Setup(c).DefaultScreen(c)
	r := Rect{W: int(s.WidthInPixels), H: int(s.HeightInPixels)}
	atom, err := xproto.InternAtom(c, true, uint16(len("_NET_WORKAREA")), "_NET_WORKAREA").Reply()
	if err != nil || atom.Atom == 0 {
		return r, true
	}
	p, err := xproto.GetProperty(c, false, s.Root, atom.Atom, xproto.AtomCardinal, 0, 4).Reply()
	if err != nil || p.Format != 32 || len(p.Value) < 16 {
		return r, true
	}
	v := func(i int) int { return int(xgb.Get32(p.Value[4*i:])) }
	return Rect{X: v(0), Y: v(1), W: v(2), H: v(3)}, true
}

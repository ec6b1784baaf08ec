package ui

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// place is where the reader was: a page and a place on it, in points from
// its top.
type place struct {
	page int
	y    float64
}

// linkSet holds the links of the pages shown, loaded when a page is first
// shown, and the places left by following links, for Back and Forward.
type linkSet struct {
	rs      *ReaderScreen
	byPage  map[int][]app.PageLink
	back    []place // the places links were followed from, the last one last
	forward []place // the places Back left, the last one last
}

// maxLinkPages bounds the pages whose links are kept.
const maxLinkPages = 64

// maxHistory bounds the places Back can go to.
const maxHistory = 100

func newLinkSet(rs *ReaderScreen) *linkSet { return &linkSet{rs: rs, byPage: map[int][]app.PageLink{}} }

// load reads page's links in the background unless they are known, then
// calls done (when not nil) with them.
func (k *linkSet) load(page int, done func([]app.PageLink)) {
	rs := k.rs
	if links, ok := k.byPage[page]; ok || rs.src == nil {
		if done != nil {
			done(links)
		}
		return
	}
	var links []app.PageLink
	var err error
	src, ctx := rs.src, rs.ctx
	rs.u.background(func() { links, err = src.Links(ctx, page) }, func() {
		if err != nil || ctx.Err() != nil {
			return // a page without links works as before
		}
		if len(k.byPage) >= maxLinkPages {
			k.byPage = map[int][]app.PageLink{}
		}
		k.byPage[page] = links
		if done != nil {
			done(links)
		}
	})
}

// at returns the link under the point (x, y) of page, if its links are
// known.
func (k *linkSet) at(page int, x, y float64) (app.PageLink, bool) {
	for _, l := range k.byPage[page] {
		if r := l.Rect; x >= r.X0 && x <= r.X1 && y >= r.Y0 && y <= r.Y1 {
			return l, true
		}
	}
	return app.PageLink{}, false
}

// follow goes where a link points: a place in the document (Back returns
// from it), or, once the address is shown and agreed to, an address in
// the web browser.
func (rs *ReaderScreen) follow(l app.PageLink) {
	if l.Page > 0 {
		rs.jump(place{page: l.Page, y: l.Y})
		return
	}
	if l.URI != "" {
		rs.askOpenURL(l.URI)
	}
}

// jump goes to a place, keeping the place left for Back.
func (rs *ReaderScreen) jump(to place) {
	k := rs.links
	k.back = append(k.back, rs.here())
	if len(k.back) > maxHistory {
		k.back = k.back[1:]
	}
	k.forward = nil
	rs.goTo(to.page, spot{y: to.y})
	rs.bar.showHistory()
}

// Back returns to the place the last link followed was left from (Alt+Left).
func (rs *ReaderScreen) Back() { rs.travel(&rs.links.back, &rs.links.forward) }

// Forward goes again where Back came from (Alt+Right).
func (rs *ReaderScreen) Forward() { rs.travel(&rs.links.forward, &rs.links.back) }

// travel goes to the last place of from, keeping the place left in to.
func (rs *ReaderScreen) travel(from, to *[]place) {
	if len(*from) == 0 || rs.src == nil {
		return
	}
	p := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	*to = append(*to, rs.here())
	rs.goTo(p.page, spot{y: p.y})
	rs.bar.showHistory()
}

// CanGoBack reports whether Back has a place to return to.
func (rs *ReaderScreen) CanGoBack() bool { return len(rs.links.back) > 0 }

// here is the place the view shows: the page and the place on it at the
// top of the view (where a spot with that y puts the view again).
func (rs *ReaderScreen) here() place {
	l := rs.lay
	if l.cont {
		s := l.strip
		p := rs.page
		if p < 1 || p > len(s.tops) {
			return place{page: max(p, 1)}
		}
		y := (s.scroll.Offset.Y + spotMargin - s.tops[p-1]) / max(s.perPoint(p), 0.01)
		if s.scroll.Offset.Y <= s.tops[p-1]-pageGap {
			y = 0
		}
		return place{page: p, y: float64(max(y, 0))}
	}
	v := l.view
	if v.scroll.Offset.Y <= 0 {
		return place{page: rs.page}
	}
	y := (v.scroll.Offset.Y + spotMargin - v.origin.Y) / max(v.perPoint, 0.01)
	return place{page: rs.page, y: float64(max(y, 0))}
}

// showHistory enables Back and Forward when they have somewhere to go.
func (b *readerBar) showHistory() {
	enable := func(bt *widget.Button, on bool) {
		if on {
			bt.Enable()
		} else {
			bt.Disable()
		}
	}
	enable(b.back, len(b.rs.links.back) > 0)
	enable(b.forward, len(b.rs.links.forward) > 0)
}

// openableScheme reports whether an address is one the system browser or
// mail program should open: web and e-mail addresses, not files or
// scripts a document could name.
func openableScheme(u *url.URL) bool {
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return true
	}
	return false
}

// askOpenURL shows the address a link leads to and opens it in the
// system's browser when the reader agrees.
func (rs *ReaderScreen) askOpenURL(uri string) {
	u := rs.u
	addr := widget.NewLabel(uri)
	addr.Wrapping = fyne.TextWrapBreak
	target, err := url.Parse(uri)
	if err != nil || !openableScheme(target) {
		msg := widget.NewLabel(lang.L("This link leads outside the document, to an address Fieldshelf does not open:"))
		msg.Wrapping = fyne.TextWrapWord
		d := dialog.NewCustom(lang.L("Link"), lang.L("Close"), container.NewVBox(msg, addr), u.win)
		d.Resize(u.dialogSize(480, 200))
		u.showModal(d, nil)
		return
	}
	msg := widget.NewLabel(lang.L("This link leads outside the document. Open this address in your web browser?"))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("Open link"), lang.L("Open"), lang.L("Cancel"), container.NewVBox(msg, addr),
		func(ok bool) {
			if ok {
				u.report(lang.L("open the link"), u.app.OpenURL(target))
			}
		}, u.win)
	d.Resize(u.dialogSize(480, 220))
	rs.linkDialog = d
	u.showModal(d, d.Confirm)
}

// onTap follows the link under a tap, or opens the file's sticky note or
// form field there; elsewhere the highlighter takes it (a saved highlight
// opens).
func (rs *ReaderScreen) onTap(l pageLocator, pos fyne.Position) {
	page := l.pageAt(pos)
	if page == 0 || rs.hl.drop() {
		return
	}
	x, y := l.toPage(pos, page)
	rs.links.load(page, func([]app.PageLink) {
		if link, ok := rs.links.at(page, x, y); ok {
			rs.follow(link)
			return
		}
		if n, ok := rs.side.notes.fileNoteAt(page, x, y); ok {
			rs.showFileNote(n)
			return
		}
		rs.hl.onTap(l, pos)
	})
}

// onLink reports whether pos is on a link or a note of the file, whose
// pointer is a hand.
func (rs *ReaderScreen) onLink(l pageLocator, pos fyne.Position) bool {
	page := l.pageAt(pos)
	if page == 0 {
		return false
	}
	x, y := l.toPage(pos, page)
	_, link := rs.links.at(page, x, y)
	_, note := rs.side.notes.fileNoteAt(page, x, y)
	return link || note
}

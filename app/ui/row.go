package ui

import (
	"fmt"
	"image"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// docRow is one row of the library list: a cover (or a placeholder with
// the title's initials), the title, publisher and year, tags, badges and
// download progress.
type docRow struct {
	widget.BaseWidget
	cover    *canvas.Rectangle
	initials *canvas.Text
	img      *canvas.Image
	want     coverKey    // the cover shown or awaited (UI goroutine only)
	title    *hoverTitle // the whole title shows on hover
	meta     *widget.Label
	line     *widget.RichText // the tags, or a search hit's snippet
	badge    *widget.Label
	progress *widget.ProgressBar
}

// coverSize is the size of a row's cover thumbnail.
var coverSize = fyne.NewSize(38, 50)

func newDocRow(th Threads) *docRow {
	r := &docRow{
		cover:    canvas.NewRectangle(theme.Color(theme.ColorNameDisabledButton)),
		initials: canvas.NewText("", color.White),
		img:      newCoverImage(coverSize),
		title:    newHoverTitle(th),
		meta:     widget.NewLabel(""),
		line:     widget.NewRichText(),
		badge:    widget.NewLabel(""),
		progress: widget.NewProgressBar(),
	}
	r.cover.CornerRadius = 3
	r.cover.SetMinSize(coverSize)
	r.initials.TextStyle.Bold = true
	r.initials.Alignment = fyne.TextAlignCenter
	r.meta.Truncation = fyne.TextTruncateEllipsis
	r.line.Truncation = fyne.TextTruncateEllipsis
	r.meta.SizeName = theme.SizeNameCaptionText
	r.badge.SizeName = theme.SizeNameCaptionText
	r.badge.Importance = widget.SuccessImportance
	r.progress.Hide()
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer lays the row out.
func (r *docRow) CreateRenderer() fyne.WidgetRenderer {
	cover := container.NewStack(r.cover, container.NewCenter(r.initials), r.img)
	text := container.New(layout.NewCustomPaddedVBoxLayout(-10), r.title, r.meta, r.line)
	right := container.NewVBox(r.badge, sized(r.progress, 90))
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, container.NewCenter(cover), right, text))
}

// clear shows an empty row while its page loads.
func (r *docRow) clear() {
	r.title.SetText(lang.L("Loading…"))
	r.meta.SetText("")
	r.line.Segments = nil
	r.badge.SetText("")
	r.initials.Text = ""
	r.cover.FillColor = theme.Color(theme.ColorNameDisabledButton)
	r.progress.Hide()
	r.Refresh()
}

// set shows a document; h is its search hit when the list is a search:
// the row then shows the best snippet and how many pages match.
func (r *docRow) set(d app.Document, h app.PublicationHit, dl *dlState) {
	r.title.SetText(d.Title)
	meta := metaLine(d)
	if h.Pages > 0 {
		meta += " · " + pagesMatch(h.Pages)
	}
	r.meta.SetText(meta)
	if h.Snippet != "" && !sameText(h.Snippet, d.Title) { // a title match says nothing more than the title
		r.line.Segments = snippetSegments(h.Snippet, theme.SizeNameCaptionText)
	} else {
		r.line.Segments = secondaryText(strings.Join(d.TagNames(), " · "), theme.SizeNameCaptionText)
	}
	r.line.Refresh()
	r.badge.SetText(badgeText(d))
	r.badge.Importance = widget.SuccessImportance
	if d.UpdateAvailable {
		r.badge.Importance = widget.WarningImportance
	}
	r.initials.Text = initials(d)
	r.cover.FillColor = coverColor(d)
	if dl != nil && !dl.finished {
		r.progress.SetValue(dl.fraction())
		r.progress.Show()
	} else {
		r.progress.Hide()
	}
	r.Refresh()
}

func (r *docRow) wantedCover() coverKey     { return r.want }
func (r *docRow) setWantedCover(k coverKey) { r.want = k }

// showCover shows img over the placeholder, or the placeholder alone when
// img is nil.
func (r *docRow) showCover(img image.Image) {
	if img == nil {
		if r.img.Visible() || r.img.Image != nil {
			r.img.Image = nil
			r.img.Hide()
			r.cover.Show()
			r.initials.Show()
		}
		return
	}
	r.img.Image = img
	r.img.Show()
	r.cover.Hide()
	r.initials.Hide()
	r.img.Refresh()
}

// sameText reports whether a snippet (the hits between [ and ]) reads as
// text, spaces aside.
func sameText(snippet, text string) bool {
	plain := strings.NewReplacer("[", "", "]", "").Replace(snippet)
	return strings.Join(strings.Fields(plain), " ") == strings.Join(strings.Fields(text), " ")
}

// newCoverImage is an empty, hidden cover image of logical size s, drawn
// pixel for pixel (covers are drawn at the size shown).
func newCoverImage(s fyne.Size) *canvas.Image {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScaleFastest
	img.SetMinSize(s)
	img.Hide()
	return img
}

// metaLine is "Publisher · 2021", or what of it is known.
func metaLine(d app.Document) string {
	var parts []string
	if d.Publisher != "" {
		parts = append(parts, d.Publisher)
	}
	if d.Year != 0 {
		parts = append(parts, fmt.Sprint(d.Year))
	}
	if len(parts) == 0 {
		return lang.L("Publisher unknown")
	}
	return strings.Join(parts, " · ")
}

func badgeText(d app.Document) string {
	switch {
	case d.File != nil && d.UpdateAvailable:
		return lang.L("Update")
	case d.File != nil && d.File.Pinned:
		return lang.L("Offline · pinned")
	case d.File != nil:
		return lang.L("Offline")
	}
	return ""
}

// initials are the first letters of the first two significant title words.
func initials(d app.Document) string {
	var out []rune
	for _, w := range strings.Fields(d.Title) {
		r := []rune(w)
		if len(r) < 3 && len(out) > 0 {
			continue
		}
		if r[0] >= 'A' && r[0] <= 'Z' || r[0] >= 'a' && r[0] <= 'z' {
			out = append(out, []rune(strings.ToUpper(string(r[0])))...)
		}
		if len(out) == 2 {
			break
		}
	}
	return string(out)
}

// coverPalette holds muted cover colours, one picked per document.
var coverPalette = []color.NRGBA{
	{0x3b, 0x6e, 0x8f, 0xff}, {0x7a, 0x4e, 0x8c, 0xff}, {0x2f, 0x7d, 0x5c, 0xff},
	{0x9a, 0x5b, 0x2e, 0xff}, {0x8c, 0x3b, 0x4a, 0xff}, {0x4a, 0x5a, 0x8c, 0xff},
}

func coverColor(d app.Document) color.Color {
	return coverPalette[int(uint64(d.ID)%uint64(len(coverPalette)))]
}

// sized gives o a minimum width inside an HBox.
func sized(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}

// newStack is the window's root: the library, with the reader stacked over
// it while a document is open.
func newStack(o fyne.CanvasObject) *fyne.Container { return container.NewStack(o) }

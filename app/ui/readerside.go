package ui

import (
	"image"
	"image/color"
	"strconv"
	"strings"

	"fieldshelf/app"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// thumbWidth is the logical width of a thumbnail.
const thumbWidth = 96

// readerSide is the reader's side panel: outline, thumbnails, annotations.
type readerSide struct {
	rs      *ReaderScreen
	outline []OutlineItem
	tree    *widget.Tree
	thumbs  *widget.List
	thumbOf map[fyne.CanvasObject]int // the page each thumbnail item shows
	notes   *notesPanel
	tabs    *container.AppTabs
	content fyne.CanvasObject
}

func newReaderSide(rs *ReaderScreen) *readerSide {
	s := &readerSide{rs: rs, thumbOf: map[fyne.CanvasObject]int{}}
	s.tree = widget.NewTree(s.childIDs, s.isBranch,
		func(bool) fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.item(id).Title) })
	s.tree.OnSelected = func(id widget.TreeNodeID) {
		if it := s.item(id); it.Page > 0 {
			rs.goTo(it.Page, spot{y: it.Y})
		}
		s.tree.Unselect(id) // a second click on the entry goes there again
	}
	s.thumbs = widget.NewList(func() int { return rs.pages }, newThumb, s.updateThumb)
	s.thumbs.OnSelected = func(i widget.ListItemID) { rs.GoTo(i + 1) }
	s.notes = newNotesPanel(rs)
	s.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Contents"), s.tree),
		container.NewTabItem(lang.L("Pages"), s.thumbs),
		container.NewTabItem(lang.L("Notes"), s.notes.content),
	)
	s.content = s.tabs
	return s
}

// load reads the outline and lists pages and annotations.
func (s *readerSide) load() {
	var items []OutlineItem
	src := s.rs.src
	s.rs.u.background(func() { items, _ = src.Outline(s.rs.ctx) }, func() {
		s.outline = items
		s.tree.Refresh()
		if len(items) == 0 {
			s.tabs.SelectIndex(1)
		}
	})
	s.thumbs.Refresh()
	s.notes.load()
	s.notes.loadFile()
}

// showPage follows the page shown in the thumbnails and frames it.
func (s *readerSide) showPage() {
	s.thumbs.ScrollTo(s.rs.page - 1)
	for o, page := range s.thumbOf {
		_, frame, label := thumbParts(o)
		frameThumb(frame, label, page == s.rs.page)
	}
}

func (s *readerSide) showNotes() { s.tabs.SelectIndex(2) }

// Tree ids are the path of indexes: "" the root, "0", "0/2"...
func (s *readerSide) item(id widget.TreeNodeID) OutlineItem {
	items := s.outline
	var it OutlineItem
	for _, part := range strings.Split(id, "/") {
		i, err := strconv.Atoi(part)
		if err != nil || i >= len(items) {
			return OutlineItem{}
		}
		it = items[i]
		items = it.Children
	}
	return it
}

func (s *readerSide) childIDs(id widget.TreeNodeID) []widget.TreeNodeID {
	children := s.outline
	if id != "" {
		children = s.item(id).Children
	}
	ids := make([]string, len(children))
	for i := range children {
		ids[i] = strconv.Itoa(i)
		if id != "" {
			ids[i] = id + "/" + ids[i]
		}
	}
	return ids
}

func (s *readerSide) isBranch(id widget.TreeNodeID) bool {
	return id == "" || len(s.item(id).Children) > 0
}

// thumbHeight is the tallest a thumbnail is drawn, in logical pixels.
const thumbHeight = thumbWidth * 1.3

// newThumb is a page thumbnail with its number: the page, framed, at its
// own proportions; the current page's frame is thicker and in the
// theme's primary colour.
func newThumb() fyne.CanvasObject {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillStretch
	img.ScaleMode = canvas.ImageScaleFastest
	img.SetMinSize(fyne.NewSize(thumbWidth, thumbHeight))
	frame := canvas.NewRectangle(color.Transparent)
	l := widget.NewLabel("")
	l.Alignment = fyne.TextAlignCenter
	return container.NewBorder(nil, l, nil, nil, container.NewCenter(container.NewStack(img, frame)))
}

// thumbParts returns a thumbnail's image, frame and label.
func thumbParts(o fyne.CanvasObject) (*canvas.Image, *canvas.Rectangle, *widget.Label) {
	c := o.(*fyne.Container)
	stack := c.Objects[0].(*fyne.Container).Objects[0].(*fyne.Container)
	return stack.Objects[0].(*canvas.Image), stack.Objects[1].(*canvas.Rectangle), c.Objects[1].(*widget.Label)
}

// frameThumb draws a thumbnail's frame: thicker and in the primary colour
// for the current page.
func frameThumb(frame *canvas.Rectangle, label *widget.Label, current bool) {
	frame.StrokeColor, frame.StrokeWidth = color.NRGBA{0x80, 0x80, 0x80, 0xc0}, 1
	if current {
		frame.StrokeColor, frame.StrokeWidth = theme.Color(theme.ColorNamePrimary), 3
	}
	label.TextStyle.Bold = current
	frame.Refresh()
	label.Refresh()
}

// fitThumb sizes a thumbnail's image to its page's proportions.
func fitThumb(img *canvas.Image, d pageDims) {
	w, h := float32(thumbWidth), float32(thumbHeight)
	if d.w > 0 && d.h > 0 {
		if r := float32(d.h / d.w); r*w <= h {
			h = r * w
		} else {
			w = h / r
		}
	}
	img.SetMinSize(fyne.NewSize(w, h))
}

// updateThumb shows page i+1's thumbnail, rendering it in the background.
func (s *readerSide) updateThumb(i widget.ListItemID, o fyne.CanvasObject) {
	img, frame, label := thumbParts(o)
	label.SetText(strconv.Itoa(i + 1))
	s.thumbOf[o] = i + 1
	rs := s.rs
	frameThumb(frame, label, i+1 == rs.page)
	if rs.r == nil {
		return
	}
	z := zoomState{mode: zoomFixed, scale: rs.u.win.Canvas().Scale()}
	page := i + 1
	if d, ok := rs.r.knownDims(page); ok {
		fitThumb(img, d)
		z.factor = thumbWidth / float32(d.w)
		if cached := rs.r.cached(first(z.key(page, d))); cached != nil {
			img.Image = cached
			img.Refresh()
			return
		}
	}
	img.Image = nil
	img.Refresh()
	var out *image.RGBA
	var d pageDims
	rs.u.background(func() {
		var err error
		if d, err = rs.r.dims(page); err != nil || rs.ctx.Err() != nil {
			return
		}
		z.factor = thumbWidth / float32(d.w)
		out, _ = rs.r.render(rs.ctx, first(z.key(page, d)))
	}, func() {
		if out != nil && label.Text == strconv.Itoa(page) {
			fitThumb(img, d)
			img.Image = out
			img.Refresh()
		}
	})
}

func first[A, B any](a A, _ B) A { return a }

// onExport writes the document's annotations to a file the user picks:
// Markdown for a .md name, W3C Web Annotation JSON otherwise.
func (p *notesPanel) onExport() {
	rs := p.rs
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		format := app.FormatW3C
		if strings.HasSuffix(strings.ToLower(path), ".md") {
			format = app.FormatMarkdown
		}
		rs.annotate(func(an Annotations) error {
			_, err := an.ExportFile(rs.ctx, rs.doc.ID, format, path)
			return err
		}, nil)
	}, rs.u.win)
	d.SetFileName("annotations.json")
	rs.u.showModal(d, func() {}) // Enter belongs to the file chooser
}

// onImport reads a W3C annotations file the user picks.
func (p *notesPanel) onImport() {
	rs := p.rs
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		var rep app.ImportReport
		rs.annotate(func(an Annotations) (err error) { rep, err = an.ImportFile(rs.ctx, path); return err }, func() {
			msg := lang.N("{{.Count}} annotations imported", rep.Added, map[string]any{"Count": thousands(rep.Added)})
			if rep.Skipped > 0 {
				msg = lang.N("{{.Imported}}; {{.Count}} annotations skipped: {{.Problems}}", rep.Skipped, map[string]any{
					"Imported": msg, "Count": thousands(rep.Skipped), "Problems": strings.Join(rep.Problems, "; ")})
			}
			rs.u.sync.text.SetText(msg)
		})
	}, rs.u.win)
	rs.u.showModal(d, func() {}) // Enter belongs to the file chooser
}

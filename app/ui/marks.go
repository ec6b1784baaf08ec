package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// pageMark is a rectangle drawn over a page, in page points: a find hit,
// a saved highlight or the selection being made. A label (the author of
// a layer's highlight) is written beside it in the stroke's colour.
type pageMark struct {
	r            app.Rect
	fill, stroke color.NRGBA
	thick        bool // a stroke of 2 pixels: the current find hit
	label        string
}

// findFill and findStroke draw the hits of an in-document search, and
// findCurrent... the current one, in orange with a thicker outline.
var (
	findFill          = color.NRGBA{0xff, 0xc8, 0x00, 0x66}
	findStroke        = color.NRGBA{0xe0, 0x90, 0x00, 0xcc}
	findCurrentFill   = color.NRGBA{0xff, 0x6a, 0x00, 0x7a}
	findCurrentStroke = color.NRGBA{0xd0, 0x40, 0x00, 0xff}
)

// highlightColors are the colours a highlight can have, by the name the
// annotations store keeps.
var highlightColors = map[string]color.NRGBA{
	"yellow": {0xff, 0xe0, 0x30, 0x5c},
	"green":  {0x50, 0xd0, 0x60, 0x5c},
	"blue":   {0x50, 0xa0, 0xff, 0x5c},
	"pink":   {0xff, 0x70, 0xb0, 0x5c},
}

// highlightColorNames is the order the colour choice offers them in.
var highlightColorNames = []string{"yellow", "green", "blue", "pink"}

// colorLabel is a highlight colour's name in the interface's language.
func colorLabel(name string) string {
	switch name {
	case "yellow":
		return lang.L("yellow")
	case "green":
		return lang.L("green")
	case "blue":
		return lang.L("blue")
	case "pink":
		return lang.L("pink")
	}
	return name
}

// newColorChoice offers the highlight colours, by their names in the
// interface's language, with selected chosen; changed, when not nil, gets
// the stored name of the colour chosen (see colorOf).
func newColorChoice(selected string, changed func(name string)) *widget.RadioGroup {
	labels := make([]string, len(highlightColorNames))
	for i, n := range highlightColorNames {
		labels[i] = colorLabel(n)
	}
	c := widget.NewRadioGroup(labels, nil)
	c.Horizontal, c.Required = true, true
	c.SetSelected(colorLabel(selected))
	if changed != nil {
		c.OnChanged = func(label string) { changed(colorOf(label)) }
	}
	return c
}

// colorOf is the stored name of the colour shown as label ("" for none).
func colorOf(label string) string {
	for _, n := range highlightColorNames {
		if colorLabel(n) == label {
			return n
		}
	}
	return ""
}

// highlightFill returns the translucent fill of a highlight colour; an
// unknown or empty name is yellow.
func highlightFill(name string) color.NRGBA {
	if c, ok := highlightColors[name]; ok {
		return c
	}
	return highlightColors["yellow"]
}

// marksOn returns what to draw over a page: saved highlights, the find
// hits and the selection being made.
func (rs *ReaderScreen) marksOn(page int) []pageMark {
	var out []pageMark
	for _, a := range rs.side.notes.items {
		if a.Kind != app.KindHighlight || a.Page != page {
			continue
		}
		if a.Layer != 0 {
			out = append(out, rs.side.notes.layerMarks(a)...)
			continue
		}
		for _, r := range a.Rects {
			out = append(out, pageMark{r: r, fill: highlightFill(a.Color)})
		}
	}
	rects, current := rs.find.rectsOn(page)
	for i, r := range rects {
		m := pageMark{r: r, fill: findFill, stroke: findStroke}
		if current[i] {
			m = pageMark{r: r, fill: findCurrentFill, stroke: findCurrentStroke, thick: true}
		}
		out = append(out, m)
	}
	return append(out, rs.hl.marks(page)...)
}

// markSet is the canvas objects of a page's marks and where they sit on
// the page, in logical pixels.
type markSet struct {
	objs []fyne.CanvasObject
	at   []fyne.Position
}

// set builds the marks at perPoint logical pixels per point.
func (m *markSet) set(marks []pageMark, perPoint float32) {
	m.objs, m.at = m.objs[:0], m.at[:0]
	for _, k := range marks {
		r := canvas.NewRectangle(k.fill)
		if k.stroke.A != 0 {
			r.StrokeColor = k.stroke
			r.StrokeWidth = 1
			if k.thick {
				r.StrokeWidth = 2
			}
		}
		m.at = append(m.at, fyne.NewPos(float32(k.r.X0)*perPoint, float32(k.r.Y0)*perPoint))
		r.Resize(fyne.NewSize(float32(k.r.X1-k.r.X0)*perPoint, float32(k.r.Y1-k.r.Y0)*perPoint))
		m.objs = append(m.objs, r)
		if k.label != "" {
			m.addLabel(k, perPoint)
		}
	}
}

// labelSize is the text size of a mark's label.
const labelSize = 11

// addLabel writes a mark's label just above it, or under it at the top of
// the page.
func (m *markSet) addLabel(k pageMark, perPoint float32) {
	t := canvas.NewText(k.label, k.stroke)
	t.TextSize = labelSize
	t.TextStyle.Bold = true
	h := t.MinSize().Height
	y := float32(k.r.Y0)*perPoint - h
	if y < 0 {
		y = float32(k.r.Y1) * perPoint
	}
	t.Resize(t.MinSize())
	m.at = append(m.at, fyne.NewPos(float32(k.r.X0)*perPoint, y))
	m.objs = append(m.objs, t)
}

// layerMarks draws a layer's highlight in its author's colour, outlined,
// with the author's name beside its first rectangle.
func (p *notesPanel) layerMarks(a app.AnnotationItem) []pageMark {
	l := p.layer(a.Layer)
	out := make([]pageMark, 0, len(a.Rects))
	for i, r := range a.Rects {
		m := pageMark{r: r, fill: layerFill(l.Color), stroke: inkOf(l.Color)}
		if i == 0 {
			m.label = layerName(l)
		}
		out = append(out, m)
	}
	return out
}

// place moves the marks onto a page whose top left corner is at origin.
func (m *markSet) place(origin fyne.Position) {
	for i, o := range m.objs {
		o.Move(m.at[i].Add(origin))
	}
}

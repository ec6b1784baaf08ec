package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// snippetSegments lays a search snippet out as rich text on one line: the
// words that matched (between [ and ] in the snippet) bold in the text
// colour, the words around them in the secondary colour.
func snippetSegments(snip string, size fyne.ThemeSizeName) []widget.RichTextSegment {
	snip = strings.Join(strings.Fields(snip), " ") // a page's line breaks would draw over the next row
	var segs []widget.RichTextSegment
	add := func(text string, hit bool) {
		if text == "" {
			return
		}
		st := widget.RichTextStyle{Inline: true, SizeName: size, ColorName: colorNameSecondary}
		if hit {
			st.ColorName, st.TextStyle = theme.ColorNameForeground, fyne.TextStyle{Bold: true}
		}
		segs = append(segs, &widget.TextSegment{Text: text, Style: st})
	}
	for snip != "" {
		open := strings.IndexByte(snip, '[')
		if open < 0 {
			break
		}
		end := strings.IndexByte(snip[open:], ']')
		if end < 0 {
			break
		}
		add(snip[:open], false)
		add(snip[open+1:open+end], true)
		snip = snip[open+end+1:]
	}
	add(snip, false)
	return segs
}

// secondaryText is one line of secondary text (tags, hints) as rich text.
func secondaryText(text string, size fyne.ThemeSizeName) []widget.RichTextSegment {
	return []widget.RichTextSegment{&widget.TextSegment{Text: text,
		Style: widget.RichTextStyle{Inline: true, SizeName: size, ColorName: colorNameSecondary}}}
}

// newSecondaryText is text in the secondary colour (readable, lighter
// than the body text), wrapped at words.
func newSecondaryText(text string) *widget.RichText {
	rt := widget.NewRichText(secondaryText(text, theme.SizeNameText)...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// setSecondaryText changes the text of a newSecondaryText.
func setSecondaryText(rt *widget.RichText, text string) {
	rt.Segments = secondaryText(text, theme.SizeNameText)
	rt.Refresh()
}

// pagesMatch is "1 page matches", "12 pages match".
func pagesMatch(n int) string {
	return lang.N("{{.Count}} pages match", n, map[string]any{"Count": thousands(n)})
}

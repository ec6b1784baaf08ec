package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// problem is an error shown in the status line: what was being done (its
// topic: the same work succeeding later takes it away), the sentence for
// people and the technical text.
type problem struct{ topic, message, detail string }

// problems is the status line's error and its Details expander: the last
// problem not yet dismissed or mended shows; "Details" opens the technical
// text above the status line.
type problems struct {
	list    []problem
	text    *widget.Label
	toggle  *widget.Button
	close   *widget.Button
	message *widget.Label // the whole message, in the expander
	detail  *widget.Label // the technical text, selectable for a bug report
	panel   *fyne.Container
	bar     *fyne.Container // text, Details and close, for the status line
}

func newProblems() *problems {
	p := &problems{text: widget.NewLabel(""), message: widget.NewLabel(""), detail: widget.NewLabel("")}
	p.text.Importance = widget.DangerImportance
	p.text.Truncation = fyne.TextTruncateEllipsis
	p.text.SizeName = theme.SizeNameCaptionText
	p.message.Wrapping = fyne.TextWrapWord
	p.detail.Wrapping = fyne.TextWrapBreak
	p.detail.Selectable = true
	p.detail.SizeName = theme.SizeNameCaptionText
	p.toggle = widget.NewButton(lang.L("Details"), p.onToggle)
	p.toggle.Importance = widget.LowImportance
	p.close = widget.NewButtonWithIcon("", theme.CancelIcon(), p.dismiss)
	p.close.Importance = widget.LowImportance
	p.panel = container.NewVBox(widget.NewSeparator(), p.message, p.detail)
	p.panel.Hide()
	p.bar = container.NewBorder(nil, nil, nil, container.NewHBox(p.toggle, p.close), p.text)
	p.show()
	return p
}

// set shows what went wrong with topic's work, replacing its previous
// problem.
func (p *problems) set(topic string, err error) {
	msg, detail := explain(topic, err)
	p.drop(topic)
	p.list = append(p.list, problem{topic: topic, message: msg, detail: detail})
	p.show()
}

// mended takes topic's problem away: its work has succeeded.
func (p *problems) mended(topic string) {
	if p.drop(topic) {
		p.show()
	}
}

func (p *problems) drop(topic string) bool {
	for i, x := range p.list {
		if x.topic == topic {
			p.list = append(p.list[:i], p.list[i+1:]...)
			return true
		}
	}
	return false
}

// dismiss hides the problem shown (the × button).
func (p *problems) dismiss() {
	if n := len(p.list); n > 0 {
		p.list = p.list[:n-1]
	}
	p.show()
}

func (p *problems) onToggle() {
	setVisible(p.panel, !p.panel.Visible())
	p.toggle.SetText(map[bool]string{true: lang.L("Hide details"), false: lang.L("Details")}[p.panel.Visible()])
}

// show shows the last problem, or nothing.
func (p *problems) show() {
	if len(p.list) == 0 {
		p.text.SetText("")
		p.toggle.Hide()
		p.close.Hide()
		p.panel.Hide()
		p.toggle.SetText(lang.L("Details"))
		return
	}
	last := p.list[len(p.list)-1]
	p.text.SetText(last.message)
	p.message.SetText(last.message)
	p.detail.SetText(last.detail)
	p.toggle.Show()
	p.close.Show()
}

// shown returns the message shown, "" when none.
func (p *problems) shown() string { return p.text.Text }

package ui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// publishForm is the trainer's Publish screen: a folder of PDFs (with its
// catalogue.csv), the folder the catalogue goes to, a title and the
// annotation files to publish with it; then the progress, what was
// published, and the address to give the room once it is shared.
type publishForm struct {
	u          *UI
	dir, out   *keyEntry
	title      *keyEntry
	sets       []string
	setsText   *widget.Label
	publishBtn *widget.Button
	share      *widget.Button
	bar        *widget.ProgressBar
	result     *widget.Label
	report     app.PublishReport
	running    bool
}

// showPublish opens the Publish screen.
func (u *UI) showPublish() { newPublishForm(u).show() }

// newPublishForm builds the Publish screen's widgets.
func newPublishForm(u *UI) *publishForm {
	f := &publishForm{u: u, dir: newDialogEntry(u, false), out: newDialogEntry(u, false), title: newDialogEntry(u, false)}
	f.dir.SetPlaceHolder(lang.L("The folder of PDFs and its catalogue.csv"))
	f.out.SetPlaceHolder(lang.L("Where the catalogue goes (a new folder, or a USB stick)"))
	f.title.SetPlaceHolder(lang.L("The catalogue's title, e.g. Screening workshop"))
	f.setsText = widget.NewLabel(lang.L("None"))
	f.setsText.Wrapping = fyne.TextWrapWord
	f.bar = widget.NewProgressBar()
	f.bar.Hide()
	f.result = widget.NewLabel("")
	f.result.Wrapping = fyne.TextWrapWord
	f.result.Selectable = true
	f.publishBtn = widget.NewButton(lang.L("Publish"), f.publish)
	f.publishBtn.Importance = widget.HighImportance
	f.share = widget.NewButton(lang.L("Share it with people nearby"), f.serve)
	f.share.Hide()
	return f
}

// show opens the screen in a dialog.
func (f *publishForm) show() {
	u := f.u
	addSet := widget.NewButton(lang.L("Add…"), f.chooseSet)
	clearSets := widget.NewButton(lang.L("Clear"), func() { f.sets = nil; f.setsText.SetText(lang.L("None")) })
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Folder"), container.NewBorder(nil, nil, nil, f.chooser(f.dir), f.dir)),
		widget.NewFormItem(lang.L("Catalogue"), container.NewBorder(nil, nil, nil, f.chooser(f.out), f.out)),
		widget.NewFormItem(lang.L("Title"), f.title),
		widget.NewFormItem(lang.L("Annotations"), container.NewBorder(nil, nil, nil, container.NewHBox(addSet, clearSets), f.setsText)),
	)
	note := hint(lang.L("Annotation files are what Export writes in the Notes tab (.json): each annotation goes " +
		"with the publication it is about. The same can be done with fieldshelf publish."))
	content := container.NewVBox(form, note, container.NewHBox(layout.NewSpacer(), f.publishBtn), f.bar, f.result,
		container.NewHBox(layout.NewSpacer(), f.share))
	d := dialog.NewCustom(lang.L("Publish a catalogue"), lang.L("Close"), container.NewVScroll(content), u.win)
	d.Resize(u.dialogSize(680, 560))
	u.showModal(d, f.publish)
}

// chooser is a button that fills e with a folder the user picks.
func (f *publishForm) chooser(e *keyEntry) *widget.Button {
	return widget.NewButton(lang.L("Choose…"), func() {
		d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err == nil && l != nil {
				e.SetText(l.Path())
			}
		}, f.u.win)
		f.u.showModal(d, func() {}) // Enter belongs to the chooser
	})
}

// chooseSet adds an annotation file the user picks.
func (f *publishForm) chooseSet() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		f.sets = append(f.sets, r.URI().Path())
		r.Close()
		names := make([]string, len(f.sets))
		for i, s := range f.sets {
			names[i] = filepath.Base(s)
		}
		f.setsText.SetText(strings.Join(names, ", "))
	}, f.u.win)
	f.u.showModal(d, func() {})
}

// publish publishes in the background, showing the progress.
func (f *publishForm) publish() {
	if f.running {
		return
	}
	req := app.PublishRequest{Dir: strings.TrimSpace(f.dir.Text), Out: strings.TrimSpace(f.out.Text),
		Title: strings.TrimSpace(f.title.Text), Annotations: f.sets}
	if req.Dir == "" || req.Out == "" {
		f.result.SetText(lang.L("Choose the folder of PDFs and the folder the catalogue goes to."))
		return
	}
	f.running = true
	f.publishBtn.Disable()
	f.share.Hide()
	f.bar.SetValue(0)
	f.bar.Show()
	f.result.SetText(lang.L("Reading the folder…"))
	thr := newThrottle(f.u.th)
	progress := func(p app.PublishProgress) {
		if thr.Allow(0, false) {
			f.u.th.Do(func() {
				f.bar.SetValue(float64(p.Done) / float64(max(p.Total, 1)))
				f.result.SetText(lang.L("Reading {{.File}}…", map[string]any{"File": p.File}))
			})
		}
	}
	var rep app.PublishReport
	var err error
	f.u.background(func() { rep, err = f.u.cfg.Sharing.Publish(f.u.ctx, req, progress) }, func() { f.done(rep, err) })
}

// done shows what the publish did.
func (f *publishForm) done(rep app.PublishReport, err error) {
	f.running = false
	f.publishBtn.Enable()
	f.bar.Hide()
	if err != nil {
		msg, _ := explain(lang.L("publish the catalogue"), err)
		f.result.SetText(msg)
		return
	}
	f.report = rep
	lines := []string{sentence(publishSummary(rep))}
	for _, n := range publishNotes(rep) {
		lines = append(lines, sentence(n))
	}
	f.result.SetText(strings.Join(lines, "\n"))
	f.share.Show()
}

// serve shares the published catalogue and shows its address.
func (f *publishForm) serve() {
	out := f.report.Out
	var on app.Sharing
	var err error
	f.u.background(func() { on, err = f.u.cfg.Sharing.Share(f.u.ctx, out, false) }, func() {
		if err != nil {
			msg, _ := explain(lang.L("share the catalogue"), err)
			f.result.SetText(f.result.Text + "\n" + msg)
			return
		}
		f.u.share.set(&on, false)
		f.result.SetText(f.result.Text + "\n" + sharingText(on))
		f.share.Hide()
	})
}

// sentence starts a line with a capital letter and ends it with a full
// stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

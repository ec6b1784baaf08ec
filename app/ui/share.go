package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// Sharing publishes and serves catalogues to the people nearby (a room of
// laptops on one Wi-Fi): the application wires the publisher and the
// server behind it. Without it the window offers neither.
type Sharing interface {
	// Publish turns a folder of PDFs into a catalogue (see
	// app.PublishRequest), reporting progress as it reads the files.
	Publish(ctx context.Context, req app.PublishRequest, progress func(app.PublishProgress)) (app.PublishReport, error)
	// Share serves a published catalogue's folder, or the library's
	// offline documents when dir is "" (with the user's bookmarks, notes
	// and highlights when notes is set), to the local network, in place of
	// what was shared before.
	Share(ctx context.Context, dir string, notes bool) (app.Sharing, error)
	// StopSharing stops serving.
	StopSharing() error
}

// sharePanel is the toolbar's Share button, which says whether the
// library is being shared, and the dialog it opens.
type sharePanel struct {
	u       *UI
	button  *widget.Button
	on      *app.Sharing // what is shared; nil while nothing is
	library bool         // what is shared is the library's offline publications
	status  *widget.Label
	check   *widget.Check
}

func newSharePanel(u *UI) *sharePanel {
	s := &sharePanel{u: u}
	s.button = widget.NewButtonWithIcon(lang.L("Share"), theme.MailForwardIcon(), s.show)
	if u.cfg.Sharing == nil {
		s.button.Hide()
	}
	return s
}

// set records what is shared (nil for nothing; the library's offline
// publications or a published folder) and shows it on the button and in
// the dialog.
func (s *sharePanel) set(on *app.Sharing, library bool) {
	s.on, s.library = on, library && on != nil
	if on == nil {
		s.button.SetText(lang.L("Share"))
		s.button.Importance = widget.MediumImportance
	} else {
		s.button.SetText(lang.L("Sharing on"))
		s.button.Importance = widget.HighImportance
	}
	s.button.Refresh()
	if s.status != nil {
		s.status.SetText(s.statusText())
	}
	if s.check != nil && s.check.Checked != s.library {
		s.check.SetChecked(s.library)
	}
}

// statusText says in a sentence whether anything is shared, and where.
func (s *sharePanel) statusText() string {
	switch {
	case s.on == nil:
		return lang.L("Off: nobody else can see your library.")
	case !s.library:
		return lang.L("On: the catalogue in {{.Folder}}.", map[string]any{"Folder": s.on.Dir}) + " " + sharingText(*s.on)
	}
	return lang.L("On.") + " " + sharingText(*s.on)
}

// show opens the dialog: the on/off switch for the library's offline
// publications, and the way to publish a folder for a workshop.
func (s *sharePanel) show() {
	notes := widget.NewCheck(lang.L("With my bookmarks, notes and highlights"), nil)
	s.check = widget.NewCheck(lang.L("Share my offline publications with people nearby"), nil)
	s.check.SetChecked(s.library)
	s.check.OnChanged = func(on bool) { s.toggle(on, notes.Checked) }
	notes.OnChanged = func(with bool) { s.withNotes(with) }
	s.status = widget.NewLabel(s.statusText())
	s.status.Wrapping = fyne.TextWrapWord
	s.status.Selectable = true
	publish := widget.NewButtonWithIcon(lang.L("Publish a folder for a workshop…"), theme.FolderOpenIcon(), s.u.showPublish)
	content := container.NewVBox(s.check, notes, s.status, hint(lang.L("People on the same Wi-Fi or hotspot add the "+
		"address in Settings, Catalogues, and sync: no internet is needed.")), widget.NewSeparator(), publish)
	d := dialog.NewCustom(lang.L("Share with people nearby"), lang.L("Close"), content, s.u.win)
	d.SetOnClosed(func() { s.status, s.check = nil, nil })
	d.Resize(s.u.dialogSize(560, 340))
	s.u.showModal(d, nil)
}

// toggle starts or stops sharing the library in the background.
func (s *sharePanel) toggle(on, notes bool) {
	if on == s.library {
		return
	}
	s.serve(true, func(sh Sharing) (*app.Sharing, error) {
		if !on {
			return nil, sh.StopSharing()
		}
		info, err := sh.Share(s.u.ctx, "", notes)
		return &info, err
	})
}

// withNotes shares the library again, with or without the user's
// annotations, when it is being shared.
func (s *sharePanel) withNotes(with bool) {
	if s.library {
		s.serve(true, func(sh Sharing) (*app.Sharing, error) {
			info, err := sh.Share(s.u.ctx, "", with)
			return &info, err
		})
	}
}

// serve runs a change of what is shared (the library, or a folder) in
// the background, then shows it; a failure leaves nothing shared and says
// why.
func (s *sharePanel) serve(library bool, change func(Sharing) (*app.Sharing, error)) {
	var on *app.Sharing
	var err error
	if s.status != nil {
		s.status.SetText("…")
	}
	s.u.background(func() { on, err = change(s.u.cfg.Sharing) }, func() {
		if !s.u.report(lang.L("share with people nearby"), err) {
			on = nil
		}
		s.set(on, library)
	})
}

// hint is a line of secondary text, wrapped, in a colour that reads
// (see colorNameSecondary).
func hint(text string) *widget.RichText {
	t := widget.NewRichText(&widget.TextSegment{Text: text,
		Style: widget.RichTextStyle{ColorName: colorNameSecondary}})
	t.Wrapping = fyne.TextWrapWord
	return t
}

// stop stops sharing when the window closes.
func (s *sharePanel) stop() {
	if s.on != nil && s.u.cfg.Sharing != nil {
		_ = s.u.cfg.Sharing.StopSharing()
		s.on = nil
	}
}

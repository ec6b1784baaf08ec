package ui

import (
	"image"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// DetailPane shows the selected document: its summary and what can be done
// with it.
type DetailPane struct {
	u        *UI
	doc      app.Document
	page     int    // the page a search hit points to, 0 otherwise
	query    string // the search that found the document, "" otherwise
	matches  *matchesPane
	cover    *canvas.Image
	head     *fyne.Container // the cover beside the title
	want     coverKey        // the cover shown or awaited
	title    *widget.Label
	meta     *widget.Label
	tags     *widget.RichText
	file     *widget.Label
	summary  *widget.Label
	read     *widget.Button
	download *widget.Button
	remove   *widget.Button
	update   *widget.Button
	cancel   *widget.Button
	pin      *widget.Check
	progress *widget.ProgressBar
	speed    *widget.Label // size, speed and time left of a download
	body     *fyne.Container
	scroll   *container.Scroll
	empty    *widget.RichText
	content  fyne.CanvasObject
}

// detailCoverSize is the size of the cover in the detail pane.
var detailCoverSize = fyne.NewSize(120, 160)

func newDetailPane(u *UI) *DetailPane {
	p := &DetailPane{u: u, cover: newCoverImage(detailCoverSize)}
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.Wrapping = fyne.TextWrapWord
	p.title.SizeName = theme.SizeNameSubHeadingText
	p.meta = widget.NewLabel("")
	p.meta.Wrapping = fyne.TextWrapWord
	p.tags = newSecondaryText("")
	p.file = widget.NewLabel("")
	p.file.Wrapping = fyne.TextWrapWord
	p.summary = widget.NewLabel("")
	p.summary.Wrapping = fyne.TextWrapWord
	p.read = widget.NewButtonWithIcon(lang.L("Read"), theme.DocumentIcon(), p.onRead)
	p.read.Importance = widget.HighImportance
	p.download = widget.NewButtonWithIcon(lang.L("Download"), theme.DownloadIcon(), p.onDownload)
	p.remove = widget.NewButtonWithIcon(lang.L("Remove"), theme.DeleteIcon(), p.onRemove)
	p.update = widget.NewButtonWithIcon(lang.L("Update"), theme.ViewRefreshIcon(), p.onDownload)
	p.cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), p.onCancel)
	p.pin = widget.NewCheck(lang.L("Keep (pin)"), p.onPin)
	p.progress = widget.NewProgressBar()
	p.speed = widget.NewLabel("")
	p.speed.SizeName = theme.SizeNameCaptionText
	p.matches = newMatchesPane(p)
	// Download, Update and Cancel share one place, so that the button under
	// the pointer after a click is the one that undoes it.
	actions := container.NewHBox(p.read, container.NewStack(p.download, p.update, p.cancel), p.remove, p.pin)
	p.head = container.NewBorder(nil, nil, container.NewVBox(p.cover), nil, container.NewVBox(p.title, p.meta, p.tags))
	p.body = container.NewVBox(p.head, widget.NewSeparator(), actions, p.progress, p.speed, p.file,
		p.matches.content, widget.NewSeparator(), p.summary)
	p.empty = widget.NewRichText(secondaryText(lang.L("Select a publication to see its summary."), theme.SizeNameText)...)
	p.body.Hide()
	p.scroll = container.NewVScroll(container.NewPadded(p.body))
	p.content = container.NewStack(container.NewCenter(p.empty), p.scroll)
	return p
}

// show fills the pane with a document. Another document than the one
// shown forgets the search hit (see showMatches).
func (p *DetailPane) show(d app.Document) {
	if d.ID != p.doc.ID {
		p.showMatches(app.PublicationHit{}, "")
	}
	p.doc = d
	p.empty.Hide()
	p.title.SetText(d.Title)
	p.meta.SetText(detailMeta(d))
	setSecondaryText(p.tags, strings.Join(d.TagNames(), " · "))
	p.summary.SetText(orText(d.Summary, lang.L("No summary in the catalogue.")))
	p.file.SetText(fileText(d))
	p.showActions()
	p.body.Show()
	p.u.cover.bind(p, d, detailCoverSize.Width)
	p.relayout()
}

// relayout lays the pane out again after its parts changed size or were
// shown or hidden: a part's own refresh does not move the parts under it,
// which would then overlap.
func (p *DetailPane) relayout() {
	p.body.Refresh()
	p.scroll.Refresh()
}

// showMatches shows where the search q found the document (h is its hit;
// a zero h when the document was not found by a search): Read and Enter
// then open it at the hit's page with the words marked.
func (p *DetailPane) showMatches(h app.PublicationHit, q string) {
	p.page, p.query = h.Page, q
	if h.Document.ID == 0 {
		p.query = ""
	}
	p.matches.show(h, q)
	p.relayout()
}

func (p *DetailPane) wantedCover() coverKey     { return p.want }
func (p *DetailPane) setWantedCover(k coverKey) { p.want = k }

// showCover shows the document's cover beside its title; without one the
// title takes the whole width.
func (p *DetailPane) showCover(img image.Image) {
	p.cover.Image = img
	setVisible(p.cover, img != nil)
	p.head.Refresh() // lays the title out beside the cover, or over the whole width
}

// showActions enables the buttons that apply to the document now.
func (p *DetailPane) showActions() {
	d, dl := p.doc, p.u.dls.state(p.doc.ID)
	busy := dl != nil && !dl.finished
	offline := d.File != nil
	setVisible(p.read, offline)
	setVisible(p.download, !offline && d.FileURL != "" && !busy)
	setVisible(p.update, offline && d.UpdateAvailable && !busy)
	setVisible(p.remove, offline && !busy)
	setVisible(p.cancel, busy)
	setVisible(p.pin, offline)
	p.pin.OnChanged = nil
	p.pin.SetChecked(offline && d.File.Pinned)
	p.pin.OnChanged = p.onPin
	p.showProgress()
}

// showProgress shows the download progress of the document.
func (p *DetailPane) showProgress() {
	dl := p.u.dls.state(p.doc.ID)
	if dl == nil || dl.finished {
		if p.speed.Visible() {
			defer p.relayout()
		}
		p.progress.Hide()
		p.speed.Hide()
		if dl != nil && dl.err != nil {
			msg, _ := explain(downloadTopic(p.doc), dl.err)
			p.file.SetText(msg)
			p.relayout()
		}
		return
	}
	p.progress.SetValue(dl.fraction())
	p.progress.Show()
	if !p.speed.Visible() {
		defer p.relayout()
	}
	p.speed.SetText(dl.text())
	p.speed.Show()
}

func setVisible(o fyne.CanvasObject, v bool) {
	if v {
		o.Show()
	} else {
		o.Hide()
	}
}

func (p *DetailPane) onRead()     { p.u.openReader(p.doc, p.page, p.query) }
func (p *DetailPane) onDownload() { p.u.dls.start(p.doc) }
func (p *DetailPane) onCancel()   { p.u.dls.cancel(p.doc.ID) }

// onRemove removes the offline copy: at once when it can be downloaded
// again, after asking when it cannot (no connection, or a file that came
// from this computer or a drive).
func (p *DetailPane) onRemove() {
	d, u := p.doc, p.u
	why := ""
	switch {
	case !isNetworkURL(d.FileURL):
		why = lang.L("{{.Title}} came from a file on this computer or a drive: once removed, it comes back only from there.",
			map[string]any{"Title": app.QuotedTitle(d)})
	case !u.sync.isOnline:
		why = lang.L("You are offline: {{.Title}} cannot be downloaded again until the connection is back.",
			map[string]any{"Title": app.QuotedTitle(d)})
	default:
		u.removeFile(d, nil)
		return
	}
	c := dialog.NewConfirm(lang.L("Remove the offline copy?"), why+" "+lang.L("Your bookmarks, notes and highlights stay."), func(ok bool) {
		if ok {
			u.removeFile(d, nil)
		}
	}, u.win)
	c.SetConfirmText(lang.L("Remove"))
	c.SetDismissText(lang.L("Cancel"))
	c.SetConfirmImportance(widget.DangerImportance)
	u.showModal(c, c.Confirm)
}

// removeFile deletes a document's offline file, then runs then (when set
// and the removal worked) on the UI goroutine.
func (u *UI) removeFile(d app.Document, then func()) {
	var err error
	u.background(func() { err = u.lib.Remove(u.ctx, []int64{d.ID}) }, func() {
		ok := u.report(lang.L("remove the file"), err)
		u.shelf.refreshDoc(d.ID)
		if ok && then != nil {
			then()
		}
	})
}

func (p *DetailPane) onPin(on bool) {
	id := p.doc.ID
	var err error
	p.u.background(func() { err = p.u.lib.Pin(p.u.ctx, id, on) }, func() {
		p.u.report(lang.L("pin the file"), err)
		p.u.shelf.refreshDoc(id)
	})
}

func detailMeta(d app.Document) string {
	lines := []string{metaLine(d)}
	if len(d.Authors) > 0 {
		lines = append(lines, lang.L("By {{.Author}}", map[string]any{"Author": strings.Join(d.Authors, ", ")}))
	}
	if d.Withdrawn {
		lines = append(lines, lang.L("Withdrawn from its catalogue"))
	}
	return strings.Join(lines, "\n")
}

// fileText says honestly where the file is, or why there is none.
func fileText(d app.Document) string {
	switch {
	case d.File != nil && d.UpdateAvailable:
		return lang.L("Available offline ({{.Size}}). A newer edition is in the catalogue: Update fetches it and keeps your notes.",
			map[string]any{"Size": sizeText(d.File.Size)})
	case d.File != nil:
		return lang.L("Available offline ({{.Size}}).", map[string]any{"Size": sizeText(d.File.Size)})
	case d.FileURL == "":
		return lang.L("The catalogue offers no file for this publication: it must be downloaded from its publisher's website.")
	case d.FileSize > 0:
		return lang.L("Not downloaded yet ({{.Size}}).", map[string]any{"Size": sizeText(d.FileSize)})
	}
	return lang.L("Not downloaded yet.")
}

func orText(s, alt string) string {
	if strings.TrimSpace(s) == "" {
		return alt
	}
	return s
}

package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// checkDelay is how long the address field waits after the last key
// before the address is checked.
const checkDelay = 700 * time.Millisecond

// keyringHelp and noKeyringHelp say where the password is kept.
func keyringHelp() string {
	return lang.L("The password is kept in the system keyring, never in Fieldshelf's files.")
}

func noKeyringHelp() string {
	return lang.L("There is no system keyring here: Fieldshelf keeps the password until it closes, and asks for it again the next time.")
}

// sourceForm adds a catalogue (src.ID == 0) or edits one. A new address is
// checked as it is typed (when the connection is there) and before it is
// added, and the form says what it found or what is wrong.
type sourceForm struct {
	p                   *sourcesPanel
	src                 app.Source
	url, name, user, pw *keyEntry
	env                 *keyEntry
	status              *widget.RichText
	save                *widget.Button
	d                   *dialog.CustomDialog
	checked             string // the address and credentials the last check passed, or failed on
	failed              bool   // that check failed
	stopCheck           func()
	gen                 int
}

// showForm opens the form of a catalogue.
func (p *sourcesPanel) showForm(src app.Source) *sourceForm {
	u := p.u
	f := &sourceForm{p: p, src: src, url: newDialogEntry(u, false), name: newDialogEntry(u, false),
		user: newDialogEntry(u, false), pw: newDialogPassword(u), env: newDialogEntry(u, false),
		status: newSecondaryText(""), stopCheck: func() {}}
	f.url.SetPlaceHolder(lang.L("https://… or file:///… of an OPDS catalogue"))
	f.url.SetText(src.URL)
	f.name.SetText(src.Name)
	f.user.SetText(src.Username)
	f.env.SetText(src.PasswordEnv)
	f.env.SetPlaceHolder("CATALOGUE_PASSWORD")
	for _, e := range []*keyEntry{f.url, f.user, f.pw} {
		e.OnChanged = func(string) { f.scheduleCheck() }
	}
	if src.ID != 0 {
		f.url.Disable() // the address identifies the catalogue
		f.showKept()
	}
	help := newSecondaryText("")
	var keyring bool
	u.background(func() { keyring = u.lib.HasKeyring() }, func() {
		setSecondaryText(help, map[bool]string{true: keyringHelp(), false: noKeyringHelp()}[keyring])
	})
	form := widget.NewForm(widget.NewFormItem(lang.L("Address"), f.url), widget.NewFormItem("", f.status),
		widget.NewFormItem(lang.L("Name"), f.name), widget.NewFormItem(lang.L("User"), f.user), widget.NewFormItem(lang.L("Password"), f.pw),
		widget.NewFormItem("", help), widget.NewFormItem(lang.L("Or variable"), f.env), widget.NewFormItem("", newSecondaryText(lang.L("For scripts: the name of an environment variable holding the password, instead of typing it."))))
	title, action := lang.L("Add a catalogue"), lang.L("Add")
	if src.ID != 0 {
		title, action = lang.L("Edit {{.Catalogue}}", map[string]any{"Catalogue": src.Label()}), lang.L("Save")
	}
	f.d = dialog.NewCustomWithoutButtons(title, form, u.win)
	f.save = widget.NewButton(action, f.onSave)
	f.save.Importance = widget.HighImportance
	// As wide as "Add anyway", so that no button moves when the label changes.
	wide := widget.NewButton(lang.L("Add anyway"), nil).MinSize()
	f.d.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("Cancel"), f.d.Hide),
		container.NewGridWrap(wide, f.save)})
	f.d.SetOnClosed(f.stopCheck)
	f.d.Resize(u.dialogSize(600, 520))
	u.showModal(f.d, f.onEnter)
	u.win.Canvas().Focus(f.url)
	return f
}

// showKept says where the catalogue's password is kept.
func (f *sourceForm) showKept() {
	u := f.p.u
	var kept app.PasswordKeeping
	u.background(func() { kept, _ = u.lib.PasswordKept(u.ctx, f.src.ID) }, func() {
		switch kept {
		case app.PasswordKeyring:
			f.pw.SetPlaceHolder(lang.L("kept in the system keyring"))
		case app.PasswordSession:
			f.pw.SetPlaceHolder(lang.L("typed in this session"))
		}
	})
}

// typed is the catalogue as the form has it.
func (f *sourceForm) typed() app.Source {
	s := f.src
	s.URL, s.Name = strings.TrimSpace(f.url.Text), strings.TrimSpace(f.name.Text)
	s.Username, s.PasswordEnv = strings.TrimSpace(f.user.Text), strings.TrimSpace(f.env.Text)
	return s
}

// key identifies what a check checked.
func (f *sourceForm) key() string {
	s := f.typed()
	return s.URL + "\x00" + s.Username + "\x00" + f.pw.Text
}

// scheduleCheck checks a new address once typing pauses, when the
// connection is there (a file address needs none).
func (f *sourceForm) scheduleCheck() {
	f.stopCheck()
	s := f.typed()
	if s.ID != 0 || s.URL == "" || (isNetworkURL(s.URL) && !f.p.u.sync.isOnline) {
		return
	}
	th := f.p.u.th
	f.stopCheck = th.After(checkDelay, func() { th.Do(func() { f.check(nil) }) })
}

// check checks the address; then runs with whether it passed.
func (f *sourceForm) check(then func(ok bool)) {
	u, s, key := f.p.u, f.typed(), f.key()
	f.gen++
	gen := f.gen
	setSecondaryText(f.status, lang.L("Checking the address…"))
	var c app.SourceCheck
	var err error
	u.background(func() { c, err = u.lib.CheckSource(u.ctx, s, f.pw.Text) }, func() {
		if gen != f.gen {
			return
		}
		f.checked, f.failed = key, err != nil
		if err != nil {
			msg, _ := explain(lang.L("check the address"), err)
			setSecondaryText(f.status, msg)
			f.save.SetText(lang.L("Add anyway"))
		} else {
			setSecondaryText(f.status, lang.L("Found: {{.Catalogue}}.", map[string]any{"Catalogue": checkSummary(c)}))
			f.save.SetText(lang.L("Add"))
		}
		if then != nil {
			then(err == nil)
		}
	})
}

// onEnter saves, except after a failed check: adding a catalogue that is
// not one takes the "Add anyway" button.
func (f *sourceForm) onEnter() {
	if !(f.failed && f.checked == f.key()) {
		f.onSave()
	}
}

// onSave adds the catalogue once its address is checked (or, after a
// failed check, when asked again: "Add anyway"), or saves the changes.
func (f *sourceForm) onSave() {
	f.stopCheck()
	s := f.typed()
	offline := isNetworkURL(s.URL) && !f.p.u.sync.isOnline
	if s.ID != 0 || offline || f.checked == f.key() {
		f.commit() // checked (or asked again after a failed check), or not checkable now
		return
	}
	f.check(func(ok bool) {
		if ok {
			f.commit()
		}
	})
}

// commit stores the catalogue and its password, closes the form and
// syncs a new catalogue.
func (f *sourceForm) commit() {
	u, s, pw := f.p.u, f.typed(), f.pw.Text
	var err error
	u.background(func() {
		if s.ID == 0 {
			s, err = u.lib.AddSource(u.ctx, s)
		} else {
			err = u.lib.UpdateSource(u.ctx, s)
		}
		if err == nil && pw != "" {
			_, err = u.lib.SetSourcePassword(u.ctx, s.ID, pw)
		}
	}, func() {
		if err != nil {
			msg, _ := explain(lang.L("save the catalogue"), err)
			setSecondaryText(f.status, msg)
			return
		}
		f.d.Hide()
		f.p.load()
		u.sync.onSync()
	})
}

// askPasswords asks for the password of a catalogue that needs one and
// has none kept (without a keyring, once per session), then syncs again.
func (u *UI) askPasswords() {
	var need app.Source
	u.background(func() {
		srcs, err := u.lib.Sources(u.ctx)
		for i := 0; err == nil && i < len(srcs) && need.ID == 0; i++ {
			if s := srcs[i]; s.Username != "" && s.PasswordEnv == "" {
				if kept, err := u.lib.PasswordKept(u.ctx, s.ID); err == nil && kept == app.PasswordNone {
					need = s
				}
			}
		}
	}, func() {
		if need.ID == 0 || len(u.modals) > 0 {
			return
		}
		pw := newDialogPassword(u)
		label := widget.NewLabel(lang.L("{{.Catalogue}} asks for the password of {{.User}}.", map[string]any{"Catalogue": need.Label(), "User": need.Username}))
		label.Wrapping = fyne.TextWrapWord
		d := dialog.NewForm(lang.L("Password"), lang.L("Sign in"), lang.L("Not now"),
			[]*widget.FormItem{widget.NewFormItem("", label), widget.NewFormItem(lang.L("Password"), pw)}, func(ok bool) {
				if ok && pw.Text != "" {
					var err error
					u.background(func() { _, err = u.lib.SetSourcePassword(u.ctx, need.ID, pw.Text) }, func() {
						if u.report(lang.L("keep the password"), err) {
							u.sync.onSync()
						}
					})
				}
			}, u.win)
		d.Resize(u.dialogSize(440, 240))
		u.showModal(d, d.Submit)
		u.win.Canvas().Focus(pw)
	})
}

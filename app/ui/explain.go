package ui

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"

	"fieldshelf/app"
)

// explain is app.Explain in the interface's language: what went wrong
// with err while doing what (a translated verb phrase, "save the note"),
// in a sentence or two; detail is the technical text, for Details.
func explain(what string, err error) (message, detail string) {
	_, detail = app.Explain(what, err)
	fs := app.Failures(err)
	switch {
	case len(fs) == 1:
		return failureSentence(fs[0]), detail
	case len(fs) > 1:
		return lang.N("{{.Problem}} (and {{.Count}} more problems: see Details)", len(fs)-1,
			map[string]any{"Problem": failureSentence(fs[0]), "Count": thousands(len(fs) - 1)}), detail
	}
	return plainSentence(what, err), detail
}

// downloadTopic is the verb phrase of a document's download, for explain.
func downloadTopic(d app.Document) string {
	return lang.L("download {{.Title}}", map[string]any{"Title": app.QuotedTitle(d)})
}

// plainSentence explains the application's sentinel errors; any other
// error gets "Could not <what>: <its innermost cause>."
func plainSentence(what string, err error) string {
	args := map[string]any{"What": what}
	switch {
	case errors.Is(err, app.ErrNoSpace):
		return lang.L("Could not {{.What}}: there is not enough free disk space.", args)
	case errors.Is(err, app.ErrNotFound):
		return lang.L("Could not {{.What}}: it is no longer in the library.", args)
	case errors.Is(err, context.DeadlineExceeded):
		return lang.L("Could not {{.What}}: it took too long.", args)
	case errors.Is(err, app.ErrNewerSchema):
		return lang.L("This library was written by a newer version of Fieldshelf: update Fieldshelf to open it.")
	}
	args["Cause"] = innermost(err.Error())
	return lang.L("Could not {{.What}}: {{.Cause}}.", args)
}

// innermost is the last part of an error chain "a: b: cause".
func innermost(chain string) string {
	parts := strings.Split(strings.Join(strings.Fields(chain), " "), ": ")
	for i := len(parts) - 1; i >= 0; i-- {
		if p := strings.TrimRight(strings.TrimSpace(parts[i]), "."); p != "" {
			return p
		}
	}
	return lang.L("an unknown error")
}

// failureSentence is app.Failure.Sentence in the interface's language.
func failureSentence(f *app.Failure) string {
	return upperFirst(failureText(f))
}

func failureText(f *app.Failure) string {
	a, dl, open := map[string]any{"Subject": f.Subject}, f.Op == app.OpDownload, f.Op == app.OpOpen
	switch f.Kind {
	case app.FailInvalid:
		if f.Reason != "" {
			return f.Reason
		}
	case app.FailUnreachable:
		switch f.Op {
		case app.OpSync:
			return lang.L("Could not reach {{.Subject}}: the server did not answer. Fieldshelf will try again when the connection is back.", a)
		case app.OpDownload:
			return lang.L("Could not download {{.Subject}}: the server did not answer. Try again when the connection is back.", a)
		}
		return lang.L("Could not reach {{.Subject}}: the server did not answer. Check the address and the connection.", a)
	case app.FailRefused:
		if dl {
			return lang.L("The server refused to send {{.Subject}}: check the catalogue's user name and password in Settings.", a)
		}
		return lang.L("{{.Subject}} refused the user name or password. Check them in Settings, Catalogues.", a)
	case app.FailPassword:
		return lang.L("{{.Subject}} needs a password. Type it in Settings, Catalogues.", a)
	case app.FailMissing:
		switch {
		case open:
			return lang.L("The file of {{.Subject}} is missing from this computer. Download it again, or remove it.", a)
		case dl:
			return lang.L("The file of {{.Subject}} is no longer on the server. The next sync may bring its new address.", a)
		}
		return lang.L("There is no catalogue at the address of {{.Subject}} (the server answered “not found”). Check the address in Settings.", a)
	case app.FailServer:
		if dl {
			return lang.L("The server of {{.Subject}} had a problem sending the file. Try again later.", a)
		}
		return lang.L("The server of {{.Subject}} has a problem. Fieldshelf will try again at the next sync.", a)
	case app.FailNotCatalogue:
		return lang.L("The address of {{.Subject}} does not lead to an OPDS catalogue. Check it in Settings.", a)
	case app.FailNotPDF:
		return lang.L("The server sent a web page instead of the PDF of {{.Subject}} (perhaps a login page), so nothing was kept.", a)
	case app.FailDamaged:
		if open {
			return lang.L("{{.Subject}} could not be opened: its file is damaged or incomplete. Download it again, or remove it.", a)
		}
		return lang.L("The file of {{.Subject}} arrived damaged or incomplete, so it was not kept. Download it again.", a)
	case app.FailNoSpace:
		return lang.L("There is not enough free disk space to download {{.Subject}}. Remove some offline publications, or free space on the disk.", a)
	}
	switch f.Op {
	case app.OpCheck:
		return lang.L("Could not check the address of {{.Subject}}.", a)
	case app.OpSync:
		return lang.L("Could not sync {{.Subject}}.", a)
	case app.OpDownload:
		return lang.L("Could not download {{.Subject}}.", a)
	case app.OpOpen:
		return lang.L("Could not open {{.Subject}}.", a)
	}
	return lang.L("Could not {{.What}}.", map[string]any{"What": f.Op + " " + f.Subject})
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

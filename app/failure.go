package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// FailureKind says why an operation failed, in the terms a person can act
// on.
type FailureKind int

// The kinds of failure.
const (
	FailOther        FailureKind = iota // none of the below: the details say
	FailUnreachable                     // no connection, or the server did not answer
	FailRefused                         // the server refused the user name or password
	FailPassword                        // a password is needed and none is known
	FailMissing                         // nothing at the address ("not found")
	FailServer                          // the server answered with an error of its own
	FailNotCatalogue                    // the address answered with something else than an OPDS catalogue
	FailNotPDF                          // a file link gave something else than a PDF (a web page)
	FailDamaged                         // a file is damaged or incomplete
	FailNoSpace                         // the disk is too full
	FailInvalid                         // the user's input is not usable; Reason says why
)

// The operations a Failure names.
const (
	OpSync     = "sync"     // syncing a catalogue
	OpCheck    = "check"    // checking a catalogue's address before adding it
	OpDownload = "download" // downloading a publication's file
	OpOpen     = "open"     // opening a publication's file
)

// Failure is a failed operation on something the user knows by name (a
// catalogue, a publication), classified so that the interface can say in a
// sentence what happened and what to do (Sentence). Its Error is the
// technical text, for logs, --verbose and a Details view.
type Failure struct {
	Op      string // OpSync, OpCheck, OpDownload or OpOpen
	Subject string // "ILO catalogue", "“Handbook on shelters”"
	Kind    FailureKind
	Reason  string // a sentence for people when the kind does not say it all
	Err     error  // the technical cause
}

func (f *Failure) Error() string { return f.Err.Error() }

// Unwrap returns the technical cause.
func (f *Failure) Unwrap() error { return f.Err }

// Sentence says for people what went wrong and what can be done.
func (f *Failure) Sentence() string {
	s, dl := f.Subject, f.Op == OpDownload
	switch f.Kind {
	case FailInvalid:
		if f.Reason != "" {
			return f.Reason
		}
	case FailUnreachable:
		switch f.Op {
		case OpSync:
			return fmt.Sprintf("Could not reach %s: the server did not answer. Fieldshelf will try again when the connection is back.", s)
		case OpDownload:
			return fmt.Sprintf("Could not download %s: the server did not answer. Try again when the connection is back.", s)
		}
		return fmt.Sprintf("Could not reach %s: the server did not answer. Check the address and the connection.", s)
	case FailRefused:
		if dl {
			return fmt.Sprintf("The server refused to send %s: check the catalogue's user name and password in Settings.", s)
		}
		return fmt.Sprintf("%s refused the user name or password. Check them in Settings, Catalogues.", upperFirst(s))
	case FailPassword:
		return fmt.Sprintf("%s needs a password. Type it in Settings, Catalogues.", upperFirst(s))
	case FailMissing:
		if f.Op == OpOpen {
			return fmt.Sprintf("The file of %s is missing from this computer. Download it again, or remove it.", s)
		}
		if dl {
			return fmt.Sprintf("The file of %s is no longer on the server. The next sync may bring its new address.", s)
		}
		return fmt.Sprintf("There is no catalogue at the address of %s (the server answered “not found”). Check the address in Settings.", s)
	case FailServer:
		if dl {
			return fmt.Sprintf("The server of %s had a problem sending the file. Try again later.", s)
		}
		return fmt.Sprintf("The server of %s has a problem. Fieldshelf will try again at the next sync.", s)
	case FailNotCatalogue:
		return fmt.Sprintf("The address of %s does not lead to an OPDS catalogue. Check it in Settings.", s)
	case FailNotPDF:
		return fmt.Sprintf("The server sent a web page instead of the PDF of %s (perhaps a login page), so nothing was kept.", s)
	case FailDamaged:
		if f.Op == OpOpen {
			return fmt.Sprintf("%s could not be opened: its file is damaged or incomplete. Download it again, or remove it.", upperFirst(s))
		}
		return fmt.Sprintf("The file of %s arrived damaged or incomplete, so it was not kept. Download it again.", s)
	case FailNoSpace:
		return fmt.Sprintf("There is not enough free disk space to download %s. Remove some offline publications, or free space on the disk.", s)
	}
	return "Could not " + opPhrase(f.Op, s) + "."
}

// QuotedTitle is how messages name a publication: its title in quotes,
// shortened.
func QuotedTitle(d Document) string { return "“" + Clip(d.Title, 60) + "”" }

func opPhrase(op, subject string) string {
	if op == OpCheck {
		return "check the address of " + subject
	}
	return op + " " + subject
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Explain says for people what went wrong with err while doing what (a
// verb phrase: "save the note"): the message is a sentence or two with no
// technical chain; detail is the technical text, for a Details view. The
// failures of a batch (joined errors) are told one after the other, the
// first in the message.
func Explain(what string, err error) (message, detail string) {
	detail = strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " ")
	fs := Failures(err)
	switch {
	case len(fs) == 1:
		return fs[0].Sentence(), detail
	case len(fs) > 1:
		return fmt.Sprintf("%s (and %d more problems: see Details)", fs[0].Sentence(), len(fs)-1), detail
	}
	return plainSentence(what, err), detail
}

// Failures gathers the Failures in err, through joined errors (the
// failures of a batch).
func Failures(err error) []*Failure {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []*Failure
		for _, e := range j.Unwrap() {
			out = append(out, Failures(e)...)
		}
		return out
	}
	var f *Failure
	if errors.As(err, &f) {
		return []*Failure{f}
	}
	if u := errors.Unwrap(err); u != nil {
		return Failures(u)
	}
	return nil
}

// plainSentence explains the sentinel errors of the application; any
// other error gets "Could not <what>: <its innermost cause>." (the text
// after the chain of contexts, which names no package).
func plainSentence(what string, err error) string {
	switch {
	case errors.Is(err, ErrNoSpace):
		return fmt.Sprintf("Could not %s: there is not enough free disk space.", what)
	case errors.Is(err, ErrNotFound):
		return fmt.Sprintf("Could not %s: it is no longer in the library.", what)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("Could not %s: it took too long.", what)
	case errors.Is(err, ErrNewerSchema):
		return "This library was written by a newer version of Fieldshelf: update Fieldshelf to open it."
	}
	return fmt.Sprintf("Could not %s: %s.", what, innermost(err.Error()))
}

// innermost is the last part of an error chain "a: b: cause".
func innermost(chain string) string {
	parts := strings.Split(strings.Join(strings.Fields(chain), " "), ": ")
	for i := len(parts) - 1; i >= 0; i-- {
		if p := strings.TrimRight(strings.TrimSpace(parts[i]), "."); p != "" {
			return p
		}
	}
	return "an unknown error"
}

// Errors a Failure's kind is read from.
var (
	// ErrDamaged reports a file that the PDF engine cannot read: damaged,
	// cut short, or not a PDF at all.
	ErrDamaged = errors.New("the file is damaged or incomplete")
	// ErrNeedPassword reports a catalogue that needs a password that
	// Fieldshelf does not have.
	ErrNeedPassword = errors.New("the catalogue needs a password")
)

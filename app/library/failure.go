package library

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"strings"

	"fieldshelf/app"
	"fieldshelf/app/fetch"
)

// failed classifies err, the failure of op on subject, for people (see
// app.Failure). nil, a cancellation and an error classified already are
// returned as they are.
func failed(op, subject string, err error) error {
	var f *app.Failure
	if err == nil || errors.Is(err, context.Canceled) || errors.As(err, &f) {
		return err
	}
	return &app.Failure{Op: op, Subject: subject, Kind: failureKind(err), Err: err}
}

// invalid is the failure of input that cannot be used: reason is the
// sentence for people, and the technical text too.
func invalid(op, reason string) error {
	return &app.Failure{Op: op, Kind: app.FailInvalid, Reason: reason, Err: errors.New("library: " + lowerFirst(reason))}
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return strings.TrimSuffix(s, ".")
	}
	return strings.TrimSuffix(strings.ToLower(s[:1])+s[1:], ".")
}

// failureKind reads what kind of failure err is.
func failureKind(err error) app.FailureKind {
	var st *fetch.StatusError
	switch {
	case errors.Is(err, app.ErrNoSpace):
		return app.FailNoSpace
	case errors.Is(err, app.ErrNotPDF):
		return app.FailNotPDF
	case errors.Is(err, app.ErrDamaged):
		return app.FailDamaged
	case errors.Is(err, app.ErrNeedPassword):
		return app.FailPassword
	case errors.Is(err, app.ErrMalformedFeed):
		return app.FailNotCatalogue
	case errors.As(err, &st):
		return statusKind(st.Status)
	case fetch.Unreachable(err), errors.Is(err, context.DeadlineExceeded):
		return app.FailUnreachable
	case errors.Is(err, fs.ErrNotExist):
		return app.FailMissing
	}
	return app.FailOther
}

func statusKind(code int) app.FailureKind {
	switch {
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return app.FailRefused
	case code == http.StatusNotFound || code == http.StatusGone:
		return app.FailMissing
	case code >= 500:
		return app.FailServer
	}
	return app.FailOther
}

// catalogueName is how messages name a source: "ILO catalogue", or its
// own name when that says it is a catalogue or library already.
func catalogueName(src app.Source) string {
	l := src.Label()
	if src.Name == "" || strings.Contains(strings.ToLower(l), "catalog") || strings.Contains(strings.ToLower(l), "librar") {
		return l
	}
	return l + " catalogue"
}

package main

import (
	"errors"
	"fmt"
	"strings"

	"fieldshelf/app"
)

// describe is the line a person reads for err: the plain sentence that
// the application's sentinel errors stand for, else the error's own text;
// with verbose, the whole technical chain as well. Each of joined errors
// (a batch's failures) is described on its own.
func describe(err error, verbose bool) string {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var parts []string
		for _, e := range j.Unwrap() {
			parts = append(parts, describe(e, verbose))
		}
		return strings.Join(parts, "; ")
	}
	plain := plainSentence(err)
	switch {
	case plain == "":
		return oneLine(err)
	case verbose:
		return plain + " (" + oneLine(err) + ")"
	}
	return plain
}

// plainSentence says in plain words what a sentinel error of package app
// means; "" for other errors, whose own text is the best there is.
func plainSentence(err error) string {
	var nf *app.NotFoundError
	var long *app.QueryTooLongError
	switch {
	case errors.As(err, &nf):
		return fmt.Sprintf("no %s %d", nf.Kind, nf.ID)
	case errors.As(err, &long):
		return long.Error()
	case errors.Is(err, app.ErrReadOnly):
		return readOnlyNotice
	case errors.Is(err, app.ErrNewerSchema):
		return "this library was written by a newer version of Fieldshelf: update Fieldshelf to open it"
	}
	return ""
}

package fetch

import (
	"context"
	"errors"
)

// Unreachable reports whether err is a failure to exchange with the server
// at all (no route, no answer, a dropped or stalled connection, a refused
// certificate), after the retries, as opposed to an answer the server
// gave (a StatusError) or a cancelled request.
func Unreachable(err error) bool {
	var f *failure
	return errors.As(err, &f) && !errors.Is(err, context.Canceled)
}

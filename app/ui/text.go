package ui

import (
	"strings"
	"time"
)

// nowFunc is the clock for relative times in lists.
var nowFunc = time.Now

// oneLine flattens a joined error into one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " ")
}

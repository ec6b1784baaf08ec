// Package syslocale tidies the locale variables before the GUI toolkit
// reads them. Debian and most containers default to LANG=C.UTF-8, which
// Fyne cannot parse: it logs three error lines to standard error at start,
// even for a headless command, which breaks the one-line-on-failure
// contract of the command line. "C.UTF-8" means the same as "C" for the
// language of messages, so the codeset is dropped from a C or POSIX value.
//
// Import it for its side effect, before any Fyne package:
//
//	import _ "fieldshelf/app/syslocale"
//
// Go initialises packages in the order of their import paths where
// dependencies allow, so this package, which needs only os and strings,
// runs before fyne.io/fyne/v2/lang.
package syslocale

import (
	"os"
	"strings"
)

func init() { Normalize() }

// Normalize rewrites LC_ALL, LC_MESSAGES and LANG from "C.<codeset>" or
// "POSIX.<codeset>" to "C" or "POSIX". Other values are left alone.
func Normalize() {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		base, _, found := strings.Cut(v, ".")
		if found && (base == "C" || base == "POSIX") {
			os.Setenv(name, base)
		}
	}
}

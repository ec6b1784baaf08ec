package ui

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"fieldshelf/assets"
)

// Language is one of the interface's languages.
type Language struct {
	Code string // a BCP 47 tag, the name of its file in assets/lang without .json
	Name string // its name in the language itself
}

// Languages are the interface's languages, English first (the fallback).
var Languages = []Language{
	{"en", "English"},
	{"fr", "Français"},
	{"es", "Español"},
	{"ru", "Русский"},
	{"th", "ไทย"},
	{"vi", "Tiếng Việt"},
	{"zh-Hans", "简体中文"},
}

// prefLanguage keeps the language chosen in the settings; empty follows
// the system.
const prefLanguage = "language"

var (
	langMu  sync.Mutex
	current = Languages[0]
	printer = message.NewPrinter(language.English)
)

// SetLanguage makes code the interface's language for the widgets built
// from now on: code is one of Languages' codes (or any tag close to one),
// or "" to follow the system (LC_ALL, LC_MESSAGES, LANG and LANGUAGE on
// Linux). A language Fieldshelf does not have falls back to English.
// Where the language cannot be chosen (see LanguageChoosable) code is
// ignored. It returns the language chosen.
func SetLanguage(code string) Language {
	want := systemLanguage()
	if code != "" && LanguageChoosable() {
		want = code
	}
	chosen := matchLanguage(want)
	langMu.Lock()
	defer langMu.Unlock()
	current = chosen
	printer = message.NewPrinter(language.Make(chosen.Code))
	// Fyne's lang picks its language from the environment each time
	// translations are added: it is given the chosen one for that moment,
	// so that the choice in the settings wins over the system's.
	restore := setenv(map[string]string{"LANGUAGE": chosen.Code, "LC_ALL": chosen.Code})
	err := lang.AddTranslationsFS(assets.Lang, "lang")
	restore()
	if err != nil {
		fyne.LogError("the interface's translations could not be loaded", err)
	}
	return chosen
}

// LanguageChoosable reports whether the settings can choose the
// interface's language. Fyne's lang takes the language from the
// environment on Linux and the BSDs, where Fieldshelf gives it the one
// chosen; on Windows and macOS it asks the system, so the interface
// follows the system's language there.
func LanguageChoosable() bool {
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "android", "js":
		return false
	}
	return true
}

// SystemLanguage returns the language of Languages closest to the
// system's (English when none is close), whatever the settings say: the
// demo library takes its user guide in it.
func SystemLanguage() Language { return matchLanguage(systemLanguage()) }

// CurrentLanguage returns the interface's language.
func CurrentLanguage() Language {
	langMu.Lock()
	defer langMu.Unlock()
	return current
}

// systemLanguage is the language of the system's locale, as a BCP 47 tag:
// on Linux and the BSDs gettext's variables (LC_ALL, LC_MESSAGES, LANG,
// then LANGUAGE's list unless the locale is C), elsewhere Fyne's lookup.
func systemLanguage() string {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return lang.SystemLocale().String()
	}
	locale := ""
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale = os.Getenv(k); locale != "" {
			break
		}
	}
	if base, _, _ := strings.Cut(locale, "."); base == "" || base == "C" || base == "POSIX" {
		return "en"
	}
	if list := os.Getenv("LANGUAGE"); list != "" {
		locale, _, _ = strings.Cut(list, ":")
	}
	locale, _, _ = strings.Cut(locale, ".")
	locale, _, _ = strings.Cut(locale, "@")
	return strings.ReplaceAll(locale, "_", "-")
}

// matchLanguage returns the language of Languages closest to tag,
// English when none is close.
func matchLanguage(tag string) Language {
	t, err := language.Parse(tag)
	if err != nil {
		return Languages[0]
	}
	tags := make([]language.Tag, len(Languages))
	for i, l := range Languages {
		tags[i] = language.Make(l.Code)
	}
	_, i, conf := language.NewMatcher(tags).Match(t)
	if conf == language.No {
		return Languages[0]
	}
	return Languages[i]
}

// setenv sets the variables and returns a function that puts back their
// previous values.
func setenv(vars map[string]string) (restore func()) {
	old := map[string]*string{}
	for k, v := range vars {
		if prev, ok := os.LookupEnv(k); ok {
			old[k] = &prev
		} else {
			old[k] = nil
		}
		os.Setenv(k, v)
	}
	return func() {
		for k, v := range old {
			if v == nil {
				os.Unsetenv(k)
			} else {
				os.Setenv(k, *v)
			}
		}
	}
}

// thousands writes n as the interface's language writes numbers: 100,000
// in English, 100 000 in French.
func thousands(n int) string {
	langMu.Lock()
	defer langMu.Unlock()
	return printer.Sprintf("%d", n)
}

// decimal writes v with one decimal as the interface's language does.
func decimal(v float64) string {
	langMu.Lock()
	defer langMu.Unlock()
	return printer.Sprintf("%.1f", v)
}

// sizeText writes a size in bytes with decimal units (1 kB = 1000 bytes,
// as app.FormatSize does), its number and unit in the interface's
// language.
func sizeText(n int64) string {
	if n < 0 {
		if n == math.MinInt64 {
			n++
		}
		return "-" + sizeText(-n)
	}
	if n < 1000 {
		return lang.L("{{.N}} B", map[string]any{"N": thousands(int(n))})
	}
	v, i := float64(n)/1000, 0
	for v >= 999.5 && i < 5 {
		v /= 1000
		i++
	}
	num := fmt.Sprintf("%.0f", v)
	if v < 9.95 {
		num = decimal(v)
	}
	args := map[string]any{"N": num}
	switch i {
	case 0:
		return lang.L("{{.N}} kB", args)
	case 1:
		return lang.L("{{.N}} MB", args)
	case 2:
		return lang.L("{{.N}} GB", args)
	case 3:
		return lang.L("{{.N}} TB", args)
	case 4:
		return lang.L("{{.N}} PB", args)
	}
	return lang.L("{{.N}} EB", args)
}

// monthName is the name of m in the interface's language, as it goes in
// a date.
func monthName(m time.Month) string {
	names := [...]string{lang.L("January"), lang.L("February"), lang.L("March"), lang.L("April"),
		lang.L("May"), lang.L("June"), lang.L("July"), lang.L("August"), lang.L("September"),
		lang.L("October"), lang.L("November"), lang.L("December")}
	return names[(int(m)+11)%12]
}

// dateText writes t's day as the interface's language does: 2 January 2026.
func dateText(t time.Time) string {
	return lang.L("{{.Day}} {{.Month}} {{.Year}}", map[string]any{"Day": t.Day(), "Month": monthName(t.Month()),
		"Year": t.Year()})
}

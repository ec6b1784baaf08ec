// Package assets holds the files Fieldshelf embeds in its binary: the
// application icon, the demo catalogue, the user guide and the
// interface's translations.
package assets

import (
	"embed"
	"strings"
)

// Demo is the demo library: demo/catalog.xml, an OPDS 1.2 acquisition feed,
// and the files its entries link to, at paths relative to the feed.
//
//go:embed demo
var Demo embed.FS

// Lang holds the interface's translations, one JSON file per language
// (lang/en.json, lang/fr.json, ...) keyed by the English text, in the
// format of Fyne's lang package (go-i18n).
//
//go:embed lang/*.json
var Lang embed.FS

// Icon is the application icon, a 512x512 PNG.
//
//go:embed icon.png
var Icon []byte

// DemoCatalog returns a copy of demo/catalog.xml, the demo library's feed.
func DemoCatalog() []byte {
	b, err := Demo.ReadFile("demo/catalog.xml")
	if err != nil {
		panic("assets: demo catalogue missing from the binary: " + err.Error())
	}
	return b
}

// DemoFiles returns the files of the demo library other than the feed, by
// their names relative to it, with the user guide in English.
func DemoFiles() map[string][]byte { return DemoFilesFor("en") }

// DemoFilesFor returns the files of the demo library other than the feed,
// by their names relative to it, with the user guide in the language lang
// (a BCP 47 tag such as "fr") when there is one, demo/user-guide.LANG.pdf,
// else in English. The guide is always user-guide.pdf, as the feed links
// it.
func DemoFilesFor(lang string) map[string][]byte {
	files := map[string][]byte{}
	entries, err := Demo.ReadDir("demo")
	if err != nil {
		panic("assets: demo folder missing from the binary: " + err.Error())
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == "catalog.xml" || strings.HasPrefix(name, guidePrefix) && name != guideName {
			continue
		}
		b, err := Demo.ReadFile("demo/" + name)
		if err != nil {
			panic("assets: " + err.Error())
		}
		files[name] = b
	}
	if b, err := Demo.ReadFile("demo/" + guidePrefix + lang + ".pdf"); err == nil && lang != "" {
		files[guideName] = b
	}
	return files
}

// The user guide's file in the demo folder, and the start of its
// translations' names (user-guide.fr.pdf).
const (
	guideName   = "user-guide.pdf"
	guidePrefix = "user-guide."
)

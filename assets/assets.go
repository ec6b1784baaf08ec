// Package assets holds the files Fieldshelf embeds in its binary: the
// application icon, the demo catalogue, the user guide and the
// interface's translations.
package assets

import "embed"

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
// their names relative to it.
func DemoFiles() map[string][]byte {
	files := map[string][]byte{}
	entries, err := Demo.ReadDir("demo")
	if err != nil {
		panic("assets: demo folder missing from the binary: " + err.Error())
	}
	for _, e := range entries {
		if e.IsDir() || e.Name() == "catalog.xml" {
			continue
		}
		b, err := Demo.ReadFile("demo/" + e.Name())
		if err != nil {
			panic("assets: " + err.Error())
		}
		files[e.Name()] = b
	}
	return files
}

package main

// guideText is the user guide in one language: its sections and the words
// on every page.
type guideText struct {
	sections []section
	title    string // the document's title, also at the foot of each page
	page     string // the page number at the foot: a format with one %d
}

// guides are the guide's languages, by BCP 47 tag. To add one, write its
// sections (guide_LANG.go, from guide.go) and its entry here, add it to
// the Makefile's guide target and run make guide: the demo library picks
// assets/demo/user-guide.LANG.pdf for people whose system speaks LANG
// (assets.DemoFilesFor). A translation keeps the English sections, their
// subheadings and its contents list ("> " entries named exactly as the
// headings they go to), and its sections start on the English pages:
// TestGuidesFollowTheEnglishOne says where one does not.
var guides = map[string]guideText{
	"en": {guide, "Fieldshelf user guide", "Page %d"},
	"fr": {guideFR, "Guide d'utilisation de Fieldshelf", "Page %d"},
	"es": {guideES, "Guía de uso de Fieldshelf", "Página %d"},
}

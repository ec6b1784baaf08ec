package catalog_test

import (
	"testing"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/catalog"
)

func TestPalaceGroups(t *testing.T) {
	f := mustParse(t, "https://gorgon.staging.palaceproject.io/a1qa-test/groups/", "application/opds+json", shared(t, "opds2_palace_groups.json"))
	eq(t, "Kind", f.Kind, catalog.KindAcquisition)
	eq(t, "Title", f.Title, "A1QA Test Library")
	eq(t, "publications", len(f.Entries), 217)
	eq(t, "no navigation (self, start, shelf are not)", len(f.Navigation), 0)
	eqSlice(t, "search (OpenSearch XML from an OPDS 2 feed)", f.Search, []app.Link{{
		Href: "https://gorgon.staging.palaceproject.io/a1qa-test/search/?entrypoint=All", Rel: "search",
		Type: "application/opensearchdescription+xml",
	}})
	eqSlice(t, "facets", titles(f.Facets), []string{"eBooks", "Audiobooks"})
	eq(t, "facet href", f.Facets[0].Href, "https://gorgon.staging.palaceproject.io/a1qa-test/groups/?entrypoint=Book")

	e := f.Entries[0]
	eq(t, "id", e.ID, "urn:isbn:9786070710308")
	eq(t, "title", e.Title, "La otra historia de México. Díaz y Madero")
	eqSlice(t, "author object", e.Authors, []string{`Armando Fuentes Aguirre "Catón"`})
	eq(t, "publisher object", e.Publisher, "Grupo Planeta - México")
	eq(t, "year", e.Year, 2024)
	eq(t, "language", e.Language, "es")
	eq(t, "updated", e.Updated, time.Date(2025, 8, 21, 14, 49, 10, 0, time.UTC))
	eq(t, "cover", e.Cover, "https://imagedelivery.net/MoyOSb5DbIV0Ggq39kOkWQ/cover/images/9786070710308.jpg/public")
	eqSlice(t, "tags", e.Tags, []app.Tag{
		{Term: "Nonfiction", Label: "Nonfiction", Scheme: "http://librarysimplified.org/terms/fiction/", Kind: app.TagSubject},
		{Term: "Biography & Memoir", Label: "Biography & Memoir", Scheme: "http://librarysimplified.org/terms/genres/Simplified/", Kind: app.TagSubject},
		{Term: "Adult", Label: "Adult", Scheme: "http://schema.org/audience", Kind: app.TagSubject},
	})
	// The borrow link points to an OPDS 1 entry; its chain is LCP, then EPUB.
	eqSlice(t, "links", e.Links, []app.Link{{
		Href: "https://gorgon.staging.palaceproject.io/a1qa-test/works/ISBN/9786070710308/borrow",
		Rel:  acq + "/borrow", Type: "application/atom+xml;type=entry;profile=opds-catalog",
		Indirect: []string{"application/vnd.readium.lcp.license.v1.0+json", "application/epub+zip"},
	}})

	// Several borrow links: the Adobe→PDF one comes first.
	dragon := f.Entries[84]
	eq(t, "dragon", dragon.Title, "The Dragon's Eye")
	eqSlice(t, "dragon hrefs", hrefs(dragon.Links), []string{
		"https://gorgon.staging.palaceproject.io/a1qa-test/works/Axis%20360%20ID/0012402996/borrow/11",
		"https://gorgon.staging.palaceproject.io/a1qa-test/works/Axis%20360%20ID/0012402996/borrow/1",
		"https://gorgon.staging.palaceproject.io/a1qa-test/works/Axis%20360%20ID/0012402996/borrow/33",
	})
	eqSlice(t, "dragon PDF chain", dragon.Links[0].Indirect, []string{"application/vnd.adobe.adept+xml", "application/pdf"})
	// A repeated publication keeps its raw id twice.
	eq(t, "repeat id", f.Entries[215].ID, dragon.ID)

	withPDF, noLinks := 0, 0
	for _, e := range f.Entries {
		if len(e.Links) == 0 {
			noLinks++
		}
		if app.IsPDF(e.Links[0]) {
			withPDF++
		}
	}
	eq(t, "entries whose first link is a PDF", withPDF, 18)
	eq(t, "entries with no acquisition", noLinks, 0)
}

func TestCantookHome(t *testing.T) {
	f := mustParse(t, "https://epl.cantookstation.com/v1/home.opds2", "application/opds+json; charset=utf-8", shared(t, "opds2_cantook_epl_home.json"))
	eq(t, "Kind", f.Kind, catalog.KindAcquisition)
	eq(t, "Title", f.Title, "Edmonton Public Library")
	eq(t, "entries (two groups of 18)", len(f.Entries), 36)
	eqSlice(t, "navigation titles", titles(f.Navigation), []string{
		"Ebooks", "Magazines", "Audiobooks", "Featured selections", "Categories", "Recent releases", "Top titles",
	})
	eq(t, "group see-more", f.Navigation[6], app.Link{Href: "https://epl.cantookstation.com/v1/top.opds2", Rel: "self", Type: "application/opds+json", Title: "Top titles"})
	eq(t, "first nav", f.Navigation[0].Href, "https://epl.cantookstation.com/v1/resources.opds2?available_now_for_opds=1&nature=ebook")
	eqSlice(t, "templated search", f.Search, []app.Link{{
		Href: "https://epl.cantookstation.com/v1/resources.opds2{?query}", Rel: "search", Type: "application/opds+json",
	}})
	eq(t, "filled", catalog.FillTemplate(f.Search[0].Href, "lake & river"), "https://epl.cantookstation.com/v1/resources.opds2?query=lake%20%26%20river")

	e := f.Entries[0]
	eq(t, "id", e.ID, "urn:isbn:9780228634829")
	eq(t, "title", e.Title, "Skidded and Skunked")
	eqSlice(t, "authors (list)", e.Authors, []string{"Dean L. Hovey"})
	eq(t, "publisher (object)", e.Publisher, "Books We Love Ltd.")
	eq(t, "updated (milliseconds)", e.Updated, time.Date(2025, 7, 7, 14, 33, 21, 825000000, time.UTC))
	eq(t, "year", e.Year, 2025)
	eqSlice(t, "subjects", e.Tags, []app.Tag{
		{Term: "FBFIC022020", Label: "Police Procedural", Scheme: "http://www.feedbooks.com/categories", Kind: app.TagSubject},
		{Term: "FBFIC022040", Label: "Women Sleuths", Scheme: "http://www.feedbooks.com/categories", Kind: app.TagSubject},
	})
	eqSlice(t, "borrow (OPDS publication) then sample", relsOf(e.Links), []string{acq + "/borrow", acq + "/sample"})
	eq(t, "borrow type", e.Links[0].Type, "application/opds-publication+json")
	eq(t, "trailing space trimmed", f.Entries[1].Publisher, "Renegade Arts Entertainment")

	band := entryByID(t, f, "urn:isbn:9781998489527")
	eq(t, "band title", band.Title, "The Last Band on Earth")
	// A sample PDF ranks after the full (non-PDF) borrow acquisition.
	eqSlice(t, "band rels", relsOf(band.Links), []string{acq + "/borrow", acq + "/sample"})
	eq(t, "band sample type", band.Links[1].Type, "application/pdf")
}

func TestReadium2Publications(t *testing.T) {
	f := mustParse(t, "https://readium2.feedbooks.net/publications.json", "application/opds+json", shared(t, "opds2_readium2_feedbooks_publications.json"))
	eq(t, "Kind", f.Kind, catalog.KindAcquisition)
	eq(t, "Title", f.Title, "Readium 2 OPDS 2.0 Feed")
	eq(t, "Updated (9 digits, +02:00)", f.Updated, time.Date(2017, 7, 12, 15, 38, 39, 105944198, time.UTC))
	eq(t, "entries", len(f.Entries), 5)
	smoke := f.Entries[0]
	eq(t, "id", smoke.ID, "urn:uuid:36d5078e-ff7d-468e-a5f3-f47c14b91f2f")
	eq(t, "authors", len(smoke.Authors), 7)
	eq(t, "author 7", smoke.Authors[6], "Ric Wright")
	eq(t, "publisher list", smoke.Publisher, "Readium")
	eq(t, "year", smoke.Year, 2014)
	eq(t, "no acquisition links", len(smoke.Links), 0)
	eq(t, "cover", smoke.Cover, "https://readium2.feedbooks.net/Ym9va3MvU21va2VUZXN0RlhM/images/EPUB-Logo-Smoke.png")
	eqSlice(t, "subject", smoke.Tags, []app.Tag{{Term: "Smoke Test", Label: "Smoke Test", Kind: app.TagSubject}})
	moby := f.Entries[2]
	eq(t, "moby", moby.ID, "code.google.com.epub-samples.moby-dick-basic")
	eq(t, "zero-time published is unknown", moby.Year, 0)
	eq(t, "modified (9 digits)", moby.Updated, time.Date(2017, 7, 12, 15, 38, 39, 116810265, time.UTC))
	eq(t, "publisher with escaped &", moby.Publisher, "Harper & Brothers, Publishers")
	eqSlice(t, "contributors are not authors", moby.Authors, []string{"Herman Melville"})
	eq(t, "lcp moby has no acquisition (license is not one)", len(f.Entries[3].Links), 0)
	eq(t, "description", f.Entries[4].Summary, "Multiple video tests (see Navigation Document (toc) for details)")
}

func TestReadiumGroupsRelative(t *testing.T) {
	f := mustParse(t, "http://example.com/grouped", "", shared(t, "opds2_readium_groups_relative.json"))
	eq(t, "Kind", f.Kind, catalog.KindAcquisition)
	eqSlice(t, "navigation", f.Navigation, []app.Link{
		{Href: "http://example.com/new", Rel: "http://opds-spec.org/sort/new", Type: "application/opds+json", Title: "New Publications"},
		{Href: "http://example.com/popular", Rel: "http://opds-spec.org/sort/popular", Type: "application/opds+json", Title: "Popular Publications"},
		{Href: "http://example.com/featured", Rel: "self", Type: "application/opds+json", Title: "Featured Books"},
	})
	eq(t, "entries", len(f.Entries), 1)
	e := f.Entries[0]
	eq(t, "title", e.Title, "Moby-Dick")
	eqSlice(t, "author string", e.Authors, []string{"Herman Melville"})
	eq(t, "id", e.ID, "urn:isbn:978031600000X")
	eq(t, "cover (first image)", e.Cover, "http://example.org/cover.jpg")
	eq(t, "updated", e.Updated, time.Date(2015, 9, 29, 17, 0, 0, 0, time.UTC))
}

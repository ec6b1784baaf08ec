package catalog_test

import (
	"strings"
	"testing"
	"time"

	"fieldshelf/app"
	"fieldshelf/app/catalog"
)

const (
	acq       = "http://opds-spec.org/acquisition"
	opdsNavTy = "application/atom+xml;profile=opds-catalog"
)

func TestGutenbergNavigation2014(t *testing.T) {
	// The page base differs from xml:base, which must win.
	f := mustParse(t, "https://proxy.example.net/fetched", "application/atom+xml", shared(t, "opds1_gutenberg_navigation_2014.xml"))
	eq(t, "Kind", f.Kind, catalog.KindNavigation)
	eq(t, "ID", f.ID, "http://m.gutenberg.org/ebooks.opds/")
	eq(t, "Title", f.Title, "Project Gutenberg")
	eq(t, "Updated", f.Updated, time.Date(2014, 5, 17, 12, 4, 49, 0, time.UTC))
	eq(t, "entries", len(f.Entries), 0)
	eqSlice(t, "navigation", hrefs(f.Navigation), []string{
		"http://m.gutenberg.org/ebooks/search.opds/?sort_order=downloads",
		"http://m.gutenberg.org/ebooks/search.opds/?sort_order=release_date",
		"http://m.gutenberg.org/ebooks/search.opds/?sort_order=random&limit=5",
	})
	eqSlice(t, "navigation titles", titles(f.Navigation), []string{"Popular", "Latest", "Random"})
	eq(t, "nav rel", f.Navigation[0].Rel, "subsection")
	eq(t, "nav type", f.Navigation[0].Type, opdsNavTy)
	eqSlice(t, "search", hrefs(f.Search), []string{"http://m.gutenberg.org/catalog/osd-books.xml"})
	eq(t, "search type", f.Search[0].Type, "application/opensearchdescription+xml")
	eq(t, "Next", f.Next, "")
	eq(t, "facets", len(f.Facets), 0)
}

func TestGutenbergAcquisition2014(t *testing.T) {
	f := mustParse(t, "http://m.gutenberg.org/ebooks/42474.opds", "", shared(t, "opds1_gutenberg_acquisition_2014.xml"))
	eq(t, "Kind", f.Kind, catalog.KindAcquisition)
	eq(t, "ID", f.ID, "http://m.gutenberg.org:80/ebooks/42474.opds") // ids are kept raw
	eq(t, "entries", len(f.Entries), 2)
	a, b := f.Entries[0], f.Entries[1]
	// Same title, different ids: the image and no-image editions.
	eq(t, "titles equal", a.Title, b.Title)
	eq(t, "title", a.Title, "1000 Mythological Characters Briefly Described")
	eq(t, "id a", a.ID, "urn:gutenberg:42474:2")
	eq(t, "id b", b.ID, "urn:gutenberg:42474:3")
	eqSlice(t, "authors", a.Authors, []string{"Ellis, Edward Sylvester"})
	eq(t, "year (published)", a.Year, 2013)
	eq(t, "language", a.Language, "en")
	eq(t, "updated", a.Updated, time.Date(2014, 9, 3, 12, 16, 15, 0, time.UTC))
	wantTag(t, a.Tags, app.Tag{Term: "Text", Label: "Text", Scheme: "http://purl.org/dc/terms/DCMIType", Kind: app.TagSubject})
	eqSlice(t, "links a", a.Links, []app.Link{
		{Href: "http://www.gutenberg.org/ebooks/42474.epub.noimages", Rel: acq, Type: "application/epub+zip", Title: "EPUB (no images)", Length: 144227},
		{Href: "http://www.gutenberg.org/ebooks/42474.kindle.noimages", Rel: acq, Type: "application/x-mobipocket-ebook", Title: "Kindle (no images)", Length: 550643},
	})
	// Protocol-relative hrefs take the scheme of the xml:base (http).
	eqSlice(t, "links b", hrefs(b.Links), []string{
		"http://www.gutenberg.org/ebooks/42474.epub.images",
		"http://www.gutenberg.org/ebooks/42474.kindle.images",
	})
	eq(t, "length b", b.Links[1].Length, int64(1553578))
	eq(t, "cover a", a.Cover, "http://www.gutenberg.org/cache/epub/42474/pg42474.cover.medium.jpg")
	eq(t, "cover b", b.Cover, "http://www.gutenberg.org/cache/epub/42474/pg42474.cover.medium.jpg")
	// XHTML content: paragraphs and <br/> become lines.
	eq(t, "summary", a.Summary, "This edition had all images removed.\n"+
		"Title: 1000 Mythological Characters Briefly Described\n"+
		"Adapted to Private Schools, High Schools and Academies\n"+
		"Author: Ellis, Edward Sylvester, 1840-1916\nEbook No.: 42474\nPublished: Apr 7, 2013\n"+
		"Downloads: 1209\nLanguage: English\nCategory: Text\nRights: Public domain in the USA.")
	eqSlice(t, "search", hrefs(f.Search), []string{"http://m.gutenberg.org/catalog/osd-books.xml"})
	eq(t, "navigation", len(f.Navigation), 0) // related links of publications are not followed
}

func TestGutenbergAcquisition2021(t *testing.T) {
	// No xml:base: root-relative links resolve against the request URL.
	f := mustParse(t, "https://www.gutenberg.org/ebooks/42474.opds", "", shared(t, "opds1_gutenberg_acquisition_2021.xml"))
	eq(t, "entries", len(f.Entries), 2)
	e := f.Entries[0]
	eq(t, "id", e.ID, "urn:gutenberg:42474:2")
	eq(t, "year", e.Year, 2013)
	eqSlice(t, "tags", e.Tags, []app.Tag{
		{Term: "Mythology -- Dictionaries", Label: "Mythology -- Dictionaries", Scheme: "http://purl.org/dc/terms/LCSH", Kind: app.TagSubject},
		{Term: "BL", Label: "Philosophy, Psychology, Religion: Religion: General, Miscellaneous and Atheism", Scheme: "http://purl.org/dc/terms/LCC", Kind: app.TagSubject},
		{Term: "Text", Label: "Text", Scheme: "http://purl.org/dc/terms/DCMIType", Kind: app.TagSubject},
	})
	eq(t, "link", e.Links[0], app.Link{Href: "https://www.gutenberg.org/ebooks/42474.epub.noimages", Rel: acq, Type: "application/epub+zip", Title: "EPUB (no images)", Length: 143854})
	eq(t, "entry 2 last link", f.Entries[1].Links[1].Href, "https://www.gutenberg.org/ebooks/42474.kindle.images")
	eq(t, "summary line", contains(e.Summary, "Published: 7 apr. 2013"), true)
	eqSlice(t, "search", hrefs(f.Search), []string{"https://www.gutenberg.org/catalog/osd-books.xml"})
}

func TestFeedbooksPublicDomainNavigation2014(t *testing.T) {
	f := mustParse(t, "http://www.feedbooks.com/publicdomain/catalog.atom", "", shared(t, "opds1_feedbooks_publicdomain_navigation_2014.xml"))
	eq(t, "Kind", f.Kind, catalog.KindNavigation)
	eq(t, "Title", f.Title, "Public Domain Books")
	eq(t, "entries", len(f.Entries), 0)
	// Two entries share one id; their links are still both kept.
	eqSlice(t, "navigation", hrefs(f.Navigation), []string{
		"http://www.feedbooks.com/books/top.atom",
		"http://www.feedbooks.com/books/recent.atom",
		"http://www.feedbooks.com/books/categories/FBFIC000000.atom?lang=en",
		"http://www.feedbooks.com/books/categories/FBNFC000000.atom?lang=en",
	})
	eqSlice(t, "navigation titles", titles(f.Navigation), []string{"Most Popular", "Recently Added", "Fiction", "Non-Fiction"})
	eq(t, "sort rel kept", f.Navigation[0].Rel, "http://opds-spec.org/sort/popular")
	// Feed-level sort/featured/shelf links are not navigation.
	for _, l := range f.Navigation {
		if l.Href == "http://www.feedbooks.com/featured.atom?view=books" || l.Href == "https://www.feedbooks.com/user/bookshelf.atom" {
			t.Errorf("feed-level link %s in navigation", l.Href)
		}
	}
	eqSlice(t, "search", hrefs(f.Search), []string{"http://www.feedbooks.com/opensearch.xml"})
}

func TestFeedbooksRoot2018(t *testing.T) {
	f := mustParse(t, "http://www.feedbooks.com/catalog.atom", "", shared(t, "opds1_feedbooks_root_2018.xml"))
	eq(t, "Kind", f.Kind, catalog.KindNavigation)
	eq(t, "ID", f.ID, "http://www.feedbooks.com/catalog.atom")
	eq(t, "navigation", len(f.Navigation), 6)
	eqSlice(t, "titles", titles(f.Navigation), []string{"Best Sellers", "New Releases", "Recommended Readings", "Fiction", "Non-Fiction", "Free Books"})
	eq(t, "acquisition-kind nav", f.Navigation[0].Href, "http://www.feedbooks.com/store/top.atom")
	eq(t, "navigation-kind nav", f.Navigation[5].Href, "http://www.feedbooks.com/publicdomain/catalog.atom")
	for _, l := range f.Navigation {
		if l.Href == "http://www.feedbooks.com/store/selection.atom?lang=fr" {
			t.Error("feed-level featured link (Livre en français) is in navigation")
		}
	}
}

func TestFeedbooksTestCatalog(t *testing.T) {
	base := "http://127.0.0.1:1234/test/main.xml"
	f := mustParse(t, base, "", shared(t, "opds1_feedbooks_testcatalog_paged_relative.xml"))
	eq(t, "Kind", f.Kind, catalog.KindAcquisition)
	eq(t, "ID (not a URI, kept)", f.ID, "main.xml")
	eq(t, "Title", f.Title, "First Acquisition Feed")
	eq(t, "Next", f.Next, "http://127.0.0.1:1234/test/page2.xml")
	eqSlice(t, "search", hrefs(f.Search), []string{"http://127.0.0.1:1234/opensearch.xml"})
	eq(t, "entries", len(f.Entries), 17)

	pride := entryByID(t, f, "http://feedbooks.github.io/test/1")
	eq(t, "title", pride.Title, "Pride and Prejudice")
	eqSlice(t, "authors", pride.Authors, []string{"Jane Austen"})
	eq(t, "year (dcterms:issued 1813, not published 2006)", pride.Year, 1813)
	eq(t, "language", pride.Language, "en")
	eq(t, "updated", pride.Updated, time.Date(2012, 10, 12, 17, 43, 18, 0, time.UTC))
	eq(t, "cover (../larger.jpg)", pride.Cover, "http://127.0.0.1:1234/larger.jpg")
	eqSlice(t, "tags", pride.Tags, []app.Tag{
		{Term: "FBFIC000000", Label: "Fiction", Kind: app.TagSubject},
		{Term: "FBFIC027000", Label: "Romance", Kind: app.TagSubject},
	})
	eq(t, "summary from html content", pride.Summary[:40], "Pride And Prejudice, the story of Mrs. B")
	eqSlice(t, "links", pride.Links, []app.Link{{Href: "http://www.feedbooks.com/book/52.epub", Rel: acq, Type: "application/epub+zip"}})

	eqSlice(t, "contributor stands in for author", entryByID(t, f, "http://feedbooks.github.io/test/5").Authors, []string{"Jane Austen"})
	noLabel := entryByID(t, f, "http://feedbooks.github.io/test/6")
	eq(t, "label falls back to term", noLabel.Tags[0], app.Tag{Term: "FBFIC000000", Label: "FBFIC000000", Kind: app.TagSubject})
	summaryOnly := entryByID(t, f, "http://feedbooks.github.io/test/3")
	eq(t, "summary only", strings.HasSuffix(summaryOnly.Summary, "Hertfordshire when y..."), true)
	both := entryByID(t, f, "http://feedbooks.github.io/test/4")
	eq(t, "content preferred to summary", len(both.Summary) > len(summaryOnly.Summary), true)

	rels := map[string]string{
		"7": acq + "/open-access", "8": acq + "/sample", "9": acq + "/buy",
		"10": acq + "/subscribe", "11": acq + "/borrow", "16": acq,
	}
	for n, rel := range rels {
		e := entryByID(t, f, "http://feedbooks.github.io/test/"+n)
		eq(t, "rel of entry "+n, e.Links[0].Rel, rel)
	}
	buy := entryByID(t, f, "http://feedbooks.github.io/test/9")
	eq(t, "indirect under text/html", buy.Links[0], app.Link{
		Href: "http://www.feedbooks.com/book/52", Rel: acq + "/buy", Type: "text/html",
		Indirect: []string{"application/epub+zip"},
	})
	sampleBorrow := entryByID(t, f, "http://feedbooks.github.io/test/12")
	eqSlice(t, "sample after borrow", relsOf(sampleBorrow.Links), []string{acq + "/borrow", acq + "/sample"})
	multi := entryByID(t, f, "http://feedbooks.github.io/test/15")
	eqSlice(t, "multiple: feed order, sample last", relsOf(multi.Links), []string{acq + "/buy", acq + "/borrow", acq + "/sample"})
	bad := entryByID(t, f, "http://feedbooks.github.io/test/17")
	eq(t, "imaginary type kept", bad.Links[0].Type, "text/imaginarytype")
	eqSlice(t, "imaginary indirect", bad.Links[0].Indirect, []string{"application/epub+zip"})
}

func relsOf(links []app.Link) []string {
	out := make([]string, len(links))
	for i, l := range links {
		out[i] = l.Rel
	}
	return out
}

func TestFlibustaAuthors(t *testing.T) {
	f := mustParse(t, "http://flibusta.net/opds", "application/atom+xml;profile=opds-catalog", shared(t, "opds1_flibusta_authors_paged.xml"))
	eq(t, "Kind", f.Kind, catalog.KindNavigation)
	eq(t, "ID", f.ID, "tag:root:authors:Санд")
	eq(t, "Title", f.Title, "Книги по авторам")
	eq(t, "Updated (+01:00)", f.Updated, time.Date(2014, 11, 30, 16, 27, 27, 0, time.UTC))
	eq(t, "Next stays percent-encoded", f.Next, "http://flibusta.net/opds/authors/%D0%A1%D0%B0%D0%BD%D0%B4/1")
	eqSlice(t, "two search links", hrefs(f.Search), []string{
		"http://flibusta.net/opds-opensearch.xml",
		"http://flibusta.net/opds/search?searchTerm={searchTerms}",
	})
	eq(t, "template fill", catalog.FillTemplate(f.Search[1].Href, "Жорж Санд"),
		"http://flibusta.net/opds/search?searchTerm=%D0%96%D0%BE%D1%80%D0%B6%20%D0%A1%D0%B0%D0%BD%D0%B4")
	// The entry's link has no rel: it is "alternate", and it is navigation.
	eqSlice(t, "navigation", f.Navigation, []app.Link{{
		Href: "http://flibusta.net/opds/author/75357", Rel: "alternate",
		Type: "application/atom+xml;profile=opds-catalog", Title: "Санд Жаклин",
	}})
	eqSlice(t, "facets", titles(f.Facets), []string{"Книги автора по сериям", "Книги автора вне серий"})
	eq(t, "facet href", f.Facets[0].Href, "http://flibusta.net/opds/authorsequences/75357")
	eq(t, "facet rel", f.Facets[0].Rel, "http://www.feedbooks.com/opds/facet")
}

func TestCbetaSingleQuotesWrongNamespace(t *testing.T) {
	f := mustParse(t, "https://www.cbeta.org/opds/index.php", "", shared(t, "opds1_cbeta_single_quotes_wrong_ns.xml"))
	eq(t, "Kind", f.Kind, catalog.KindNavigation)
	eq(t, "ID", f.ID, "https://www.cbeta.org/opds/index.php")
	eq(t, "Title", f.Title, "CBETA ePub OPDS Catalog")
	eq(t, "Updated", f.Updated, time.Date(2023, 11, 13, 0, 0, 0, 0, time.UTC))
	eqSlice(t, "navigation", f.Navigation, []app.Link{
		{Href: "https://www.cbeta.org/opds/index.php?vol=T", Rel: "subsection", Type: "application/atom+xml;profile=opds-catalog;kind=navigation", Title: "Entry One"},
		{Href: "https://www.cbeta.org/opds/index.php?vol=X", Rel: "subsection", Type: "application/atom+xml;profile=opds-catalog;kind=navigation", Title: "Entry Two"},
	})
}

func TestLibrarySimplifiedEntry(t *testing.T) {
	f := mustParse(t, "http://circulation.librarysimplified.org/works/Overdrive/135d0478-1ab9-4cc1-a1aa-2aa616b1218c",
		"application/atom+xml;type=entry;profile=opds-catalog", shared(t, "opds1_librarysimplified_entry_indirect.xml"))
	eq(t, "Kind", f.Kind, catalog.KindEntry)
	eq(t, "entries", len(f.Entries), 1)
	e := f.Entries[0]
	eq(t, "id", e.ID, "urn:librarysimplified.org/terms/id/Overdrive%20ID/135d0478-1ab9-4cc1-a1aa-2aa616b1218c")
	eq(t, "title", e.Title, "The Frances Hodgson Burnett Megapack")
	eqSlice(t, "authors", e.Authors, []string{"Frances Hodgson Burnett"})
	eq(t, "publisher", e.Publisher, "Wildside Press LLC")
	eq(t, "year", e.Year, 2014)
	eq(t, "cover", e.Cover, "https://d3pqhns20516vc.cloudfront.net/Overdrive/135d0478-1ab9-4cc1-a1aa-2aa616b1218c/cover.jpg")
	wantTag(t, e.Tags, app.Tag{Term: "http://librarysimplified.org/terms/genres/Simplified/Classics", Label: "Classics", Scheme: "http://librarysimplified.org/terms/genres/Simplified/", Kind: app.TagSubject})
	wantTag(t, e.Tags, app.Tag{Term: "Adult", Label: "Adult", Scheme: "http://schema.org/audience", Kind: app.TagSubject})
	eq(t, "tags", len(e.Tags), 4)
	// Escaped HTML with character references: &#200; and &#201;.
	eq(t, "summary È", contains(e.Summary, "\nMÈRE GIRAUDS LITTLE DAUGHTER\n"), true)
	eq(t, "summary É", contains(e.Summary, "THE PRETTY SISTER OF JOSÉ"), true)
	eq(t, "summary no tags", contains(e.Summary, "<"), false)
	eq(t, "summary start", e.Summary[:60], "The Frances Hodgson Burnett Megapack collects 40 classic wor")
	// One link per indirect path; PDF paths first, then feed order.
	borrow := "http://circulation.librarysimplified.org/works/Overdrive/135d0478-1ab9-4cc1-a1aa-2aa616b1218c/borrow"
	ty := "application/atom+xml;type=entry;profile=opds-catalog"
	eqNested(t, "indirect paths", indirects(e.Links), [][]string{
		{"application/pdf"},
		{"vnd.adobe/adept+xml", "application/pdf"},
		{"application/epub+zip"},
		{"vnd.adobe/adept+xml", "application/epub+zip"},
	})
	for _, l := range e.Links {
		eq(t, "href", l.Href, borrow)
		eq(t, "type", l.Type, ty)
		eq(t, "rel", l.Rel, acq+"/borrow")
	}
	pdf, ok := e.FileLink()
	eq(t, "FileLink ok", ok, true)
	eqSlice(t, "FileLink", pdf.Indirect, []string{"application/pdf"})
	eq(t, "no navigation", len(f.Navigation), 0)
}

func indirects(links []app.Link) [][]string {
	out := make([][]string, len(links))
	for i, l := range links {
		out[i] = l.Indirect
	}
	return out
}

func TestSpecAcquisitionFacets(t *testing.T) {
	f := mustParse(t, "http://opds-spec.org/opds-catalogs/unpopular.xml", "", shared(t, "opds1_spec_acquisition_facets.xml"))
	eq(t, "Kind", f.Kind, catalog.KindAcquisition)
	eq(t, "Title", f.Title, "Unpopular Publications")
	eqSlice(t, "facets", f.Facets, []app.Link{
		{Href: "http://opds-spec.org/sci-fi", Rel: "http://opds-spec.org/facet", Title: "Science-Fiction"},
		{Href: "http://opds-spec.org/romance", Rel: "http://opds-spec.org/facet", Title: "Romance"},
	})
	eq(t, "related is not navigation", len(f.Navigation), 0)
	eq(t, "entries", len(f.Entries), 2)
	bob := entryByTitle(t, f, "Bob, Son of Bob")
	eq(t, "year dc:issued 1917", bob.Year, 1917)
	eq(t, "language", bob.Language, "en")
	eqSlice(t, "tags", bob.Tags, []app.Tag{{Term: "FIC020000", Label: "FICTION / Men's Adventure", Scheme: "http://www.bisg.org/standards/bisac_subject/index.html", Kind: app.TagSubject}})
	eqSlice(t, "EPUB and MOBI", hrefs(bob.Links), []string{"http://opds-spec.org/content/free/4561.epub", "http://opds-spec.org/content/free/4561.mobi"})
	eq(t, "cover prefers image", bob.Cover, "http://opds-spec.org/covers/4561.lrg.png")
	eq(t, "summary", bob.Summary, "The story of the son of the Bob and the gallant part he played in the lives of a man and a woman.")
	stamps := entryByID(t, f, "urn:uuid:7b595b0c-e15c-4755-bf9a-b7019f5c1dab")
	eqSlice(t, "three authors", stamps.Authors, []string{"Stampy McGee", "Alice McGee", "Harold McGee"})
	eq(t, "dc: bound to dcterms publisher", stamps.Publisher, "StampMeOnline, Inc.")
	eq(t, "year 2009-10-01", stamps.Year, 2009)
	eq(t, "text content", stamps.Summary, "The definitive reference for the web-curious philatelist.")
	eqSlice(t, "buy with two prices", stamps.Links, []app.Link{{Href: "http://opds-spec.org/content/buy/11241.epub", Rel: acq + "/buy", Type: "application/epub+zip"}})
}

func TestOpenSearchGutenberg(t *testing.T) {
	tpl, err := catalog.ParseOpenSearch("https://www.gutenberg.org/catalog/osd-books.xml", bytesReader(shared(t, "opensearch_gutenberg_osd.xml")))
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "template (the Atom one)", tpl, "http://m.gutenberg.org/ebooks/search.opds/?query={searchTerms}")
	eq(t, "filled", catalog.FillTemplate(tpl, "doyle detective"), "http://m.gutenberg.org/ebooks/search.opds/?query=doyle%20detective")
}

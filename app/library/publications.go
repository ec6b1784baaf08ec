package library

import (
	"hash/maphash"

	"fieldshelf/app"
	"fieldshelf/app/catalog"
	"fieldshelf/storage"
)

// publications tells, during one crawl, which listings are the same
// publication, and so the key each entry is stored under.
//
// A catalogue server often lists a publication several times: calibre's
// content server has it under "By newest", "By title", "By author", "By
// tags" and "By series", each paginated. Within a source the entry id
// names the publication, so a repeated id is the same publication, stored
// once under its id. Only when a repeat differs from the first listing in
// both title and file link is it another publication (a server that gives
// one id to several books): it gets a fallback key built from its id,
// title and file link, so it keeps the same key in the next sync. Entries
// without an id get that fallback key too, so identical ones merge.
type publications struct {
	seed  maphash.Seed
	byKey map[string]*publication
}

// publication is what the crawl remembers of a publication it listed.
type publication struct {
	title, link uint64 // hashes of the first listing's title and file link
	page        int    // index in the crawl's pages of the first page that listed it
	// tags come from the tag subsections that list it ("By tags" →
	// "Handbook"); they are given to a publication whose entry has none.
	tags []app.Tag
}

func newPublications() *publications {
	return &publications{seed: maphash.MakeSeed(), byKey: map[string]*publication{}}
}

// key returns the key of a listed entry and its publication; seen is set
// when an earlier listing of this crawl had it.
func (p *publications) key(e app.Entry, page int) (key string, pub *publication, seen bool) {
	l, _ := e.FileLink()
	title, link := maphash.String(p.seed, e.Title), maphash.String(p.seed, l.Href)
	if e.ID != "" {
		pub := p.byKey[e.ID]
		if pub == nil || pub.title == title || pub.link == link {
			return p.add(e.ID, pub, title, link, page)
		}
	}
	k := storage.FallbackKey(e.ID, e.Title, l.Href)
	return p.add(k, p.byKey[k], title, link, page)
}

func (p *publications) add(key string, pub *publication, title, link uint64, page int) (string, *publication, bool) {
	if pub != nil {
		return key, pub, true
	}
	pub = &publication{title: title, link: link, page: page}
	p.byKey[key] = pub
	return key, pub, false
}

// addTag records that a tag subsection titled label lists the publication.
func (pub *publication) addTag(label string) {
	t, ok := catalog.SubsectionTag(label)
	if !ok {
		return
	}
	for _, x := range pub.tags {
		if x.Kind == t.Kind && x.Label == t.Label {
			return
		}
	}
	pub.tags = append(pub.tags, t)
}

package ui

import (
	"math"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fieldshelf/app"
)

// searchDelay debounces the search field: a query runs once typing pauses.
const searchDelay = 250 * time.Millisecond

// searchLimit caps the results of one search.
const searchLimit = 200

// anyTag and anyType are the filter menus' entries that mean "no filter".
func anyTag() string  { return lang.L("All tags") }
func anyType() string { return lang.L("All types") }

// sortKeys are the sorts as the listing state keeps them (in English,
// whatever the language); sortLabels shows them, in the same order.
var sortKeys = []string{"Newest", "Title", "Recently read"}

func sortLabels() []string {
	return []string{lang.L("Newest"), lang.L("Title"), lang.L("Recently read")}
}

// LibraryScreen is the catalogue: a search field, filters, a virtualised
// list paged from the library, and a detail pane.
type LibraryScreen struct {
	u       *UI
	data    *listing
	search  *keyEntry
	tag     *widget.Select
	kind    *widget.Select
	year    *keyEntry
	pub     *keyEntry
	offline *widget.Check
	notes   *widget.Check
	updates *widget.Check
	sort    *widget.Select
	count   *widget.Label
	filters *filterBar
	list    *docList
	detail  *DetailPane
	content fyne.CanvasObject

	cancelSearch func()
	selected     int64
	selIndex     int // the selected row, -1 when none
	shownRows    bool
	pickFirst    bool     // select the first row once the results are in
	listed       bool     // the first listing has come back
	afterListed  []func() // work waiting for it (see whenListed)
	restoring    bool     // the kept sort and filters are being set: no reload, no save
	wantTag      string   // kept tag and type filters, set once their menus are loaded
	wantType     string
}

func newLibraryScreen(u *UI) *LibraryScreen {
	s := &LibraryScreen{u: u, data: newListing(), cancelSearch: func() {}, selIndex: -1}
	s.search = newKeyEntry(u)
	s.search.onKey = s.onSearchKey
	s.search.SetPlaceHolder(lang.L("Search titles, summaries, page text and notes") + "  (Ctrl+F)")
	s.search.OnChanged = s.onSearchChanged
	s.search.OnSubmitted = func(string) { s.cancelSearch(); s.pickFirst = true; s.reload() }
	s.tag = widget.NewSelect([]string{anyTag()}, func(string) { s.reload() })
	s.tag.SetSelected(anyTag())
	s.kind = widget.NewSelect([]string{anyType()}, func(string) { s.reload() })
	s.kind.SetSelected(anyType())
	s.year = newKeyEntry(u)
	s.year.SetPlaceHolder(lang.L("Year"))
	s.year.OnChanged = func(string) { s.debounced() }
	s.pub = newKeyEntry(u)
	s.pub.SetPlaceHolder(lang.L("Publisher"))
	s.pub.OnChanged = func(string) { s.debounced() }
	s.offline = widget.NewCheck(lang.L("Offline only"), func(bool) { s.reload() })
	s.notes = widget.NewCheck(lang.L("With notes"), func(bool) { s.reload() })
	s.updates = widget.NewCheck(lang.L("Update available"), func(bool) { s.reload() })
	s.sort = widget.NewSelect(sortLabels(), func(string) { s.reload() })
	s.sort.SetSelectedIndex(0)
	s.count = widget.NewLabel("")
	s.list = newDocList(func() int { return s.data.count }, func() fyne.CanvasObject { return newDocRow(u.th) }, s.updateRow)
	s.list.OnSelected = s.onSelected
	s.list.onKey = s.onKey
	s.detail = newDetailPane(u)
	s.content = s.layout()
	s.restoring = true
	s.restoreListing()
	s.restoring = false
	return s
}

func (s *LibraryScreen) layout() fyne.CanvasObject {
	s.filters = newFilterBar(s.u.win, s.activeFilters, fitChoice(s.tag, anyTag()), fitChoice(s.kind, anyType()),
		sized(s.year, 72), sized(s.pub, 150), s.offline, s.notes, s.updates)
	sortBox := container.NewHBox(widget.NewLabel(lang.L("Sort")), fitChoice(s.sort, sortLabels()...))
	head := container.NewVBox(
		container.NewBorder(nil, nil, nil, s.u.sync.toolbar, s.search),
		container.NewBorder(nil, nil, nil, sortBox, s.filters.content),
	)
	listPane := container.NewBorder(nil, s.count, nil, nil, s.list)
	split := container.NewHSplit(listPane, s.detail.content)
	split.Offset = 0.58
	return container.NewBorder(head, s.u.sync.status, nil, nil, split)
}

// activeFilters counts the filters that are on.
func (s *LibraryScreen) activeFilters() int {
	f, n := s.filter(), 0
	for _, on := range []bool{f.Tag != "", f.Type != "", f.Year != 0, f.Publisher != "", f.Offline, f.WithNotes, f.UpdateAvailable} {
		if on {
			n++
		}
	}
	return n
}

// filter reads the filter widgets.
func (s *LibraryScreen) filter() app.Filter {
	f := app.Filter{Offline: s.offline.Checked, WithNotes: s.notes.Checked, UpdateAvailable: s.updates.Checked,
		Publisher: strings.TrimSpace(s.pub.Text)}
	if t := s.tag.Selected; t != "" && t != anyTag() {
		f.Tag = t
	}
	if t := s.kind.Selected; t != "" && t != anyType() {
		f.Type = t
	}
	if y, err := strconv.Atoi(strings.TrimSpace(s.year.Text)); err == nil {
		f.Year = y
	}
	switch sortKeys[max(s.sort.SelectedIndex(), 0)] {
	case "Title":
		f.Sort = app.SortTitle
	case "Recently read":
		f.Sort = app.SortRecent
	default:
		f.Sort = app.SortNewest
	}
	return f
}

func (s *LibraryScreen) onSearchChanged(string) { s.debounced() }

// debounced reloads once the user stops typing for searchDelay.
func (s *LibraryScreen) debounced() {
	s.cancelSearch()
	s.cancelSearch = s.u.th.After(searchDelay, func() { s.u.th.Do(s.reload) })
}

// reload runs the current query or listing in the background and shows it.
func (s *LibraryScreen) reload() {
	if s.list == nil || s.restoring {
		return // still being built
	}
	s.saveListing()
	s.filters.showActive()
	f, q := s.filter(), strings.TrimSpace(s.search.Text)
	s.data.gen++
	gen := s.data.gen
	var count int
	var hits []app.PublicationHit
	var err error
	s.u.background(func() {
		if q != "" {
			hits, err = s.u.lib.SearchPublications(s.u.ctx, q, searchLimit)
			hits = keepMatching(hits, f)
			return
		}
		count, err = s.u.lib.CountDocuments(s.u.ctx, f)
	}, func() {
		if gen != s.data.gen {
			return // a newer query is on its way
		}
		if !s.u.report(lang.L("list the library"), err) {
			s.doneListing()
			return
		}
		s.show(f, q, count, hits)
	})
}

func (s *LibraryScreen) show(f app.Filter, q string, count int, hits []app.PublicationHit) {
	s.data.reset(f, count)
	if q != "" {
		s.data.setHits(q, hits)
	}
	s.count.SetText(countText(s.data.count, q != ""))
	s.list.UnselectAll()
	s.selIndex = -1
	s.list.ScrollToTop()
	s.list.Refresh()
	if s.data.count == 0 || q != "" {
		s.firstRows()
	}
	if s.pickFirst {
		s.pickFirst = false
		s.selectFirst()
		s.focusList() // Enter now opens it, the arrows move on
	}
}

// firstRows tells the application, once, that rows are on screen.
func (s *LibraryScreen) firstRows() {
	if f := s.u.cfg.OnFirstRows; f != nil && !s.shownRows {
		s.shownRows = true
		f()
	}
	s.doneListing()
}

// whenListed runs f (on the UI goroutine) once the first listing is on
// screen, or failed: the menus' tag counts and the sync, which the first
// frame does not need, then do not compete with it for the database and
// the CPU (it matters with 100,000 entries on a two-core laptop).
func (s *LibraryScreen) whenListed(f func()) {
	if s.listed {
		f()
		return
	}
	if len(s.afterListed) == 0 { // a list never drawn (a hidden window) must not hold it up for ever
		s.u.th.After(3*time.Second, func() { s.u.th.Do(s.doneListing) })
	}
	s.afterListed = append(s.afterListed, f)
}

// doneListing runs the work that waited for the first listing.
func (s *LibraryScreen) doneListing() {
	if s.listed {
		return
	}
	s.listed = true
	for _, f := range s.afterListed {
		f()
	}
	s.afterListed = nil
}

func countText(n int, search bool) string {
	args := map[string]any{"Count": thousands(n)}
	if search {
		return lang.N("{{.Count}} matching publications", n, args)
	}
	return lang.N("{{.Count}} publications", n, args)
}

// updateRow fills one visible row, fetching its page when needed.
func (s *LibraryScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*docRow)
	d, ok, need := s.data.row(i)
	if !ok {
		r.clear()
		s.u.cover.unbind(r)
		if need >= 0 {
			s.loadPage(need)
		}
		return
	}
	h, _ := s.data.hit(i)
	r.set(d, h, s.u.dls.state(d.ID))
	s.u.cover.bind(r, d, coverSize.Width)
}

func (s *LibraryScreen) loadPage(p int) {
	gen, f := s.data.gen, s.data.filter
	var rows []app.Document
	var err error
	s.u.background(func() {
		rows, err = fetchPage(s.u.ctx, s.u.lib, f, p)
	}, func() {
		if !s.u.report(lang.L("load the list"), err) {
			s.data.failed(gen, p)
			s.doneListing()
			return
		}
		if s.data.store(gen, p, rows) {
			s.list.Refresh()
			s.firstRows()
		}
	})
}

func (s *LibraryScreen) onSelected(i widget.ListItemID) {
	if d, ok, _ := s.data.row(i); ok {
		s.selected, s.selIndex = d.ID, i
		s.detail.show(d)
		h, _ := s.data.hit(i)
		s.detail.showMatches(h, s.data.query)
	}
}

// refreshDoc reloads one document (after a download, removal or pin) in
// the list and the detail pane.
func (s *LibraryScreen) refreshDoc(id int64) {
	var d app.Document
	var err error
	s.u.background(func() { d, err = s.u.lib.Document(s.u.ctx, id) }, func() {
		if !s.u.report(lang.L("reload a document"), err) {
			return
		}
		if i := s.data.replace(d); i >= 0 {
			s.list.RefreshItem(i)
		}
		if s.detail.doc.ID == id {
			s.detail.show(d)
		}
	})
}

// refreshProgress redraws a downloading document's row.
func (s *LibraryScreen) refreshProgress(id int64) {
	for i := range s.data.hits {
		if s.data.hits[i].Document.ID == id {
			s.list.RefreshItem(i)
		}
	}
	for p, rows := range s.data.pages {
		for j := range rows {
			if rows[j].ID == id {
				s.list.RefreshItem(p*pageRows + j)
			}
		}
	}
	if s.detail.doc.ID == id {
		s.detail.showProgress()
	}
}

// loadTags fills the tag and type menus.
func (s *LibraryScreen) loadTags() {
	var tags, types []string
	s.u.background(func() {
		tcs, err := s.u.lib.Tags(s.u.ctx)
		if err != nil {
			return // the menus keep their "all" entry
		}
		for _, tc := range tcs {
			if tc.Kind == app.TagType {
				types = append(types, tc.Label)
			} else {
				tags = append(tags, tc.Label)
			}
		}
	}, func() {
		s.tag.SetOptions(append([]string{anyTag()}, tags...))
		s.kind.SetOptions(append([]string{anyType()}, types...))
		if s.wantTag != "" || s.wantType != "" {
			s.restoring = true
			s.tag.SetSelected(s.wantTag)
			s.kind.SetSelected(s.wantType)
			s.restoring, s.wantTag, s.wantType = false, "", ""
			s.reload()
		}
	})
}

// selectFirst selects the first row, so Enter in the search field then
// Ctrl+O opens the best match from the keyboard.
func (s *LibraryScreen) selectFirst() {
	if s.data.count > 0 {
		s.list.Select(0)
	}
}

// moveSelection selects the row by rows below (or above) the selected
// one, or the first row when none is selected.
func (s *LibraryScreen) moveSelection(by int) {
	i := 0
	if s.selIndex >= 0 {
		i = s.selIndex + by
	}
	if i >= 0 && i < s.data.count {
		s.list.Select(i)
		s.list.ScrollTo(i)
	}
}

// Search types a query into the search field and runs it at once.
func (s *LibraryScreen) Search(q string) {
	s.search.SetText(q)
	s.cancelSearch()
	s.reload()
}

// Count returns the number of rows listed.
func (s *LibraryScreen) Count() int { return s.data.count }

// Select selects row i, as a click would.
func (s *LibraryScreen) Select(i int) { s.list.Select(i) }

// fitChoice sizes a select so that it shows each of choices whole (in
// every language and text size), and at least as wide as Fyne makes it.
func fitChoice(sel *widget.Select, choices ...string) fyne.CanvasObject {
	return container.New(choiceLayout{choices}, sel)
}

// choiceLayout is fitChoice's layout: its one object as wide as the
// longest choice needs with the theme's sizes of the moment.
type choiceLayout struct{ choices []string }

func (l choiceLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	min := objs[0].MinSize()
	for _, c := range l.choices {
		need := fyne.MeasureText(c, theme.TextSize(), fyne.TextStyle{}).Width + theme.IconInlineSize() + 6*theme.InnerPadding()
		min.Width = max(min.Width, float32(math.Ceil(float64(need))))
	}
	return min
}

func (l choiceLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}

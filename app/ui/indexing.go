package ui

import (
	"fyne.io/fyne/v2/lang"

	"fieldshelf/app"
)

// indexKey is the throttle key of indexing progress (download progress
// uses document ids, sync progress 0).
const indexKey = -1

// ShowIndexing shows the library indexer's progress in the status line; it
// may be called from any goroutine. Progress is throttled like sync progress;
// the last report of a document always shows, and an error shows without
// blocking, like any other.
func (u *UI) ShowIndexing(st app.IndexProgress) {
	if !u.sync.thr.Allow(indexKey, st.Finished) {
		return
	}
	u.th.Do(func() { u.sync.showIndexing(st) })
}

// showIndexing updates the indexing label.
func (b *SyncBar) showIndexing(st app.IndexProgress) {
	if st.Err != nil {
		b.setError(lang.L(`index the text of "{{.Title}}"`, map[string]any{"Title": st.Title}), st.Err)
	}
	text := indexText(st)
	b.indexing.SetText(text)
	setVisible(b.indexing, text != "")
}

// indexText is "Indexing “Guide”: 3 of 12 pages (2 more queued)", or ""
// once nothing is left to index.
func indexText(st app.IndexProgress) string {
	if st.Finished && st.Queued == 0 {
		return ""
	}
	title := st.Title
	text := lang.L(`Indexing "{{.Title}}"`, map[string]any{"Title": title})
	if st.Total > 0 && !st.Finished {
		text = lang.N(`Indexing "{{.Title}}": {{.Done}} of {{.Count}} pages`, st.Total, map[string]any{"Title": title,
			"Done": thousands(st.Done), "Count": thousands(st.Total)})
	}
	if st.Queued > 0 {
		text += " " + lang.N("({{.Count}} more queued)", st.Queued, map[string]any{"Count": thousands(st.Queued)})
	}
	return text
}

// Indexing returns the indexing text shown, "" when none.
func (b *SyncBar) Indexing() string {
	if !b.indexing.Visible() {
		return ""
	}
	return b.indexing.Text
}

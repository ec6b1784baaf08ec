package ui

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"fieldshelf/app"
)

// The texts of package app's values that the screens show, in the
// interface's language (app's own Text and Summary methods speak English,
// for the command line).

// sharingText says where a shared catalogue can be added (app.Sharing.Text).
func sharingText(s app.Sharing) string {
	switch {
	case s.Reachable && len(s.Nearby) > 0:
		return lang.L("People nearby can add {{.Addresses}} as a catalogue.",
			map[string]any{"Addresses": strings.Join(s.Nearby, " · ")})
	case s.Reachable:
		return lang.L("This computer is on no local network: people nearby cannot reach {{.Address}} yet.",
			map[string]any{"Address": s.Local})
	}
	return lang.L("Only this computer can reach {{.Address}}.", map[string]any{"Address": s.Local})
}

// checkSummary says what a catalogue's address holds (app.SourceCheck.Summary).
func checkSummary(c app.SourceCheck) string {
	args := map[string]any{"Format": c.Format, "Title": app.Clip(c.Title, 50), "Count": thousands(c.Publications),
		"Sections": thousands(c.Sections)}
	var s string
	switch {
	case c.Publications == 0 && c.Sections > 0:
		s = lang.N("{{.Format}} catalogue, {{.Sections}} sections", c.Sections, args)
	case c.More:
		s = lang.N("{{.Format}} catalogue, more than {{.Count}} publications", c.Publications, args)
	default:
		s = lang.N("{{.Format}} catalogue, {{.Count}} publications", c.Publications, args)
	}
	if c.Title != "" {
		s = lang.L(`{{.Catalogue}}: "{{.Title}}"`, map[string]any{"Catalogue": s, "Title": app.Clip(c.Title, 50)})
	}
	return s
}

// publishSummary says what a publish did (app.PublishReport.Summary), and
// where.
func publishSummary(r app.PublishReport) string {
	parts := []string{
		lang.N("Published {{.Count}} publications in {{.Folder}}", r.Publications,
			map[string]any{"Count": thousands(r.Publications), "Folder": r.Out}),
		lang.L("{{.Added}} added, {{.Changed}} changed, {{.Removed}} removed", map[string]any{
			"Added": thousands(r.Added), "Changed": thousands(r.Changed), "Removed": thousands(r.Removed)}),
	}
	if r.Annotations > 0 {
		parts = append(parts, lang.N("{{.Count}} annotations", r.Annotations, map[string]any{"Count": thousands(r.Annotations)}))
	}
	if n := len(r.Failed); n > 0 {
		parts = append(parts, lang.N("{{.Count}} files left out", n, map[string]any{"Count": thousands(n)}))
	}
	parts = append(parts, lang.N("{{.Count}} files written", r.Written, map[string]any{"Count": thousands(r.Written)}))
	return strings.Join(parts, " · ")
}

// publishNotes lists the files a publish left out (with the reason, which
// the publisher gives in English) and its problems.
func publishNotes(r app.PublishReport) []string {
	var out []string
	for _, f := range r.Failed {
		out = append(out, lang.L("Left out {{.File}}: {{.Reason}}", map[string]any{"File": f.File, "Reason": f.Reason}))
	}
	return append(out, r.Problems...)
}

// cutShortText names the catalogues whose listing a sync cut short
// (app.SyncStats.CutShortText).
func cutShortText(st app.SyncStats) string {
	if len(st.CutShort) == 0 {
		return ""
	}
	return lang.L("the listing of {{.Catalogues}} was cut short at the cap on pages: nothing was withdrawn",
		map[string]any{"Catalogues": strings.Join(st.CutShort, ", ")})
}

// layerText says what a sync did to the annotations that catalogues
// publish (app.LayerStats.Text).
func layerText(s app.LayerStats) string {
	var parts []string
	if s.Added+s.Changed+s.Removed > 0 {
		parts = append(parts, lang.L("published annotations: {{.Added}} added, {{.Changed}} changed, {{.Removed}} removed",
			map[string]any{"Added": thousands(s.Added), "Changed": thousands(s.Changed), "Removed": thousands(s.Removed)}))
	}
	if s.Failed > 0 {
		parts = append(parts, lang.N("{{.Count}} annotation sets could not be read", s.Failed,
			map[string]any{"Count": thousands(s.Failed)}))
	}
	return strings.Join(parts, "; ")
}

// layerName is the name of a layer's author (app.Layer.Name).
func layerName(l app.Layer) string {
	if strings.TrimSpace(l.Author) == "" {
		return lang.L("Unnamed author")
	}
	return l.Author
}

// layerTitle names a layer with its catalogue: "Maria Lopez, Workshop
// catalogue" (app.Layer.Title).
func layerTitle(l app.Layer) string {
	return lang.L("{{.Author}}, {{.Catalogue}}", map[string]any{"Author": layerName(l), "Catalogue": l.Source})
}

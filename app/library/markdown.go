package library

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"fieldshelf/app"
)

// mdItem is one annotation as the Markdown export lays it out.
type mdItem struct {
	page    int
	created string
	uid     string
	text    string
}

// ExportMarkdown writes the annotations of a document (of every document
// for 0) as Markdown for people to read: a section per document, in title
// order, then per page, each bookmark, quote and note with its author and
// date, the user's own and those of the layers shown. It returns how many
// annotations it wrote.
func (l *Library) ExportMarkdown(ctx context.Context, docID int64, w io.Writer) (int, error) {
	set, err := l.store.Annotations(ctx, docID, false)
	if err != nil {
		return 0, err
	}
	layers, err := l.store.LayerAnnotations(ctx, docID, false)
	if err != nil {
		return 0, err
	}
	set = set.With(layers)
	docs, err := l.docsOf(ctx, set)
	if err != nil {
		return 0, err
	}
	byDoc := map[int64][]mdItem{}
	for _, b := range set.Bookmarks {
		byDoc[b.DocumentID] = append(byDoc[b.DocumentID], mdBookmark(b))
	}
	for _, n := range set.Notes {
		byDoc[n.DocumentID] = append(byDoc[n.DocumentID], mdNote(n))
	}
	for _, h := range set.Highlights {
		byDoc[h.DocumentID] = append(byDoc[h.DocumentID], mdHighlight(h))
	}
	var b strings.Builder
	b.WriteString("# Annotations\n")
	for _, d := range sortedDocs(docs) {
		writeMDDocument(&b, d, byDoc[d.ID])
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return 0, fmt.Errorf("library: write annotations: %w", err)
	}
	return set.Len(), nil
}

func sortedDocs(docs map[int64]app.Document) []app.Document {
	out := make([]app.Document, 0, len(docs))
	for _, d := range docs {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := strings.ToLower(out[i].Title), strings.ToLower(out[j].Title)
		return a < b || a == b && out[i].ID < out[j].ID
	})
	return out
}

func writeMDDocument(b *strings.Builder, d app.Document, items []mdItem) {
	sort.Slice(items, func(i, j int) bool {
		x, y := items[i], items[j]
		if x.page != y.page {
			return x.page < y.page
		}
		if x.created != y.created {
			return x.created < y.created
		}
		return x.uid < y.uid
	})
	fmt.Fprintf(b, "\n## %s\n", mdText(d.Title))
	var meta []string
	if len(d.Authors) > 0 {
		authors := make([]string, len(d.Authors))
		for i, a := range d.Authors {
			authors[i] = mdText(a)
		}
		meta = append(meta, strings.Join(authors, ", "))
	}
	if d.Publisher != "" {
		meta = append(meta, mdText(d.Publisher))
	}
	if d.Year != 0 {
		meta = append(meta, strconv.Itoa(d.Year))
	}
	if len(meta) > 0 {
		fmt.Fprintf(b, "\n%s\n", strings.Join(meta, " · "))
	}
	page := -1
	for _, it := range items {
		if it.page != page {
			page = it.page
			if page == 0 {
				b.WriteString("\n### The whole document\n")
			} else {
				fmt.Fprintf(b, "\n### Page %d\n", page)
			}
		}
		b.WriteString("\n" + it.text)
	}
}

// byline says who wrote an annotation and when, and flags one to review.
func byline(a app.Annotation) string {
	parts := []string{}
	if a.Author != "" {
		parts = append(parts, mdText(a.Author))
	}
	parts = append(parts, a.Created.UTC().Format("2 January 2006"))
	s := "*— " + strings.Join(parts, ", ") + "*"
	if a.NeedsReview {
		s += " **(to review: not found in this edition of the file)**"
	}
	return s + "\n"
}

func mdBookmark(bm app.Bookmark) mdItem {
	label := mdText(bm.Label)
	if label == "" {
		label = "(no label)"
	}
	return mdItem{page: bm.Page, created: bm.Created.UTC().Format("2006-01-02T15:04:05.000"), uid: bm.UID,
		text: "**Bookmark:** " + label + "\n\n" + byline(bm.Annotation)}
}

func mdNote(n app.Note) mdItem {
	return mdItem{page: n.Page, created: n.Created.UTC().Format("2006-01-02T15:04:05.000"), uid: n.UID,
		text: mdBlock(n.Body) + "\n" + byline(n.Annotation)}
}

func mdHighlight(h app.Highlight) mdItem {
	var b strings.Builder
	b.WriteString("**Highlight")
	if h.Color != "" {
		b.WriteString(" (" + mdText(h.Color) + ")")
	}
	b.WriteString(":** “" + mdText(h.Quote) + "”\n")
	if strings.TrimSpace(h.Note) != "" {
		b.WriteString("\n" + mdBlock(h.Note))
	}
	b.WriteString("\n" + byline(h.Annotation))
	return mdItem{page: h.Page, created: h.Created.UTC().Format("2006-01-02T15:04:05.000"), uid: h.UID, text: b.String()}
}

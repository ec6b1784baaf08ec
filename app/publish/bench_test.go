package publish_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fieldshelf/app/pdf/pdftest"
	"fieldshelf/app/publish"
)

// BenchmarkPublish measures publishing a folder of 40 PDFs again when
// nothing changed (fieldshelf: the state of the last publish spares
// reading, drawing and writing), against publishing it into an empty
// folder (baseline: every file hashed, read by the engine, drawn and
// written).
func BenchmarkPublish(b *testing.B) {
	dir := b.TempDir()
	for i := range 40 {
		write(b, dir, fmt.Sprintf("handbook-%02d.pdf", i), pdftest.Document(pdftest.Doc{Title: fmt.Sprintf("Handbook %d", i),
			Pages: []string{fmt.Sprintf("Handbook %d\nChapter one of the field guide.", i), "Page two", "Page three"}}))
	}
	open := opener(b)
	run := func(b *testing.B, out string) {
		o := publish.Options{Open: open}
		o.Dir, o.Out = dir, out
		if _, err := publish.Publish(context.Background(), o); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("baseline", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			run(b, filepath.Join(b.TempDir(), fmt.Sprint(i)))
		}
	})
	b.Run("fieldshelf", func(b *testing.B) {
		out := b.TempDir()
		run(b, out)
		for b.Loop() {
			run(b, out)
		}
		if _, err := os.Stat(filepath.Join(out, publish.RootAtom)); err != nil {
			b.Fatal(err)
		}
	})
}

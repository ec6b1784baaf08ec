package ui_test

import (
	"context"
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"fieldshelf/app"
	"fieldshelf/app/ui"
)

// BenchmarkPageTurn measures turning to a prefetched page in the reader,
// on the UI goroutine: the cache lookup, the page shown, the toolbar, the
// thumbnails and the saved position (fieldshelf), against handing an
// image already rendered to a canvas.Image and refreshing it (baseline),
// the least any page turn costs. The target is well under a frame, 16 ms.
// Painting is left out: it is the driver's, the same texture upload for
// both (the test driver's software painter would measure itself).
func BenchmarkPageTurn(b *testing.B) {
	b.Run("fieldshelf", func(b *testing.B) {
		rs, src := benchReader(b)
		renders := src.renders
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if i%2 == 0 {
				rs.Next()
			} else {
				rs.Prev()
			}
		}
		b.StopTimer()
		if src.renders != renders {
			b.Fatalf("%d pages were rendered again; the turns should come from the cache", src.renders-renders)
		}
	})
	b.Run("baseline", func(b *testing.B) {
		a := test.NewTempApp(b)
		w := a.NewWindow("Fieldshelf")
		w.Resize(fyne.NewSize(1100, 700))
		img := canvas.NewImageFromImage(nil)
		img.ScaleMode = canvas.ImageScaleFastest
		img.FillMode = canvas.ImageFillContain
		w.SetContent(img)
		w.Show()
		src := &fakeSource{pages: 2}
		var pages [2]*image.RGBA
		for i := range pages {
			pages[i], _ = src.Render(context.Background(), i+1, 780, 1170)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			img.Image = pages[i%2]
			img.Refresh()
		}
	})
}

// benchReader opens a two-page fake document in a reader, page 2 already
// prefetched.
func benchReader(b *testing.B) (*ui.ReaderScreen, *fakeSource) {
	b.Helper()
	a := test.NewTempApp(b)
	w := a.NewWindow("Fieldshelf")
	w.Resize(fyne.NewSize(1100, 700))
	lib := newFakeLib(1)
	lib.docs[0].File = &app.File{Path: "files/1.pdf", Size: 100}
	src := &fakeSource{pages: 2}
	cfg := ui.Config{Library: lib, Threads: ui.Inline(),
		Opener: func(context.Context, app.Document, string) (ui.PageSource, error) { return src, nil }}
	u := ui.New(a, w, cfg)
	w.Show()
	u.Start()
	b.Cleanup(u.Close)
	u.Library().Select(0)
	test.Tap(u.Library().Detail().ReadButton())
	rs := u.Reader()
	if rs == nil || !rs.Cached(2) {
		b.Fatal("the reader did not open with page 2 prefetched")
	}
	return rs, src
}

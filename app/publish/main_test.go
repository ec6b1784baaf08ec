package publish_test

import (
	"context"
	"image"
	"os"
	"testing"

	"fieldshelf/app/pdf"
	"fieldshelf/app/publish"
)

// workerEnv makes the test binary serve as the PDF worker, so the tests
// read the PDFs they publish with the real engine.
const workerEnv = "FIELDSHELF_PUBLISH_TEST_WORKER"

func TestMain(m *testing.M) {
	if os.Getenv(workerEnv) == "1" {
		if err := pdf.RunWorker(); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(2)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// opener returns publishing's opener over a PDF engine whose worker is
// this test binary.
func opener(tb testing.TB) publish.Opener {
	tb.Helper()
	exe, err := os.Executable()
	if err != nil {
		tb.Fatal(err)
	}
	eng, err := pdf.NewEngine(pdf.Options{Command: []string{exe}, Env: []string{workerEnv + "=1", "GORACE=atexit_sleep_ms=0"}})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { eng.Close() })
	return func(ctx context.Context, path string) (publish.PDF, error) {
		d, err := eng.Open(ctx, path, "")
		if err != nil {
			return nil, err
		}
		return doc{d}, nil
	}
}

// doc is a PDF of the engine as publishing reads it.
type doc struct{ *pdf.Doc }

func (d doc) Metadata(ctx context.Context) (publish.Metadata, error) {
	m, err := d.Doc.Metadata(ctx)
	return publish.Metadata{Title: m.Title, Author: m.Author, Subject: m.Subject, Keywords: m.Keywords}, err
}

func (d doc) Render(ctx context.Context, page, width int) (image.Image, error) {
	return d.Doc.Render(ctx, page, pdf.RenderOptions{Width: width})
}

package pdf

import (
	"context"
	"os"
	"testing"
	"time"

	"fieldshelf/app/pdf/pdftest"
)

// workerEnv makes the test binary serve as the PDF worker.
const workerEnv = "FIELDSHELF_PDF_TEST_WORKER"

func TestMain(m *testing.M) {
	if os.Getenv(workerEnv) == "1" {
		if err := RunWorker(); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(2)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// newEngine returns an engine whose worker is this test binary, with the
// debug requests on, the given timeouts and env added to its environment.
func newEngine(tb testing.TB, t Timeouts, env ...string) *Engine {
	tb.Helper()
	exe, err := os.Executable()
	if err != nil {
		tb.Fatal(err)
	}
	e, err := NewEngine(Options{Command: []string{exe}, Env: append([]string{workerEnv + "=1", DebugEnv + "=1", "GORACE=atexit_sleep_ms=0"}, env...), Timeouts: t})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { e.Close() })
	return e
}

// openSample opens the generated sample document.
func openSample(tb testing.TB, e *Engine) *Doc {
	tb.Helper()
	d, err := e.Open(testCtx(tb), pdftest.WriteFile(tb, "sample.pdf", pdftest.Sample()), "")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { d.Close() })
	return d
}

func testCtx(tb testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	tb.Cleanup(cancel)
	return ctx
}

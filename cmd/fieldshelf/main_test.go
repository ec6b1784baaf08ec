package main_test

// These are black-box tests of the fieldshelf command: TestMain builds the
// real binary once, and every test runs it in a child process with a data
// directory of its own, against loopback servers started by the test. They
// pin the command-line contract that scripts rely on: exit codes, the one
// line of reason on failure, the summary lines and the --json shapes.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// bin is the fieldshelf binary built by TestMain.
var bin string

// raceBuild is "-race" when the tests run under the race detector (see
// race_test.go): the binary is then built with it too, so that a data race
// in the command fails the test that triggers it.
var raceBuild string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "fieldshelf-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "cli test:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	bin = filepath.Join(dir, "fieldshelf")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	args := []string{"build", "-o", bin}
	if raceBuild != "" {
		args = append(args, raceBuild)
	}
	cmd := exec.Command(goTool(), append(args, "fieldshelf/cmd/fieldshelf")...)
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "cli test: go build failed: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// goTool finds the go command: on PATH, else in the GOROOT of the toolchain
// that built the test.
func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	if root := os.Getenv("GOROOT"); root != "" {
		return filepath.Join(root, "bin", "go")
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// commandTimeout bounds one run of the binary; no command of these tests
// comes near it.
const commandTimeout = 2 * time.Minute

// childEnv is the environment of every child process: the test's own,
// without the variables that choose the data directory, a proxy or the
// locale (TestLocale covers that), with HOME set to home, plus extra
// (KEY=VALUE).
func childEnv(home string, extra ...string) []string {
	drop := map[string]bool{"FIELDSHELF_DATA": true, "XDG_DATA_HOME": true, "HOME": true, "GORACE": true,
		"HTTP_PROXY": true, "HTTPS_PROXY": true, "ALL_PROXY": true, "NO_PROXY": true, "REQUEST_METHOD": true,
		"LANG": true, "LANGUAGE": true}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k = strings.ToUpper(k); !drop[k] && !strings.HasPrefix(k, "LC_") {
			env = append(env, kv)
		}
	}
	// The race runtime waits a second at exit by default.
	env = append(env, "HOME="+home, "GORACE=atexit_sleep_ms=0")
	return append(env, extra...)
}

// result is the outcome of one run of the binary.
type result struct {
	args           []string
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("fieldshelf %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(r.args, " "), r.code,
		r.stdout, r.stderr)
}

// stderrLines returns the non-empty lines of standard error.
func (r result) stderrLines() []string {
	var out []string
	for _, l := range strings.Split(r.stderr, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// cli runs the binary for one test with a data directory of its own.
type cli struct {
	t    *testing.T
	data string   // passed as --data before the arguments; "" for none
	home string   // HOME of the child
	dir  string   // working directory of the child
	env  []string // extra variables, KEY=VALUE
	// sys, when set, starts the child with these attributes (another
	// user, say).
	sys *syscall.SysProcAttr
	// exe, when set, runs instead of bin: a Windows build under wine64
	// (see windows_test.go); dataArg then turns data into the path that
	// program understands.
	exe     []string
	dataArg func(string) string
}

func newCLI(t *testing.T) *cli {
	t.Helper()
	return &cli{t: t, data: t.TempDir(), home: t.TempDir(), dir: t.TempDir()}
}

// command prepares a run of the binary; the caller starts it.
func (c *cli) command(ctx context.Context, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	if c.data != "" {
		data := c.data
		if c.dataArg != nil {
			data = c.dataArg(data)
		}
		args = append([]string{"--data", data}, args...)
	}
	name := bin
	if c.exe != nil {
		name, args = c.exe[0], append(c.exe[1:len(c.exe):len(c.exe)], args...)
	}
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = childEnv(c.home, c.env...)
	cmd.Dir = c.dir
	cmd.SysProcAttr = c.sys
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	return cmd, &stdout, &stderr
}

// run runs the binary to its end.
func (c *cli) run(args ...string) result {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd, stdout, stderr := c.command(ctx, args...)
	err := cmd.Run()
	r := result{args: args, code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String()}
	if err != nil && r.code < 0 {
		c.t.Fatalf("%v\n%s", err, r)
	}
	checkNoRace(c.t, r)
	return r
}

// checkNoRace fails the test when the race detector reported a data race in
// the child (it exits 66).
func checkNoRace(t *testing.T, r result) {
	t.Helper()
	if r.code == 66 || strings.Contains(r.stderr, "WARNING: DATA RACE") {
		t.Fatalf("data race in the fieldshelf binary:\n%s", r)
	}
}

// ok runs a command that must succeed and returns its standard output.
func (c *cli) ok(args ...string) string {
	c.t.Helper()
	r := c.run(args...)
	if r.code != 0 {
		c.t.Fatalf("got exit %d, want 0\n%s", r.code, r)
	}
	return r.stdout
}

// okJSON runs a command that must succeed and decodes its output into v.
func (c *cli) okJSON(v any, args ...string) {
	c.t.Helper()
	out := c.ok(args...)
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(v); err != nil {
		c.t.Fatalf("fieldshelf %s: output is not JSON (%v):\n%s", strings.Join(args, " "), err, out)
	}
	if dec.More() {
		c.t.Fatalf("fieldshelf %s: more than one JSON value:\n%s", strings.Join(args, " "), out)
	}
}

// reasonPrefix starts the line that explains a failure.
const reasonPrefix = "fieldshelf: "

// fail runs a command that must fail with exit 1 and exactly one line on
// standard error, the reason, which starts with "fieldshelf: ". It returns
// that line.
func (c *cli) fail(args ...string) string {
	c.t.Helper()
	r := c.run(args...)
	return checkOneLineFailure(c.t, r)
}

func checkOneLineFailure(t *testing.T, r result) string {
	t.Helper()
	if r.code != 1 {
		t.Fatalf("got exit %d, want 1\n%s", r.code, r)
	}
	lines := r.stderrLines()
	if len(lines) != 1 || !strings.HasPrefix(lines[0], reasonPrefix) {
		t.Fatalf("got %d stderr lines, want exactly one starting with %q\n%s", len(lines), reasonPrefix, r)
	}
	return lines[0]
}

// progressLine matches the progress lines that sync and download write to
// standard error before they finish.
var progressLine = regexp.MustCompile(`^(syncing |downloading \d+/\d+ files|done   \d+ |failed \d+ )`)

// failAfterProgress runs a command that must fail with exit 1 after any
// number of progress lines: the last line of standard error is the one
// reason, starting with "fieldshelf: ", and no other line is. It returns
// the reason.
func (c *cli) failAfterProgress(args ...string) string {
	c.t.Helper()
	return checkFailureAfterProgress(c.t, c.run(args...))
}

func checkFailureAfterProgress(t *testing.T, r result) string {
	t.Helper()
	if r.code != 1 {
		t.Fatalf("got exit %d, want 1\n%s", r.code, r)
	}
	lines := r.stderrLines()
	if len(lines) == 0 || !strings.HasPrefix(lines[len(lines)-1], reasonPrefix) {
		t.Fatalf("got no last stderr line starting with %q\n%s", reasonPrefix, r)
	}
	for _, l := range lines[:len(lines)-1] {
		if !progressLine.MatchString(l) {
			t.Fatalf("got stderr line %q before the reason, want only progress lines\n%s", l, r)
		}
	}
	return lines[len(lines)-1]
}

// failUsage runs a command with bad arguments: exit 1 and exactly one line
// on standard error, the command's usage.
func (c *cli) failUsage(args ...string) string {
	c.t.Helper()
	r := c.run(args...)
	if r.code != 1 {
		c.t.Fatalf("got exit %d, want 1\n%s", r.code, r)
	}
	lines := r.stderrLines()
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "usage: fieldshelf ") {
		c.t.Fatalf("got %d stderr lines, want exactly one usage line\n%s", len(lines), r)
	}
	return lines[0]
}

// waitFor polls cond until it holds, failing the test after limit.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up after %s waiting for %s", limit, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// proc is a run of the binary in the background.
type proc struct {
	cmd            *exec.Cmd
	args           []string
	stdout, stderr *bytes.Buffer
	cancel         context.CancelFunc
	done           chan struct{} // closed when the process has exited
	err            error         // of Wait, once done is closed
}

// start starts the binary and returns at once.
func (c *cli) start(args ...string) *proc {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	cmd, stdout, stderr := c.command(ctx, args...)
	p := &proc{cmd: cmd, args: args, stdout: stdout, stderr: stderr, cancel: cancel, done: make(chan struct{})}
	if err := cmd.Start(); err != nil {
		cancel()
		c.t.Fatal(err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	c.t.Cleanup(func() {
		cancel() // kills the process if a failed test left it running
		<-p.done
	})
	return p
}

// exited reports whether the process has ended.
func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// wait waits at most limit for the process to end and returns its result.
func (p *proc) wait(t *testing.T, limit time.Duration) result {
	t.Helper()
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case <-p.done:
	case <-timer.C:
		p.cancel()
		<-p.done
		t.Fatalf("fieldshelf %s: still running after %s\nstderr:\n%s", strings.Join(p.args, " "), limit, p.stderr)
	}
	r := result{args: p.args, code: p.cmd.ProcessState.ExitCode(), stdout: p.stdout.String(), stderr: p.stderr.String()}
	checkNoRace(t, r)
	return r
}

package main_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"fieldshelf/app/pdf/pdftest"
)

// A classroom: a trainer's folder of PDFs, published and served on
// loopback by the real binary, and the data directories of the people who
// sync it.

// folderFile is a file of the trainer's folder.
type folderFile struct {
	rel  string
	data []byte
}

// trainerFolder writes a folder of PDFs with a catalogue.csv that leaves
// some columns empty (for the PDFs' own metadata and first pages to fill),
// a PDF it does not describe and a damaged one. It returns the folder and
// its files.
func trainerFolder(t *testing.T) (string, map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	files := []folderFile{
		{"handbooks/screening.pdf", pdftest.Document(pdftest.Doc{Title: "draft.docx", Color: "0.85 0.1 0.1",
			Pages: []string{"Screening interviews\nA guide for caseworkers in the field.", "Consent comes first, always.",
				"Signs of debt bondage include withheld wages."}})},
		{"reports/annual 2023.pdf", pdftest.Document(pdftest.Doc{Title: "Annual Report 2023", Author: "Research Unit",
			Subject: "What the programme did in 2023.", Keywords: "finance, survivors", Pages: []string{"Annual report"}})},
		{"guidance.pdf", pdftest.Document(pdftest.Doc{Pages: []string{"Referral\nHow to refer a survivor to a shelter safely."}})},
		{"extra.pdf", pdftest.Document(pdftest.Doc{Pages: []string{"Workshop agenda\nDay one: screening."}})},
		{"damaged.pdf", pdftest.Garbage()},
		{"catalogue.csv", []byte("file,title,summary,authors,publisher,year,type,regions,tags,language\n" +
			"handbooks/screening.pdf,Handbook on screening,How to run a screening interview.,Ana Ruiz;Kofi Mensah,ILO,2021,Handbook,Asia;Europe,interviews;consent,en\n" +
			"reports/annual 2023.pdf,,,,FAST,2023,Report,Global,,\n" +
			"guidance.pdf,Referral guidance,,,,2019,Guidance,Africa,,fr\n")},
	}
	out := map[string][]byte{}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			t.Fatal(err)
		}
		out[f.rel] = f.data
	}
	return dir, out
}

// lockedBuffer is a buffer a child process writes to while the test
// reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// serving is `fieldshelf serve` running in the background.
type serving struct {
	cmd  *exec.Cmd
	out  *lockedBuffer
	log  *lockedBuffer // standard error: the request log
	url  string        // the catalogue's address, as printed
	done chan struct{}
}

var servingAt = regexp.MustCompile(`on this computer: (http://\S+)`)

// serveFolder runs `fieldshelf serve ARGS` on a free loopback port and
// waits for the address it prints.
func (c *cli) serveFolder(args ...string) *serving {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	cmd, _, _ := c.command(ctx, append([]string{"serve"}, append(args, "--addr", "127.0.0.1:0")...)...)
	s := &serving{cmd: cmd, out: &lockedBuffer{}, log: &lockedBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = s.out, s.log
	if err := cmd.Start(); err != nil {
		cancel()
		c.t.Fatal(err)
	}
	go func() { cmd.Wait(); close(s.done) }()
	c.t.Cleanup(func() { s.stop(c.t); cancel() })
	waitFor(c.t, 30*time.Second, "the address serve prints", func() bool {
		m := servingAt.FindStringSubmatch(s.out.String())
		if m != nil {
			s.url = m[1]
		}
		return m != nil || s.exited()
	})
	if s.url == "" {
		c.t.Fatalf("serve ended:\n%s\n%s", s.out, s.log)
	}
	return s
}

func (s *serving) exited() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// stop stops the server as Ctrl+C would; it must end at once and well.
func (s *serving) stop(t *testing.T) {
	if s.exited() {
		return
	}
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(20 * time.Second):
		s.cmd.Process.Kill()
		t.Errorf("serve did not stop on an interrupt")
	}
	if code := s.cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("serve exited %d on an interrupt\n%s", code, s.log)
	}
}

// base is the server's address without the catalogue's file.
func (s *serving) base() string { return strings.TrimSuffix(s.url, "catalog.xml") }

// logLines returns the request lines logged from line n on.
func (s *serving) logLines(from int) []string {
	var out []string
	for i, l := range strings.Split(strings.TrimSpace(s.log.String()), "\n") {
		if i >= from && l != "" {
			out = append(out, l)
		}
	}
	return out
}

// get fetches a file of the catalogue.
func (s *serving) get(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", url, resp.StatusCode, err)
	}
	return b
}

// rawStatus sends a request line as written (no client cleans its path)
// and returns the status and the body.
func (s *serving) rawStatus(t *testing.T, target string) (int, string) {
	t.Helper()
	host := strings.TrimPrefix(strings.TrimSuffix(s.base(), "/"), "http://")
	c, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

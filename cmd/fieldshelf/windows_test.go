package main_test

// TestWindowsCLI runs the Windows build of the command line end to end
// under wine64, on Linux, against loopback servers of this test: `make
// test-windows` cross-builds bin/windows-amd64/fieldshelf-cli.exe, makes a
// throwaway wine prefix and runs this test with both named in the
// environment. Without them it is skipped. Paths the Windows program sees
// are Windows paths (Z:\tmp\..., wine's drive for /), with drive letters
// and backslashes; the page it renders is compared with the Linux build's
// render of the same page.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

const (
	// windowsExeEnv names fieldshelf-cli.exe; wineprefixEnv the prefix
	// that .ci/windows/wineprefix.sh made.
	windowsExeEnv = "FIELDSHELF_WINDOWS_EXE"
	wineprefixEnv = "FIELDSHELF_WINEPREFIX"
	// wine64 is run directly: the wine wrapper wants the 32-bit loader.
	wine64 = "/usr/lib/wine/wine64"
)

// winPath is the Windows path of a Linux path under wine (drive Z: is /).
func winPath(p string) string {
	return `Z:` + strings.ReplaceAll(p, "/", `\`)
}

// newWindowsCLI returns a cli that runs the Windows build under wine64.
func newWindowsCLI(t *testing.T) *cli {
	t.Helper()
	exe, prefix := os.Getenv(windowsExeEnv), os.Getenv(wineprefixEnv)
	if exe == "" || prefix == "" {
		t.Skipf("the Windows build runs under wine with %s and %s set (make test-windows)", windowsExeEnv, wineprefixEnv)
	}
	exe, err := filepath.Abs(exe) // wine64 wants an absolute path
	if err != nil {
		t.Fatal(err)
	}
	c := newCLI(t)
	c.exe = []string{wine64, exe}
	c.dataArg = winPath
	// No display: the command line opens no window. Wine turns the Linux
	// arguments into Windows' UTF-16 command line by the locale's
	// character set: UTF-8, as Windows programs get any text.
	c.env = []string{"WINEPREFIX=" + prefix, "WINEDEBUG=-all", "DISPLAY=", "WAYLAND_DISPLAY=", "LANG=C.UTF-8"}
	return c
}

// startWineserver keeps one wineserver running for the test, so that each
// command does not start its own.
func startWineserver(t *testing.T) {
	t.Helper()
	env := append(os.Environ(), "WINEPREFIX="+os.Getenv(wineprefixEnv))
	cmd := exec.Command("/usr/lib/wine/wineserver", "-p")
	cmd.Env = env
	// No pipes: the server stays in the background with its ends of them.
	if err := cmd.Run(); err != nil {
		t.Fatalf("wineserver -p: %v", err)
	}
	t.Cleanup(func() {
		kill := exec.Command("/usr/lib/wine/wineserver", "-k")
		kill.Env = env
		kill.Run()
	})
}

// dropOnce serves path's first request with half of body and then closes
// the connection, as a network that drops; later requests go to next.
func dropOnce(path string, body []byte, next http.Handler) (http.Handler, *atomic.Int64) {
	var dropped atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != path || r.Header.Get("Range") != "" || !dropped.CompareAndSwap(0, 1) {
			next.ServeHTTP(w, r)
			return
		}
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: %d\r\n"+
			"ETag: %s\r\nAccept-Ranges: bytes\r\nLast-Modified: %s\r\n\r\n",
			len(body), etagOf(body), servedTime.Format(http.TimeFormat))
		buf.Write(body[:len(body)/2])
		buf.Flush()
		dropped.Store(2)
	}), &dropped
}

func TestWindowsCLI(t *testing.T) {
	win := newWindowsCLI(t)
	startWineserver(t)
	guide, err := os.ReadFile(filepath.Join("..", "..", "assets", "demo", "user-guide.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(t)
	sh := newShelf(srv)
	const guidePath = "/files/guide.pdf"
	sh.entries = append(sh.entries, entry{id: "urn:test:guide", title: "Field guide to the reader",
		publisher: "Fieldshelf", year: 2026, types: []string{"Guide"}, pdf: guidePath})
	sh.setFile(guidePath, guide)
	sh.publish()
	handler, dropped := dropOnce(guidePath, guide, srv.Config.Handler)
	srv.Config.Handler = handler

	// sources add and sync from the loopback catalogue; the demo library
	// came in with a file:/// URL of a drive-letter path.
	src := win.addSource(srv.url(feedPath), "--name", sh.title)
	win.ok("sync", src)
	demo := win.sourceNamed(demoName)
	if u, _ := demo["url"].(string); !strings.HasPrefix(u, "file:///Z:/") {
		t.Errorf("got demo library URL %q, want file:///Z:/...", u)
	}
	doc := win.docID("urn:test:guide")

	// download: the first connection drops halfway, the rest comes in a
	// ranged request, and the file is whole.
	win.ok("download", doc)
	if dropped.Load() != 2 {
		t.Fatalf("the first request for the file was not dropped (state %d)", dropped.Load())
	}
	if reqs := srv.requests(guidePath); len(reqs) != 1 || reqs[0].rangeHeader == "" || reqs[0].status.Load() != http.StatusPartialContent {
		t.Fatalf("got %d requests after the drop, want one ranged request answered 206", len(reqs))
	}
	if d := win.show(doc); d["offline"] != true {
		t.Fatalf("the document is not offline after its download: %s", dump(d))
	}

	// The same document through the Linux build, for the comparisons.
	lin := newCLI(t)
	lin.ok("sync", lin.addSource(srv.url(feedPath), "--name", sh.title))
	ldoc := lin.docID("urn:test:guide")
	lin.ok("download", ldoc)

	// render: the page matches the Linux render.
	out := t.TempDir()
	win.ok("render", doc, "1", "--dpi", "96", "-o", winPath(filepath.Join(out, "windows.png")))
	lin.ok("render", ldoc, "1", "--dpi", "96", "-o", filepath.Join(out, "linux.png"))
	comparePNG(t, filepath.Join(out, "windows.png"), filepath.Join(out, "linux.png"))

	// text and find give what they give on Linux (line ends aside).
	text := crlf(win.ok("text", doc, "1"))
	if want := lin.ok("text", ldoc, "1"); text != want {
		t.Errorf("text of page 1 differs from Linux:\nwindows: %q\nlinux:   %q", text, want)
	}
	word := longestWord(text)
	if word == "" {
		t.Fatalf("page 1 has no text: %q", text)
	}
	var found, lfound any
	json.Unmarshal([]byte(win.ok("find", doc, word, "--json")), &found)
	json.Unmarshal([]byte(lin.ok("find", ldoc, word, "--json")), &lfound)
	if dump(found) != dump(lfound) || dump(found) == "null" {
		t.Errorf("find %q: got %s on Windows, %s on Linux", word, dump(found), dump(lfound))
	}

	// A bookmark, a note (not ASCII: arguments reach the program as UTF-8)
	// and a highlight, exported and imported into a second data directory.
	const note = "Réunion à 9 h — ask about the shelter's intake form"
	win.ok("bookmarks", "add", doc, "1", "--label", "Start here")
	win.ok("notes", "add", doc, "--page", "1", note)
	win.ok("highlights", "add", doc, "1", "--quote", word, "--note", "key term")
	set := filepath.Join(out, "annotations.json")
	win.ok("annotations", "export", doc, "--format", "w3c", "-o", winPath(set))
	second := newWindowsCLI(t)
	second.ok("sync", second.addSource(srv.url(feedPath), "--name", sh.title))
	second.ok("annotations", "import", winPath(set))
	var notes []map[string]any
	second.okJSON(&notes, "notes", "list", "--json")
	if len(notes) != 1 || notes[0]["text"] != note {
		t.Errorf("got notes %s in the second data directory, want the one note %q", dump(notes), note)
	}
	var highlights, bookmarks []map[string]any
	second.okJSON(&highlights, "highlights", "list", "--json")
	second.okJSON(&bookmarks, "bookmarks", "list", "--json")
	if len(highlights) != 1 || highlights[0]["quote"] != word || len(bookmarks) != 1 || bookmarks[0]["label"] != "Start here" {
		t.Errorf("got highlights %s and bookmarks %s in the second data directory", dump(highlights), dump(bookmarks))
	}

	// backup, then restore over the library: the database is replaced
	// while nothing holds it open, which Windows requires.
	backup := filepath.Join(out, "backup.db")
	win.ok("backup", winPath(backup))
	win.ok("notes", "add", doc, "a note made after the backup")
	win.ok("restore", winPath(backup))
	notes = nil
	win.okJSON(&notes, "notes", "list", "--json")
	if len(notes) != 1 || notes[0]["text"] != note {
		t.Errorf("got notes %s after the restore, want the one from before the backup", dump(notes))
	}
}

// crlf turns Windows line ends into Linux ones.
func crlf(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

// longestWord returns the longest run of letters in s, at least 6 long.
func longestWord(s string) string {
	best := ""
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Split(bufio.ScanWords)
	for sc.Scan() {
		w := strings.Trim(sc.Text(), ".,;:!?()[]\"'")
		if len(w) > len(best) && strings.IndexFunc(w, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
		}) < 0 {
			best = w
		}
	}
	if len(best) < 6 {
		return ""
	}
	return best
}

// comparePNG fails the test unless two PNGs have the same size and their
// pixels differ little: antialiasing may round differently between the
// Windows and Linux builds of MuPDF, the page may not.
func comparePNG(t *testing.T, a, b string) {
	t.Helper()
	ia, ib := decodePNG(t, a), decodePNG(t, b)
	if ia.Bounds() != ib.Bounds() {
		t.Fatalf("renders differ in size: %v on Windows, %v on Linux", ia.Bounds(), ib.Bounds())
	}
	var far, total, sum int
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			d := colourDistance(ia.At(x, y), ib.At(x, y))
			sum += d
			total++
			if d > 24 {
				far++
			}
		}
	}
	// At most 0.2% of the pixels visibly different, and a mean difference
	// under one level in 255.
	if far*500 > total || sum > total {
		t.Errorf("the Windows render differs from the Linux one: %d of %d pixels by more than 24 levels, mean %.2f",
			far, total, float64(sum)/float64(total))
	}
	t.Logf("render compared: %d of %d pixels differ by more than 24 levels, mean difference %.3f levels",
		far, total, float64(sum)/float64(total))
}

func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// colourDistance is the largest difference of two colours' channels, in
// 8-bit levels.
func colourDistance(a, b interface{ RGBA() (r, g, b, a uint32) }) int {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	d := 0
	for _, p := range [][2]uint32{{ar, br}, {ag, bg}, {ab, bb}, {aa, ba}} {
		v := int(p[0]>>8) - int(p[1]>>8)
		if v < 0 {
			v = -v
		}
		d = max(d, v)
	}
	return d
}

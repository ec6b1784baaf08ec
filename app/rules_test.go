package app_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestPackageRules enforces DESIGN.md's import rules on the whole module,
// through `go list -deps`: the domain package uses only the standard
// library; the decoders, the HTTP client, the store, the publisher and the
// server never reach Fyne or MuPDF; the screens reach neither the
// database, the network, MuPDF, the library, the publisher nor the server
// (they share their value types through app); nothing but
// cmd/fieldshelf reaches the UI or Fyne's app package (which pulls in the
// GLFW driver). A go list that fails fails the test: the rules are not
// checked then.
func TestPackageRules(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-test=false", "-f",
		`{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "fieldshelf/...").Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("go list failed, so the import rules could not be checked: %v\n%s", err, stderr)
	}
	imports := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		imports[f[0]] = f[1:]
	}
	// deps returns what pkg reaches, not looking inside the packages that
	// skip names.
	deps := func(pkg string, skip func(string) bool) map[string]bool {
		seen := map[string]bool{}
		var walk func(string)
		walk = func(p string) {
			for _, d := range imports[p] {
				if !seen[d] {
					seen[d] = true
					if skip == nil || !skip(d) {
						walk(d)
					}
				}
			}
		}
		walk(pkg)
		return seen
	}
	for d := range deps("fieldshelf/app", nil) {
		if strings.Contains(strings.SplitN(d, "/", 2)[0], ".") || strings.HasPrefix(d, "fieldshelf/") {
			t.Errorf("fieldshelf/app imports %s: it may use the standard library only", d)
		}
	}
	for _, pkg := range []string{"fieldshelf/app/catalog", "fieldshelf/app/fetch", "fieldshelf/storage",
		"fieldshelf/app/publish", "fieldshelf/app/serve"} {
		for d := range deps(pkg, nil) {
			if strings.HasPrefix(d, "fyne.io/") || strings.Contains(d, "go-fitz") || d == "fieldshelf/app/pdf" {
				t.Errorf("%s reaches %s", pkg, d)
			}
		}
	}
	uiDeps := deps("fieldshelf/app/ui", nil)
	for _, banned := range []string{"database/sql", "modernc.org/sqlite", "fieldshelf/storage", "fieldshelf/app/library",
		"fieldshelf/app/fetch", "fieldshelf/app/pdf", "fieldshelf/app/publish", "fieldshelf/app/serve"} {
		if uiDeps[banned] {
			t.Errorf("fieldshelf/app/ui reaches %s", banned)
		}
	}
	for d := range uiDeps {
		if strings.Contains(d, "go-fitz") {
			t.Errorf("fieldshelf/app/ui reaches %s", d)
		}
	}
	// Fyne's own root package imports net/http (to load resources from
	// URLs): what the screens must not reach is the network through
	// anything else.
	if deps("fieldshelf/app/ui", func(p string) bool { return strings.HasPrefix(p, "fyne.io/") })["net/http"] {
		t.Error("fieldshelf/app/ui reaches net/http other than through Fyne")
	}
	for pkg := range imports {
		if !strings.HasPrefix(pkg, "fieldshelf/") || pkg == "fieldshelf/cmd/fieldshelf" {
			continue
		}
		for _, d := range imports[pkg] {
			if strings.HasPrefix(d, "fieldshelf/cmd/") || d == "fieldshelf/app/ui" || d == "fyne.io/fyne/v2/app" {
				t.Errorf("%s imports %s: only cmd/fieldshelf may", pkg, d)
			}
		}
	}
}

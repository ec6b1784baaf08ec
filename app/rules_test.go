package app_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestPackageRules enforces DESIGN.md's import rules on the whole module,
// through `go list -deps`: the domain package uses only the standard
// library; the decoders, the HTTP client and the store never reach Fyne or
// MuPDF; nothing but cmd/fieldshelf reaches the UI or Fyne's app package
// (which pulls in the GLFW driver).
func TestPackageRules(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-test=false", "-f",
		`{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "fieldshelf/...").Output()
	if err != nil {
		t.Skipf("go list is not available: %v", err)
	}
	imports := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		imports[f[0]] = f[1:]
	}
	deps := func(pkg string) map[string]bool {
		seen := map[string]bool{}
		var walk func(string)
		walk = func(p string) {
			for _, d := range imports[p] {
				if !seen[d] {
					seen[d] = true
					walk(d)
				}
			}
		}
		walk(pkg)
		return seen
	}
	for d := range deps("fieldshelf/app") {
		if strings.Contains(strings.SplitN(d, "/", 2)[0], ".") || strings.HasPrefix(d, "fieldshelf/") {
			t.Errorf("fieldshelf/app imports %s: it may use the standard library only", d)
		}
	}
	for _, pkg := range []string{"fieldshelf/app/catalog", "fieldshelf/app/fetch", "fieldshelf/storage"} {
		for d := range deps(pkg) {
			if strings.HasPrefix(d, "fyne.io/") || strings.Contains(d, "go-fitz") || d == "fieldshelf/app/pdf" {
				t.Errorf("%s reaches %s", pkg, d)
			}
		}
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

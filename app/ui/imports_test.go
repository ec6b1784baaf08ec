package ui_test

import (
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestImportRules keeps the UI away from the database, the network, MuPDF
// and the GLFW driver: it talks to the library and to its own interfaces.
func TestImportRules(t *testing.T) {
	banned := []string{"fieldshelf/storage", "database/sql", "net/http", "github.com/gen2brain/go-fitz",
		"fieldshelf/app/pdf", "fyne.io/fyne/v2/app", "C"}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), e.Name(), nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			for _, b := range banned {
				if path == b {
					t.Errorf("%s imports %s", e.Name(), path)
				}
			}
		}
	}
}

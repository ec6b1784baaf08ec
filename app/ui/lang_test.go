package ui

import (
	"encoding/json"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// updateKeys adds the keys found in the sources and missing from
// assets/lang/en.json to it (go test ./app/ui -run TestTranslations
// -update-keys): an N key gets its "one" form to write by hand.
var updateKeys = flag.Bool("update-keys", false, "add missing keys to assets/lang/en.json")

// langKey is a key of the translation files found in the sources.
type langKey struct {
	text   string
	plural bool   // lang.N: the translation has plural forms
	pos    string // where it is used first
}

// sourceKeys returns the keys of every lang.L, lang.N and lang.X call in
// the GUI's sources (app/ui and cmd/fieldshelf, tests left out), and the
// calls whose key is not a literal.
func sourceKeys(t *testing.T) (keys map[string]langKey, bad []string) {
	t.Helper()
	keys = map[string]langKey{}
	fset := token.NewFileSet()
	for _, dir := range []string{".", "../../cmd/fieldshelf"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) == 0 {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				pkg, ok := sel.X.(*ast.Ident)
				if !ok || pkg.Name != "lang" || !slices.Contains([]string{"L", "N", "X", "XN"}, sel.Sel.Name) {
					return true
				}
				pos := fset.Position(call.Pos()).String()
				text, ok := literal(call.Args[0])
				if !ok {
					bad = append(bad, pos)
					return true
				}
				if _, seen := keys[text]; !seen {
					keys[text] = langKey{text: text, plural: strings.HasSuffix(sel.Sel.Name, "N"), pos: pos}
				}
				return true
			})
		}
	}
	return keys, bad
}

// literal evaluates a string literal or a sum of them.
func literal(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok1 := literal(e.X)
		b, ok2 := literal(e.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return literal(e.X)
	}
	return "", false
}

// langFile reads assets/lang/code.json: each key's text, or its plural
// forms.
func langFile(t *testing.T, code string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../../assets/lang", code+".json"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]any{}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s.json: %v", code, err)
	}
	return m
}

var placeholderRE = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// placeholders lists the template fields of s, sorted, or reports a
// template action that is not a plain field.
func placeholders(s string) ([]string, bool) {
	var out []string
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out), strings.Count(s, "{{") == len(placeholderRE.FindAllString(s, -1))
}

// TestTranslations checks every key of the GUI's sources against every
// language file: the key is there, in plural forms when it is counted,
// and no form drops, renames or adds a placeholder. Every plural form a
// language needs is there (go-i18n picks them by CLDR's rules).
func TestTranslations(t *testing.T) {
	keys, bad := sourceKeys(t)
	for _, pos := range bad {
		t.Errorf("%s: the key of a translated string must be a string literal", pos)
	}
	if len(keys) < 100 {
		t.Fatalf("found %d keys in the sources, want the GUI's", len(keys))
	}
	if *updateKeys {
		writeEnglishKeys(t, keys)
	}
	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	for _, l := range Languages {
		file := langFile(t, l.Code)
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			checkKey(t, l.Code, keys[k], file[k])
		}
		b, _ := os.ReadFile(filepath.Join("../../assets/lang", l.Code+".json"))
		if _, err := bundle.ParseMessageFileBytes(b, l.Code+".json"); err != nil {
			t.Errorf("%s.json: %v", l.Code, err)
		}
	}
	for _, l := range Languages {
		loc := i18n.NewLocalizer(bundle, l.Code)
		for _, k := range keys {
			if !k.plural {
				continue
			}
			for _, n := range []int{0, 1, 2, 3, 4, 5, 11, 12, 21, 22, 25, 101, 111, 1000, 1000000} {
				_, err := loc.Localize(&i18n.LocalizeConfig{MessageID: k.text, PluralCount: n,
					TemplateData: map[string]any{"Count": n}})
				if err != nil {
					t.Errorf("%s.json, %q with %d: %v", l.Code, k.text, n, err)
				}
			}
		}
	}
}

// checkKey checks the translation v of key k in the language code.
func checkKey(t *testing.T, code string, k langKey, v any) {
	t.Helper()
	want, ok := placeholders(k.text)
	if !ok {
		t.Errorf("%s: key %q has a template action other than {{.Field}}", k.pos, k.text)
	}
	forms := map[string]string{}
	switch v := v.(type) {
	case nil:
		t.Errorf("%s.json has no %q (%s)", code, k.text, k.pos)
		return
	case string:
		if k.plural {
			t.Errorf("%s.json: %q is counted (lang.N) and needs plural forms, not a string", code, k.text)
		}
		forms["other"] = v
	case map[string]any:
		if !k.plural {
			t.Errorf("%s.json: %q is not counted (lang.L) and needs a string", code, k.text)
		}
		for form, s := range v {
			text, _ := s.(string)
			forms[form] = text
		}
	}
	for form, text := range forms {
		if strings.TrimSpace(text) == "" {
			t.Errorf("%s.json: %q (%s) is empty", code, k.text, form)
		}
		got, ok := placeholders(text)
		if !ok || !slices.Equal(got, want) {
			t.Errorf("%s.json: %q (%s) has placeholders %v, want %v: %q", code, k.text, form, got, want, text)
		}
	}
}

// writeEnglishKeys adds the keys missing from en.json to it.
func writeEnglishKeys(t *testing.T, keys map[string]langKey) {
	t.Helper()
	file := langFile(t, "en")
	for text, k := range keys {
		if _, ok := file[text]; ok {
			continue
		}
		if k.plural {
			file[text] = map[string]string{"one": text, "other": text}
		} else {
			file[text] = text
		}
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(file); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("../../assets/lang/en.json", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

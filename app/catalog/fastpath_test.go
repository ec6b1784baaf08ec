package catalog

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The fast paths must give what the paths they shortcut give. These tests
// hold them to it on the package's documents, the shared captured feeds and
// fuzzed input.

// cleanCases are bodies around isClean's edges: references at the end of
// the window cleanReader looks at, cut and whole runes, the
// noncharacters, control codes, and runs of eight bytes.
var cleanCases = []string{
	"", "plain ascii text, longer than eight bytes", "a&amp;b", "a&b", "a&amp", "&#233;", "&#xFFFE;", "&eacute;",
	"&notanentity;", "caf\u00e9 \u6771\u4eac", "\xef\xbf\xbe", "\xef\xbf\xbf", "\xef\xbf\xbd", "\xe6\x9d",
	"tab\tnew\nline\rcr", "bell\x07", "nul\x00", "\x7f del", "12345678&amp;12345678", "1234567&",
	"&" + string(bytes.Repeat([]byte("a"), 38)) + ";", "&#" + string(bytes.Repeat([]byte("0"), 37)) + "65;",
	"<!-- & -->", "<![CDATA[ & ]]>", "\xc3\x28 invalid", "\xf0\x9f\x98\x80 emoji",
}

// checkClean holds isClean to cleanReader: a body isClean accepts comes
// out of cleanReader unchanged, and one it refuses does not, unless it has
// a comment or CDATA section (where cleanReader leaves a bare '&', which
// isClean, looking at bytes alone, refuses).
func checkClean(t *testing.T, b []byte) {
	t.Helper()
	out, err := io.ReadAll(&cleanReader{r: bytes.NewReader(b)})
	if err != nil {
		t.Fatal(err)
	}
	same := bytes.Equal(out, b)
	switch {
	case isClean(b) && !same:
		t.Errorf("isClean(%q), but cleanReader gives %q", b, out)
	case !isClean(b) && same && !bytes.Contains(b, []byte("<!--")) && !bytes.Contains(b, []byte("<![CDATA[")):
		t.Errorf("isClean(%q) is false, but cleanReader leaves it as it is", b)
	}
}

func TestIsCleanMatchesCleanReader(t *testing.T) {
	for _, c := range cleanCases {
		checkClean(t, []byte(c))
		checkClean(t, []byte("<a>"+c+"</a>"))
	}
	for _, doc := range fastPathDocs(t) {
		checkClean(t, doc)
	}
}

func FuzzIsClean(f *testing.F) {
	for _, c := range cleanCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkClean(t, b) })
}

// fastPathDocs returns the package's XML test documents and the shared
// captured feeds (when they are beside the repository).
func fastPathDocs(t testing.TB) map[string][]byte {
	docs := map[string][]byte{}
	for _, pattern := range []string{"testdata/*.xml", "testdata/*.html", "../../../shared/fixtures/opds/*.xml"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			docs[f] = b
		}
	}
	for i, doc := range scannerCases {
		docs[fmt.Sprintf("scanner case %d", i)] = []byte(doc)
	}
	return docs
}

// checkParseBytes holds parseAtomBytes, which decodes clean documents in
// place, to parseAtom, which copies every document through cleanReader:
// the same feed or the same error, for whole pages and for heads.
func checkParseBytes(t *testing.T, name string, doc []byte) {
	t.Helper()
	const base = "http://catalog.test:80/opds/root.xml"
	for _, head := range []bool{false, true} {
		want, werr := parseAtom(base, bytes.NewReader(doc), "", head)
		got, gerr := parseAtomBytes(base, doc, "", head)
		if fmt.Sprint(gerr) != fmt.Sprint(werr) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s (head %v): in place\n%+v, %v\nthrough cleanReader\n%+v, %v", name, head, got, gerr, want, werr)
		}
	}
}

func TestParseInPlaceMatchesCleanReader(t *testing.T) {
	for name, doc := range fastPathDocs(t) {
		checkParseBytes(t, name, doc)
		// The head of each document alone, as a crawl may get it.
		checkParseBytes(t, name+" (first half)", doc[:len(doc)/2])
	}
}

func FuzzParseInPlace(f *testing.F) {
	for _, doc := range fastPathDocs(f) {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc []byte) { checkParseBytes(t, "input", doc) })
}

// resolveCases pair bases and hrefs around resolveSimple's edges.
var resolveCases = [][2]string{
	{"https://library.example.org/opds/page/7", "/files/1.pdf"},
	{"https://library.example.org:443/opds/", "/files/1.pdf"},
	{"http://127.0.0.1:8080/catalog/1.xml", "/catalog/2.xml"},
	{"http://user:pw@host.test/x", "/a/b/"},
	{"http://host.test/x?q=1#f", "/"},
	{"", "http://files.test/files/3.pdf"},
	{"http://a.test/", "http://files.test:80/files/3.pdf"},
	{"http://a.test/", "https://files.test:443/a"},
	{"http://a.test/", "https://files.test:8443/a"},
	{"http://a.test/", "http://FILES.test/A~b_c-d.e"},
	{"http://a.test/", "http://files.test/a/../b"},
	{"http://a.test/", "http://files.test//b"},
	{"http://a.test/", "http://files.test/a//b"},
	{"http://a.test/", "http://files.test/a/."},
	{"http://a.test/", "http://files.test:/a"},
	{"http://a.test/", "http://files.test"},
	{"http://a.test/", "/a/./b"},
	{"http://a.test/", "//other.test/a"},
	{"http://a.test/", "/a%20b"},
	{"http://a.test/", "/a b"},
	{"http://a.test/", "/a?b=1"},
	{"file:///srv/opds/root.xml", "/a/b"},
	{"mailto:x@y.test", "/a"},
	{"http://[::1]:8080/x", "/a"},
	{"HTTP://A.TEST/x", "/a"},
	{"http://a.test/", "https://gorgon.test/a1/feed/12?entrypoint=All"},
	{"http://a.test/", "https://covers.test/item/1.jpg?size=large&t=1500000000"},
	{"http://a.test/", "https://gorgon.test/works/Axis%20360%20ID/0003642860/borrow"},
	{"http://a.test/", "/works/Axis%2F360/%2e%2E/x"},
	{"http://a.test/", "/a%2"},
	{"http://a.test/", "/a%zz"},
	{"http://a.test/", "/a?"},
	{"http://a.test/", "/a?b=%zz"},
	{"http://a.test/", "/a?b=1#frag"},
	{"http://a.test/", "/a?b=c?d/e;f,g+h@i:j"},
	{"http://a.test/?q=1", "/a?"},
}

// checkResolve holds resolveSimple to resolvePlain.
func checkResolve(t *testing.T, baseURL, href string) {
	t.Helper()
	base := parseBase(baseURL)
	got, ok := resolveSimple(originOf(base), href)
	if !ok {
		return
	}
	if want := resolvePlain(base, href); got != want {
		t.Errorf("base %q, href %q: resolveSimple gives %q, resolvePlain %q", baseURL, href, got, want)
	}
	if want := resolve(base, href); got != want {
		t.Errorf("base %q, href %q: resolveSimple gives %q, resolve %q", baseURL, href, got, want)
	}
}

func TestResolveSimpleMatchesResolve(t *testing.T) {
	simple := 0
	for _, c := range resolveCases {
		checkResolve(t, c[0], c[1])
		if _, ok := resolveSimple(originOf(parseBase(c[0])), c[1]); ok {
			simple++
		}
	}
	if simple < 8 || simple == len(resolveCases) {
		t.Errorf("resolveSimple took %d of %d cases: the cases miss its fast path or its refusals", simple, len(resolveCases))
	}
	var r resolver
	for _, c := range resolveCases {
		base := parseBase(c[0])
		if got, want := r.resolve(base, c[1]), resolve(base, c[1]); got != want {
			t.Errorf("base %q, href %q: resolver gives %q, resolve %q", c[0], c[1], got, want)
		}
	}
	if _, err := url.Parse(resolveCases[0][0]); err != nil {
		t.Fatal(err)
	}
}

func FuzzResolveSimple(f *testing.F) {
	for _, c := range resolveCases {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, baseURL, href string) { checkResolve(t, baseURL, href) })
}

// labelCases are tag labels around sameLower's and lowerLabel's edges:
// ASCII case, letters whose lower case changes length (İ) or meets ASCII
// (the Kelvin sign), final sigma.
var labelCases = []string{
	"", "Global", "GLOBAL", "global", "Globa", "Guidance", "guidances", "Studies", "İstanbul", "i̇stanbul",
	"istanbul", "\u212Aelvin", "kelvin", "ΣΟΦΙΑ", "σοφια", "σοφιας", "Asia-Pacific", "ASIA-PACIFIC",
	"a label longer than sixty-four bytes, which lowerLabel leaves to strings",
}

func checkLower(t *testing.T, a, b string) {
	t.Helper()
	if got, want := sameLower(a, b), strings.ToLower(a) == strings.ToLower(b); got != want {
		t.Errorf("sameLower(%q, %q) = %v, want %v", a, b, got, want)
	}
	var buf [64]byte
	if got, want := lowerLabel(buf[:0], a), strings.ToLower(a); got != want {
		t.Errorf("lowerLabel(%q) = %q, want %q", a, got, want)
	}
}

func TestSameLowerMatchesToLower(t *testing.T) {
	for _, a := range labelCases {
		for _, b := range labelCases {
			checkLower(t, a, b)
		}
	}
}

func FuzzSameLower(f *testing.F) {
	for i, a := range labelCases {
		f.Add(a, labelCases[(i+1)%len(labelCases)])
	}
	f.Fuzz(func(t *testing.T, a, b string) { checkLower(t, a, b) })
}

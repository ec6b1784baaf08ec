package catalog

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tokenStream reads tokens until the end or an error, as strings: start and
// end elements with their names and attributes, and character data with
// adjacent pieces joined (comments, processing instructions and directives,
// which the Atom decoder ignores, are left out).
func tokenStream(d tokens) ([]string, error) {
	var out []string
	text := false
	for {
		tok, err := d.Token()
		if err != nil {
			return out, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			out, text = append(out, fmt.Sprintf("<%s %s %q>", t.Name.Space, t.Name.Local, t.Attr)), false
		case xml.EndElement:
			out, text = append(out, fmt.Sprintf("</%s %s>", t.Name.Space, t.Name.Local)), false
		case xml.CharData:
			if text {
				out[len(out)-1] += string(t)
			} else {
				out, text = append(out, string(t)), true
			}
		}
	}
}

// compareScanner holds the scanner to encoding/xml on one document: where
// the scanner reads it to the end, the same tokens; where it gives up, the
// tokens it gave so far are those of encoding/xml.
func compareScanner(t *testing.T, name string, doc []byte) (fellBack bool) {
	t.Helper()
	rd, err := xmlReader(bytes.NewReader(doc), "")
	if err != nil {
		return false
	}
	clean, err := io.ReadAll(rd)
	if err != nil {
		return false
	}
	got, serr := tokenStream(newScanner(clean))
	want, werr := tokenStream(newXMLDecoder(bytes.NewReader(clean)))
	if errors.Is(serr, errFallback) {
		if len(got) > 0 {
			got = got[:len(got)-1] // the last text may have been cut short
		}
		if len(got) > len(want) || strings.Join(got, "\n") != strings.Join(want[:len(got)], "\n") {
			t.Errorf("%s: before giving up the scanner gave\n%s\nwhere encoding/xml gives\n%s", name,
				strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		return true
	}
	if serr != io.EOF || werr != io.EOF {
		t.Errorf("%s: the scanner ended with %v, encoding/xml with %v", name, serr, werr)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s: the scanner gave\n%s\nencoding/xml gives\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	return false
}

// scannerCases are documents that take the scanner through its forms and
// its refusals.
var scannerCases = []string{
	`<?xml version="1.0" encoding="UTF-8"?><!-- c --><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title type='text'>A &amp; B &lt;c&gt; &#233;&#x2019; &eacute; &apos;&quot;</title></feed>`,
	"<a xmlns:x=\"urn:x\" x:b=\"1\"\r\nc = 'v&#10;w'><x:c><![CDATA[<raw> & ]]\r\n]]><d/></x:c>\r\ntext\r</a>",
	`<a xmlns="urn:1"><b xmlns="urn:2"><c/></b><c/><y:d xmlns:y="urn:y"/><z:e/></a>`,
	`<a xmlns:p="urn:p"><p:b xmlns:p="urn:q"><p:c/></p:b><p:c/></a>`,
	`<a><b></a>`, `<a>`, `<a b></a>`, `<a b=c></a>`, `<a b="<"></a>`, `<a>x &nbsp y</a>`, `<a>&unknown;</a>`,
	`<a>&#0;</a>`, `<a>]]></a>`, `<!DOCTYPE a><a/>`, `<a><!-- x -- y --></a>`, `<a:b:c/>`, `<:a/>`, `<a:/>`,
	`<é/>`, `<a é="1"/>`, `<?xml version="1.1"?><a/>`, `<a/><b/>`, `<a>&#x110000;</a>`, `<a>&#xD800;</a>`,
	`<a x="&#1;"/>`, `<a><?pi data?></a>`, `<a></ a>`, `<a></a >`, `<a/ >`, `<a b="1"c="2"/>`,
	`<a xmlns:xml="urn:x"/>`, `<xmlns:a/>`, `<a xml:base="http://x/" xmlns:xlink="urn:l" xlink:href="h"/>`,
}

func TestScannerMatchesEncodingXML(t *testing.T) {
	fellBack := 0
	for i, doc := range scannerCases {
		if compareScanner(t, fmt.Sprintf("case %d", i), []byte(doc)) {
			fellBack++
		}
	}
	if fellBack == 0 || fellBack == len(scannerCases) {
		t.Errorf("%d of %d cases fell back to encoding/xml: the cases miss the scanner's fast path or its refusals",
			fellBack, len(scannerCases))
	}
	for _, pattern := range []string{"testdata/*.xml", "../../../shared/fixtures/opds/*.xml"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if compareScanner(t, f, b) && !strings.Contains(f, "malformed") {
				t.Logf("%s: the scanner gave it to encoding/xml", f)
			}
		}
	}
}

func FuzzScanner(f *testing.F) {
	for _, doc := range scannerCases {
		f.Add([]byte(doc))
	}
	files, _ := filepath.Glob("testdata/*.xml")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		compareScanner(t, "input", doc)
	})
}

package catalog_test

import (
	"testing"
	"time"
)

// TestTextIsNeverTakenForHTML checks the untyped and text forms: a title
// or an author is text whatever it holds; only a summary without a type
// is read as HTML, and only when it holds real markup.
func TestTextIsNeverTakenForHTML(t *testing.T) {
	f := mustParse(t, "https://x.org/", "", feedWith(`
<entry><id>1</id><title>&lt;b&gt;Bold&lt;/b&gt; &amp;amp; &lt;Escaping&gt;</title>
  <author><name>&lt;p&gt;O'Neil &amp; "Ana" 東京 مرحبا 👩🏽‍💻</name></author>
  <summary>Use &lt;br&gt; &amp;amp; &lt;p&gt; tags&lt;/p&gt;</summary></entry>
<entry><id>2</id><title type="text">A &lt;i&gt; B</title>
  <summary>Keep &lt;Escaping&gt; &amp; "quotes", a &lt; b &gt; c, AT&amp;T &amp;c.</summary></entry>`))
	eq(t, "untyped title", f.Entries[0].Title, "<b>Bold</b> &amp; <Escaping>")
	eqSlice(t, "author", f.Entries[0].Authors, []string{`<p>O'Neil & "Ana" 東京 مرحبا 👩🏽‍💻`})
	eq(t, "untyped summary with markup", f.Entries[0].Summary, "Use\n&\ntags")
	eq(t, "text title", f.Entries[1].Title, "A <i> B")
	eq(t, "untyped summary without markup", f.Entries[1].Summary, `Keep <Escaping> & "quotes", a < b > c, AT&T &c.`)
}

func TestOPDS2DescriptionIsHTMLOnlyWithMarkup(t *testing.T) {
	f := mustParse(t, "https://x.org/", "application/opds+json", []byte(`{"metadata": {"title": "t"}, "publications": [
 {"metadata": {"title": "<b>not bold</b> & co", "author": "A <B>", "description": "x < y & \"z\" <Escaping>"}},
 {"metadata": {"title": "h", "description": "<p>One &amp; <em>two</em></p><p>three &lt;3&gt;</p>"}},
 {"metadata": {"title": "c", "description": "Ends with a comment <!-- hidden --> here &#233;"}}]}`))
	eq(t, "title", f.Entries[0].Title, "<b>not bold</b> & co")
	eqSlice(t, "author", f.Entries[0].Authors, []string{"A <B>"})
	eq(t, "plain description", f.Entries[0].Summary, `x < y & "z" <Escaping>`)
	eq(t, "HTML description", f.Entries[1].Summary, "One & two\nthree <3>")
	eq(t, "comment and reference", f.Entries[2].Summary, "Ends with a comment here é")
}

func TestMailDates(t *testing.T) {
	est := time.FixedZone("EST", -5*3600)
	cases := map[string]time.Time{
		"Sun, 30 Nov 2014 17:27:27 EST":         time.Date(2014, 11, 30, 17, 27, 27, 0, est),
		"Sun, 30 Nov 2014 17:27:27 cst":         time.Date(2014, 11, 30, 23, 27, 27, 0, time.UTC),
		"Mon, 1 Dec 2014 09:00:00 PDT":          time.Date(2014, 12, 1, 16, 0, 0, 0, time.UTC),
		"1 Dec 2014 09:00 -0300":                time.Date(2014, 12, 1, 12, 0, 0, 0, time.UTC),
		"Tue, 2 Dec 2014 09:00:00 -0600 (MDT)":  time.Date(2014, 12, 2, 15, 0, 0, 0, time.UTC),
		"Tue, 02 Dec 14 09:00:00 GMT":           time.Date(2014, 12, 2, 9, 0, 0, 0, time.UTC),
		"Wed, 03 Dec 2014 10:00:00 UT (GMT)":    time.Date(2014, 12, 3, 10, 0, 0, 0, time.UTC),
		"Thu, 04 Dec 2014 10:00:00 +0100":       time.Date(2014, 12, 4, 9, 0, 0, 0, time.UTC),
		"Thu, 04 Dec 2014 10:00:00 Moon":        {},
		"Thursday, 04-Dec-14 10:00:00 nowhere":  {},
		"Fri, 05 Dec 2014 10:00:00 EDT (Ohio)":  time.Date(2014, 12, 5, 14, 0, 0, 0, time.UTC),
		"Sat, 06 Dec 2014 23:30:00 MST":         time.Date(2014, 12, 7, 6, 30, 0, 0, time.UTC),
		"Sat, 06 Dec 2014 23:30:00 Z":           time.Date(2014, 12, 6, 23, 30, 0, 0, time.UTC),
		"2014-12-06T23:30:00-05:00":             time.Date(2014, 12, 7, 4, 30, 0, 0, time.UTC),
		"Sun, 07 Dec 2014 08:00:00 +0000 (UTC)": time.Date(2014, 12, 7, 8, 0, 0, 0, time.UTC),
	}
	for stamp, want := range cases {
		f := mustParse(t, "https://x.org/", "", feedWith("<entry><id>d</id><updated>"+stamp+"</updated></entry>"))
		if got := f.Entries[0].Updated; !got.Equal(want) || (!got.IsZero() && got.Location() != time.UTC) {
			t.Errorf("%s: %v, want %v in UTC", stamp, got, want.UTC())
		}
	}
}

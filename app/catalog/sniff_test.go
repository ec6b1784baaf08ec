package catalog_test

import (
	"errors"
	"strings"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/catalog"
)

// An HTML page with bytes that are not UTF-8 before its title (a Latin-1
// error page) is reported as an HTML page, with its title, and does not
// crash the decoder.
func TestHTMLPageWithLatin1Bytes(t *testing.T) {
	for _, body := range []string{"<html\xf6<title>0", "<HTML><head>\xe9\xe9<TITLE>Caf\xe9 closed</TITLE></head></html>"} {
		_, err := catalog.Parse("http://portal.test/", "text/html", []byte(body))
		if !errors.Is(err, app.ErrMalformedFeed) || !strings.Contains(err.Error(), "HTML page") {
			t.Errorf("%q: got %v, want the HTML page error", body, err)
		}
	}
	_, err := catalog.Parse("http://portal.test/", "text/html", []byte("<HTML><head>\xe9<TITLE>Closed  for\nrepairs</TITLE>"))
	if err == nil || !strings.Contains(err.Error(), `"Closed for repairs"`) {
		t.Errorf("got %v, want the page's title in the error", err)
	}
}

package library

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"fieldshelf/app"
)

// What one import may hold. The file is read as a stream, one annotation
// at a time, so its size bounds the memory an import takes and the number
// of annotations bounds its time.
const (
	// MaxImportBytes caps the file.
	MaxImportBytes = 64 << 20
	// MaxImportItems caps the annotations of one import.
	MaxImportItems = 20000
	// maxItemBytes caps one annotation as written in the file: more than
	// its texts and rectangles can fill within their own caps.
	maxItemBytes = 4*MaxNoteBytes + 64*MaxRects
)

// errTooLargeImport reports a file over MaxImportBytes.
var errTooLargeImport = fmt.Errorf("the file is larger than %s; import at most that at a time",
	app.FormatSize(MaxImportBytes))

// eachAnnotation calls fn with each annotation read from r (see
// readAnnotations) within the caps of an import: MaxImportBytes and
// MaxImportItems.
func eachAnnotation(r io.Reader, fn func(json.RawMessage) error) error {
	items := 0
	return readAnnotations(r, MaxImportBytes, func(raw json.RawMessage) error {
		if items++; items > MaxImportItems {
			return fmt.Errorf("library: import: the file holds more than %d annotations: import at most that many at a time",
				MaxImportItems)
		}
		return fn(raw)
	})
}

// readAnnotations calls fn with each annotation of a W3C collection, an
// AnnotationPage, an array or a single annotation read from r, one at a
// time, without holding the whole file, and fails once more than limit
// bytes were read. An error of fn stops it.
func readAnnotations(r io.Reader, limit int64, fn func(json.RawMessage) error) error {
	return readValue(json.NewDecoder(&cappedReader{r: r, left: limit}), fn, errNotAnnotations)
}

// readValue reads the next value: an array of annotations, or an object
// (a collection, a page or one annotation). Anything else is other (nil
// for a value that may be passed over).
func readValue(dec *json.Decoder, fn func(json.RawMessage) error, other error) error {
	tok, err := dec.Token()
	if err != nil {
		return readError(err)
	}
	switch tok {
	case json.Delim('['):
		return readArray(dec, fn)
	case json.Delim('{'):
		return readObject(dec, fn)
	}
	return other
}

var errNotAnnotations = errors.New("library: read annotations: not a W3C annotation, page or collection")

func readError(err error) error {
	if errors.Is(err, errTooLargeImport) {
		return fmt.Errorf("library: import: %w", err)
	}
	return fmt.Errorf("library: read annotations: %w", err)
}

// readArray calls fn with each element of an array whose '[' was read.
func readArray(dec *json.Decoder, fn func(json.RawMessage) error) error {
	for dec.More() {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return readError(err)
		}
		if err := fn(raw); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // ']'
		return readError(err)
	}
	return nil
}

// readObject reads an object whose '{' was read: a collection (its
// "first" page), a page (its "items") or one annotation.
func readObject(dec *json.Decoder, fn func(json.RawMessage) error) error {
	members := map[string]json.RawMessage{}
	size, streamed := 0, false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return readError(err)
		}
		key, _ := tok.(string)
		if key == "items" || key == "first" {
			// A "first" that is only the URL of a page has nothing to
			// read here.
			if err := readValue(dec, fn, nil); err != nil {
				return err
			}
			streamed = true
			continue
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return readError(err)
		}
		if size += len(key) + len(raw); size <= maxItemBytes {
			members[key] = raw
		}
	}
	if _, err := dec.Token(); err != nil { // '}'
		return readError(err)
	}
	if streamed {
		return nil
	}
	if string(members["type"]) != `"Annotation"` {
		return errNotAnnotations
	}
	if size > maxItemBytes {
		return fmt.Errorf("library: import: the annotation is larger than %s", app.FormatSize(maxItemBytes))
	}
	whole, err := json.Marshal(members)
	if err != nil {
		return readError(err)
	}
	return fn(whole)
}

// cappedReader fails once more than left bytes were read.
type cappedReader struct {
	r    io.Reader
	left int64
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		var one [1]byte
		n, err := c.r.Read(one[:])
		if n > 0 {
			return 0, errTooLargeImport
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// compactSize is the size of raw without its insignificant white space,
// so that an indented file is not held to a tighter cap.
func compactSize(raw json.RawMessage) int {
	if len(raw) <= maxItemBytes {
		return len(raw)
	}
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return len(raw)
	}
	return b.Len()
}

package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// jreader is a small pull reader over a JSON document. It decodes only the
// values the caller asks for and skips the rest with a plain byte scan,
// which is several times faster than reflection-based decoding of the few
// fields OPDS needs out of large feeds. It checks the syntax of everything
// it reads or skips. After the first syntax error every call is a no-op and
// err says what went wrong.
type jreader struct {
	data []byte
	pos  int
	err  error
}

// maxJSONDepth bounds the nesting of skipped values.
const maxJSONDepth = 10000

func (r *jreader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format+" at byte %d", append(args, r.pos)...)
	}
	r.pos = len(r.data)
}

// peek skips white space and returns the next byte, 0 at the end.
func (r *jreader) peek() byte {
	for r.pos < len(r.data) {
		switch c := r.data[r.pos]; c {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return c
		}
	}
	return 0
}

func (r *jreader) expect(c byte) bool {
	if r.peek() != c {
		if r.pos >= len(r.data) {
			r.fail("unexpected end of JSON input")
		} else {
			r.fail("expected %q, found %q", c, r.data[r.pos])
		}
		return false
	}
	r.pos++
	return true
}

// object calls fn for each member of an object; fn must consume the value.
// A value that is not an object is skipped and false returned.
func (r *jreader) object(fn func(key []byte)) bool {
	if r.peek() != '{' {
		r.skip()
		return false
	}
	r.pos++
	if r.peek() == '}' {
		r.pos++
		return true
	}
	for r.err == nil {
		key := r.rawKey()
		if !r.expect(':') {
			return false
		}
		fn(key)
		switch r.peek() {
		case ',':
			r.pos++
		case '}':
			r.pos++
			return true
		default:
			r.fail("expected ',' or '}' in object")
		}
	}
	return false
}

// array calls fn for each element of an array; fn must consume it. A value
// that is not an array is skipped and false returned.
func (r *jreader) array(fn func()) bool {
	if r.peek() != '[' {
		r.skip()
		return false
	}
	r.pos++
	if r.peek() == ']' {
		r.pos++
		return true
	}
	for r.err == nil {
		fn()
		switch r.peek() {
		case ',':
			r.pos++
		case ']':
			r.pos++
			return true
		default:
			r.fail("expected ',' or ']' in array")
		}
	}
	return false
}

// rawKey reads an object key; it aliases the input unless it has escapes.
func (r *jreader) rawKey() []byte {
	if r.peek() != '"' {
		r.fail("expected a string key")
		return nil
	}
	start := r.pos + 1
	end, escaped := r.scanString()
	if r.err != nil {
		return nil
	}
	if escaped {
		return []byte(unescapeJSON(r.data[start:end]))
	}
	return r.data[start:end]
}

// scanString moves past a string whose opening quote is at pos and returns
// the end of its contents and whether it has escapes.
func (r *jreader) scanString() (end int, escaped bool) {
	i := r.pos + 1
	if q := bytes.IndexByte(r.data[i:], '"'); q >= 0 && bytes.IndexByte(r.data[i:i+q], '\\') < 0 {
		r.pos = i + q + 1
		return i + q, false // the common case: no escapes
	}
	for i < len(r.data) {
		switch r.data[i] {
		case '"':
			r.pos = i + 1
			return i, escaped
		case '\\':
			escaped = true
			i += 2
			continue
		}
		i++
	}
	r.fail("unterminated string")
	return len(r.data), false
}

// str reads a string; any other value is skipped and gives "".
func (r *jreader) str() string {
	if r.peek() != '"' {
		r.skip()
		return ""
	}
	start := r.pos + 1
	end, escaped := r.scanString()
	if r.err != nil {
		return ""
	}
	return decodeJSONString(r.data[start:end], escaped)
}

// raw reads a string without decoding it; any other value is skipped and
// gives an empty jsonRaw.
func (r *jreader) raw() jsonRaw {
	if r.peek() != '"' {
		r.skip()
		return jsonRaw{}
	}
	start := r.pos + 1
	end, escaped := r.scanString()
	if r.err != nil {
		return jsonRaw{}
	}
	return jsonRaw{b: r.data[start:end], escaped: escaped}
}

// text reads a string, a number (as written) or a language map ({"en":
// "...", "fr": "..."}, whose first string is kept); other values give "".
func (r *jreader) text() string {
	switch c := r.peek(); {
	case c == '"':
		return r.str()
	case c == '-' || ('0' <= c && c <= '9'):
		start := r.pos
		r.skip()
		return string(r.data[start:r.pos])
	case c == '{':
		s := ""
		r.object(func([]byte) {
			if v := r.text(); s == "" {
				s = v
			}
		})
		return s
	}
	r.skip()
	return ""
}

// boolean reads true (or the string "true"); anything else is false.
func (r *jreader) boolean() bool {
	switch r.peek() {
	case 't':
		return r.literal("true")
	case '"':
		return r.str() == "true"
	}
	r.skip()
	return false
}

func (r *jreader) literal(word string) bool {
	if !bytes.HasPrefix(r.data[r.pos:], []byte(word)) {
		r.fail("invalid literal")
		return false
	}
	r.pos += len(word)
	return true
}

// skip moves past one value of any kind, checking its syntax. It keeps an
// explicit stack, so hostile nesting cannot exhaust the goroutine stack.
func (r *jreader) skip() {
	var stack []byte // the closers awaited
	for r.err == nil {
		switch c := r.peek(); c {
		case '{', '[':
			if len(stack) >= maxJSONDepth {
				r.fail("JSON nested too deeply")
				return
			}
			r.pos++
			if c == '{' {
				stack = append(stack, '}')
				if r.peek() != '}' {
					r.rawKey()
					r.expect(':')
					continue
				}
			} else {
				stack = append(stack, ']')
				if r.peek() != ']' {
					continue
				}
			}
		case '"':
			r.scanString()
		case 't':
			r.literal("true")
		case 'f':
			r.literal("false")
		case 'n':
			r.literal("null")
		case 0:
			r.fail("unexpected end of JSON input")
			return
		default:
			r.number()
		}
		// A value is complete: close containers or move to the next member.
		for r.err == nil {
			if len(stack) == 0 {
				return
			}
			closer := stack[len(stack)-1]
			c := r.peek()
			if c == closer {
				r.pos++
				stack = stack[:len(stack)-1]
				continue
			}
			if c != ',' {
				r.fail("expected ',' or %q", closer)
				return
			}
			r.pos++
			if closer == '}' {
				r.rawKey()
				r.expect(':')
			}
			break
		}
	}
}

func (r *jreader) number() {
	start := r.pos
	for r.pos < len(r.data) && strings.IndexByte("+-0123456789.eE", r.data[r.pos]) >= 0 {
		r.pos++
	}
	if start == r.pos {
		r.fail("invalid character %q", r.data[start])
		return
	}
	if _, err := strconv.ParseFloat(string(r.data[start:r.pos]), 64); err != nil && !errors.Is(err, strconv.ErrRange) {
		r.pos = start
		r.fail("invalid number")
	}
}

// end checks that only white space follows the document.
func (r *jreader) end() {
	if r.peek() != 0 && r.err == nil {
		r.fail("invalid character %q after the top-level value", r.data[r.pos])
	}
}

// decodeJSONString turns the contents of a string literal into a string:
// escapes are decoded, raw control characters (invalid, but sent by some
// servers) become spaces and invalid UTF-8 becomes U+FFFD.
func decodeJSONString(b []byte, escaped bool) string {
	if !escaped && utf8.Valid(b) && !hasControl(b) {
		return string(b)
	}
	return unescapeJSON(b)
}

func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 {
			return true
		}
	}
	return false
}

func unescapeJSON(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '\\' && i+1 < len(b):
			i += 2
			switch b[i-1] {
			case 'n':
				sb.WriteByte('\n')
			case 't':
				sb.WriteByte('\t')
			case 'r':
				sb.WriteByte('\r')
			case 'b', 'f':
				sb.WriteByte(' ')
			case 'u':
				var r rune
				r, i = unicodeEscape(b, i-2)
				sb.WriteRune(r)
			default: // \" \\ \/ and unknown escapes
				sb.WriteByte(b[i-1])
			}
		case c < 0x20:
			sb.WriteByte(' ')
			i++
		case c < utf8.RuneSelf:
			sb.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRune(b[i:])
			sb.WriteRune(r) // RuneError for invalid bytes
			i += size
		}
	}
	return sb.String()
}

// unicodeEscape decodes \uXXXX at b[i:] (with a following low surrogate
// when needed) and returns the rune and the index after it.
func unicodeEscape(b []byte, i int) (rune, int) {
	hex := func(j int) (rune, bool) {
		if j+6 > len(b) || b[j] != '\\' || b[j+1] != 'u' {
			return 0, false
		}
		n, err := strconv.ParseUint(string(b[j+2:j+6]), 16, 32)
		return rune(n), err == nil
	}
	r, ok := hex(i)
	if !ok {
		return utf8.RuneError, i + 2
	}
	if utf16.IsSurrogate(r) {
		if r2, ok := hex(i + 6); ok {
			if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
				return dec, i + 12
			}
		}
		return utf8.RuneError, i + 6
	}
	return r, i + 6
}

package catalog

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"io"
	"strconv"
	"unicode/utf8"
)

// cleanReader repairs the commonest faults of hand-made feeds on the way
// to the XML decoder, so that one bad byte does not reject a whole feed:
// invalid UTF-8 and the noncharacters U+FFFE and U+FFFF become U+FFFD, the
// control codes XML forbids become spaces, and an '&' that does not start a
// known entity or character reference (a bare "&" in "?a=1&b=2" or "Tom &
// Jerry") is escaped. Comments and CDATA sections are passed untouched.
type cleanReader struct {
	r     io.Reader
	buf   [4096]byte
	start int
	end   int
	err   error
	state int // cleanText, cleanComment or cleanCDATA
}

const (
	cleanText = iota
	cleanComment
	cleanCDATA
)

// lookahead is how many bytes are kept in view at '&', '<', '-' and ']'.
const lookahead = 40

func (c *cleanReader) fill() {
	if c.start > 0 {
		c.end = copy(c.buf[:], c.buf[c.start:c.end])
		c.start = 0
	}
	n, err := c.r.Read(c.buf[c.end:])
	c.end += n
	if err != nil {
		c.err = err
	}
}

func (c *cleanReader) Read(p []byte) (int, error) {
	if len(p) < 8 {
		var tmp [8]byte
		n, err := c.Read(tmp[:])
		m := copy(p, tmp[:n])
		if m < n { // cannot happen with callers that read through bufio
			return m, io.ErrShortBuffer
		}
		return m, err
	}
	for {
		if c.end-c.start < lookahead && c.err == nil {
			c.fill()
		}
		n := c.convert(p)
		if n > 0 {
			return n, nil
		}
		if c.start == c.end && c.err != nil {
			return 0, c.err
		}
	}
}

// plainByte marks the ASCII bytes that pass unchanged whatever follows.
var plainByte = func() (t [256]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = true
	}
	for _, b := range []byte("&<-]") {
		t[b] = false
	}
	t['\t'], t['\n'], t['\r'] = true, true, true
	return t
}()

// convert copies cleaned bytes from the buffer to p and returns their count.
func (c *cleanReader) convert(p []byte) int {
	n := 0
	for c.start < c.end && n+8 <= len(p) {
		in := c.buf[c.start:c.end]
		k, lim := 0, min(len(in), len(p)-n)
		for k < lim && plainByte[in[k]] {
			k++
		}
		if k > 0 { // a run that needs no attention
			n += copy(p[n:], in[:k])
			c.start += k
			continue
		}
		b := in[0]
		if b >= utf8.RuneSelf {
			if !utf8.FullRune(in) && c.err == nil {
				break // wait for the rest of the sequence
			}
			r, size := utf8.DecodeRune(in)
			if (r == utf8.RuneError && size == 1) || r == 0xFFFE || r == 0xFFFF {
				n += utf8.EncodeRune(p[n:], utf8.RuneError)
			} else {
				n += copy(p[n:], in[:size])
			}
			c.start += size
			continue
		}
		markup := b == '&' || b == '<' || (b == '-' && c.state == cleanComment) || (b == ']' && c.state == cleanCDATA)
		if markup && len(in) < lookahead && c.err == nil {
			break // keep the markup in view
		}
		switch {
		case b < 0x20 && b != '\t' && b != '\n' && b != '\r':
			p[n] = ' '
			n++
			c.start++
		case c.state == cleanText && b == '&' && !knownReference(in):
			n += copy(p[n:], "&amp;")
			c.start++
		default:
			k := c.markup(in)
			n += copy(p[n:], in[:k])
			c.start += k
		}
	}
	return n
}

// markup returns how many bytes at the start of in to pass on, moving in
// and out of comments and CDATA sections.
func (c *cleanReader) markup(in []byte) int {
	switch {
	case c.state == cleanText && bytes.HasPrefix(in, []byte("<!--")):
		c.state = cleanComment
		return 4
	case c.state == cleanText && bytes.HasPrefix(in, []byte("<![CDATA[")):
		c.state = cleanCDATA
		return 9
	case c.state == cleanComment && bytes.HasPrefix(in, []byte("-->")):
		c.state = cleanText
		return 3
	case c.state == cleanCDATA && bytes.HasPrefix(in, []byte("]]>")):
		c.state = cleanText
		return 3
	}
	return 1
}

// knownReference reports whether in starts with an entity reference the
// decoder accepts: a predefined or HTML entity, or a character reference
// to a character XML allows.
func knownReference(in []byte) bool {
	semi := bytes.IndexByte(in[:min(len(in), lookahead)], ';')
	if semi < 2 {
		return false
	}
	name := string(in[1:semi])
	if name[0] != '#' {
		switch name {
		case "amp", "lt", "gt", "quot", "apos":
			return true
		}
		_, ok := xml.HTMLEntity[name]
		return ok
	}
	var n uint64
	var err error
	if len(name) > 2 && (name[1] == 'x' || name[1] == 'X') {
		n, err = strconv.ParseUint(name[2:], 16, 32)
	} else {
		n, err = strconv.ParseUint(name[1:], 10, 32)
	}
	return err == nil && isXMLChar(rune(n))
}

func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// isClean reports whether cleanReader passes b through unchanged: b is
// valid UTF-8 without U+FFFE and U+FFFF, has no control codes but tab,
// newline and carriage return, and each '&' in it starts a reference
// knownReference accepts.
func isClean(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for i < len(b) {
		if i+8 <= len(b) {
			// Eight bytes at a time: none below 0x20, none '&', none
			// from 0x80 means nothing to look at.
			w := binary.LittleEndian.Uint64(b[i:])
			amp := w ^ ('&' * ones)
			if (w-0x20*ones)&^w&highs == 0 && (amp-ones)&^amp&highs == 0 && w&highs == 0 {
				i += 8
				continue
			}
		}
		for end := min(i+8, len(b)); i < end; i++ {
			switch c := b[i]; {
			case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
				return false
			case c == '&' && !knownReference(b[i:]):
				return false
			case c == 0xEF && i+2 < len(b) && b[i+1] == 0xBF && (b[i+2] == 0xBE || b[i+2] == 0xBF):
				return false // U+FFFE or U+FFFF
			}
		}
	}
	return true
}

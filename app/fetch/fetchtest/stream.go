package fetchtest

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"time"
)

// pdfHeader opens every generated document.
const pdfHeader = "%PDF-1.7\n"

// PDFStream is a deterministic pseudo-random document of any size that
// begins with "%PDF-1.7\n". It is generated on the fly, so hundreds of
// megabytes can be served without being held in memory.
type PDFStream struct {
	size int64
	seed uint64
}

// NewPDFStream returns the document of size bytes for seed.
func NewPDFStream(size int64, seed uint64) *PDFStream {
	return &PDFStream{size: size, seed: seed}
}

// PDFBytes returns the document of size bytes for seed, in memory.
func PDFBytes(size int, seed uint64) []byte {
	b := make([]byte, size)
	_, _ = NewPDFStream(int64(size), seed).ReadAt(b, 0)
	return b
}

// Size returns the length of the document.
func (p *PDFStream) Size() int64 { return p.size }

// Doc returns a Doc serving the stream, with an ETag naming seed and size.
func (p *PDFStream) Doc() Doc {
	return Doc{
		Content:      p,
		Size:         p.size,
		ContentType:  "application/pdf",
		ETag:         fmt.Sprintf(`"gen-%x-%x"`, p.seed, p.size),
		LastModified: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC),
	}
}

// SHA256 returns the hex SHA-256 of the whole document.
func (p *PDFStream) SHA256() string {
	h := sha256.New()
	_, _ = io.CopyBuffer(h, io.NewSectionReader(p, 0, p.size), make([]byte, 1<<20))
	return hex.EncodeToString(h.Sum(nil))
}

// ReadAt implements io.ReaderAt.
func (p *PDFStream) ReadAt(b []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("fetchtest: negative offset")
	}
	if off >= p.size {
		return 0, io.EOF
	}
	var err error
	if rem := p.size - off; int64(len(b)) > rem {
		b, err = b[:rem], io.EOF
	}
	i := 0
	for ; i < len(b) && (off+int64(i))%8 != 0; i++ {
		b[i] = p.byteAt(off + int64(i))
	}
	for ; i+8 <= len(b); i += 8 {
		binary.LittleEndian.PutUint64(b[i:], mix(p.seed, uint64(off+int64(i))/8))
	}
	for ; i < len(b); i++ {
		b[i] = p.byteAt(off + int64(i))
	}
	if off < int64(len(pdfHeader)) {
		copy(b, pdfHeader[off:])
	}
	return len(b), err
}

func (p *PDFStream) byteAt(pos int64) byte {
	return byte(mix(p.seed, uint64(pos)/8) >> (8 * (pos % 8)))
}

// mix is SplitMix64 of the word index.
func mix(seed, i uint64) uint64 {
	z := seed + (i+1)*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

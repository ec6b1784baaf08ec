package fetchtest

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
)

// Dual is a loopback server that answers http and https on the same port:
// one host and port, two origins, as a catalogue server that also listens
// in clear. Each connection is told apart by its first byte (a TLS
// handshake starts with 0x16). The https side uses httptest's test
// certificate, which only a client given CertPool trusts.
type Dual struct {
	*httptest.Server
	// HTTPS is the https URL of the same host and port as URL.
	HTTPS string
	pool  *x509.CertPool
}

// NewDual starts a Dual serving h. Close it when done.
func NewDual(h http.Handler) *Dual {
	// httptest's certificate comes with a server started over TLS.
	probe := httptest.NewTLSServer(http.NotFoundHandler())
	cfg := probe.TLS.Clone()
	pool := x509.NewCertPool()
	pool.AddCert(probe.Certificate())
	probe.Close()

	s := httptest.NewUnstartedServer(h)
	s.Listener = newSniffer(s.Listener, cfg)
	s.Start()
	return &Dual{Server: s, HTTPS: "https://" + strings.TrimPrefix(s.URL, "http://"), pool: pool}
}

// CertPool returns a pool that trusts the https side.
func (d *Dual) CertPool() *x509.CertPool { return d.pool }

// sniffer is a listener whose connections are TLS or plain, by their first
// byte. Each new connection is sniffed on a goroutine of its own, so one
// silent client cannot hold up the others.
type sniffer struct {
	net.Listener
	cfg   *tls.Config
	conns chan net.Conn
	errs  chan error
}

func newSniffer(l net.Listener, cfg *tls.Config) *sniffer {
	s := &sniffer{Listener: l, cfg: cfg, conns: make(chan net.Conn), errs: make(chan error, 1)}
	go s.loop()
	return s
}

func (s *sniffer) loop() {
	for {
		c, err := s.Listener.Accept()
		if err != nil {
			s.errs <- err
			return
		}
		go s.sniff(c)
	}
}

func (s *sniffer) sniff(c net.Conn) {
	br := bufio.NewReader(c)
	first, err := br.Peek(1)
	if err != nil {
		c.Close()
		return
	}
	var conn net.Conn = &peekedConn{Conn: c, r: br}
	if first[0] == 0x16 {
		conn = tls.Server(conn, s.cfg)
	}
	select {
	case s.conns <- conn:
	case err := <-s.errs:
		s.errs <- err
		c.Close()
	}
}

// Accept returns the next sniffed connection.
func (s *sniffer) Accept() (net.Conn, error) {
	select {
	case c := <-s.conns:
		return c, nil
	case err := <-s.errs:
		s.errs <- err // for the other waiters
		return nil, err
	}
}

// peekedConn reads first what was peeked.
type peekedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *peekedConn) Read(b []byte) (int, error) { return c.r.Read(b) }

package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
)

// DefaultAddr is where a server listens unless told otherwise: this
// computer only. To share with people nearby, listen on every address
// (0.0.0.0:8421) or on the local network's.
const DefaultAddr = "127.0.0.1:8421"

// Server serves a handler on a listening address until it is closed.
type Server struct {
	ln   net.Listener
	srv  *http.Server
	done chan error
}

// Start listens on addr (host:port; port 0 picks a free one) and serves h
// in the background.
func Start(addr string, h http.Handler) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("serve: listen on %s: %w", addr, err)
	}
	s := &Server{ln: ln, done: make(chan error, 1),
		srv: &http.Server{Handler: h, ReadHeaderTimeout: readHeaderTimeout, IdleTimeout: idleTimeout}}
	go func() {
		err := s.srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		s.done <- err
	}()
	return s, nil
}

// Close stops the server: it stops listening, lets the requests in
// progress finish until ctx ends, then cuts the rest.
func (s *Server) Close(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	if err != nil {
		err = errors.Join(err, s.srv.Close())
	}
	return errors.Join(err, <-s.done)
}

// Done returns a channel that receives the server's end: nil after
// Close, or why it stopped serving.
func (s *Server) Done() <-chan error { return s.done }

// Addr returns the address listened on.
func (s *Server) Addr() *net.TCPAddr { return s.ln.Addr().(*net.TCPAddr) }

// Local returns the URL of a file of the catalogue for this computer.
func (s *Server) Local(file string) string {
	a := s.Addr()
	host := a.IP.String()
	if a.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(a.Port)) + "/" + file
}

// Nearby returns the URLs of a file of the catalogue that people on the
// local networks would add, one per address of this computer on them.
// Reachable reports whether they can reach it: false while the server
// listens on a loopback address only.
func (s *Server) Nearby(file string) (urls []string, reachable bool) {
	a := s.Addr()
	ips := []net.IP{a.IP}
	if a.IP.IsUnspecified() || a.IP.IsLoopback() {
		ips = lanAddresses()
	}
	for _, ip := range ips {
		urls = append(urls, "http://"+net.JoinHostPort(ip.String(), strconv.Itoa(a.Port))+"/"+file)
	}
	return urls, !a.IP.IsLoopback()
}

// lanAddresses returns this computer's addresses on its local networks:
// the IPv4 addresses of the interfaces that are up, other than loopback
// and link-local ones.
func lanAddresses() []net.IP {
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var out []net.IP
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, err := ifc.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			n, ok := a.(*net.IPNet)
			if ok && n.IP.To4() != nil && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() {
				out = append(out, n.IP.To4())
			}
		}
	}
	return out
}

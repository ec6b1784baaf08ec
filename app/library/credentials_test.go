package library_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"fieldshelf/app"
	"fieldshelf/app/library"
)

// memKeyring is a keyring in memory.
type memKeyring struct{ pws map[string]string }

func (k *memKeyring) Get(key string) (string, error) { return k.pws[key], nil }
func (k *memKeyring) Set(key, pw string) error       { k.pws[key] = pw; return nil }
func (k *memKeyring) Delete(key string) error        { delete(k.pws, key); return nil }

// lockedFeed serves a catalogue of n entries that asks for trainer's
// password.
func lockedFeed(t *testing.T, n int) string {
	srv := newFeedServer(t)
	first := servePaged(srv, genCatalogue(n, srv.URL), 10)
	srv.setFault(func(w http.ResponseWriter, r *http.Request) bool {
		if u, p, ok := r.BasicAuth(); ok && u == "trainer" && p == "s3cret-pass" {
			return false
		}
		http.Error(w, "unauthorised", http.StatusUnauthorized)
		return true
	})
	return first
}

func TestPasswordTypedInIsKeptInTheKeyringNeverOnDisk(t *testing.T) {
	ctx := context.Background()
	url := lockedFeed(t, 2)
	keys := &memKeyring{pws: map[string]string{}}
	l := library.Reopen(newLibrary(t), library.Options{Passwords: keys})
	src, err := l.AddSource(ctx, app.Source{URL: url, Username: "trainer"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = l.SyncSource(ctx, src, nil)
	var f *app.Failure
	if !errors.As(err, &f) || f.Kind != app.FailPassword {
		t.Fatalf("sync without a password: %v, want a failure asking for it", err)
	}
	if kept, err := l.SetSourcePassword(ctx, src.ID, "s3cret-pass"); kept != app.PasswordKeyring || err != nil {
		t.Fatalf("SetSourcePassword: %q, %v; want it in the keyring", kept, err)
	}
	if st := syncOK(t, l, src); st.Added != 2 {
		t.Fatalf("sync with the keyring's password: %+v", st)
	}
	if kept, _ := l.PasswordKept(ctx, src.ID); kept != app.PasswordKeyring {
		t.Errorf("PasswordKept=%q, want keyring", kept)
	}
	dir := l.DataDir()
	err = filepath.Walk(dir, func(path string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		if b, err := os.ReadFile(path); err == nil && bytes.Contains(b, []byte("s3cret-pass")) {
			t.Errorf("%s holds the password in clear", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.RemoveSource(ctx, src.ID); err != nil || len(keys.pws) != 0 {
		t.Errorf("after RemoveSource: %v, keyring %v; want the password forgotten", err, keys.pws)
	}
}

func TestWithoutAKeyringThePasswordLastsTheSession(t *testing.T) {
	ctx := context.Background()
	l := newLibrary(t)
	src, err := l.AddSource(ctx, app.Source{URL: lockedFeed(t, 25), Username: "trainer"})
	if err != nil {
		t.Fatal(err)
	}
	if l.HasKeyring() {
		t.Fatal("a library without a password store says it has a keyring")
	}
	// The address is checked with the password typed, before it is kept.
	c, err := l.CheckSource(ctx, src, "s3cret-pass")
	if err != nil || c.Format != "OPDS 1.2" || c.Publications != 25 || c.More {
		t.Fatalf("CheckSource=%+v, %v; want OPDS 1.2 with 25 publications", c, err)
	}
	if got := c.Summary(); got != "OPDS 1.2 catalogue “Generated catalogue”, 25 publications" {
		t.Errorf("Summary()=%q", got)
	}
	var f *app.Failure
	if _, err := l.CheckSource(ctx, src, "wrong"); !errors.As(err, &f) || f.Kind != app.FailRefused {
		t.Errorf("CheckSource with a wrong password: %v, want it refused", err)
	}
	if kept, _ := l.SetSourcePassword(ctx, src.ID, "s3cret-pass"); kept != app.PasswordSession {
		t.Fatalf("kept %q without a keyring, want the session", kept)
	}
	syncOK(t, l, src)
	if kept, _ := library.Reopen(l, library.Options{}).PasswordKept(ctx, src.ID); kept != app.PasswordNone {
		t.Errorf("after a restart the password is %q, want asked again", kept)
	}
}

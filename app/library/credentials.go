package library

import (
	"context"
	"fmt"
	"sync"

	"fieldshelf/app"
)

// PasswordStore keeps catalogue passwords outside Fieldshelf's files: the
// system keyring, which cmd/fieldshelf provides. Get returns "" with no
// error when it keeps none for key; an error means the keyring cannot be
// used.
type PasswordStore interface {
	Get(key string) (string, error)
	Set(key, password string) error
	Delete(key string) error
}

// sessionPasswords are the passwords typed while no keyring could keep
// them: in memory only, so Fieldshelf asks again after a restart.
type sessionPasswords struct {
	mu  sync.Mutex
	pws map[string]string
}

func (s *sessionPasswords) get(key string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pws[key]
}

func (s *sessionPasswords) set(key, pw string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if pw == "" {
		delete(s.pws, key)
		return
	}
	if s.pws == nil {
		s.pws = map[string]string{}
	}
	s.pws[key] = pw
}

// passwordKey names a source's password in the keyring: its user name and
// address, so that another account or catalogue never gets it.
func passwordKey(src app.Source) string { return src.Username + " " + src.URL }

// password returns the password to send to a source: from the environment
// variable it names (scripts), else the one typed this session, else the
// keyring's. A source with a user name and no password anywhere fails with
// app.ErrNeedPassword, for the user to be asked.
func (l *Library) password(_ context.Context, src app.Source) (string, error) {
	if src.PasswordEnv != "" {
		if pw := l.getenv(src.PasswordEnv); pw != "" {
			return pw, nil
		}
		return "", fmt.Errorf("the password variable %s is not set: %w", src.PasswordEnv, app.ErrNeedPassword)
	}
	if src.Username == "" {
		return "", nil
	}
	if pw := l.session.get(passwordKey(src)); pw != "" {
		return pw, nil
	}
	if l.passwords != nil {
		if pw, err := l.passwords.Get(passwordKey(src)); err == nil && pw != "" {
			return pw, nil
		}
	}
	return "", fmt.Errorf("no password for %s: %w", src.Username, app.ErrNeedPassword)
}

// SetSourcePassword keeps the password a user typed for a source: in the
// system keyring when there is one, else in memory until Fieldshelf
// closes (it is asked again next time). An empty password forgets it. It
// says where the password is kept; it is never written to Fieldshelf's
// files or logs.
func (l *Library) SetSourcePassword(ctx context.Context, id int64, password string) (app.PasswordKeeping, error) {
	src, err := l.store.Source(ctx, id)
	if err != nil {
		return app.PasswordNone, err
	}
	if src.Username == "" && password != "" {
		return app.PasswordNone, invalid(app.OpCheck, "A password needs a user name.")
	}
	key := passwordKey(src)
	l.forgetPassword(src)
	if password == "" {
		return app.PasswordNone, nil
	}
	if l.passwords != nil && l.passwords.Set(key, password) == nil {
		return app.PasswordKeyring, nil
	}
	l.session.set(key, password)
	return app.PasswordSession, nil
}

// forgetPassword forgets a source's password, wherever it is kept.
func (l *Library) forgetPassword(src app.Source) {
	l.session.set(passwordKey(src), "")
	if l.passwords != nil && src.Username != "" {
		_ = l.passwords.Delete(passwordKey(src))
	}
}

// PasswordKept says where a source's password is kept, if anywhere.
func (l *Library) PasswordKept(ctx context.Context, id int64) (app.PasswordKeeping, error) {
	src, err := l.store.Source(ctx, id)
	if err != nil {
		return app.PasswordNone, err
	}
	key := passwordKey(src)
	switch {
	case src.PasswordEnv != "":
		return app.PasswordEnv, nil
	case src.Username == "":
		return app.PasswordNone, nil
	case l.session.get(key) != "":
		return app.PasswordSession, nil
	}
	if l.passwords != nil {
		if pw, err := l.passwords.Get(key); err == nil && pw != "" {
			return app.PasswordKeyring, nil
		}
	}
	return app.PasswordNone, nil
}

// HasKeyring reports whether passwords typed in can be kept in the system
// keyring; without one they are asked for each time Fieldshelf starts.
func (l *Library) HasKeyring() bool {
	if l.passwords == nil {
		return false
	}
	_, err := l.passwords.Get("fieldshelf keyring check")
	return err == nil
}

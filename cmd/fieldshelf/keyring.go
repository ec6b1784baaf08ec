package main

import (
	"errors"

	"github.com/zalando/go-keyring"

	"fieldshelf/app/library"
)

// keyringService names Fieldshelf's entries in the system keyring.
const keyringService = "Fieldshelf"

// systemKeyring is the system keyring (the Secret Service on Linux, the
// Credential Manager on Windows) as the library's password store.
type systemKeyring struct{}

var _ library.PasswordStore = systemKeyring{}

// Get returns the password kept for key, "" when there is none.
func (systemKeyring) Get(key string) (string, error) {
	pw, err := keyring.Get(keyringService, key)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", nil
	}
	return pw, err
}

// Set keeps a password for key.
func (systemKeyring) Set(key, password string) error {
	return keyring.Set(keyringService, key, password)
}

// Delete forgets the password of key; none kept is no error.
func (systemKeyring) Delete(key string) error {
	if err := keyring.Delete(keyringService, key); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return err
	}
	return nil
}

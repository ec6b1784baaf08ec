package app

// PasswordKeeping says where the password of a catalogue is kept.
type PasswordKeeping string

// Where passwords are kept. Never in the database, nor in any file of
// Fieldshelf's own.
const (
	PasswordNone    PasswordKeeping = ""        // none is known
	PasswordKeyring PasswordKeeping = "keyring" // the system keyring (Secret Service, Credential Manager)
	PasswordSession PasswordKeeping = "session" // in memory until Fieldshelf closes: without a keyring, it is asked each time
	PasswordEnv     PasswordKeeping = "env"     // an environment variable, for scripts (Source.PasswordEnv)
)

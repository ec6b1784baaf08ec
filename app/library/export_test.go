package library

import "fieldshelf/storage"

// Reopen returns a library over l's store, client and data directory with
// other options, as the application would have set it up.
func Reopen(l *Library, o Options) *Library { return New(l.store, l.client, l.dataDir, o) }

// Store returns the library's store.
func (l *Library) Store() *storage.Store { return l.store }

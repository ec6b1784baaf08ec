// Package replace renames a file over another and deletes files in a way
// that also works on Windows while the file is open: Fieldshelf's PDF
// worker keeps the documents it shows open (the reader, the indexer, a
// cover render), sharing them for deletion, and an update's new version
// must still replace a cached file, the cache limit delete it.
//
// On Unix these are os.Rename and os.Remove. On Windows, os.Rename
// (MoveFileEx) refuses to replace a file that is open, even when every
// holder shares it for deletion, and os.Remove leaves the name in place
// until the last holder closes the file (before Windows 10 1809, and
// under wine). What Windows does allow is to rename the open file itself:
// Rename first tries the atomic rename with POSIX semantics (Windows 10
// 1607 and later on NTFS), and when the file is open and that is
// refused, moves it aside under a hidden name, renames the new file into
// place and deletes the old one, which goes when its last holder closes
// it. Remove moves the file aside the same way before deleting it, so
// the name is free at once.
package replace

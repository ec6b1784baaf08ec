#!/usr/bin/env bash
# test.sh runs the Windows build's command line end to end under wine64
# (cmd/fieldshelf's TestWindowsCLI) in a throwaway wine prefix, which it
# removes afterwards.
#
# Usage: .ci/windows/test.sh BIN_DIR   (make test-windows builds BIN_DIR)
set -euo pipefail
bindir=$(realpath "${1:?usage: test.sh BIN_DIR}")
here=$(cd "$(dirname "$0")" && pwd)
prefix=$(mktemp -d -t fieldshelf-wine-XXXXXX)
cleanup() {
	WINEPREFIX=$prefix /usr/lib/wine/wineserver -k 2>/dev/null || true
	rm -rf "$prefix"
}
trap cleanup EXIT
start=$(date +%s)
bash "$here/wineprefix.sh" "$prefix" >/dev/null
echo "test-windows: wine prefix ready in $(($(date +%s) - start)) s"
FIELDSHELF_WINDOWS_EXE=$bindir/fieldshelf-cli.exe FIELDSHELF_WINEPREFIX=$prefix \
	${GO:-go} test -count=1 -v -run '^TestWindows' ./cmd/fieldshelf/
echo "test-windows: done in $(($(date +%s) - start)) s"

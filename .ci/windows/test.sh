#!/usr/bin/env bash
# test.sh runs the Windows build's command line end to end under wine64
# (cmd/fieldshelf's TestWindowsCLI) in a throwaway wine prefix, which it
# removes afterwards, then app/pdf's test of a document replaced and
# deleted while the worker has it open, cross-built for Windows (its
# worker is the test executable itself) and run under wine64.
#
# Usage: .ci/windows/test.sh BIN_DIR   (make test-windows builds BIN_DIR)
#   The Makefile passes WIN_GO, its cross-build's go command (GOOS=windows
#   CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc ... go), and CGO_CFLAGS.
set -euo pipefail
bindir=$(realpath "${1:?usage: test.sh BIN_DIR}")
here=$(cd "$(dirname "$0")" && pwd)
prefix=$(mktemp -d -t fieldshelf-wine-XXXXXX)
work=$(mktemp -d)
cleanup() {
	WINEPREFIX=$prefix /usr/lib/wine/wineserver -k 2>/dev/null || true
	rm -rf "$prefix" "$work"
}
trap cleanup EXIT
start=$(date +%s)
bash "$here/wineprefix.sh" "$prefix" >/dev/null
echo "test-windows: wine prefix ready in $(($(date +%s) - start)) s"
FIELDSHELF_WINDOWS_EXE=$bindir/fieldshelf-cli.exe FIELDSHELF_WINEPREFIX=$prefix \
	${GO:-go} test -count=1 -v -run '^TestWindows' ./cmd/fieldshelf/
pdfstart=$(date +%s)
# shellcheck disable=SC2086 # WIN_GO is words: assignments, then the command
env ${WIN_GO:?run by make test-windows, which sets WIN_GO} test -c -o "$work/pdf.test.exe" ./app/pdf/
# From the package's folder, as go test runs it (testdata).
(cd app/pdf && WINEPREFIX=$prefix WINEDEBUG=-all DISPLAY= /usr/lib/wine/wine64 "$work/pdf.test.exe" \
	-test.count=1 -test.v -test.run '^TestOpenFileReplacedAndRemoved$')
echo "test-windows: app/pdf's open-file test in $(($(date +%s) - pdfstart)) s"
echo "test-windows: done in $(($(date +%s) - start)) s"

#!/usr/bin/env bash
# e2e.sh drives the Windows desktop application (fieldshelf.exe) under
# wine64 on Xvfb with xdotool, in a throwaway wine prefix: the library
# window with the demo library, a search for the user guide, the guide
# opened in the reader and a page turned, the PDF worker gone with the
# killed application, a PDF file opened as Explorer opens it. Screenshots go to
# .artifacts/e2e-windows; then the Windows command line checks that the
# guide was opened (it is recent).
#
# Usage: .ci/windows/e2e.sh EXE   (make e2e-windows builds it)
#   E2E_DISPLAY=N picks the X display (default 98).
set -euo pipefail
exe=$(realpath "${1:?usage: e2e.sh EXE}")
cli=$(dirname "$exe")/fieldshelf-cli.exe
here=$(cd "$(dirname "$0")" && pwd)
art=.artifacts/e2e-windows
mkdir -p "$art"
rm -f "$art"/*.png
display=:${E2E_DISPLAY:-98}
prefix=$(mktemp -d -t fieldshelf-wine-XXXXXX)
data=$(mktemp -d)
xvfb=
app=
cleanup() {
	for p in $app $xvfb; do kill "$p" 2>/dev/null || true; done
	WINEPREFIX=$prefix /usr/lib/wine/wineserver -k 2>/dev/null || true
	rm -rf "$prefix" "$data"
}
trap cleanup EXIT
fail() { echo "e2e-windows: $*" >&2; exit 1; }

bash "$here/wineprefix.sh" "$prefix" >/dev/null
export WINEPREFIX=$prefix WINEDEBUG=-all DISPLAY=$display LANG=en_US.UTF-8
windata="Z:${data//\//\\}"

Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >>"$art/xvfb.log" 2>&1 &
xvfb=$!
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
/usr/lib/wine/wineserver -p

shot() { sleep "${2:-1}"; import -window root "$art/$1.png"; echo "e2e-windows: $1"; }
# wine takes keys from the X server's input (XTEST), to the focused window.
key() { xdotool key --clearmodifiers "$@"; sleep 0.5; }

# The absolute path: from a backgrounded shell, wine64 with a relative
# one fails ("ShellExecuteEx failed: File not found").
/usr/lib/wine/wine64 "$exe" --data "$windata" >>"$art/app.log" 2>&1 &
app=$!
win=$(timeout 120 xdotool search --sync --onlyvisible --name '^Fieldshelf$' | head -n1) ||
	fail "no window named Fieldshelf in 120 s (see $art/app.log)"
# No window manager on Xvfb: focus the window itself.
xdotool windowmove "$win" 0 0 windowsize "$win" 1366 768 windowfocus --sync "$win"
shot 01-library 5
key ctrl+f
xdotool type --delay 60 "user guide"
shot 02-search 2
key Return
shot 03-detail 2
key ctrl+o
key Home
shot 04-reader 4
key Right
shot 05-page-2 3
# The page turned: the reader's view is not what it was.
diff=$(compare -metric AE "$art/04-reader.png" "$art/05-page-2.png" null: 2>&1 || true)
[ "${diff%% *}" != 0 ] || fail "the screen did not change when the page was turned"
echo "e2e-windows: the page turned ($diff pixels changed)"
# The reader's PDF worker runs beside the application; killed, the
# application takes it along (the worker's job object closes with it).
workers() { pgrep -f -- '__pdf-worker' | while read -r p; do
	grep -qz "^WINEPREFIX=$prefix\$" "/proc/$p/environ" 2>/dev/null && echo "$p"; done; }
[ -n "$(workers)" ] || fail "no PDF worker runs while the guide is open"
kill -KILL "$app"
wait "$app" 2>/dev/null || true
app=
for _ in $(seq 50); do [ -z "$(workers)" ] && break; sleep 0.2; done
[ -z "$(workers)" ] || fail "the PDF worker outlived the killed application: $(workers)"
echo "e2e-windows: the PDF worker died with the killed application"
# A PDF opened from Explorer ("Open with Fieldshelf" runs fieldshelf.exe
# FILE): a folder and a name with spaces and letters outside ASCII.
mkdir -p "$data/Field reports"
cp assets/demo/user-guide.pdf "$data/Field reports/Réunion notes.pdf"
/usr/lib/wine/wine64 "$exe" --data "$windata" "$windata\Field reports\Réunion notes.pdf" >>"$art/app.log" 2>&1 &
app=$!
win=$(timeout 120 xdotool search --sync --onlyvisible --name '^Fieldshelf$' | head -n1) ||
	fail "no window for the PDF opened from Explorer"
shot 06-opened-file 5
kill "$app"
wait "$app" 2>/dev/null || true
app=
/usr/lib/wine/wine64 "$cli" --data "$windata" ls --json >"$art/library.json" 2>>"$art/app.log" ||
	fail "the command line could not list the library"
# The copy of the guide is listed beside the demo library's (by the title
# inside the PDF).
[ "$(grep -c '"title": *"Fieldshelf user guide"' "$art/library.json")" = 2 ] ||
	fail "the PDF opened from Explorer is not in the library (see $art/library.json)"
echo "e2e-windows: the PDF opened from Explorer is in the library"
/usr/lib/wine/wine64 "$cli" --data "$windata" ls --sort recent --json >"$art/recent.json" 2>>"$art/app.log" ||
	fail "the command line could not list the library"
grep -q '"title": *"[^"]*[Gg]uide' "$art/recent.json" || fail "the user guide is not in the library: $(head -c 400 "$art/recent.json")"
echo "e2e-windows: done"

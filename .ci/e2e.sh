#!/usr/bin/env bash
# e2e.sh drives the real fieldshelf binary under Xvfb with xdotool: it
# searches the demo library, opens the user guide, turns pages, adds a
# bookmark, saves screenshots to .artifacts/e2e, and then checks through
# the command line what the GUI did.
#
# Usage: .ci/e2e.sh BIN   (make e2e builds BIN and installs the packages)
set -euo pipefail

bin=$(realpath "${1:?usage: e2e.sh BIN}")
art=.artifacts/e2e
mkdir -p "$art"
rm -f "$art"/*.png
data=$(mktemp -d)
display=:${E2E_DISPLAY:-99}
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	rm -rf "$data"
}
trap cleanup EXIT

# Fyne cannot parse the C locale: make sure en_US.UTF-8 exists.
if ! locale -a 2>/dev/null | grep -qi '^en_US\.utf-*8$'; then
	localedef -i en_US -f UTF-8 en_US.UTF-8
fi
export LANG=en_US.UTF-8 LC_ALL=en_US.UTF-8 DISPLAY=$display
# Fyne's preferences (the reader's continuous mode...) stay in the run's
# own directory.
export XDG_CONFIG_HOME=$data/config

Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$art/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

"$bin" --data "$data" >"$art/app.log" 2>&1 &
app=$!
pids+=("$app")
win=$(timeout 30 xdotool search --sync --onlyvisible --name '^Fieldshelf$' | head -n1)
xdotool windowmove "$win" 0 0 windowsize "$win" 1280 800

shot() { sleep "${2:-1}"; import -window root "$art/$1.png"; echo "e2e: $1"; }
key() { xdotool key --window "$win" --clearmodifiers "$@"; sleep 0.4; }

shot 01-library 2
key ctrl+f
xdotool type --delay 40 "user guide"
shot 02-search
key Return
shot 03-detail
key ctrl+o
shot 04-reader 2
key Right
key Right
shot 05-page-3
key ctrl+b
shot 06-bookmark
# Continuous mode: the pages in one scrolling column.
key ctrl+l
shot 07-continuous 2
key Next
shot 08-continuous-next
# Shift+drag over the text of the page in view: the highlight popup.
xdotool mousemove 520 200 keydown shift mousedown 1 mousemove 700 260 mousemove 900 320 mouseup 1 keyup shift
shot 09-highlight-popup
key Escape
kill -TERM "$app"
wait "$app" 2>/dev/null || true

guide=$("$bin" --data "$data" ls --offline --json | tr ',' '\n' | grep -m1 '"id"' | tr -dc 0-9)
[ -n "$guide" ] || { echo "e2e: the user guide is not offline" >&2; exit 1; }
echo "e2e: the user guide (document $guide) is offline"
# (help's output is read whole: grep -q in a pipe would cut it short, and
# pipefail would count that as a failure)
if grep -q 'bookmarks' <<<"$("$bin" help)"; then
	out=$("$bin" --data "$data" bookmarks list "$guide" --json)
	echo "$out" >"$art/bookmarks.json"
	if ! grep -q '"page": *3' <<<"$out"; then
		echo "e2e: no bookmark on page 3 of the user guide: $out" >&2
		exit 1
	fi
	echo "e2e: the bookmark on page 3 is there"
else
	echo "e2e: no bookmarks command in this build: the bookmark check is skipped"
fi
echo "e2e: passed; screenshots in $art"

#!/usr/bin/env bash
# e2e-lang.sh opens the real fieldshelf binary on a new demo library in
# French and then in Thai, as a system set to those languages would
# (LANG=fr_FR.UTF-8, LANG=th_TH.UTF-8), on a 1366x768 screen, and takes
# screenshots of the library, of the user guide's details and of the guide
# open (in French for French) into .artifacts/e2e (l-fr-*.png, l-th-*.png). The interface must be in the
# language (the log must hold no translation failure) and the Thai text
# must be drawn with the system's Thai font (fonts-noto-core), which
# .ci/deps.sh e2e installs with fonts-noto-cjk.
#
# Usage: .ci/e2e-lang.sh BIN   (e2e.sh calls it last; make e2e builds BIN)
# It uses the X server on :$E2E_DISPLAY (99 by default) when one answers
# there, else starts its own.
set -euo pipefail

bin=$(realpath "${1:?usage: e2e-lang.sh BIN}")
art=.artifacts/e2e
mkdir -p "$art"
rm -f "$art"/l-*.png
export DISPLAY=:${E2E_DISPLAY:-99}
xvfb=
app=
data=
cleanup() {
	for p in $app $xvfb; do kill "$p" 2>/dev/null || true; done
	[ -z "$data" ] || rm -rf "$data"
}
trap cleanup EXIT

if ! xdpyinfo >/dev/null 2>&1; then
	Xvfb "$DISPLAY" -screen 0 1366x768x24 -nolisten tcp >>"$art/xvfb.log" 2>&1 &
	xvfb=$!
	for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
fi
fc-list :lang=th family | grep -q . || { echo "e2e-lang: no Thai font: install fonts-noto-core" >&2; exit 1; }

shot() { sleep "${2:-1}"; import -window root "$art/$1.png"; echo "e2e-lang: $1"; }
key() { xdotool key --window "$win" --clearmodifiers "$@"; sleep 0.4; }

# run LOCALE NAME opens a new library with the system set to LOCALE.
run() {
	local locale=$1 name=$2
	if ! locale -a 2>/dev/null | grep -qi "^${locale%%.*}\.utf-*8$"; then
		localedef -i "${locale%%.*}" -f UTF-8 "$locale" 2>/dev/null || true
	fi
	data=$(mktemp -d)
	LANG=$locale LC_ALL=$locale LANGUAGE= XDG_CONFIG_HOME=$data/config \
		"$bin" --data "$data" >"$art/app-$name.log" 2>&1 &
	app=$!
	win=$(timeout 30 xdotool search --sync --onlyvisible --name '^Fieldshelf$' | head -n1)
	xdotool windowmove "$win" 0 0 windowsize "$win" 1366 768
	shot "l-$name-01-library" 3
	key ctrl+f
	xdotool type --delay 40 "Fieldshelf"
	sleep 1
	key Down
	shot "l-$name-02-details" 1.5
	key ctrl+o
	shot "l-$name-03-guide" 2
	kill -TERM "$app"
	wait "$app" 2>/dev/null || true
	app=
	rm -rf "$data"
	data=
	if grep -q "Translation failure" "$art/app-$name.log"; then
		echo "e2e-lang: translation failures in $name (see $art/app-$name.log)" >&2
		exit 1
	fi
}

run fr_FR.UTF-8 fr
run th_TH.UTF-8 th
echo "e2e-lang: passed; the library in French and in Thai in $art (l-fr-*, l-th-*)"

#!/usr/bin/env bash
# e2e.sh drives the real fieldshelf binary under Xvfb with xdotool, on a
# 1024x600 screen and then on a 1366x768 one. On the small screen it
# checks that the window fits, searches the demo library for a word of
# the user guide's pages, opens the grouped hit (it must open at that
# page with the word found) and bookmarks the page, follows a link of
# the guide's contents and comes Back, and copies three selected lines
# (checked with xclip); on the large one it opens the guide again (the
# open document comes back at the start), follows a link of its contents
# list to its place on page 4 and bookmarks it, goes Back (Alt+Left),
# selects three lines and copies them (the clipboard, read with xclip,
# must hold them), turns pages, bookmarks one, scrolls and highlights.
# Then a classroom: a trainer publishes the user guide as a workshop
# handbook with her highlight and note and serves it on loopback; this
# run's library syncs it as a trainee, adds a highlight of its own on
# the same page, and the reader shows both, the trainer's with her name.
# Screenshots go to .artifacts/e2e (a- at 1024x600, b- and c- at
# 1366x768); then the command line checks what the GUI did.
#
# Usage: .ci/e2e.sh BIN   (make e2e builds BIN and installs the packages)
set -euo pipefail

bin=$(realpath "${1:?usage: e2e.sh BIN}")
art=.artifacts/e2e
mkdir -p "$art"
rm -f "$art"/*.png
data=$(mktemp -d)
display=:${E2E_DISPLAY:-99}
xvfb=
app=
serving=
class=$(mktemp -d)
cleanup() {
	for p in $app $serving $xvfb; do kill "$p" 2>/dev/null || true; done
	rm -rf "$data" "$class"
}
trap cleanup EXIT

# Fyne cannot parse the C locale: make sure en_US.UTF-8 exists.
if ! locale -a 2>/dev/null | grep -qi '^en_US\.utf-*8$'; then
	localedef -i en_US -f UTF-8 en_US.UTF-8
fi
export LANG=en_US.UTF-8 LC_ALL=en_US.UTF-8 DISPLAY=$display
# Fyne's preferences (window size, filters, the open document...) stay in
# the run's own directory.
export XDG_CONFIG_HOME=$data/config

# screen W H starts an X server of that size (stopping the previous one).
screen() {
	if [ -n "$xvfb" ]; then kill "$xvfb"; wait "$xvfb" 2>/dev/null || true; fi
	Xvfb "$display" -screen 0 "${1}x${2}x24" -nolisten tcp >>"$art/xvfb.log" 2>&1 &
	xvfb=$!
	for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
}

# start runs the application and waits for its window.
start() {
	"$bin" --data "$data" >>"$art/app.log" 2>&1 &
	app=$!
	win=$(timeout 30 xdotool search --sync --onlyvisible --name '^Fieldshelf$' | head -n1)
}

# stop quits the application as the system would.
stop() {
	kill -TERM "$app"
	wait "$app" 2>/dev/null || true
	app=
}

shot() { sleep "${2:-1}"; import -window root "$art/$1.png"; echo "e2e: $1"; }
key() { xdotool key --window "$win" --clearmodifiers "$@"; sleep 0.4; }
fail() { echo "e2e: $*" >&2; exit 1; }

# The small screen: the window must fit it.
screen 1024 600
start
shot a-01-library 2
eval "$(xdotool getwindowgeometry --shell "$win")"
[ "$WIDTH" -le 1024 ] && [ "$HEIGHT" -le 600 ] || fail "the window is ${WIDTH}x${HEIGHT} on a 1024x600 screen"
echo "e2e: the window fits the 1024x600 screen (${WIDTH}x${HEIGHT})"
# "withdrawn" is on page 2 of the guide only: one row, opened at page 2.
key ctrl+f
xdotool type --delay 40 "withdrawn"
shot a-02-search 1.5
key Return
shot a-03-hit
key Return
shot a-04-hit-page 2
key ctrl+b
key F1
shot a-05-shortcuts
key Escape
# Page 1 two screens down: the list "In this guide". Its entry Links
# goes to that heading on page 4; Alt+Left comes back; a drag over the
# last three entries selects them and Ctrl+C copies them.
key Home
key space
key space
shot a-06-contents
xdotool mousemove 398 173 click 1
shot a-07-link-followed 1.5
key alt+Left
shot a-08-back
xdotool mousemove 360 228 mousedown 1 mousemove 420 250 mousemove 500 272 mouseup 1
sleep 1
key ctrl+c
shot a-09-selection
copied=$(xclip -o -selection clipboard)
[[ $copied == *"Bookmarks and notes"*"Publishing for trainers"* ]] || fail "at 1024x600 the clipboard holds \"$copied\", not the selected lines"
echo "e2e: at 1024x600 the selected lines were copied: $(tr '\n' '|' <<<"$copied")"
stop

# The large screen: the guide opens again where it was left.
screen 1366 768
start
xdotool windowmove "$win" 0 0 windowsize "$win" 1366 768
shot b-01-restored 3
key Escape
shot b-02-library
key ctrl+f
key ctrl+a
xdotool type --delay 40 "user guide"
shot b-03-search
key Return
shot b-04-detail
key ctrl+o
key Home
shot b-05-reader 2
# Space scrolls page 1 a screen down, to the list "In this guide"; its
# entry "Finding text" links to that heading's place on page 4.
key space
shot b-06-contents
xdotool mousemove 550 340 click 1
shot b-07-link-followed 1.5
key ctrl+b
key alt+Left
shot b-08-back
# A plain drag selects the first three entries; Ctrl+C copies them.
xdotool mousemove 470 195 mousedown 1 mousemove 600 230 mousemove 720 270 mouseup 1
sleep 1
key ctrl+c
shot b-09-selection
copied=$(xclip -o -selection clipboard)
printf '%s\n' "$copied" >"$art/clipboard.txt"
[[ $copied == *"Adding a catalogue"*"Downloading publications"* ]] || fail "the clipboard holds \"$copied\", not the selected lines"
echo "e2e: the selected lines were copied: $(tr '\n' '|' <<<"$copied")"
key Escape
key Right
key Right
shot b-10-page-3
key ctrl+b
shot b-11-bookmark
# Continuous mode: the pages in one scrolling column.
key ctrl+l
shot b-12-continuous 2
key Right
shot b-13-continuous-next
# Shift+drag over the text of the page in view: the highlight popup.
xdotool mousemove 620 200 keydown shift mousedown 1 mousemove 800 260 mousemove 1000 320 mouseup 1 keyup shift
shot b-14-highlight-popup
key Escape
stop

guide=$("$bin" --data "$data" ls --offline --json | tr ',' '\n' | grep -m1 '"id"' | tr -dc 0-9)
[ -n "$guide" ] || fail "the user guide is not offline"
echo "e2e: the user guide (document $guide) is offline"
out=$("$bin" --data "$data" bookmarks list "$guide" --json)
echo "$out" >"$art/bookmarks.json"
grep -q '"page": *2' <<<"$out" || fail "no bookmark on page 2, where the search hit opened: $out"
echo "e2e: the search hit opened at page 2 (bookmarked there)"
grep -q '"page": *4' <<<"$out" || fail "no bookmark on page 4, where the link Finding text leads: $out"
echo "e2e: the link led to page 4 (bookmarked there)"
grep -q '"page": *3' <<<"$out" || fail "no bookmark on page 3 of the user guide (two pages on from page 1, where Back returned): $out"
echo "e2e: Back returned to page 1: the bookmark two pages on, on page 3, is there"

# The classroom. docid ARGS... TITLE prints the id of the document titled
# TITLE in the library the arguments name.
docid() {
	local title=${*: -1}
	"$bin" "${@:1:$#-1}" ls --json | tr -d '\n' |
		grep -o '"id": *[0-9]*, *"source_id": *[0-9]*, *"entry_id": *"[^"]*", *"title": *"'"$title"'"' |
		head -n1 | sed 's/^"id": *\([0-9]*\).*/\1/'
}
trainer=(--data "$class/trainer")
mkdir -p "$class/folder"
cp assets/demo/user-guide.pdf "$class/folder/handbook.pdf"
printf '%s\n' 'file,title,summary,authors,publisher,year,type,regions,tags,language' \
	'handbook.pdf,Workshop handbook,The handbook of the screening workshop.,,Fieldshelf,2026,Handbook,Global,,en' \
	>"$class/folder/catalogue.csv"
"$bin" "${trainer[@]}" publish "$class/folder" -o "$class/site" --title "Screening workshop" >>"$art/classroom.log"
"$bin" "${trainer[@]}" serve "$class/site" --addr 127.0.0.1:0 >"$class/serve.out" 2>>"$art/classroom.log" &
serving=$!
url=
for _ in $(seq 100); do
	url=$(grep -o 'http://127[^ ]*catalog.xml' "$class/serve.out" | head -n1 || true)
	[ -n "$url" ] && break
	sleep 0.1
done
[ -n "$url" ] || fail "serve printed no address"
echo "e2e: the workshop is served at $url"
"$bin" "${trainer[@]}" sources add "$url" --name "Screening workshop" >>"$art/classroom.log"
"$bin" "${trainer[@]}" sync >>"$art/classroom.log"
hid=$(docid "${trainer[@]}" "Workshop handbook")
[ -n "$hid" ] || fail "the trainer has no workshop handbook"
"$bin" "${trainer[@]}" download "$hid" >>"$art/classroom.log" 2>&1
"$bin" "${trainer[@]}" config set author "Maria Lopez"
"$bin" "${trainer[@]}" highlights add "$hid" 3 --quote "Select a publication and press Download" \
	--note "Show this on the projector first" --color green >>"$art/classroom.log"
"$bin" "${trainer[@]}" notes add "$hid" --page 3 "Ask who has downloaded a file before" >>"$art/classroom.log"
"$bin" "${trainer[@]}" annotations export "$hid" --format w3c -o "$class/maria.json"
"$bin" "${trainer[@]}" publish "$class/folder" -o "$class/site" --title "Screening workshop" \
	--annotations "$class/maria.json" >>"$art/classroom.log"
"$bin" --data "$data" config set author "Sam"
"$bin" --data "$data" sources add "$url" --name "Screening workshop" >>"$art/classroom.log"
synced=$("$bin" --data "$data" sync)
echo "$synced" >>"$art/classroom.log"
grep -q "published annotations: 2 added" <<<"$synced" || fail "the trainer's annotations did not come: $synced"
sid=$(docid --data "$data" "Workshop handbook")
[ -n "$sid" ] || fail "the trainee has no workshop handbook"
"$bin" --data "$data" download "$sid" >>"$art/classroom.log" 2>&1
"$bin" --data "$data" highlights add "$sid" 3 --quote "An interrupted download resumes" >>"$art/classroom.log"
echo "e2e: the trainee has Maria Lopez's layer and a highlight of its own"
start
xdotool windowmove "$win" 0 0 windowsize "$win" 1366 768
shot c-01-started 3
key Escape
key ctrl+f
key ctrl+a
xdotool type --delay 40 "Workshop handbook"
sleep 1
key Return
key ctrl+o
shot c-02-handbook 2
key ctrl+g
xdotool type --delay 40 "3"
key Return
# The side panel's Notes tab, which lists the annotations by author.
xdotool mousemove 177 106 click 1
shot c-03-trainer-and-trainee 2
stop
out=$("$bin" --data "$data" highlights list "$sid" --json)
echo "$out" >"$art/classroom-highlights.json"
grep -q '"author": *"Maria Lopez"' <<<"$out" || fail "no highlight by Maria Lopez: $out"
grep -q '"layer": *null' <<<"$out" || fail "no highlight of the trainee's own: $out"
echo "e2e: the trainee's page 3 shows Maria Lopez's highlight beside its own (c-03)"

# The library in French and in Thai, on this screen (.ci/e2e-lang.sh).
bash .ci/e2e-lang.sh "$bin"

echo "e2e: passed; screenshots in $art"

#!/usr/bin/env bash
# deps.sh installs the Debian packages that a Fieldshelf task needs and that
# are not installed yet. When everything is present it only asks dpkg and
# returns.
#
# Usage: .ci/deps.sh GROUP...
#   build  C toolchain for cgo (go test -race, app/pdf's C layer; MuPDF
#          itself comes with the go-fitz Go module)
#   fonts  fonts for the scripts PDFs name fonts of without embedding them,
#          which app/pdf's tests draw with: Chinese, Japanese (Droid Sans
#          Fallback), Thai, Arabic, Devanagari, Greek, Cyrillic (Noto); and
#          the fonts the interface falls back to for Thai, Chinese, Japanese,
#          Korean and Arabic text (Noto, Noto CJK), which app/ui's tests check
#   gui    build + the headers of Fyne's GLFW driver
#   e2e    X virtual framebuffer, input driver, screenshot tools, xclip (to
#          read the clipboard), the locales package (the e2e generates
#          en_US.UTF-8 with it) and the fonts of the French and Thai
#          screenshots (Noto, Noto CJK)
#   bench  build (room for profilers and the like)
#   windows  the windows/amd64 cross-build and its checks: mingw-w64 (cgo
#          and windres), wine64 (runs the .exe), NSIS (the installer), zip
#          (the portable archive)
#
# As root it runs apt-get itself, otherwise through `sudo -n`; when neither is
# possible it prints the command to run and exits 1.
set -euo pipefail

usage() {
	echo "usage: $0 GROUP...  (groups: build, fonts, gui, e2e, bench, windows)" >&2
	exit 2
}

# packages_of prints the packages of one group, or nothing for an unknown group.
packages_of() {
	local build="make gcc libc6-dev pkg-config"
	case "$1" in
	build) echo "$build" ;;
	fonts) echo "fontconfig fonts-droid-fallback fonts-noto-core fonts-noto-cjk" ;;
	# GLFW's X11 headers, named one by one: xorg-dev would pull in some
	# hundred packages the build never reads.
	gui) echo "$build libgl1-mesa-dev libx11-dev libxrandr-dev libxinerama-dev libxcursor-dev libxi-dev libxxf86vm-dev libxkbcommon-dev" ;;
	e2e) echo "xvfb xdotool imagemagick x11-utils locales xauth xclip fontconfig fonts-noto-core fonts-noto-cjk" ;;
	bench) echo "$build" ;;
	windows) echo "$build gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 wine64 nsis zip" ;;
	esac
}

installed() {
	[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

[ $# -gt 0 ] || usage

wanted=()
for group in "$@"; do
	list=$(packages_of "$group")
	if [ -z "$list" ]; then
		echo "deps.sh: unknown group: $group" >&2
		usage
	fi
	read -r -a pkgs <<<"$list"
	wanted+=("${pkgs[@]}")
done

missing=()
for pkg in $(printf '%s\n' "${wanted[@]}" | sort -u); do
	installed "$pkg" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

install=(env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -eq 0 ]; then
	as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	as_root=(sudo -n)
else
	echo "deps.sh: missing Debian packages: ${missing[*]}" >&2
	echo "deps.sh: install them as root, then run this again:" >&2
	echo "  sudo apt-get update && sudo ${install[*]}" >&2
	exit 1
fi

echo "deps.sh: installing ${missing[*]}" >&2
"${as_root[@]}" apt-get update
"${as_root[@]}" "${install[@]}"

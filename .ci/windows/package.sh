#!/usr/bin/env bash
# package.sh makes Fieldshelf's Windows packages from BIN_DIR's
# fieldshelf.exe and fieldshelf-cli.exe:
#   OUT_DIR/Fieldshelf-Setup-VERSION.exe          NSIS installer, per user
#   OUT_DIR/Fieldshelf-VERSION-windows-amd64.zip  portable copy
# then installs the installer silently under wine64 in a throwaway prefix,
# checks that the Start-menu shortcut points at the installed program and
# that it runs, uninstalls it silently and checks that the program is gone
# and the user's data stayed.
#
# Usage: .ci/windows/package.sh VERSION BIN_DIR OUT_DIR
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 VERSION BIN_DIR OUT_DIR" >&2; exit 2; }
version=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/.ci/windows
bin=$(realpath "$2")
mkdir -p "$3"
out=$(realpath "$3")
work=$(mktemp -d)
prefix=$(mktemp -d -t fieldshelf-wine-XXXXXX)
cleanup() {
	WINEPREFIX=$prefix /usr/lib/wine/wineserver -k 2>/dev/null || true
	rm -rf "$work" "$prefix"
}
trap cleanup EXIT
fail() { echo "package-windows: $*" >&2; exit 1; }

setup=$out/Fieldshelf-Setup-$version.exe
zipfile=$out/Fieldshelf-$version-windows-amd64.zip
convert "$root/assets/icon.png" -define icon:auto-resize=256,64,48,32,16 "$work/fieldshelf.ico"
makensis -V2 -DVERSION="$version" -DBIN="$bin" -DROOT="$root" -DICON="$work/fieldshelf.ico" \
	-DOUT="$setup" "$root/assets/windows/installer.nsi"

# The portable copy: the marker file makes the program keep its data in
# the data folder beside it.
stage=$work/Fieldshelf
mkdir -p "$stage"
cp "$bin/fieldshelf.exe" "$bin/fieldshelf-cli.exe" "$stage/"
cp "$root/LICENSE" "$stage/LICENSE.txt"
printf '%s\r\n' "This copy of Fieldshelf is portable: it keeps its library, downloads and" \
	"annotations in the data folder beside it. Delete this file to use the" \
	"library in your user profile (%LocalAppData%\\Fieldshelf) instead." >"$stage/portable"
rm -f "$zipfile"
(cd "$work" && zip -q -9 -r "$zipfile" Fieldshelf)

echo "package-windows: $(basename "$setup") $(du -k "$setup" | cut -f1) KiB"
echo "package-windows: $(basename "$zipfile") $(du -k "$zipfile" | cut -f1) KiB"

# Install, run, uninstall under wine. winemenubuilder would copy the
# shortcut to this computer's desktop menus: off.
bash "$here/wineprefix.sh" "$prefix" >/dev/null
export WINEPREFIX=$prefix WINEDEBUG=-all DISPLAY= WINEDLLOVERRIDES="winemenubuilder.exe=d"
wine=/usr/lib/wine/wine64
cp "$setup" "$work/setup.exe"
$wine "$work/setup.exe" /S
/usr/lib/wine/wineserver -w
user=$(ls "$prefix/drive_c/users" | grep -v -x -e Public -e crossover | head -n1)
local="$prefix/drive_c/users/$user/AppData/Local"
lnk="$prefix/drive_c/users/$user/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Fieldshelf.lnk"
[ -f "$lnk" ] || fail "the installer made no Start-menu shortcut ($lnk)"
# The shortcut's target, a Windows path in the link's own bytes.
target=$( { strings -a "$lnk"; strings -a -el "$lnk"; } | grep -i '^[A-Z]:\\.*fieldshelf\.exe$' || true)
target=${target%%$'\n'*}
[ -n "$target" ] || fail "the shortcut names no fieldshelf.exe"
unix="$prefix/drive_c/$(echo "${target#?:\\}" | tr '\\' /)"
[ -f "$unix" ] || fail "the shortcut points at $target, which is not there"
case "$target" in *Local\\Programs\\Fieldshelf\\fieldshelf.exe) ;; *) fail "installed at $target, not per user" ;; esac
echo "package-windows: installed; the shortcut points at $target"
# The installed program runs, and makes the user's library.
$wine "$(dirname "$unix")/fieldshelf-cli.exe" sources list >/dev/null || fail "the installed program does not run"
[ -f "$local/Fieldshelf/library.db" ] || fail "no library in %LocalAppData%\\Fieldshelf"
$wine "$(dirname "$unix")/uninstall.exe" /S
/usr/lib/wine/wineserver -w
[ ! -e "$unix" ] || fail "the uninstaller left $target"
[ ! -e "$lnk" ] || fail "the uninstaller left the shortcut"
[ -f "$local/Fieldshelf/library.db" ] || fail "the uninstaller removed the user's library"
echo "package-windows: uninstalled; the program and shortcut are gone, the library stays"

#!/usr/bin/env bash
# resource.sh compiles Fieldshelf's Windows resources (icon, manifest,
# version information) into a .syso object that `go build` links into
# fieldshelf.exe when it builds cmd/fieldshelf for windows/amd64.
#
# Usage: .ci/windows/resource.sh VERSION BUILD OUT.syso
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 VERSION BUILD OUT.syso" >&2; exit 2; }
version=$1 build=$2 out=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

IFS=. read -r major minor patch _ <<<"$version.0.0.0"
commas="${major:-0},${minor:-0},${patch:-0},${build:-0}"
cp "$root/assets/windows/fieldshelf.manifest" "$work/"
# One icon of several sizes from the application's PNG: 16 to 48 for lists
# and title bars, 256 for Explorer's large views.
convert "$root/assets/icon.png" -define icon:auto-resize=256,64,48,32,24,16 "$work/fieldshelf.ico"
sed -e "s/@VERSION_COMMAS@/$commas/g" -e "s/@VERSION@/$version/g" \
	"$root/assets/windows/fieldshelf.rc.in" >"$work/fieldshelf.rc"
x86_64-w64-mingw32-windres --input-format=rc --output-format=coff --target=pe-x86-64 \
	-I "$work" -i "$work/fieldshelf.rc" -o "$out"

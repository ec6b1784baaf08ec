#!/usr/bin/env bash
# wineprefix.sh makes a throwaway wine prefix for running Fieldshelf's
# Windows executables under wine64 on Linux, and prints its path.
#
# Usage: .ci/windows/wineprefix.sh DIR
#
# wine 8.0 (Debian bookworm) lacks bcryptprimitives.dll, from which Go
# programs take random bytes at start ("fatal error: bcryptprimitives.dll
# not found"): a tiny one over RtlGenRandom (processprng.c) goes into the
# prefix's system32. Real Windows has its own.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
prefix=$1
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
export WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
if [ ! -f "$prefix/system.reg" ]; then
	# No display: wineboot needs none, and must not open windows on one.
	DISPLAY= /usr/lib/wine/wine64 wineboot --init >/dev/null 2>&1 || true
	/usr/lib/wine/wineserver -w
fi
sys32="$prefix/drive_c/windows/system32"
[ -d "$sys32" ] || { echo "wineprefix.sh: wineboot made no $sys32" >&2; exit 1; }
if [ ! -f "$sys32/bcryptprimitives.dll" ]; then
	x86_64-w64-mingw32-gcc -shared -O2 -s -o "$sys32/bcryptprimitives.dll" "$here/processprng.c" -ladvapi32
fi
echo "$prefix"

#!/usr/bin/env bash
# desktop-mime.sh makes the .desktop entry inside a `fyne package` tarball
# declare that Fieldshelf opens PDFs, and repacks the tarball in place.
#
# Usage: .ci/desktop-mime.sh TARBALL
set -euo pipefail
tarball=$(realpath "${1:?usage: desktop-mime.sh TARBALL}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xJf "$tarball" -C "$work"
entry=$(find "$work" -name '*.desktop' | head -n1)
[ -n "$entry" ] || { echo "desktop-mime: no .desktop file in $tarball" >&2; exit 1; }
sed -i -e '/^MimeType=/d' -e 's/^Exec=\(.*\)$/Exec=\1 %f/' -e 's/ %f %f$/ %f/' "$entry"
echo 'MimeType=application/pdf;' >>"$entry"
tar -cJf "$tarball" -C "$work" .
echo "desktop-mime: $(basename "$entry") opens application/pdf"

#!/usr/bin/env bash
# bench-data.sh fetches the large real PDF that the PDF engine's benchmarks
# read: pgfmanual.pdf (some 1,300 pages) from Debian's texlive-pictures-doc
# package, into .bench/pgfmanual.pdf. It does nothing when the file is
# there already. The test suite never needs it.
set -euo pipefail

out=.bench/pgfmanual.pdf
member=./usr/share/doc/texlive-doc/generic/pgf/pgfmanual.pdf
[ -s "$out" ] && exit 0
mkdir -p .bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "bench-data.sh: fetching texlive-pictures-doc for $out (about 230 MB, once)" >&2
(cd "$tmp" && apt-get download texlive-pictures-doc >&2) || {
	echo "bench-data.sh: apt-get download failed; run apt-get update, or set FIELDSHELF_BENCH_PDF to a large PDF" >&2
	exit 1
}
dpkg-deb --fsys-tarfile "$tmp"/texlive-pictures-doc_*.deb | tar -xO "$member" >"$out.part"
mv "$out.part" "$out"

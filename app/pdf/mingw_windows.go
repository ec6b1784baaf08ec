package pdf

// go-fitz's Windows libraries were compiled by a newer mingw-w64 than the
// one Debian ships for the cross-build, and ask for two things that the
// older one lacks (mingw_windows.c supplies both):
//
//   - the fortify checks (__memcpy_chk, ...), which newer mingw-w64 has in
//     its C runtime and the older one in libssp. libssp cannot be named
//     here: cgo puts this package's linker flags before go-fitz's
//     libraries, so the linker would not look in it for their symbols.
//   - __intrinsic_setjmpex, which mingw-w64 11 and later use for setjmp
//     (MuPDF's fz_try).

import "C"

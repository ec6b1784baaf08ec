package pdf

// go-fitz's Windows libraries were compiled by a newer mingw-w64 than the
// one Debian ships for the cross-build, and ask for two things that the
// older one lacks:
//
//   - the fortify functions (__memmove_chk, ...), which live in libssp: it
//     is linked statically, so that the executable does not need
//     libssp-0.dll beside it;
//   - __intrinsic_setjmpex, which mingw-w64 11 and later use for setjmp
//     (MuPDF's fz_try). mingw_windows.c defines it as a jump to the C
//     runtime's _setjmp, which takes the same arguments.

// #cgo windows LDFLAGS: -l:libssp.a
import "C"

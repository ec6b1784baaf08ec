// __intrinsic_setjmpex for go-fitz's MuPDF built by mingw-w64 11 or later
// (see mingw_windows.go). It must not have a frame of its own: setjmp
// records its caller's stack, so the label jumps straight to _setjmp with
// the caller's arguments (the buffer in rcx, the frame in rdx) and return
// address untouched.
__asm__(
	".text\n"
	".globl __intrinsic_setjmpex\n"
	"__intrinsic_setjmpex:\n"
	"\tjmp _setjmp\n");

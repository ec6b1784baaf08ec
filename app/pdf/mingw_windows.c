// What go-fitz's MuPDF, built by mingw-w64 11 or later, needs from a C
// runtime that Debian's older mingw-w64 does not have (see
// mingw_windows.go).
#include <stdlib.h>
#include <string.h>

// __intrinsic_setjmpex must not have a frame of its own: setjmp records
// its caller's stack, so the label jumps straight to _setjmp with the
// caller's arguments (the buffer in rcx, the frame in rdx) and return
// address untouched.
__asm__(
	".text\n"
	".globl __intrinsic_setjmpex\n"
	"__intrinsic_setjmpex:\n"
	"\tjmp _setjmp\n");

// The fortify checks: each stops the program, as the real ones do, when a
// copy would overrun the destination whose size the compiler knew.

void __chk_fail(void) __attribute__((noreturn));

void __chk_fail(void)
{
	abort();
}

void *__memcpy_chk(void *dst, const void *src, size_t n, size_t dstlen)
{
	if (n > dstlen)
		__chk_fail();
	return memcpy(dst, src, n);
}

void *__memmove_chk(void *dst, const void *src, size_t n, size_t dstlen)
{
	if (n > dstlen)
		__chk_fail();
	return memmove(dst, src, n);
}

void *__memset_chk(void *dst, int c, size_t n, size_t dstlen)
{
	if (n > dstlen)
		__chk_fail();
	return memset(dst, c, n);
}

char *__strcat_chk(char *dst, const char *src, size_t dstlen)
{
	size_t d = strlen(dst), s = strlen(src);
	if (d + s + 1 > dstlen)
		__chk_fail();
	memcpy(dst + d, src, s + 1);
	return dst;
}

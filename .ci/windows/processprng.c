// bcryptprimitives.dll for wine 8.0, which lacks it, for the Windows tests
// only (real Windows 10 and 11 have their own): Go 1.24 and later take
// random bytes from its ProcessPrng at start. This one exports ProcessPrng
// over advapi32's RtlGenRandom (SystemFunction036).
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
	while (size > 0) {
		ULONG n = size > 0x40000000 ? 0x40000000 : (ULONG)size;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		size -= n;
	}
	return TRUE;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Character classes and case, in the "C" locale, narrow and wide (the wide
 * ones know ASCII only, as the kernel CRT's tables do for most drivers'
 * needs).  Functions, so a driver can take their address.
 */
#include "crt.h"

#define CRT_CLASS(name, test)					\
	int ntshim_crt_##name(int c) { return (c >= 0 && c < 0x80) && (test); } \
	NTSHIM_CRT_EXPORT(name)

CRT_CLASS(isupper, c >= 'A' && c <= 'Z');
CRT_CLASS(islower, c >= 'a' && c <= 'z');
CRT_CLASS(isdigit, c >= '0' && c <= '9');
CRT_CLASS(isalpha, ntshim_crt_isupper(c) || ntshim_crt_islower(c));
CRT_CLASS(isalnum, ntshim_crt_isalpha(c) || ntshim_crt_isdigit(c));
CRT_CLASS(isxdigit, ntshim_crt_isdigit(c) || (crt_lower(c) >= 'a' && crt_lower(c) <= 'f'));
CRT_CLASS(isspace, c == ' ' || (c >= '\t' && c <= '\r'));
CRT_CLASS(iscntrl, c < 0x20 || c == 0x7f);
CRT_CLASS(isprint, c >= 0x20 && c < 0x7f);
CRT_CLASS(isgraph, c > 0x20 && c < 0x7f);
CRT_CLASS(ispunct, ntshim_crt_isgraph(c) && !ntshim_crt_isalnum(c));

int ntshim_crt_toupper(int c)
{
	return crt_upper(c);
}
NTSHIM_CRT_EXPORT(toupper);

int ntshim_crt_tolower(int c)
{
	return crt_lower(c);
}
NTSHIM_CRT_EXPORT(tolower);

#define CRT_WCLASS(name, narrow)					\
	int ntshim_crt_##name(unsigned short c) { return ntshim_crt_##narrow(c); } \
	NTSHIM_CRT_EXPORT(name)

CRT_WCLASS(iswalpha, isalpha);
CRT_WCLASS(iswdigit, isdigit);
CRT_WCLASS(iswxdigit, isxdigit);
CRT_WCLASS(iswspace, isspace);
CRT_WCLASS(iswupper, isupper);
CRT_WCLASS(iswlower, islower);
CRT_WCLASS(iswalnum, isalnum);

unsigned short ntshim_crt_towupper(unsigned short c)
{
	return crt_upper(c);
}
NTSHIM_CRT_EXPORT(towupper);

unsigned short ntshim_crt_towlower(unsigned short c)
{
	return crt_lower(c);
}
NTSHIM_CRT_EXPORT(towlower);

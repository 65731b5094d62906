/* SPDX-License-Identifier: GPL-2.0 */
/* stdlib.h - ntshim's kernel C runtime (see _ntcrt.h).  No malloc: use pool. */
#ifndef _NTSHIM_STDLIB_H
#define _NTSHIM_STDLIB_H
#include <_ntcrt.h>

int abs(int v) _NTSHIM_CRT(abs);
long labs(long v) _NTSHIM_CRT(labs);
long long llabs(long long v) _NTSHIM_CRT(llabs);
long long _abs64(long long v) _NTSHIM_CRT(_abs64);
int atoi(const char *s) _NTSHIM_CRT(atoi);
long atol(const char *s) _NTSHIM_CRT(atol);
long long _atoi64(const char *s) _NTSHIM_CRT(_atoi64);
long strtol(const char *s, char **end, int base) _NTSHIM_CRT(strtol);
unsigned long strtoul(const char *s, char **end, int base) _NTSHIM_CRT(strtoul);
long long _strtoi64(const char *s, char **end, int base) _NTSHIM_CRT(_strtoi64);
unsigned long long _strtoui64(const char *s, char **end, int base) _NTSHIM_CRT(_strtoui64);
char *_itoa(int v, char *buf, int radix) _NTSHIM_CRT(_itoa);
char *_ltoa(long v, char *buf, int radix) _NTSHIM_CRT(_ltoa);
char *_ultoa(unsigned long v, char *buf, int radix) _NTSHIM_CRT(_ultoa);
char *_i64toa(long long v, char *buf, int radix) _NTSHIM_CRT(_i64toa);
char *_ui64toa(unsigned long long v, char *buf, int radix) _NTSHIM_CRT(_ui64toa);
wchar_t *_itow(int v, wchar_t *buf, int radix) _NTSHIM_CRT(_itow);
wchar_t *_ultow(unsigned long v, wchar_t *buf, int radix) _NTSHIM_CRT(_ultow);
void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *)) _NTSHIM_CRT(qsort);
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *)) _NTSHIM_CRT(bsearch);
int rand(void) _NTSHIM_CRT(rand);
void srand(unsigned int seed) _NTSHIM_CRT(srand);
size_t wcstombs(char *dst, const wchar_t *src, size_t n) _NTSHIM_CRT(wcstombs);
size_t mbstowcs(wchar_t *dst, const char *src, size_t n) _NTSHIM_CRT(mbstowcs);
unsigned int _rotl(unsigned int v, int shift) _NTSHIM_CRT(_rotl);
unsigned int _rotr(unsigned int v, int shift) _NTSHIM_CRT(_rotr);
unsigned short _byteswap_ushort(unsigned short v) _NTSHIM_CRT(_byteswap_ushort);
unsigned long _byteswap_ulong(unsigned long v) _NTSHIM_CRT(_byteswap_ulong);
unsigned long long _byteswap_uint64(unsigned long long v) _NTSHIM_CRT(_byteswap_uint64);

#define RAND_MAX	0x7fff
#define __max(a, b)	(((a) > (b)) ? (a) : (b))
#define __min(a, b)	(((a) < (b)) ? (a) : (b))
#define _countof(a)	(sizeof(a) / sizeof((a)[0]))
#define _MAX_PATH	260
#endif

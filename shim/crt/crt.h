/* SPDX-License-Identifier: GPL-2.0 */
/*
 * crt/: the kernel C runtime NT drivers call (string, wide-string, ctype,
 * stdlib and printf routines), behind ntshim's C headers
 * (include/crt/).  Each routine is exported as ntshim_crt_<name> and bound
 * to its C name in those headers, so none collides with the kernel's.
 */
#ifndef NTSHIM_CRT_H
#define NTSHIM_CRT_H

#include "../core/core.h"
#include <linux/stdarg.h>

#define NTSHIM_CRT_EXPORT(name)	NTSHIM_EXPORT(ntshim_crt_##name)

/* The "C" locale, on code units (ASCII only, as NT's kernel CRT). */
static inline int crt_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static inline int crt_upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}


/* The routines, for their definitions' sake (W=1). */
int ntshim_crt__strnicmp(const char *a, const char *b, size_t n);
int ntshim_crt__stricmp(const char *a, const char *b);
int ntshim_crt__memicmp(const void *a, const void *b, size_t n);
char *ntshim_crt__strlwr(char *s);
char *ntshim_crt__strupr(char *s);
char *ntshim_crt__strrev(char *s);
size_t ntshim_crt_wcsnlen(const WCHAR *s, size_t max);
size_t ntshim_crt_wcslen(const WCHAR *s);
int ntshim_crt_wcscmp(const WCHAR *a, const WCHAR *b);
int ntshim_crt_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n);
int ntshim_crt__wcsicmp(const WCHAR *a, const WCHAR *b);
int ntshim_crt__wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n);
int ntshim_crt_memcpy_s(void *dst, size_t cap, const void *src, size_t n);
int ntshim_crt_memmove_s(void *dst, size_t cap, const void *src, size_t n);
int ntshim_crt_strcpy_s(char *dst, size_t cap, const char *src);
int ntshim_crt_strncpy_s(char *dst, size_t cap, const char *src, size_t n);
int ntshim_crt_strcat_s(char *dst, size_t cap, const char *src);
int ntshim_crt_wcscpy_s(WCHAR *dst, size_t cap, const WCHAR *src);
int ntshim_crt_wcsncpy_s(WCHAR *dst, size_t cap, const WCHAR *src, size_t n);
int ntshim_crt_wcscat_s(WCHAR *dst, size_t cap, const WCHAR *src);
int ntshim_crt_toupper(int c);
int ntshim_crt_tolower(int c);
unsigned short ntshim_crt_towupper(unsigned short c);
unsigned short ntshim_crt_towlower(unsigned short c);
int ntshim_crt_isupper(int c);
int ntshim_crt_islower(int c);
int ntshim_crt_isdigit(int c);
int ntshim_crt_isalpha(int c);
int ntshim_crt_isalnum(int c);
int ntshim_crt_isxdigit(int c);
int ntshim_crt_isspace(int c);
int ntshim_crt_iscntrl(int c);
int ntshim_crt_isprint(int c);
int ntshim_crt_isgraph(int c);
int ntshim_crt_ispunct(int c);
int ntshim_crt_iswalpha(unsigned short c);
int ntshim_crt_iswdigit(unsigned short c);
int ntshim_crt_iswxdigit(unsigned short c);
int ntshim_crt_iswspace(unsigned short c);
int ntshim_crt_iswupper(unsigned short c);
int ntshim_crt_iswlower(unsigned short c);
int ntshim_crt_iswalnum(unsigned short c);
int ntshim_crt_abs(int v);
long ntshim_crt_labs(long v);
long long ntshim_crt_llabs(long long v);
long long ntshim_crt__abs64(long long v);
long ntshim_crt_strtol(const char *s, char **end, int base);
unsigned long ntshim_crt_strtoul(const char *s, char **end, int base);
long long ntshim_crt__strtoi64(const char *s, char **end, int base);
unsigned long long ntshim_crt__strtoui64(const char *s, char **end, int base);
int ntshim_crt_atoi(const char *s);
long ntshim_crt_atol(const char *s);
long long ntshim_crt__atoi64(const char *s);
long ntshim_crt_wcstol(const WCHAR *s, WCHAR **end, int base);
unsigned long ntshim_crt_wcstoul(const WCHAR *s, WCHAR **end, int base);
int ntshim_crt__wtoi(const WCHAR *s);
long ntshim_crt__wtol(const WCHAR *s);
char *ntshim_crt__itoa(int v, char *buf, int radix);
char *ntshim_crt__ltoa(long v, char *buf, int radix);
char *ntshim_crt__ultoa(unsigned long v, char *buf, int radix);
char *ntshim_crt__i64toa(long long v, char *buf, int radix);
char *ntshim_crt__ui64toa(unsigned long long v, char *buf, int radix);
void ntshim_crt_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *,
	const void *));
void *ntshim_crt_bsearch(const void *key, const void *base, size_t n, size_t size,
	int (*cmp)(const void *, const void *));
int ntshim_crt_rand(void);
void ntshim_crt_srand(unsigned int seed);
size_t ntshim_crt_wcstombs(char *dst, const WCHAR *src, size_t n);
size_t ntshim_crt_mbstowcs(WCHAR *dst, const char *src, size_t n);
unsigned int ntshim_crt__rotl(unsigned int v, int shift);
unsigned int ntshim_crt__rotr(unsigned int v, int shift);
unsigned short ntshim_crt__byteswap_ushort(unsigned short v);
unsigned long ntshim_crt__byteswap_ulong(unsigned long v);
unsigned long long ntshim_crt__byteswap_uint64(unsigned long long v);
int ntshim_crt__vsnprintf(char *buf, size_t count, const char *fmt, va_list ap);
int ntshim_crt__snprintf(char *buf, size_t count, const char *fmt, ...);
int ntshim_crt_vsnprintf(char *buf, size_t count, const char *fmt, va_list ap);
int ntshim_crt_snprintf(char *buf, size_t count, const char *fmt, ...);
int ntshim_crt_vsprintf(char *buf, const char *fmt, va_list ap);
int ntshim_crt_sprintf(char *buf, const char *fmt, ...);
int ntshim_crt__vsnwprintf(WCHAR *buf, size_t count, const WCHAR *fmt, va_list ap);
int ntshim_crt__snwprintf(WCHAR *buf, size_t count, const WCHAR *fmt, ...);
int ntshim_crt_vswprintf(WCHAR *buf, const WCHAR *fmt, va_list ap);
int ntshim_crt_swprintf(WCHAR *buf, const WCHAR *fmt, ...);
WCHAR *ntshim_crt_wcsncpy(WCHAR *dst, const WCHAR *src, size_t n);
WCHAR *ntshim_crt_wcscpy(WCHAR *dst, const WCHAR *src);
WCHAR *ntshim_crt_wcscat(WCHAR *dst, const WCHAR *src);
WCHAR *ntshim_crt_wcsncat(WCHAR *dst, const WCHAR *src, size_t n);
WCHAR *ntshim_crt_wcschr(const WCHAR *s, WCHAR c);
WCHAR *ntshim_crt_wcsrchr(const WCHAR *s, WCHAR c);
WCHAR *ntshim_crt_wcsstr(const WCHAR *s, const WCHAR *find);
WCHAR *ntshim_crt__wcslwr(WCHAR *s);
WCHAR *ntshim_crt__wcsupr(WCHAR *s);
WCHAR *ntshim_crt__itow(int v, WCHAR *buf, int radix);
WCHAR *ntshim_crt__ultow(unsigned long v, WCHAR *buf, int radix);

#endif /* NTSHIM_CRT_H */

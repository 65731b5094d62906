// SPDX-License-Identifier: GPL-2.0
/*
 * stdlib: numbers to and from text (narrow and wide, one parser for both),
 * sorting and searching, the CRT's pseudo-random generator, conversions
 * between narrow and wide strings (one byte per unit, as the "C" locale),
 * and the bit helpers.
 */
#include "crt.h"
#include <linux/bsearch.h>
#include <linux/sort.h>

int ntshim_crt_abs(int v)
{
	return v < 0 ? -v : v;
}
NTSHIM_CRT_EXPORT(abs);

long ntshim_crt_labs(long v)
{
	return v < 0 ? -v : v;
}
NTSHIM_CRT_EXPORT(labs);

long long ntshim_crt_llabs(long long v)
{
	return v < 0 ? -v : v;
}
NTSHIM_CRT_EXPORT(llabs);

long long ntshim_crt__abs64(long long v)
{
	return v < 0 ? -v : v;
}
NTSHIM_CRT_EXPORT(_abs64);

/*
 * strtoul's grammar over narrow or wide units: spaces, a sign, an optional
 * 0x or 0 prefix by base, digits; saturates on overflow.  *neg and *end as
 * strtol needs them.
 */
static unsigned long long crt_parse(const void *s, size_t unit, int base, bool *neg,
				    size_t *end, unsigned long long limit)
{
	unsigned long long v = 0;
	bool any = false, over = false;
	size_t i = 0;
	int c, d;

#define AT(k)	((int)(unit == 1 ? ((const u8 *)s)[k] : ((const u16 *)s)[k]))
	while (AT(i) == ' ' || (AT(i) >= '\t' && AT(i) <= '\r'))
		i++;
	*neg = AT(i) == '-';
	if (AT(i) == '-' || AT(i) == '+')
		i++;
	if ((base == 0 || base == 16) && AT(i) == '0' && crt_lower(AT(i + 1)) == 'x') {
		i += 2;
		base = 16;
	} else if (base == 0) {
		base = AT(i) == '0' ? 8 : 10;
	}
	for (;; i++, any = true) {
		c = crt_lower(AT(i));
		d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : 99;
		if (d >= base || base < 2 || base > 36)
			break;
		if (v > (limit - d) / base)
			over = true;
		else
			v = v * base + d;
	}
#undef AT
	if (end)
		*end = any ? i : 0;
	return over ? limit : v;
}

/*
 * strtol's and strtoul's results from crt_parse(): a signed one saturated
 * at the type's limits, an unsigned one negated if a '-' led; *end (when
 * asked) where the digits stopped, in units of the string.
 */
static long long crt_signed(const void *s, size_t unit, int base, void *end, long long max)
{
	unsigned long long v;
	size_t e;
	bool neg;

	v = crt_parse(s, unit, base, &neg, &e, (unsigned long long)max + 1);
	if (end)
		*(const char **)end = (const char *)s + e * unit;
	if (neg)
		return v > (unsigned long long)max ? -max - 1 : -(long long)v;
	return v > (unsigned long long)max ? max : (long long)v;
}

static unsigned long long crt_unsigned(const void *s, size_t unit, int base, void *end,
				       unsigned long long max)
{
	unsigned long long v;
	size_t e;
	bool neg;

	v = crt_parse(s, unit, base, &neg, &e, max);
	if (end)
		*(const char **)end = (const char *)s + e * unit;
	return neg ? -v : v;
}

long ntshim_crt_strtol(const char *s, char **end, int base)
{
	return crt_signed(s, 1, base, end, LONG_MAX);
}
NTSHIM_CRT_EXPORT(strtol);

unsigned long ntshim_crt_strtoul(const char *s, char **end, int base)
{
	return crt_unsigned(s, 1, base, end, ULONG_MAX);
}
NTSHIM_CRT_EXPORT(strtoul);

long long ntshim_crt__strtoi64(const char *s, char **end, int base)
{
	return crt_signed(s, 1, base, end, LLONG_MAX);
}
NTSHIM_CRT_EXPORT(_strtoi64);

unsigned long long ntshim_crt__strtoui64(const char *s, char **end, int base)
{
	return crt_unsigned(s, 1, base, end, ULLONG_MAX);
}
NTSHIM_CRT_EXPORT(_strtoui64);

int ntshim_crt_atoi(const char *s)
{
	return crt_signed(s, 1, 10, NULL, INT_MAX);
}
NTSHIM_CRT_EXPORT(atoi);

long ntshim_crt_atol(const char *s)
{
	return crt_signed(s, 1, 10, NULL, LONG_MAX);
}
NTSHIM_CRT_EXPORT(atol);

long long ntshim_crt__atoi64(const char *s)
{
	return crt_signed(s, 1, 10, NULL, LLONG_MAX);
}
NTSHIM_CRT_EXPORT(_atoi64);

long ntshim_crt_wcstol(const WCHAR *s, WCHAR **end, int base)
{
	return crt_signed(s, 2, base, end, LONG_MAX);
}
NTSHIM_CRT_EXPORT(wcstol);

unsigned long ntshim_crt_wcstoul(const WCHAR *s, WCHAR **end, int base)
{
	return crt_unsigned(s, 2, base, end, ULONG_MAX);
}
NTSHIM_CRT_EXPORT(wcstoul);

int ntshim_crt__wtoi(const WCHAR *s)
{
	return crt_signed(s, 2, 10, NULL, INT_MAX);
}
NTSHIM_CRT_EXPORT(_wtoi);

long ntshim_crt__wtol(const WCHAR *s)
{
	return crt_signed(s, 2, 10, NULL, LONG_MAX);
}
NTSHIM_CRT_EXPORT(_wtol);

/* Digits of v in radix (2..36), a '-' first if negative; into narrow or wide. */
static void crt_utoa(unsigned long long v, bool neg, void *buf, size_t unit, int radix)
{
	char tmp[66];
	size_t n = 0, i = 0;

	if (radix < 2 || radix > 36)
		radix = 10;
	do {
		tmp[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[v % radix];
		v /= radix;
	} while (v);
	if (neg)
		tmp[n++] = '-';
	while (n--) {
		if (unit == 1)
			((char *)buf)[i++] = tmp[n];
		else
			((WCHAR *)buf)[i++] = tmp[n];
	}
	if (unit == 1)
		((char *)buf)[i] = 0;
	else
		((WCHAR *)buf)[i] = 0;
}

/* Radix 10 only is signed, as in NT's CRT. */
static void crt_itoa(long long v, void *buf, size_t unit, int radix)
{
	if (radix == 10 && v < 0)
		crt_utoa(-(unsigned long long)v, true, buf, unit, radix);
	else
		crt_utoa((unsigned long long)v, false, buf, unit, radix);
}

char *ntshim_crt__itoa(int v, char *buf, int radix)
{
	if (radix == 10)
		crt_itoa(v, buf, 1, radix);
	else
		crt_utoa((unsigned int)v, false, buf, 1, radix);
	return buf;
}
NTSHIM_CRT_EXPORT(_itoa);

char *ntshim_crt__ltoa(long v, char *buf, int radix)
{
	crt_itoa(v, buf, 1, radix);
	return buf;
}
NTSHIM_CRT_EXPORT(_ltoa);

char *ntshim_crt__ultoa(unsigned long v, char *buf, int radix)
{
	crt_utoa(v, false, buf, 1, radix);
	return buf;
}
NTSHIM_CRT_EXPORT(_ultoa);

char *ntshim_crt__i64toa(long long v, char *buf, int radix)
{
	crt_itoa(v, buf, 1, radix);
	return buf;
}
NTSHIM_CRT_EXPORT(_i64toa);

char *ntshim_crt__ui64toa(unsigned long long v, char *buf, int radix)
{
	crt_utoa(v, false, buf, 1, radix);
	return buf;
}
NTSHIM_CRT_EXPORT(_ui64toa);

WCHAR *ntshim_crt__itow(int v, WCHAR *buf, int radix)
{
	if (radix == 10)
		crt_itoa(v, buf, 2, radix);
	else
		crt_utoa((unsigned int)v, false, buf, 2, radix);
	return buf;
}
NTSHIM_CRT_EXPORT(_itow);

WCHAR *ntshim_crt__ultow(unsigned long v, WCHAR *buf, int radix)
{
	crt_utoa(v, false, buf, 2, radix);
	return buf;
}
NTSHIM_CRT_EXPORT(_ultow);

void ntshim_crt_qsort(void *base, size_t n, size_t size,
		      int (*cmp)(const void *, const void *))
{
	sort(base, n, size, cmp, NULL);
}
NTSHIM_CRT_EXPORT(qsort);

void *ntshim_crt_bsearch(const void *key, const void *base, size_t n, size_t size,
			 int (*cmp)(const void *, const void *))
{
	return bsearch(key, base, n, size, cmp);
}
NTSHIM_CRT_EXPORT(bsearch);

/* The CRT's generator (one sequence for the system, not per thread). */
static atomic_t crt_seed = ATOMIC_INIT(1);

int ntshim_crt_rand(void)
{
	int old, new;

	do {
		old = atomic_read(&crt_seed);
		new = old * 214013 + 2531011;
	} while (atomic_cmpxchg(&crt_seed, old, new) != old);
	return (new >> 16) & 0x7fff;
}
NTSHIM_CRT_EXPORT(rand);

void ntshim_crt_srand(unsigned int seed)
{
	atomic_set(&crt_seed, seed);
}
NTSHIM_CRT_EXPORT(srand);

/* One byte per unit; units above 0xff become '?'.  The count, NUL not counted. */
size_t ntshim_crt_wcstombs(char *dst, const WCHAR *src, size_t n)
{
	size_t i;

	for (i = 0; !dst || i < n; i++) {
		if (dst)
			dst[i] = src[i] > 0xff ? '?' : src[i];
		if (!src[i])
			return i;
	}
	return i;
}
NTSHIM_CRT_EXPORT(wcstombs);

size_t ntshim_crt_mbstowcs(WCHAR *dst, const char *src, size_t n)
{
	size_t i;

	for (i = 0; !dst || i < n; i++) {
		if (dst)
			dst[i] = (unsigned char)src[i];
		if (!src[i])
			return i;
	}
	return i;
}
NTSHIM_CRT_EXPORT(mbstowcs);

unsigned int ntshim_crt__rotl(unsigned int v, int shift)
{
	return rol32(v, shift & 31);
}
NTSHIM_CRT_EXPORT(_rotl);

unsigned int ntshim_crt__rotr(unsigned int v, int shift)
{
	return ror32(v, shift & 31);
}
NTSHIM_CRT_EXPORT(_rotr);

unsigned short ntshim_crt__byteswap_ushort(unsigned short v)
{
	return swab16(v);
}
NTSHIM_CRT_EXPORT(_byteswap_ushort);

/* NT's unsigned long is 32 bits. */
unsigned long ntshim_crt__byteswap_ulong(unsigned long v)
{
	return swab32((u32)v);
}
NTSHIM_CRT_EXPORT(_byteswap_ulong);

unsigned long long ntshim_crt__byteswap_uint64(unsigned long long v)
{
	return swab64(v);
}
NTSHIM_CRT_EXPORT(_byteswap_uint64);

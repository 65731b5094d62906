// SPDX-License-Identifier: GPL-2.0
/*
 * String routines NT's kernel C runtime adds to the kernel's own: the
 * case-insensitive and in-place ones, the wide-string family (16-bit
 * units), and the bounds-checked _s forms.
 */
#include "crt.h"
#include <linux/errno.h>

/* One code unit of a narrow (unit 1) or wide (unit 2) string. */
static u32 crt_get(const void *s, size_t i, size_t unit)
{
	return unit == 1 ? ((const u8 *)s)[i] : ((const u16 *)s)[i];
}

static void crt_put(void *s, size_t i, size_t unit, u32 c)
{
	if (unit == 1)
		((u8 *)s)[i] = c;
	else
		((u16 *)s)[i] = c;
}

/* strncmp over narrow or wide units, case-folded (ASCII) if asked. */
static int crt_compare(const void *a, const void *b, size_t n, size_t unit, bool fold)
{
	int ca, cb;
	size_t i;

	for (i = 0; i < n; i++) {
		ca = crt_get(a, i, unit);
		cb = crt_get(b, i, unit);
		if (fold) {
			ca = crt_lower(ca);
			cb = crt_lower(cb);
		}
		if (ca != cb || !ca)
			return ca - cb;
	}
	return 0;
}

/* In place, to lower or upper case (ASCII); returns s. */
static void *crt_fold(void *s, size_t unit, bool upper)
{
	size_t i;
	u32 c;

	for (i = 0; (c = crt_get(s, i, unit)); i++)
		crt_put(s, i, unit, upper ? crt_upper(c) : crt_lower(c));
	return s;
}

int ntshim_crt__strnicmp(const char *a, const char *b, size_t n)
{
	return crt_compare(a, b, n, 1, true);
}
NTSHIM_CRT_EXPORT(_strnicmp);

int ntshim_crt__stricmp(const char *a, const char *b)
{
	return ntshim_crt__strnicmp(a, b, SIZE_MAX);
}
NTSHIM_CRT_EXPORT(_stricmp);

int ntshim_crt__memicmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;
	int d;

	for (; n--; p++, q++) {
		d = crt_lower(*p) - crt_lower(*q);
		if (d)
			return d;
	}
	return 0;
}
NTSHIM_CRT_EXPORT(_memicmp);

char *ntshim_crt__strlwr(char *s)
{
	return crt_fold(s, 1, false);
}
NTSHIM_CRT_EXPORT(_strlwr);

char *ntshim_crt__strupr(char *s)
{
	return crt_fold(s, 1, true);
}
NTSHIM_CRT_EXPORT(_strupr);

char *ntshim_crt__strrev(char *s)
{
	size_t i, n = strlen(s);
	char c;

	for (i = 0; i < n / 2; i++) {
		c = s[i];
		s[i] = s[n - 1 - i];
		s[n - 1 - i] = c;
	}
	return s;
}
NTSHIM_CRT_EXPORT(_strrev);

size_t ntshim_crt_wcsnlen(const WCHAR *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}
NTSHIM_CRT_EXPORT(wcsnlen);

size_t ntshim_crt_wcslen(const WCHAR *s)
{
	return ntshim_crt_wcsnlen(s, SIZE_MAX);
}
NTSHIM_CRT_EXPORT(wcslen);

WCHAR *ntshim_crt_wcsncpy(WCHAR *dst, const WCHAR *src, size_t n)
{
	size_t i;

	for (i = 0; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = 0;
	return dst;
}
NTSHIM_CRT_EXPORT(wcsncpy);

WCHAR *ntshim_crt_wcscpy(WCHAR *dst, const WCHAR *src)
{
	size_t i = 0;

	do {
		dst[i] = src[i];
	} while (src[i++]);
	return dst;
}
NTSHIM_CRT_EXPORT(wcscpy);

WCHAR *ntshim_crt_wcscat(WCHAR *dst, const WCHAR *src)
{
	ntshim_crt_wcscpy(dst + ntshim_crt_wcslen(dst), src);
	return dst;
}
NTSHIM_CRT_EXPORT(wcscat);

WCHAR *ntshim_crt_wcsncat(WCHAR *dst, const WCHAR *src, size_t n)
{
	WCHAR *d = dst + ntshim_crt_wcslen(dst);
	size_t i;

	for (i = 0; i < n && src[i]; i++)
		d[i] = src[i];
	d[i] = 0;
	return dst;
}
NTSHIM_CRT_EXPORT(wcsncat);

int ntshim_crt_wcscmp(const WCHAR *a, const WCHAR *b)
{
	return crt_compare(a, b, SIZE_MAX, 2, false);
}
NTSHIM_CRT_EXPORT(wcscmp);

int ntshim_crt_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n)
{
	return crt_compare(a, b, n, 2, false);
}
NTSHIM_CRT_EXPORT(wcsncmp);

int ntshim_crt__wcsicmp(const WCHAR *a, const WCHAR *b)
{
	return crt_compare(a, b, SIZE_MAX, 2, true);
}
NTSHIM_CRT_EXPORT(_wcsicmp);

int ntshim_crt__wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n)
{
	return crt_compare(a, b, n, 2, true);
}
NTSHIM_CRT_EXPORT(_wcsnicmp);

WCHAR *ntshim_crt_wcschr(const WCHAR *s, WCHAR c)
{
	for (;; s++) {
		if (*s == c)
			return (WCHAR *)s;
		if (!*s)
			return NULL;
	}
}
NTSHIM_CRT_EXPORT(wcschr);

WCHAR *ntshim_crt_wcsrchr(const WCHAR *s, WCHAR c)
{
	const WCHAR *last = NULL;

	for (;; s++) {
		if (*s == c)
			last = s;
		if (!*s)
			return (WCHAR *)last;
	}
}
NTSHIM_CRT_EXPORT(wcsrchr);

WCHAR *ntshim_crt_wcsstr(const WCHAR *s, const WCHAR *find)
{
	size_t n = ntshim_crt_wcslen(find);

	for (; *s; s++)
		if (!ntshim_crt_wcsncmp(s, find, n))
			return (WCHAR *)s;
	return n ? NULL : (WCHAR *)s;
}
NTSHIM_CRT_EXPORT(wcsstr);

WCHAR *ntshim_crt__wcslwr(WCHAR *s)
{
	return crt_fold(s, 2, false);
}
NTSHIM_CRT_EXPORT(_wcslwr);

WCHAR *ntshim_crt__wcsupr(WCHAR *s)
{
	return crt_fold(s, 2, true);
}
NTSHIM_CRT_EXPORT(_wcsupr);

/*
 * The _s forms: on a NULL pointer, a zero size or a result that does not
 * fit, the target (if any) is emptied and EINVAL or ERANGE returned.
 */
static int crt_s_fail(void *dst, size_t cap, size_t unit, int err)
{
	if (dst && cap)
		memset(dst, 0, unit);
	return err;
}

int ntshim_crt_memcpy_s(void *dst, size_t cap, const void *src, size_t n)
{
	if (!n)
		return 0;
	if (!dst)
		return EINVAL;
	if (!src || n > cap) {
		memset(dst, 0, cap);
		return src ? ERANGE : EINVAL;
	}
	memcpy(dst, src, n);
	return 0;
}
NTSHIM_CRT_EXPORT(memcpy_s);

int ntshim_crt_memmove_s(void *dst, size_t cap, const void *src, size_t n)
{
	if (!n)
		return 0;
	if (!dst || !src)
		return EINVAL;
	if (n > cap)
		return ERANGE;
	memmove(dst, src, n);
	return 0;
}
NTSHIM_CRT_EXPORT(memmove_s);

/* Copies units until NUL or n; the count copied, or cap if it did not fit. */
static size_t crt_copy_units(void *dst, size_t cap, const void *src, size_t n, size_t unit)
{
	size_t i;
	u32 c;

	for (i = 0; i < n && i < cap; i++) {
		c = crt_get(src, i, unit);
		crt_put(dst, i, unit, c);
		if (!c)
			return i;
	}
	if (i == cap)
		return cap;
	crt_put(dst, i, unit, 0);
	return i;
}

static int crt_copy_s(void *dst, size_t cap, const void *src, size_t n, size_t unit,
		      size_t at)
{
	if (!dst || !cap)
		return EINVAL;
	if (!src || at >= cap)
		return crt_s_fail(dst, cap, unit, EINVAL);
	if (crt_copy_units((u8 *)dst + at * unit, cap - at, src, n, unit) == cap - at)
		return crt_s_fail(dst, cap, unit, ERANGE);
	return 0;
}

int ntshim_crt_strcpy_s(char *dst, size_t cap, const char *src)
{
	return crt_copy_s(dst, cap, src, SIZE_MAX, 1, 0);
}
NTSHIM_CRT_EXPORT(strcpy_s);

int ntshim_crt_strncpy_s(char *dst, size_t cap, const char *src, size_t n)
{
	return crt_copy_s(dst, cap, src, n, 1, 0);
}
NTSHIM_CRT_EXPORT(strncpy_s);

int ntshim_crt_strcat_s(char *dst, size_t cap, const char *src)
{
	return crt_copy_s(dst, cap, src, SIZE_MAX, 1, dst ? strnlen(dst, cap) : 0);
}
NTSHIM_CRT_EXPORT(strcat_s);

int ntshim_crt_wcscpy_s(WCHAR *dst, size_t cap, const WCHAR *src)
{
	return crt_copy_s(dst, cap, src, SIZE_MAX, 2, 0);
}
NTSHIM_CRT_EXPORT(wcscpy_s);

int ntshim_crt_wcsncpy_s(WCHAR *dst, size_t cap, const WCHAR *src, size_t n)
{
	return crt_copy_s(dst, cap, src, n, 2, 0);
}
NTSHIM_CRT_EXPORT(wcsncpy_s);

int ntshim_crt_wcscat_s(WCHAR *dst, size_t cap, const WCHAR *src)
{
	return crt_copy_s(dst, cap, src, SIZE_MAX, 2, dst ? ntshim_crt_wcsnlen(dst, cap) : 0);
}
NTSHIM_CRT_EXPORT(wcscat_s);

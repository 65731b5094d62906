/* SPDX-License-Identifier: GPL-2.0 */
/* wchar.h - ntshim's kernel C runtime (see _ntcrt.h): 16-bit wchar_t. */
#ifndef _NTSHIM_WCHAR_H
#define _NTSHIM_WCHAR_H
#include <_ntcrt.h>

#define WCHAR_MIN	0
#define WCHAR_MAX	0xffff
#define WEOF		((wint_t)0xffff)

size_t wcslen(const wchar_t *s) _NTSHIM_CRT(wcslen);
size_t wcsnlen(const wchar_t *s, size_t max) _NTSHIM_CRT(wcsnlen);
wchar_t *wcscpy(wchar_t *dst, const wchar_t *src) _NTSHIM_CRT(wcscpy);
wchar_t *wcsncpy(wchar_t *dst, const wchar_t *src, size_t n) _NTSHIM_CRT(wcsncpy);
wchar_t *wcscat(wchar_t *dst, const wchar_t *src) _NTSHIM_CRT(wcscat);
wchar_t *wcsncat(wchar_t *dst, const wchar_t *src, size_t n) _NTSHIM_CRT(wcsncat);
int wcscmp(const wchar_t *a, const wchar_t *b) _NTSHIM_CRT(wcscmp);
int wcsncmp(const wchar_t *a, const wchar_t *b, size_t n) _NTSHIM_CRT(wcsncmp);
int _wcsicmp(const wchar_t *a, const wchar_t *b) _NTSHIM_CRT(_wcsicmp);
int _wcsnicmp(const wchar_t *a, const wchar_t *b, size_t n) _NTSHIM_CRT(_wcsnicmp);
wchar_t *wcschr(const wchar_t *s, wchar_t c) _NTSHIM_CRT(wcschr);
wchar_t *wcsrchr(const wchar_t *s, wchar_t c) _NTSHIM_CRT(wcsrchr);
wchar_t *wcsstr(const wchar_t *s, const wchar_t *find) _NTSHIM_CRT(wcsstr);
wchar_t *_wcslwr(wchar_t *s) _NTSHIM_CRT(_wcslwr);
wchar_t *_wcsupr(wchar_t *s) _NTSHIM_CRT(_wcsupr);
wint_t towlower(wint_t c) _NTSHIM_CRT(towlower);
wint_t towupper(wint_t c) _NTSHIM_CRT(towupper);
int iswalpha(wint_t c) _NTSHIM_CRT(iswalpha);
int iswdigit(wint_t c) _NTSHIM_CRT(iswdigit);
int iswxdigit(wint_t c) _NTSHIM_CRT(iswxdigit);
int iswspace(wint_t c) _NTSHIM_CRT(iswspace);
int iswupper(wint_t c) _NTSHIM_CRT(iswupper);
int iswlower(wint_t c) _NTSHIM_CRT(iswlower);
int iswalnum(wint_t c) _NTSHIM_CRT(iswalnum);
long wcstol(const wchar_t *s, wchar_t **end, int base) _NTSHIM_CRT(wcstol);
unsigned long wcstoul(const wchar_t *s, wchar_t **end, int base) _NTSHIM_CRT(wcstoul);
int _wtoi(const wchar_t *s) _NTSHIM_CRT(_wtoi);
long _wtol(const wchar_t *s) _NTSHIM_CRT(_wtol);
size_t wcstombs(char *dst, const wchar_t *src, size_t n) _NTSHIM_CRT(wcstombs);
size_t mbstowcs(wchar_t *dst, const char *src, size_t n) _NTSHIM_CRT(mbstowcs);
#define wcsicmp		_wcsicmp
#define wcsnicmp	_wcsnicmp
#define wcslwr		_wcslwr
#define wcsupr		_wcsupr

/* NT's wide printf family: swprintf is the kernel CRT's, with no count. */
int swprintf(wchar_t *buf, const wchar_t *fmt, ...) _NTSHIM_CRT(swprintf);
int _snwprintf(wchar_t *buf, size_t count, const wchar_t *fmt, ...) _NTSHIM_CRT(_snwprintf);
int _vsnwprintf(wchar_t *buf, size_t count, const wchar_t *fmt, va_list ap)
	_NTSHIM_CRT(_vsnwprintf);
int vswprintf(wchar_t *buf, const wchar_t *fmt, va_list ap) _NTSHIM_CRT(vswprintf);

errno_t wcscpy_s(wchar_t *dst, size_t cap, const wchar_t *src) _NTSHIM_CRT(wcscpy_s);
errno_t wcsncpy_s(wchar_t *dst, size_t cap, const wchar_t *src, size_t n)
	_NTSHIM_CRT(wcsncpy_s);
errno_t wcscat_s(wchar_t *dst, size_t cap, const wchar_t *src) _NTSHIM_CRT(wcscat_s);
#endif

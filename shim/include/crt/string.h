/* SPDX-License-Identifier: GPL-2.0 */
/*
 * string.h - ntshim's kernel C runtime (see _ntcrt.h).  The standard memory
 * and string routines are the kernel's own, which behave as NT's do; the
 * Microsoft additions are ntshim's.
 */
#ifndef _NTSHIM_STRING_H
#define _NTSHIM_STRING_H
#include <_ntcrt.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
char *strcat(char *dst, const char *src);
char *strncat(char *dst, const char *src, size_t n);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *s, const char *find);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);

int _stricmp(const char *a, const char *b) _NTSHIM_CRT(_stricmp);
int _strnicmp(const char *a, const char *b, size_t n) _NTSHIM_CRT(_strnicmp);
int _memicmp(const void *a, const void *b, size_t n) _NTSHIM_CRT(_memicmp);
char *_strlwr(char *s) _NTSHIM_CRT(_strlwr);
char *_strupr(char *s) _NTSHIM_CRT(_strupr);
char *_strrev(char *s) _NTSHIM_CRT(_strrev);
#define stricmp		_stricmp
#define strnicmp	_strnicmp
#define strlwr		_strlwr
#define strupr		_strupr

/* The bounds-checked forms: 0, or EINVAL (22) / ERANGE (34), the target emptied. */
errno_t memcpy_s(void *dst, rsize_t cap, const void *src, rsize_t n) _NTSHIM_CRT(memcpy_s);
errno_t memmove_s(void *dst, rsize_t cap, const void *src, rsize_t n) _NTSHIM_CRT(memmove_s);
errno_t strcpy_s(char *dst, rsize_t cap, const char *src) _NTSHIM_CRT(strcpy_s);
errno_t strncpy_s(char *dst, rsize_t cap, const char *src, rsize_t n) _NTSHIM_CRT(strncpy_s);
errno_t strcat_s(char *dst, rsize_t cap, const char *src) _NTSHIM_CRT(strcat_s);
#define _TRUNCATE	((size_t)-1)

#include <wchar.h>
#endif

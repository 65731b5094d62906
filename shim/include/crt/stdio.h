/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stdio.h - ntshim's kernel C runtime (see _ntcrt.h): the printf family
 * into buffers, with NT's formats.  _snprintf and _vsnprintf return -1 and
 * leave the buffer unterminated when the output does not fit; snprintf and
 * vsnprintf (C99) always terminate and return the length they needed.
 */
#ifndef _NTSHIM_STDIO_H
#define _NTSHIM_STDIO_H
#include <_ntcrt.h>
#include <wchar.h>

int sprintf(char *buf, const char *fmt, ...) _NTSHIM_CRT(sprintf);
int vsprintf(char *buf, const char *fmt, va_list ap) _NTSHIM_CRT(vsprintf);
int _snprintf(char *buf, size_t count, const char *fmt, ...) _NTSHIM_CRT(_snprintf);
int _vsnprintf(char *buf, size_t count, const char *fmt, va_list ap) _NTSHIM_CRT(_vsnprintf);
int snprintf(char *buf, size_t count, const char *fmt, ...) _NTSHIM_CRT(snprintf);
int vsnprintf(char *buf, size_t count, const char *fmt, va_list ap) _NTSHIM_CRT(vsnprintf);
#define EOF	(-1)
#endif

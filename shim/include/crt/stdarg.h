/* SPDX-License-Identifier: GPL-2.0 */
/* stdarg.h - ntshim's kernel C runtime (see _ntcrt.h). */
#ifndef _NTSHIM_STDARG_H
#define _NTSHIM_STDARG_H
#include <_ntcrt.h>
#define va_start(ap, last)	__builtin_va_start(ap, last)
#define va_arg(ap, type)	__builtin_va_arg(ap, type)
#define va_end(ap)		__builtin_va_end(ap)
#define va_copy(d, s)		__builtin_va_copy(d, s)
#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * _ntcrt.h - what the C headers of ntshim's kernel C runtime share.
 *
 * NT semantics: wchar_t is 16 bits (L"" literals too), and the printf
 * family knows NT's formats (%ws, %wZ, %I64d...).  Routines the Linux kernel
 * also exports under the same name with other semantics are ntshim's here,
 * under their C names: each declaration binds to ntshim's symbol
 * (ntshim_crt_<name>), never to the kernel's.  `long` stays 64 bits (the
 * compiler's LP64): NT's LONG and ULONG are the 32-bit types.
 */
#ifndef _NTSHIM_NTCRT_H
#define _NTSHIM_NTCRT_H

#define _NTSHIM_CRT(name)	__asm__("ntshim_crt_" #name)

#ifndef _SIZE_T_DEFINED
#define _SIZE_T_DEFINED
typedef __SIZE_TYPE__ size_t;
#endif
#ifndef _WCHAR_T_DEFINED
#define _WCHAR_T_DEFINED
typedef __WCHAR_TYPE__ wchar_t;
#endif
#ifndef _PTRDIFF_T_DEFINED
#define _PTRDIFF_T_DEFINED
typedef __PTRDIFF_TYPE__ ptrdiff_t;
#endif
#ifndef _WINT_T_DEFINED
#define _WINT_T_DEFINED
typedef unsigned short wint_t;
#endif
#ifndef _VA_LIST_DEFINED
#define _VA_LIST_DEFINED
typedef __builtin_va_list va_list;
#endif
#ifndef _ERRNO_T_DEFINED
#define _ERRNO_T_DEFINED
typedef int errno_t;
typedef size_t rsize_t;
#endif
#ifndef NULL
#define NULL ((void *)0)
#endif

#endif /* _NTSHIM_NTCRT_H */

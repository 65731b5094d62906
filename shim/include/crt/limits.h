/* SPDX-License-Identifier: GPL-2.0 */
/*
 * limits.h - ntshim's kernel C runtime (see _ntcrt.h).  char is signed, as
 * the WDK's compiler has it; long is the compiler's (64 bits).
 */
#ifndef _NTSHIM_LIMITS_H
#define _NTSHIM_LIMITS_H
#define CHAR_BIT	8
#define SCHAR_MIN	(-128)
#define SCHAR_MAX	127
#define UCHAR_MAX	0xff
#define CHAR_MIN	SCHAR_MIN
#define CHAR_MAX	SCHAR_MAX
#define MB_LEN_MAX	5
#define SHRT_MIN	(-32768)
#define SHRT_MAX	32767
#define USHRT_MAX	0xffff
#define INT_MIN		(-2147483647 - 1)
#define INT_MAX		2147483647
#define UINT_MAX	0xffffffffU
#define LONG_MAX	__LONG_MAX__
#define LONG_MIN	(-LONG_MAX - 1L)
#define ULONG_MAX	(LONG_MAX * 2UL + 1UL)
#define LLONG_MAX	9223372036854775807LL
#define LLONG_MIN	(-LLONG_MAX - 1LL)
#define ULLONG_MAX	0xffffffffffffffffULL
#define _I8_MIN		SCHAR_MIN
#define _I8_MAX		SCHAR_MAX
#define _UI8_MAX	UCHAR_MAX
#define _I16_MIN	SHRT_MIN
#define _I16_MAX	SHRT_MAX
#define _UI16_MAX	USHRT_MAX
#define _I32_MIN	INT_MIN
#define _I32_MAX	INT_MAX
#define _UI32_MAX	UINT_MAX
#define _I64_MIN	LLONG_MIN
#define _I64_MAX	LLONG_MAX
#define _UI64_MAX	ULLONG_MAX
#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntintsafe.h - integer arithmetic and conversions that report overflow:
 * STATUS_SUCCESS with the result, or STATUS_INTEGER_OVERFLOW with the
 * result set to the type's error value (all ones, or -1 for signed types).
 */
#ifndef _NTINTSAFE_H_INCLUDED_
#define _NTINTSAFE_H_INCLUDED_
#include <ntdef.h>
#include <ntstatus.h>

#define BYTE_ERROR	((UCHAR)0xff)
#define USHORT_ERROR	((USHORT)0xffff)
#define WORD_ERROR	USHORT_ERROR
#define UINT_ERROR	0xffffffffU
#define ULONG_ERROR	0xffffffffU
#define DWORD_ERROR	ULONG_ERROR
#define ULONGLONG_ERROR	0xffffffffffffffffULL
#define SIZET_ERROR	((SIZE_T)-1)
#define ULONG_PTR_ERROR	((ULONG_PTR)-1)
#define INT_ERROR	(-1)
#define LONG_ERROR	(-1)
#define LONGLONG_ERROR	(-1LL)

#define __NTINTSAFE_OP(Name, T, op, err)					\
	FORCEINLINE NTSTATUS Name(T a, T b, T *r)				\
	{									\
		if (__builtin_##op##_overflow(a, b, r)) {			\
			*r = (T)(err);						\
			return STATUS_INTEGER_OVERFLOW;				\
		}								\
		return STATUS_SUCCESS;						\
	}
#define __NTINTSAFE_OPS(Kind, T, err)						\
	__NTINTSAFE_OP(Rtl##Kind##Add, T, add, err)				\
	__NTINTSAFE_OP(Rtl##Kind##Sub, T, sub, err)				\
	__NTINTSAFE_OP(Rtl##Kind##Mult, T, mul, err)

__NTINTSAFE_OPS(UInt8, UCHAR, BYTE_ERROR)
__NTINTSAFE_OPS(UShort, USHORT, USHORT_ERROR)
__NTINTSAFE_OPS(UInt, unsigned int, UINT_ERROR)
__NTINTSAFE_OPS(ULong, ULONG, ULONG_ERROR)
__NTINTSAFE_OPS(ULongLong, ULONGLONG, ULONGLONG_ERROR)
__NTINTSAFE_OPS(SizeT, SIZE_T, SIZET_ERROR)
__NTINTSAFE_OPS(ULongPtr, ULONG_PTR, ULONG_PTR_ERROR)
__NTINTSAFE_OPS(DWordPtr, ULONG_PTR, ULONG_PTR_ERROR)
__NTINTSAFE_OPS(Int, int, INT_ERROR)
__NTINTSAFE_OPS(Long, LONG, LONG_ERROR)
__NTINTSAFE_OPS(LongLong, LONGLONG, LONGLONG_ERROR)

/* Conversions: Rtl<From>To<To>. */
#define __NTINTSAFE_CONV(Name, From, To, err)					\
	FORCEINLINE NTSTATUS Name(From v, To *r)				\
	{									\
		if ((From)(To)v != v || ((v < 0) != ((To)v < 0))) {		\
			*r = (To)(err);						\
			return STATUS_INTEGER_OVERFLOW;				\
		}								\
		*r = (To)v;							\
		return STATUS_SUCCESS;						\
	}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wtype-limits"
__NTINTSAFE_CONV(RtlULongToUShort, ULONG, USHORT, USHORT_ERROR)
__NTINTSAFE_CONV(RtlULongToUChar, ULONG, UCHAR, BYTE_ERROR)
__NTINTSAFE_CONV(RtlULongToLong, ULONG, LONG, LONG_ERROR)
__NTINTSAFE_CONV(RtlULongToInt, ULONG, int, INT_ERROR)
__NTINTSAFE_CONV(RtlLongToULong, LONG, ULONG, ULONG_ERROR)
__NTINTSAFE_CONV(RtlLongToUShort, LONG, USHORT, USHORT_ERROR)
__NTINTSAFE_CONV(RtlLongToSizeT, LONG, SIZE_T, SIZET_ERROR)
__NTINTSAFE_CONV(RtlIntToULong, int, ULONG, ULONG_ERROR)
__NTINTSAFE_CONV(RtlIntToSizeT, int, SIZE_T, SIZET_ERROR)
__NTINTSAFE_CONV(RtlSizeTToULong, SIZE_T, ULONG, ULONG_ERROR)
__NTINTSAFE_CONV(RtlSizeTToUShort, SIZE_T, USHORT, USHORT_ERROR)
__NTINTSAFE_CONV(RtlSizeTToLong, SIZE_T, LONG, LONG_ERROR)
__NTINTSAFE_CONV(RtlSizeTToInt, SIZE_T, int, INT_ERROR)
__NTINTSAFE_CONV(RtlULongLongToULong, ULONGLONG, ULONG, ULONG_ERROR)
__NTINTSAFE_CONV(RtlULongLongToUShort, ULONGLONG, USHORT, USHORT_ERROR)
__NTINTSAFE_CONV(RtlULongLongToSizeT, ULONGLONG, SIZE_T, SIZET_ERROR)
__NTINTSAFE_CONV(RtlULongLongToLong, ULONGLONG, LONG, LONG_ERROR)
__NTINTSAFE_CONV(RtlLongLongToULong, LONGLONG, ULONG, ULONG_ERROR)
__NTINTSAFE_CONV(RtlLongLongToLong, LONGLONG, LONG, LONG_ERROR)
__NTINTSAFE_CONV(RtlLongLongToULongLong, LONGLONG, ULONGLONG, ULONGLONG_ERROR)
__NTINTSAFE_CONV(RtlULongPtrToULong, ULONG_PTR, ULONG, ULONG_ERROR)
#pragma GCC diagnostic pop

#endif /* _NTINTSAFE_H_INCLUDED_ */

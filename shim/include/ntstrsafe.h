/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntstrsafe.h - bounded string routines that always terminate.
 *
 * Cb counts bytes, Cch characters; A is narrow, W wide.  A result that does
 * not fit is truncated, terminated, and reported as STATUS_BUFFER_OVERFLOW;
 * a zero or oversized destination size, or a NULL pointer, is
 * STATUS_INVALID_PARAMETER (the destination emptied when it can be).
 * Printf formats have NT's meaning (%ws, %wZ, %I64d...).
 */
#ifndef _NTSTRSAFE_H_INCLUDED_
#define _NTSTRSAFE_H_INCLUDED_
#include <ntdef.h>
#include <ntstatus.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define NTSTRSAFE_MAX_CCH			2147483647
#define NTSTRSAFE_UNICODE_STRING_MAX_CCH	32767
#define STRSAFE_IGNORE_NULLS			0x00000100
#define STRSAFE_FILL_BEHIND_NULL		0x00000200
#define STRSAFE_FILL_ON_FAILURE			0x00000400
#define STRSAFE_NULL_ON_FAILURE			0x00000800
#define STRSAFE_NO_TRUNCATION			0x00001000

typedef CHAR *NTSTRSAFE_PSTR;
typedef const CHAR *NTSTRSAFE_PCSTR;
typedef WCHAR *NTSTRSAFE_PWSTR;
typedef const WCHAR *NTSTRSAFE_PCWSTR;

/*
 * One implementation per operation over a unit size (1 or 2); the A and W,
 * Cb and Cch entry points below only convert their arguments.
 */
FORCEINLINE SIZE_T __ntstrsafe_get(const void *s, SIZE_T i, SIZE_T unit)
{
	return unit == 1 ? ((const UCHAR *)s)[i] : ((const USHORT *)s)[i];
}

FORCEINLINE VOID __ntstrsafe_put(void *s, SIZE_T i, SIZE_T unit, SIZE_T c)
{
	if (unit == 1)
		((UCHAR *)s)[i] = (UCHAR)c;
	else
		((USHORT *)s)[i] = (USHORT)c;
}

FORCEINLINE NTSTATUS __ntstrsafe_length(const void *s, SIZE_T max, SIZE_T unit, SIZE_T *len)
{
	SIZE_T n = 0;

	if (!s || !max || max > NTSTRSAFE_MAX_CCH) {
		if (len)
			*len = 0;
		return STATUS_INVALID_PARAMETER;
	}
	while (n < max && __ntstrsafe_get(s, n, unit))
		n++;
	if (len)
		*len = n < max ? n : 0;
	return n < max ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

/* Appends up to max units of src at dst[at]; dst holds cch units in all. */
FORCEINLINE NTSTATUS __ntstrsafe_copy(void *dst, SIZE_T cch, SIZE_T at, const void *src,
				      SIZE_T max, SIZE_T unit)
{
	SIZE_T i = 0, c;

	if (!dst || !cch || cch > NTSTRSAFE_MAX_CCH)
		return STATUS_INVALID_PARAMETER;
	if (!src) {
		__ntstrsafe_put(dst, at < cch ? at : 0, unit, 0);
		return STATUS_INVALID_PARAMETER;
	}
	for (; at + 1 < cch && i < max; i++, at++) {
		c = __ntstrsafe_get(src, i, unit);
		if (!c)
			break;
		__ntstrsafe_put(dst, at, unit, c);
	}
	__ntstrsafe_put(dst, at, unit, 0);
	if (i < max && __ntstrsafe_get(src, i, unit))
		return STATUS_BUFFER_OVERFLOW;
	return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS __ntstrsafe_cat(void *dst, SIZE_T cch, const void *src, SIZE_T max,
				     SIZE_T unit)
{
	SIZE_T at;
	NTSTATUS status = __ntstrsafe_length(dst, cch, unit, &at);

	if (!NT_SUCCESS(status))
		return status;
	return __ntstrsafe_copy(dst, cch, at, src, max, unit);
}

/* _vsnprintf into cch - 1 units, then always terminated. */
FORCEINLINE NTSTATUS __ntstrsafe_vprintf(void *dst, SIZE_T cch, const void *fmt, SIZE_T unit,
					 va_list ap)
{
	int n;

	if (!dst || !cch || cch > NTSTRSAFE_MAX_CCH)
		return STATUS_INVALID_PARAMETER;
	if (!fmt) {
		__ntstrsafe_put(dst, 0, unit, 0);
		return STATUS_INVALID_PARAMETER;
	}
	if (unit == 1)
		n = _vsnprintf((char *)dst, cch - 1, (const char *)fmt, ap);
	else
		n = _vsnwprintf((wchar_t *)dst, cch - 1, (const wchar_t *)fmt, ap);
	if (n < 0 || (SIZE_T)n >= cch - 1)
		__ntstrsafe_put(dst, cch - 1, unit, 0);
	return n < 0 ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

#define __NTSTRSAFE_AW(Name, Args, Impl)					\
	FORCEINLINE NTSTATUS Name Args { return Impl; }

__NTSTRSAFE_AW(RtlStringCchCopyA, (NTSTRSAFE_PSTR d, SIZE_T cch, NTSTRSAFE_PCSTR s),
	       __ntstrsafe_copy(d, cch, 0, s, NTSTRSAFE_MAX_CCH, 1))
__NTSTRSAFE_AW(RtlStringCchCopyW, (NTSTRSAFE_PWSTR d, SIZE_T cch, NTSTRSAFE_PCWSTR s),
	       __ntstrsafe_copy(d, cch, 0, s, NTSTRSAFE_MAX_CCH, 2))
__NTSTRSAFE_AW(RtlStringCbCopyA, (NTSTRSAFE_PSTR d, SIZE_T cb, NTSTRSAFE_PCSTR s),
	       __ntstrsafe_copy(d, cb, 0, s, NTSTRSAFE_MAX_CCH, 1))
__NTSTRSAFE_AW(RtlStringCbCopyW, (NTSTRSAFE_PWSTR d, SIZE_T cb, NTSTRSAFE_PCWSTR s),
	       __ntstrsafe_copy(d, cb / 2, 0, s, NTSTRSAFE_MAX_CCH, 2))
__NTSTRSAFE_AW(RtlStringCchCopyNA, (NTSTRSAFE_PSTR d, SIZE_T cch, NTSTRSAFE_PCSTR s, SIZE_T n),
	       __ntstrsafe_copy(d, cch, 0, s, n, 1))
__NTSTRSAFE_AW(RtlStringCchCopyNW, (NTSTRSAFE_PWSTR d, SIZE_T cch, NTSTRSAFE_PCWSTR s,
				    SIZE_T n),
	       __ntstrsafe_copy(d, cch, 0, s, n, 2))
__NTSTRSAFE_AW(RtlStringCbCopyNA, (NTSTRSAFE_PSTR d, SIZE_T cb, NTSTRSAFE_PCSTR s, SIZE_T n),
	       __ntstrsafe_copy(d, cb, 0, s, n, 1))
__NTSTRSAFE_AW(RtlStringCbCopyNW, (NTSTRSAFE_PWSTR d, SIZE_T cb, NTSTRSAFE_PCWSTR s,
				   SIZE_T nb),
	       __ntstrsafe_copy(d, cb / 2, 0, s, nb / 2, 2))
__NTSTRSAFE_AW(RtlStringCchCatA, (NTSTRSAFE_PSTR d, SIZE_T cch, NTSTRSAFE_PCSTR s),
	       __ntstrsafe_cat(d, cch, s, NTSTRSAFE_MAX_CCH, 1))
__NTSTRSAFE_AW(RtlStringCchCatW, (NTSTRSAFE_PWSTR d, SIZE_T cch, NTSTRSAFE_PCWSTR s),
	       __ntstrsafe_cat(d, cch, s, NTSTRSAFE_MAX_CCH, 2))
__NTSTRSAFE_AW(RtlStringCbCatA, (NTSTRSAFE_PSTR d, SIZE_T cb, NTSTRSAFE_PCSTR s),
	       __ntstrsafe_cat(d, cb, s, NTSTRSAFE_MAX_CCH, 1))
__NTSTRSAFE_AW(RtlStringCbCatW, (NTSTRSAFE_PWSTR d, SIZE_T cb, NTSTRSAFE_PCWSTR s),
	       __ntstrsafe_cat(d, cb / 2, s, NTSTRSAFE_MAX_CCH, 2))
__NTSTRSAFE_AW(RtlStringCchCatNA, (NTSTRSAFE_PSTR d, SIZE_T cch, NTSTRSAFE_PCSTR s, SIZE_T n),
	       __ntstrsafe_cat(d, cch, s, n, 1))
__NTSTRSAFE_AW(RtlStringCchCatNW, (NTSTRSAFE_PWSTR d, SIZE_T cch, NTSTRSAFE_PCWSTR s,
				   SIZE_T n),
	       __ntstrsafe_cat(d, cch, s, n, 2))
__NTSTRSAFE_AW(RtlStringCbCatNA, (NTSTRSAFE_PSTR d, SIZE_T cb, NTSTRSAFE_PCSTR s, SIZE_T n),
	       __ntstrsafe_cat(d, cb, s, n, 1))
__NTSTRSAFE_AW(RtlStringCbCatNW, (NTSTRSAFE_PWSTR d, SIZE_T cb, NTSTRSAFE_PCWSTR s,
				  SIZE_T nb),
	       __ntstrsafe_cat(d, cb / 2, s, nb / 2, 2))
__NTSTRSAFE_AW(RtlStringCchLengthA, (NTSTRSAFE_PCSTR s, SIZE_T max, SIZE_T *len),
	       __ntstrsafe_length(s, max, 1, len))
__NTSTRSAFE_AW(RtlStringCchLengthW, (NTSTRSAFE_PCWSTR s, SIZE_T max, SIZE_T *len),
	       __ntstrsafe_length(s, max, 2, len))

FORCEINLINE NTSTATUS RtlStringCbLengthA(NTSTRSAFE_PCSTR s, SIZE_T maxb, SIZE_T *lenb)
{
	return __ntstrsafe_length(s, maxb, 1, lenb);
}

FORCEINLINE NTSTATUS RtlStringCbLengthW(NTSTRSAFE_PCWSTR s, SIZE_T maxb, SIZE_T *lenb)
{
	NTSTATUS status = __ntstrsafe_length(s, maxb / 2, 2, lenb);

	if (lenb)
		*lenb *= 2;
	return status;
}

__NTSTRSAFE_AW(RtlStringCchVPrintfA, (NTSTRSAFE_PSTR d, SIZE_T cch, NTSTRSAFE_PCSTR f,
				      va_list ap),
	       __ntstrsafe_vprintf(d, cch, f, 1, ap))
__NTSTRSAFE_AW(RtlStringCchVPrintfW, (NTSTRSAFE_PWSTR d, SIZE_T cch, NTSTRSAFE_PCWSTR f,
				      va_list ap),
	       __ntstrsafe_vprintf(d, cch, f, 2, ap))
__NTSTRSAFE_AW(RtlStringCbVPrintfA, (NTSTRSAFE_PSTR d, SIZE_T cb, NTSTRSAFE_PCSTR f,
				     va_list ap),
	       __ntstrsafe_vprintf(d, cb, f, 1, ap))
__NTSTRSAFE_AW(RtlStringCbVPrintfW, (NTSTRSAFE_PWSTR d, SIZE_T cb, NTSTRSAFE_PCWSTR f,
				     va_list ap),
	       __ntstrsafe_vprintf(d, cb / 2, f, 2, ap))

#define __NTSTRSAFE_PRINTF(Name, VName, Dst, Src)				\
	static inline NTSTATUS Name(Dst d, SIZE_T size, Src f, ...)		\
	{									\
		NTSTATUS status;						\
		va_list ap;							\
										\
		va_start(ap, f);						\
		status = VName(d, size, f, ap);					\
		va_end(ap);							\
		return status;							\
	}
__NTSTRSAFE_PRINTF(RtlStringCchPrintfA, RtlStringCchVPrintfA, NTSTRSAFE_PSTR, NTSTRSAFE_PCSTR)
__NTSTRSAFE_PRINTF(RtlStringCchPrintfW, RtlStringCchVPrintfW, NTSTRSAFE_PWSTR, NTSTRSAFE_PCWSTR)
__NTSTRSAFE_PRINTF(RtlStringCbPrintfA, RtlStringCbVPrintfA, NTSTRSAFE_PSTR, NTSTRSAFE_PCSTR)
__NTSTRSAFE_PRINTF(RtlStringCbPrintfW, RtlStringCbVPrintfW, NTSTRSAFE_PWSTR, NTSTRSAFE_PCWSTR)

/* Counted strings: Length bytes of Buffer, no terminator; at most MaximumLength. */
FORCEINLINE NTSTATUS __ntstrsafe_ustr_append(PUNICODE_STRING d, const WCHAR *s, SIZE_T n,
					     BOOLEAN append)
{
	SIZE_T at, room, i;

	if (!d || (!d->Buffer && d->MaximumLength) || d->Length > d->MaximumLength ||
	    (d->Length & 1) || (d->MaximumLength & 1) || (!s && n))
		return STATUS_INVALID_PARAMETER;
	at = append ? d->Length / 2 : 0;
	room = d->MaximumLength / 2 - at;
	for (i = 0; i < n && i < room; i++)
		d->Buffer[at + i] = s[i];
	d->Length = (USHORT)((at + i) * 2);
	return i < n ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlUnicodeStringInit(PUNICODE_STRING d, NTSTRSAFE_PCWSTR s)
{
	SIZE_T n = 0;

	if (!d)
		return STATUS_INVALID_PARAMETER;
	while (s && s[n] && n <= NTSTRSAFE_UNICODE_STRING_MAX_CCH)
		n++;
	if (n > NTSTRSAFE_UNICODE_STRING_MAX_CCH)
		return STATUS_INVALID_PARAMETER;
	d->Buffer = (PWCH)s;
	d->Length = (USHORT)(n * 2);
	d->MaximumLength = s ? (USHORT)(n * 2 + 2) : 0;
	return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlUnicodeStringCopy(PUNICODE_STRING d, PCUNICODE_STRING s)
{
	return s ? __ntstrsafe_ustr_append(d, s->Buffer, s->Length / 2, FALSE)
		 : STATUS_INVALID_PARAMETER;
}

FORCEINLINE NTSTATUS RtlUnicodeStringCat(PUNICODE_STRING d, PCUNICODE_STRING s)
{
	return s ? __ntstrsafe_ustr_append(d, s->Buffer, s->Length / 2, TRUE)
		 : STATUS_INVALID_PARAMETER;
}

FORCEINLINE SIZE_T __ntstrsafe_wlen(NTSTRSAFE_PCWSTR s)
{
	SIZE_T n = 0;

	while (s && s[n])
		n++;
	return n;
}

FORCEINLINE NTSTATUS RtlUnicodeStringCopyString(PUNICODE_STRING d, NTSTRSAFE_PCWSTR s)
{
	return __ntstrsafe_ustr_append(d, s, __ntstrsafe_wlen(s), FALSE);
}

FORCEINLINE NTSTATUS RtlUnicodeStringCatString(PUNICODE_STRING d, NTSTRSAFE_PCWSTR s)
{
	return __ntstrsafe_ustr_append(d, s, __ntstrsafe_wlen(s), TRUE);
}

static inline NTSTATUS RtlUnicodeStringVPrintf(PUNICODE_STRING d, NTSTRSAFE_PCWSTR f,
					       va_list ap)
{
	SIZE_T cch;
	int n;

	if (!d || !d->Buffer || !f || (d->MaximumLength & 1))
		return STATUS_INVALID_PARAMETER;
	cch = d->MaximumLength / 2;
	n = _vsnwprintf(d->Buffer, cch, f, ap);
	d->Length = (USHORT)((n < 0 ? cch : (SIZE_T)n) * 2);
	return n < 0 ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

static inline NTSTATUS RtlUnicodeStringPrintf(PUNICODE_STRING d, NTSTRSAFE_PCWSTR f, ...)
{
	NTSTATUS status;
	va_list ap;

	va_start(ap, f);
	status = RtlUnicodeStringVPrintf(d, f, ap);
	va_end(ap);
	return status;
}

#endif /* _NTSTRSAFE_H_INCLUDED_ */

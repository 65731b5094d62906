// SPDX-License-Identifier: GPL-2.0
/*
 * Run-time library: integers written as text and read back.
 */
#include "rtl.h"

/* Base 0 means decimal when writing; NT knows no other bases than these. */
static bool base_ok(ULONG *base)
{
	if (!*base)
		*base = 10;
	return *base == 2 || *base == 8 || *base == 10 || *base == 16;
}

/* Digits of value, most significant first, upper case; returns how many. */
static unsigned int int_digits(ULONGLONG value, ULONG base, char out[65])
{
	char tmp[65];
	unsigned int n = 0, i;

	do {
		tmp[n++] = "0123456789ABCDEF"[value % base];
		value /= base;
	} while (value);
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	return n;
}

/* The digits and a NUL must fit: else STATUS_BUFFER_OVERFLOW, nothing written. */
static NTSTATUS int_to_ustr(ULONGLONG value, ULONG base, PUNICODE_STRING s,
			    const char *routine, const void *caller)
{
	char digits[65];
	unsigned int i, n;

	if (!s) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller, "%s: NULL string", routine);
		return STATUS_INVALID_PARAMETER;
	}
	if (!base_ok(&base))
		return STATUS_INVALID_PARAMETER;
	n = int_digits(value, base, digits);
	if ((n + 1) * sizeof(WCHAR) > s->MaximumLength)
		return STATUS_BUFFER_OVERFLOW;
	for (i = 0; i < n; i++)
		s->Buffer[i] = digits[i];
	s->Buffer[n] = UNICODE_NULL;
	s->Length = n * sizeof(WCHAR);
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlIntegerToUnicodeString(ULONG Value, ULONG Base, PUNICODE_STRING String)
{
	return int_to_ustr(Value, Base, String, "RtlIntegerToUnicodeString", (void *)_RET_IP_);
}
NTSHIM_EXPORT(RtlIntegerToUnicodeString);

NTSTATUS NTAPI RtlInt64ToUnicodeString(ULONGLONG Value, ULONG Base, PUNICODE_STRING String)
{
	return int_to_ustr(Value, Base, String, "RtlInt64ToUnicodeString", (void *)_RET_IP_);
}
NTSHIM_EXPORT(RtlInt64ToUnicodeString);

/* Terminated only when OutputLength leaves room for the NUL. */
NTSTATUS NTAPI RtlIntegerToChar(ULONG Value, ULONG Base, LONG OutputLength, PSZ String)
{
	char digits[65];
	unsigned int n;

	if (!base_ok(&Base))
		return STATUS_INVALID_PARAMETER;
	n = int_digits(Value, Base, digits);
	if ((ULONG)OutputLength < n)
		return STATUS_BUFFER_OVERFLOW;
	if (!String)
		return STATUS_ACCESS_VIOLATION;
	memcpy(String, digits, n);
	if ((ULONG)OutputLength > n)
		String[n] = '\0';
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(RtlIntegerToChar);

static int digit_value(WCHAR c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/*
 * Skips leading white space (anything up to ' '), takes a sign, then with
 * base 0 a 0b, 0o or 0x prefix, then the digits of the base up to the
 * first character that is not one; no digit at all reads as 0.  Overflow
 * wraps, as NT's does.
 */
static NTSTATUS text_to_int(const void *text, size_t n, bool wide, ULONG base, PULONG value)
{
	const WCHAR *w = text;
	const UCHAR *a = text;
	size_t i = 0;
	ULONG total = 0;
	bool minus = false;
	int d;

#define AT(k)	(wide ? w[k] : (WCHAR)a[k])
	while (i < n && AT(i) <= ' ')
		i++;
	if (i < n && (AT(i) == '-' || AT(i) == '+'))
		minus = AT(i++) == '-';
	if (!base) {
		base = 10;
		if (n - i >= 2 && AT(i) == '0') {
			switch (AT(i + 1)) {
			case 'b':
				base = 2;
				break;
			case 'o':
				base = 8;
				break;
			case 'x':
				base = 16;
				break;
			}
			if (base != 10)
				i += 2;
		}
	} else if (base != 2 && base != 8 && base != 10 && base != 16) {
		return STATUS_INVALID_PARAMETER;
	}
	if (!value)
		return STATUS_ACCESS_VIOLATION;
	for (; i < n && (ULONG)(d = digit_value(AT(i))) < base; i++)
		total = total * base + d;
#undef AT
	*value = minus ? -total : total;
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUnicodeStringToInteger(PCUNICODE_STRING String, ULONG Base, PULONG Value)
{
	if (!String || !String->Length)
		return STATUS_INVALID_PARAMETER;
	return text_to_int(String->Buffer, String->Length / sizeof(WCHAR), true, Base, Value);
}
NTSHIM_EXPORT(RtlUnicodeStringToInteger);

NTSTATUS NTAPI RtlCharToInteger(PCSZ String, ULONG Base, PULONG Value)
{
	if (!String)
		return STATUS_INVALID_PARAMETER;
	return text_to_int(String, strlen(String), false, Base, Value);
}
NTSHIM_EXPORT(RtlCharToInteger);

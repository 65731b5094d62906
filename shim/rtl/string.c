// SPDX-License-Identifier: GPL-2.0
/*
 * Run-time library: memory comparison and counted strings.
 */
#include "rtl.h"
#include <linux/string.h>

SIZE_T NTAPI RtlCompareMemory(const VOID *Source1, const VOID *Source2, SIZE_T Length)
{
	const u8 *a = Source1, *b = Source2;
	SIZE_T i;

	for (i = 0; i < Length && a[i] == b[i]; i++)
		;
	return i;
}
NTSHIM_EXPORT(RtlCompareMemory);

static size_t ntshim_wcslen(PCWSTR s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* NT keeps the length even and below 64 KiB, leaving room for the NUL. */
VOID NTAPI RtlInitUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString)
{
	size_t bytes = 0;

	if (SourceString)
		bytes = min_t(size_t, ntshim_wcslen(SourceString) * sizeof(WCHAR),
			      UNICODE_STRING_MAX_BYTES - sizeof(WCHAR));
	DestinationString->Length = bytes;
	DestinationString->MaximumLength = SourceString ? bytes + sizeof(WCHAR) : 0;
	DestinationString->Buffer = (PWSTR)SourceString;
}
NTSHIM_EXPORT(RtlInitUnicodeString);

static void string_init(PSTRING DestinationString, PCSZ SourceString)
{
	size_t len = 0;

	if (SourceString)
		len = min_t(size_t, strlen(SourceString), MAXUSHORT - 1);
	DestinationString->Length = len;
	DestinationString->MaximumLength = SourceString ? len + 1 : 0;
	DestinationString->Buffer = (PCHAR)SourceString;
}

VOID NTAPI RtlInitString(PSTRING DestinationString, PCSZ SourceString)
{
	string_init(DestinationString, SourceString);
}
NTSHIM_EXPORT(RtlInitString);

VOID NTAPI RtlInitAnsiString(PANSI_STRING DestinationString, PCSZ SourceString)
{
	string_init(DestinationString, SourceString);
}
NTSHIM_EXPORT(RtlInitAnsiString);

VOID NTAPI RtlCopyUnicodeString(PUNICODE_STRING DestinationString,
				PCUNICODE_STRING SourceString)
{
	USHORT n;

	if (!SourceString || !SourceString->Buffer) {
		DestinationString->Length = 0;
		return;
	}
	n = min(SourceString->Length, DestinationString->MaximumLength);
	memmove(DestinationString->Buffer, SourceString->Buffer, n);
	DestinationString->Length = n;
	if (n + sizeof(WCHAR) <= DestinationString->MaximumLength)
		DestinationString->Buffer[n / sizeof(WCHAR)] = UNICODE_NULL;
}
NTSHIM_EXPORT(RtlCopyUnicodeString);

/* Case folding covers ASCII letters, which device and driver names use. */
static WCHAR ntshim_upcase(WCHAR c)
{
	return (c >= L'a' && c <= L'z') ? c - (L'a' - L'A') : c;
}

bool ntshim_ustr_equal(PCUNICODE_STRING String1, PCUNICODE_STRING String2,
		       bool CaseInSensitive)
{
	size_t i, n;

	if (String1->Length != String2->Length)
		return false;
	n = String1->Length / sizeof(WCHAR);
	for (i = 0; i < n; i++) {
		WCHAR a = String1->Buffer[i], b = String2->Buffer[i];

		if (CaseInSensitive) {
			a = ntshim_upcase(a);
			b = ntshim_upcase(b);
		}
		if (a != b)
			return false;
	}
	return true;
}

BOOLEAN NTAPI RtlEqualUnicodeString(PCUNICODE_STRING String1,
				    PCUNICODE_STRING String2,
				    BOOLEAN CaseInSensitive)
{
	return ntshim_ustr_equal(String1, String2, CaseInSensitive);
}
NTSHIM_EXPORT(RtlEqualUnicodeString);

/* Fill a UNICODE_STRING from ASCII pieces, for names ntshim makes itself. */
void ntshim_ustr_set(PUNICODE_STRING ustr, WCHAR *buf, size_t cap,
		     const char *prefix, const char *name)
{
	size_t n = 0;

	while (*prefix && n + 1 < cap)
		buf[n++] = (unsigned char)*prefix++;
	while (*name && n + 1 < cap)
		buf[n++] = (unsigned char)*name++;
	buf[n] = UNICODE_NULL;
	ustr->Buffer = buf;
	ustr->Length = n * sizeof(WCHAR);
	ustr->MaximumLength = (n + 1) * sizeof(WCHAR);
}

/*
 * The memory routines as exported functions, for drivers that take their
 * address (the headers' macros do the common calls inline).  The names are
 * in parentheses: the headers define them as macros too.
 */
VOID NTAPI (RtlCopyMemory)(VOID *Destination, const VOID *Source, SIZE_T Length)
{
	memmove(Destination, Source, Length);
}
NTSHIM_EXPORT(RtlCopyMemory);

VOID NTAPI (RtlFillMemory)(VOID *Destination, SIZE_T Length, UCHAR Fill)
{
	memset(Destination, Fill, Length);
}
NTSHIM_EXPORT(RtlFillMemory);

VOID NTAPI (RtlZeroMemory)(VOID *Destination, SIZE_T Length)
{
	memset(Destination, 0, Length);
}
NTSHIM_EXPORT(RtlZeroMemory);

/* The other names of the same routines, as NT has them. */
#define RTL_SAME_AS(name, of)						\
	extern typeof(of) name __alias(of);				\
	NTSHIM_EXPORT(name)

RTL_SAME_AS(RtlMoveMemory, RtlCopyMemory);
RTL_SAME_AS(RtlCopyBytes, RtlCopyMemory);
RTL_SAME_AS(RtlCopyMemoryNonTemporal, RtlCopyMemory);
RTL_SAME_AS(RtlFillBytes, RtlFillMemory);
RTL_SAME_AS(RtlZeroBytes, RtlZeroMemory);

/* A hint only: the caches decide. */
VOID FASTCALL RtlPrefetchMemoryNonTemporal(PVOID Source, SIZE_T Length)
{
}
NTSHIM_EXPORT(RtlPrefetchMemoryNonTemporal);

/* Length / 4 copies of the pattern (Length is a multiple of 4 in NT). */
VOID NTAPI RtlFillMemoryUlong(PVOID Destination, SIZE_T Length, ULONG Pattern)
{
	ULONG *p = Destination;
	SIZE_T i;

	for (i = 0; i < Length / sizeof(ULONG); i++)
		p[i] = Pattern;
}
NTSHIM_EXPORT(RtlFillMemoryUlong);

/* The bytes, from the start, that hold the pattern ULONG after ULONG. */
SIZE_T NTAPI RtlCompareMemoryUlong(PVOID Source, SIZE_T Length, ULONG Pattern)
{
	const ULONG *p = Source;
	SIZE_T i;

	for (i = 0; i < Length / sizeof(ULONG); i++)
		if (p[i] != Pattern)
			break;
	return i * sizeof(ULONG);
}
NTSHIM_EXPORT(RtlCompareMemoryUlong);

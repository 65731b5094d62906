// SPDX-License-Identifier: GPL-2.0
/*
 * Run-time library: memory comparison and counted strings.
 */
#include "rtl.h"
#include "../ex/ex.h"
#include <linux/string.h>

/* What the string routines allocate, and how they free it. */
#define RTL_STRING_TAG	0x53727453	/* "StrS" */

static void *string_alloc(size_t bytes, const void *caller)
{
	return ntshim_pool_alloc(PagedPool, bytes, RTL_STRING_TAG, caller);
}

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

/*
 * Over a NUL-terminated string.  NT keeps the length below 64 KiB, leaving
 * room for the NUL (and even, in bytes, for a Unicode string): one longer
 * is cut by RtlInit*String and refused by RtlInit*StringEx.
 */
static NTSTATUS ustring_init(PUNICODE_STRING d, PCWSTR src, bool refuse_long)
{
	size_t bytes = src ? ntshim_wcslen(src) * sizeof(WCHAR) : 0;

	d->Buffer = (PWSTR)src;
	if (bytes > UNICODE_STRING_MAX_BYTES - sizeof(WCHAR)) {
		if (refuse_long) {
			d->Length = 0;
			d->MaximumLength = 0;
			return STATUS_NAME_TOO_LONG;
		}
		bytes = UNICODE_STRING_MAX_BYTES - sizeof(WCHAR);
	}
	d->Length = bytes;
	d->MaximumLength = src ? bytes + sizeof(WCHAR) : 0;
	return STATUS_SUCCESS;
}

static NTSTATUS string_init(PSTRING d, PCSZ src, bool refuse_long)
{
	size_t len = src ? strlen(src) : 0;

	d->Buffer = (PCHAR)src;
	if (len > MAXUSHORT - 1) {
		if (refuse_long) {
			d->Length = 0;
			d->MaximumLength = 0;
			return STATUS_NAME_TOO_LONG;
		}
		len = MAXUSHORT - 1;
	}
	d->Length = len;
	d->MaximumLength = src ? len + 1 : 0;
	return STATUS_SUCCESS;
}

VOID NTAPI RtlInitUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString)
{
	ustring_init(DestinationString, SourceString, false);
}
NTSHIM_EXPORT(RtlInitUnicodeString);

VOID NTAPI RtlInitString(PSTRING DestinationString, PCSZ SourceString)
{
	string_init(DestinationString, SourceString, false);
}
NTSHIM_EXPORT(RtlInitString);

VOID NTAPI RtlInitAnsiString(PANSI_STRING DestinationString, PCSZ SourceString)
{
	string_init(DestinationString, SourceString, false);
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

/* A NULL where NT would fault: one line, and the routine refuses. */
static bool string_args_ok(const void *a, const void *b, const char *routine,
			   const void *caller)
{
	if (a && b)
		return true;
	ntshim_complain(NTC_BAD_ARGUMENT, caller, "%s: NULL string", routine);
	return false;
}

NTSTATUS NTAPI RtlInitUnicodeStringEx(PUNICODE_STRING DestinationString, PCWSTR SourceString)
{
	return ustring_init(DestinationString, SourceString, true);
}
NTSHIM_EXPORT(RtlInitUnicodeStringEx);

NTSTATUS NTAPI RtlInitAnsiStringEx(PANSI_STRING DestinationString, PCSZ SourceString)
{
	return string_init(DestinationString, SourceString, true);
}
NTSHIM_EXPORT(RtlInitAnsiStringEx);

/* A UTF-8 string is a STRING: the same initializers. */
extern typeof(RtlInitAnsiString) RtlInitUTF8String __alias(RtlInitAnsiString);
NTSHIM_EXPORT(RtlInitUTF8String);
extern typeof(RtlInitAnsiStringEx) RtlInitUTF8StringEx __alias(RtlInitAnsiStringEx);
NTSHIM_EXPORT(RtlInitUTF8StringEx);

/* Unlike RtlCopyUnicodeString, no terminating NUL. */
VOID NTAPI RtlCopyString(PSTRING DestinationString, const STRING *SourceString)
{
	USHORT n;

	if (!SourceString || !SourceString->Buffer) {
		DestinationString->Length = 0;
		return;
	}
	n = min(SourceString->Length, DestinationString->MaximumLength);
	memmove(DestinationString->Buffer, SourceString->Buffer, n);
	DestinationString->Length = n;
}
NTSHIM_EXPORT(RtlCopyString);

BOOLEAN NTAPI RtlCreateUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString)
{
	const void *caller = (void *)_RET_IP_;
	size_t bytes;
	PWSTR buf;

	if (!string_args_ok(DestinationString, SourceString, "RtlCreateUnicodeString", caller))
		return FALSE;
	bytes = (ntshim_wcslen(SourceString) + 1) * sizeof(WCHAR);
	if (bytes > MAXUSHORT)
		return FALSE;
	buf = string_alloc(bytes, caller);
	if (!buf)
		return FALSE;
	memcpy(buf, SourceString, bytes);
	DestinationString->Buffer = buf;
	DestinationString->Length = bytes - sizeof(WCHAR);
	DestinationString->MaximumLength = bytes;
	return TRUE;
}
NTSHIM_EXPORT(RtlCreateUnicodeString);

NTSTATUS NTAPI RtlDuplicateUnicodeString(ULONG Flags, PCUNICODE_STRING StringIn,
					 PUNICODE_STRING StringOut)
{
	const void *caller = (void *)_RET_IP_;
	bool nul = Flags & RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE;
	size_t bytes;
	PWSTR buf;

	/* Allocating a NULL string only makes sense with its terminator. */
	if (!StringIn || !StringOut || Flags > 3 ||
	    Flags == RTL_DUPLICATE_UNICODE_STRING_ALLOCATE_NULL_STRING ||
	    (StringIn->Length & 1) || StringIn->Length > StringIn->MaximumLength ||
	    (StringIn->Length && !StringIn->Buffer))
		return STATUS_INVALID_PARAMETER;
	if (!StringIn->Length && !(Flags & RTL_DUPLICATE_UNICODE_STRING_ALLOCATE_NULL_STRING)) {
		StringOut->Length = 0;
		StringOut->MaximumLength = 0;
		StringOut->Buffer = NULL;
		return STATUS_SUCCESS;
	}
	bytes = StringIn->Length + (nul ? sizeof(WCHAR) : 0);
	if (bytes > UNICODE_STRING_MAX_BYTES)
		return STATUS_NAME_TOO_LONG;
	buf = string_alloc(bytes, caller);
	if (!buf)
		return STATUS_NO_MEMORY;
	memcpy(buf, StringIn->Buffer, StringIn->Length);
	if (nul)
		buf[StringIn->Length / sizeof(WCHAR)] = UNICODE_NULL;
	StringOut->Buffer = buf;
	StringOut->Length = StringIn->Length;
	StringOut->MaximumLength = bytes;
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(RtlDuplicateUnicodeString);

/*
 * Frees what the allocating string routines returned (or a buffer the
 * driver took from pool itself, whatever its tag), and clears the string.
 */
static void string_free(void **buffer, USHORT *length, USHORT *maximum, const void *caller)
{
	if (*buffer)
		ntshim_pool_free(*buffer, 0, false, caller);
	*buffer = NULL;
	*length = 0;
	*maximum = 0;
}

VOID NTAPI RtlFreeUnicodeString(PUNICODE_STRING UnicodeString)
{
	const void *caller = (void *)_RET_IP_;

	if (string_args_ok(UnicodeString, UnicodeString, "RtlFreeUnicodeString", caller))
		string_free((void **)&UnicodeString->Buffer, &UnicodeString->Length,
			    &UnicodeString->MaximumLength, caller);
}
NTSHIM_EXPORT(RtlFreeUnicodeString);

/* RtlFreeAnsiString, RtlFreeOemString, RtlFreeUTF8String: all STRINGs. */
static void narrow_free(PSTRING s, const char *routine, const void *caller)
{
	if (string_args_ok(s, s, routine, caller))
		string_free((void **)&s->Buffer, &s->Length, &s->MaximumLength, caller);
}

VOID NTAPI RtlFreeAnsiString(PANSI_STRING AnsiString)
{
	narrow_free(AnsiString, "RtlFreeAnsiString", (void *)_RET_IP_);
}
NTSHIM_EXPORT(RtlFreeAnsiString);

/* Appends bytes, then a NUL if it fits; all or nothing. */
static NTSTATUS ustr_append(PUNICODE_STRING dst, const WCHAR *src, size_t bytes)
{
	if (!bytes)
		return STATUS_SUCCESS;
	if (dst->Length + bytes > dst->MaximumLength)
		return STATUS_BUFFER_TOO_SMALL;
	memmove((char *)dst->Buffer + dst->Length, src, bytes);
	dst->Length += bytes;
	if (dst->Length + sizeof(WCHAR) <= dst->MaximumLength)
		dst->Buffer[dst->Length / sizeof(WCHAR)] = UNICODE_NULL;
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlAppendUnicodeStringToString(PUNICODE_STRING Destination,
					      PCUNICODE_STRING Source)
{
	if (!string_args_ok(Destination, Source, "RtlAppendUnicodeStringToString",
			    (void *)_RET_IP_))
		return STATUS_INVALID_PARAMETER;
	return ustr_append(Destination, Source->Buffer, Source->Length);
}
NTSHIM_EXPORT(RtlAppendUnicodeStringToString);

NTSTATUS NTAPI RtlAppendUnicodeToString(PUNICODE_STRING Destination, PCWSTR Source)
{
	if (!string_args_ok(Destination, Destination, "RtlAppendUnicodeToString",
			    (void *)_RET_IP_))
		return STATUS_INVALID_PARAMETER;
	if (!Source)
		return STATUS_SUCCESS;
	return ustr_append(Destination, Source, ntshim_wcslen(Source) * sizeof(WCHAR));
}
NTSHIM_EXPORT(RtlAppendUnicodeToString);

NTSTATUS NTAPI RtlAppendStringToString(PSTRING Destination, const STRING *Source)
{
	if (!string_args_ok(Destination, Source, "RtlAppendStringToString", (void *)_RET_IP_))
		return STATUS_INVALID_PARAMETER;
	if (!Source->Length)
		return STATUS_SUCCESS;
	if (Destination->Length + Source->Length > Destination->MaximumLength)
		return STATUS_BUFFER_TOO_SMALL;
	memmove(Destination->Buffer + Destination->Length, Source->Buffer, Source->Length);
	Destination->Length += Source->Length;
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(RtlAppendStringToString);

/* The difference of the first unequal characters, else of the lengths. */
static LONG wstr_compare(const WCHAR *s1, size_t n1, const WCHAR *s2, size_t n2, bool ci)
{
	size_t i, n = min(n1, n2);

	for (i = 0; i < n; i++) {
		WCHAR a = s1[i], b = s2[i];

		if (ci) {
			a = ntshim_upcase(a);
			b = ntshim_upcase(b);
		}
		if (a != b)
			return (LONG)a - (LONG)b;
	}
	return (LONG)n1 - (LONG)n2;
}

LONG NTAPI RtlCompareUnicodeStrings(PCWCH String1, SIZE_T String1Length,
				    PCWCH String2, SIZE_T String2Length,
				    BOOLEAN CaseInSensitive)
{
	return wstr_compare(String1, String1Length, String2, String2Length, CaseInSensitive);
}
NTSHIM_EXPORT(RtlCompareUnicodeStrings);

LONG NTAPI RtlCompareUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2,
				   BOOLEAN CaseInSensitive)
{
	return wstr_compare(String1->Buffer, String1->Length / sizeof(WCHAR),
			    String2->Buffer, String2->Length / sizeof(WCHAR), CaseInSensitive);
}
NTSHIM_EXPORT(RtlCompareUnicodeString);

/* Is String1 the start of String2? */
BOOLEAN NTAPI RtlPrefixUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2,
				     BOOLEAN CaseInSensitive)
{
	size_t n = String1->Length / sizeof(WCHAR);

	return String1->Length <= String2->Length &&
	       !wstr_compare(String1->Buffer, n, String2->Buffer, n, CaseInSensitive);
}
NTSHIM_EXPORT(RtlPrefixUnicodeString);

static LONG string_compare(const STRING *s1, const STRING *s2, USHORT n1, USHORT n2, bool ci)
{
	USHORT i, n = min(n1, n2);

	for (i = 0; i < n; i++) {
		UCHAR a = s1->Buffer[i], b = s2->Buffer[i];

		if (ci) {
			a = ntshim_upper_char(a);
			b = ntshim_upper_char(b);
		}
		if (a != b)
			return (LONG)a - (LONG)b;
	}
	return (LONG)n1 - (LONG)n2;
}

LONG NTAPI RtlCompareString(const STRING *String1, const STRING *String2,
			    BOOLEAN CaseInSensitive)
{
	return string_compare(String1, String2, String1->Length, String2->Length,
			      CaseInSensitive);
}
NTSHIM_EXPORT(RtlCompareString);

BOOLEAN NTAPI RtlEqualString(const STRING *String1, const STRING *String2,
			     BOOLEAN CaseInSensitive)
{
	return String1->Length == String2->Length &&
	       !string_compare(String1, String2, String1->Length, String2->Length,
			       CaseInSensitive);
}
NTSHIM_EXPORT(RtlEqualString);

BOOLEAN NTAPI RtlPrefixString(const STRING *String1, const STRING *String2,
			      BOOLEAN CaseInSensitive)
{
	return String1->Length <= String2->Length &&
	       !string_compare(String1, String2, String1->Length, String1->Length,
			       CaseInSensitive);
}
NTSHIM_EXPORT(RtlPrefixString);

VOID NTAPI RtlUpperString(PSTRING DestinationString, const STRING *SourceString)
{
	USHORT i, n = min(SourceString->Length, DestinationString->MaximumLength);

	for (i = 0; i < n; i++)
		DestinationString->Buffer[i] = ntshim_upper_char(SourceString->Buffer[i]);
	DestinationString->Length = n;
}
NTSHIM_EXPORT(RtlUpperString);

/* Source and destination may be the same string.  No terminating NUL. */
static NTSTATUS ustr_change_case(PUNICODE_STRING dst, PCUNICODE_STRING src, bool alloc,
				 WCHAR (*map)(WCHAR), const char *routine,
				 const void *caller)
{
	USHORT i, n;

	if (!string_args_ok(dst, src, routine, caller))
		return STATUS_INVALID_PARAMETER;
	n = src->Length / sizeof(WCHAR);
	if (alloc) {
		PWSTR buf = string_alloc(max_t(size_t, src->Length, sizeof(WCHAR)), caller);

		if (!buf)
			return STATUS_NO_MEMORY;
		dst->Buffer = buf;
		dst->MaximumLength = src->Length;
	} else if (src->Length > dst->MaximumLength) {
		return STATUS_BUFFER_OVERFLOW;
	}
	for (i = 0; i < n; i++)
		dst->Buffer[i] = map(src->Buffer[i]);
	dst->Length = n * sizeof(WCHAR);
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUpcaseUnicodeString(PUNICODE_STRING DestinationString,
				      PCUNICODE_STRING SourceString,
				      BOOLEAN AllocateDestinationString)
{
	return ustr_change_case(DestinationString, SourceString, AllocateDestinationString,
				ntshim_upcase, "RtlUpcaseUnicodeString", (void *)_RET_IP_);
}
NTSHIM_EXPORT(RtlUpcaseUnicodeString);

NTSTATUS NTAPI RtlDowncaseUnicodeString(PUNICODE_STRING DestinationString,
					PCUNICODE_STRING SourceString,
					BOOLEAN AllocateDestinationString)
{
	return ustr_change_case(DestinationString, SourceString, AllocateDestinationString,
				ntshim_downcase, "RtlDowncaseUnicodeString", (void *)_RET_IP_);
}
NTSHIM_EXPORT(RtlDowncaseUnicodeString);

/* With the terminating NUL, as the conversions below need. */
ULONG NTAPI RtlxAnsiStringToUnicodeSize(PCANSI_STRING AnsiString)
{
	return (AnsiString->Length + 1) * sizeof(WCHAR);
}
NTSHIM_EXPORT(RtlxAnsiStringToUnicodeSize);

ULONG NTAPI RtlxUnicodeStringToAnsiSize(PCUNICODE_STRING UnicodeString)
{
	return UnicodeString->Length / sizeof(WCHAR) + 1;
}
NTSHIM_EXPORT(RtlxUnicodeStringToAnsiSize);

/* How a conversion from Unicode treats its destination. */
#define TO_COUNTED	0x1	/* no NUL */
#define TO_TRUNCATE	0x2	/* a short destination takes what fits */
#define TO_UPCASE	0x4
#define TO_MAPPED	0x8	/* a character the code page lacks fails it */

/*
 * From a single-byte code page.  A destination the caller provides must
 * hold the whole string (and its NUL unless counted); nothing is written
 * when it cannot.
 */
static NTSTATUS from_code_page(PUNICODE_STRING dst, PCSTRING src, BOOLEAN alloc,
			       WCHAR (*map)(UCHAR), unsigned int how, const char *routine,
			       const void *caller)
{
	ULONG bytes, n;

	if (!string_args_ok(dst, src, routine, caller))
		return STATUS_INVALID_PARAMETER;
	n = src->Length;
	bytes = (n + !(how & TO_COUNTED)) * sizeof(WCHAR);
	if (bytes > MAXUSHORT)
		return STATUS_INVALID_PARAMETER_2;
	if (alloc) {
		PWSTR buf = string_alloc(max(bytes, 1U), caller);

		if (!buf)
			return STATUS_NO_MEMORY;
		dst->Buffer = buf;
		dst->MaximumLength = bytes;
	} else if (bytes > dst->MaximumLength) {
		return STATUS_BUFFER_OVERFLOW;
	}
	ntshim_code_page_to_wide(dst->Buffer, src->Buffer, n, map);
	if (!(how & TO_COUNTED))
		dst->Buffer[n] = UNICODE_NULL;
	dst->Length = n * sizeof(WCHAR);
	return STATUS_SUCCESS;
}

static NTSTATUS to_code_page(PSTRING dst, PCUNICODE_STRING src, BOOLEAN alloc,
			     UCHAR (*map)(WCHAR), unsigned int how, const char *routine,
			     const void *caller)
{
	NTSTATUS status = STATUS_SUCCESS;
	ULONG bytes, i, n;
	PCHAR buf = NULL;

	if (!string_args_ok(dst, src, routine, caller))
		return STATUS_INVALID_PARAMETER;
	n = src->Length / sizeof(WCHAR);
	bytes = n + !(how & TO_COUNTED);
	if (bytes > MAXUSHORT)
		return STATUS_INVALID_PARAMETER_2;
	if (alloc) {
		buf = string_alloc(max(bytes, 1U), caller);
		if (!buf)
			return STATUS_NO_MEMORY;
	} else if (bytes > dst->MaximumLength) {
		if (!(how & TO_TRUNCATE) || !dst->MaximumLength)
			return STATUS_BUFFER_OVERFLOW;
		n = dst->MaximumLength - 1;
		status = STATUS_BUFFER_OVERFLOW;
	}
	if (how & TO_MAPPED) {
		for (i = 0; i < n; i++) {
			WCHAR c = how & TO_UPCASE ? ntshim_upcase(src->Buffer[i]) : src->Buffer[i];

			if (c != '?' && map(c) == '?') {
				if (buf)
					ntshim_pool_free(buf, 0, false, caller);
				return STATUS_UNMAPPABLE_CHARACTER;
			}
		}
	}
	if (buf) {
		dst->Buffer = buf;
		dst->MaximumLength = bytes;
	}
	ntshim_wide_to_code_page(dst->Buffer, src->Buffer, n, map, how & TO_UPCASE);
	if (!(how & TO_COUNTED))
		dst->Buffer[n] = ANSI_NULL;
	dst->Length = n;
	return status;
}

NTSTATUS NTAPI RtlAnsiStringToUnicodeString(PUNICODE_STRING DestinationString,
					    PCANSI_STRING SourceString,
					    BOOLEAN AllocateDestinationString)
{
	return from_code_page(DestinationString, SourceString, AllocateDestinationString,
			      ntshim_ansi_to_wchar, 0, "RtlAnsiStringToUnicodeString",
			      (void *)_RET_IP_);
}
NTSHIM_EXPORT(RtlAnsiStringToUnicodeString);

/*
 * Only the ANSI conversion truncates: a destination too small takes what
 * fits, terminated, and the status says STATUS_BUFFER_OVERFLOW.
 */
NTSTATUS NTAPI RtlUnicodeStringToAnsiString(PANSI_STRING DestinationString,
					    PCUNICODE_STRING SourceString,
					    BOOLEAN AllocateDestinationString)
{
	return to_code_page(DestinationString, SourceString, AllocateDestinationString,
			    ntshim_wchar_to_ansi, TO_TRUNCATE, "RtlUnicodeStringToAnsiString",
			    (void *)_RET_IP_);
}
NTSHIM_EXPORT(RtlUnicodeStringToAnsiString);

NTSTATUS NTAPI RtlOemStringToUnicodeString(PUNICODE_STRING DestinationString,
					   PCOEM_STRING SourceString,
					   BOOLEAN AllocateDestinationString)
{
	return from_code_page(DestinationString, SourceString, AllocateDestinationString,
			      ntshim_oem_to_wchar, 0, "RtlOemStringToUnicodeString",
			      (void *)_RET_IP_);
}
NTSHIM_EXPORT(RtlOemStringToUnicodeString);

NTSTATUS NTAPI RtlOemStringToCountedUnicodeString(PUNICODE_STRING DestinationString,
						  PCOEM_STRING SourceString,
						  BOOLEAN AllocateDestinationString)
{
	return from_code_page(DestinationString, SourceString, AllocateDestinationString,
			      ntshim_oem_to_wchar, TO_COUNTED,
			      "RtlOemStringToCountedUnicodeString", (void *)_RET_IP_);
}
NTSHIM_EXPORT(RtlOemStringToCountedUnicodeString);

NTSTATUS NTAPI RtlUnicodeStringToOemString(POEM_STRING DestinationString,
					   PCUNICODE_STRING SourceString,
					   BOOLEAN AllocateDestinationString)
{
	return to_code_page(DestinationString, SourceString, AllocateDestinationString,
			    ntshim_wchar_to_oem, 0, "RtlUnicodeStringToOemString",
			    (void *)_RET_IP_);
}
NTSHIM_EXPORT(RtlUnicodeStringToOemString);

NTSTATUS NTAPI RtlUpcaseUnicodeStringToOemString(POEM_STRING DestinationString,
						 PCUNICODE_STRING SourceString,
						 BOOLEAN AllocateDestinationString)
{
	return to_code_page(DestinationString, SourceString, AllocateDestinationString,
			    ntshim_wchar_to_oem, TO_UPCASE, "RtlUpcaseUnicodeStringToOemString",
			    (void *)_RET_IP_);
}
NTSHIM_EXPORT(RtlUpcaseUnicodeStringToOemString);

/* The counted forms are for names on disk: a character 437 lacks fails them. */
NTSTATUS NTAPI RtlUnicodeStringToCountedOemString(POEM_STRING DestinationString,
						  PCUNICODE_STRING SourceString,
						  BOOLEAN AllocateDestinationString)
{
	return to_code_page(DestinationString, SourceString, AllocateDestinationString,
			    ntshim_wchar_to_oem, TO_COUNTED | TO_MAPPED,
			    "RtlUnicodeStringToCountedOemString", (void *)_RET_IP_);
}
NTSHIM_EXPORT(RtlUnicodeStringToCountedOemString);

NTSTATUS NTAPI RtlUpcaseUnicodeStringToCountedOemString(POEM_STRING DestinationString,
							PCUNICODE_STRING SourceString,
							BOOLEAN AllocateDestinationString)
{
	return to_code_page(DestinationString, SourceString, AllocateDestinationString,
			    ntshim_wchar_to_oem, TO_COUNTED | TO_MAPPED | TO_UPCASE,
			    "RtlUpcaseUnicodeStringToCountedOemString", (void *)_RET_IP_);
}
NTSHIM_EXPORT(RtlUpcaseUnicodeStringToCountedOemString);

ULONG NTAPI RtlxOemStringToUnicodeSize(PCOEM_STRING OemString)
{
	return (OemString->Length + 1) * sizeof(WCHAR);
}
NTSHIM_EXPORT(RtlxOemStringToUnicodeSize);

ULONG NTAPI RtlxUnicodeStringToOemSize(PCUNICODE_STRING UnicodeString)
{
	return UnicodeString->Length / sizeof(WCHAR) + 1;
}
NTSHIM_EXPORT(RtlxUnicodeStringToOemSize);

VOID NTAPI RtlFreeOemString(POEM_STRING OemString)
{
	narrow_free(OemString, "RtlFreeOemString", (void *)_RET_IP_);
}
NTSHIM_EXPORT(RtlFreeOemString);

VOID NTAPI RtlFreeUTF8String(PUTF8_STRING utf8String)
{
	narrow_free(utf8String, "RtlFreeUTF8String", (void *)_RET_IP_);
}
NTSHIM_EXPORT(RtlFreeUTF8String);

/*
 * UTF-8 and UTF-16 strings: a destination the caller provides takes the
 * whole characters that fit with the NUL, STATUS_BUFFER_OVERFLOW saying it
 * was cut; STATUS_SOME_NOT_MAPPED says a bad sequence became U+FFFD.
 */
NTSTATUS NTAPI RtlUnicodeStringToUTF8String(PUTF8_STRING DestinationString,
					    PCUNICODE_STRING SourceString,
					    BOOLEAN AllocateDestinationString)
{
	const void *caller = (void *)_RET_IP_;
	bool small = false, bad = false;
	ULONG need, room, n;

	if (!string_args_ok(DestinationString, SourceString, "RtlUnicodeStringToUTF8String",
			    caller))
		return STATUS_INVALID_PARAMETER;
	n = SourceString->Length / sizeof(WCHAR);
	need = ntshim_utf16_to_utf8(NULL, 0, SourceString->Buffer, n, &small, &bad);
	if (need + 1 > MAXUSHORT)
		return STATUS_INVALID_PARAMETER_2;
	if (AllocateDestinationString) {
		PCHAR buf = string_alloc(need + 1, caller);

		if (!buf)
			return STATUS_NO_MEMORY;
		DestinationString->Buffer = buf;
		DestinationString->MaximumLength = need + 1;
	} else if (!DestinationString->MaximumLength) {
		return STATUS_BUFFER_OVERFLOW;
	}
	room = min(need, (ULONG)DestinationString->MaximumLength - 1);
	bad = false;
	room = ntshim_utf16_to_utf8(DestinationString->Buffer, room, SourceString->Buffer, n,
				    &small, &bad);
	DestinationString->Buffer[room] = ANSI_NULL;
	DestinationString->Length = room;
	if (small)
		return STATUS_BUFFER_OVERFLOW;
	return bad ? STATUS_SOME_NOT_MAPPED : STATUS_SUCCESS;
}
NTSHIM_EXPORT(RtlUnicodeStringToUTF8String);

NTSTATUS NTAPI RtlUTF8StringToUnicodeString(PUNICODE_STRING DestinationString,
					    PUTF8_STRING SourceString,
					    BOOLEAN AllocateDestinationString)
{
	const void *caller = (void *)_RET_IP_;
	bool small = false, bad = false;
	ULONG need, room, n;

	if (!string_args_ok(DestinationString, SourceString, "RtlUTF8StringToUnicodeString",
			    caller))
		return STATUS_INVALID_PARAMETER;
	n = SourceString->Length;
	need = ntshim_utf8_to_utf16(NULL, 0, SourceString->Buffer, n, &small, &bad);
	if (need + sizeof(WCHAR) > MAXUSHORT)
		return STATUS_INVALID_PARAMETER_2;
	if (AllocateDestinationString) {
		PWSTR buf = string_alloc(need + sizeof(WCHAR), caller);

		if (!buf)
			return STATUS_NO_MEMORY;
		DestinationString->Buffer = buf;
		DestinationString->MaximumLength = need + sizeof(WCHAR);
	} else if (DestinationString->MaximumLength < sizeof(WCHAR)) {
		return STATUS_BUFFER_OVERFLOW;
	}
	room = min(need, (ULONG)DestinationString->MaximumLength - (ULONG)sizeof(WCHAR));
	bad = false;
	room = ntshim_utf8_to_utf16(DestinationString->Buffer, room, SourceString->Buffer, n,
				    &small, &bad);
	DestinationString->Buffer[room / sizeof(WCHAR)] = UNICODE_NULL;
	DestinationString->Length = room;
	if (small)
		return STATUS_BUFFER_OVERFLOW;
	return bad ? STATUS_SOME_NOT_MAPPED : STATUS_SUCCESS;
}
NTSHIM_EXPORT(RtlUTF8StringToUnicodeString);

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

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntifs.h - the file-system and filter driver interface, a superset of
 * ntddk.h.  Beyond ntddk.h, only run-time library routines are
 * implemented so far: a driver using a file-system routine fails to link,
 * with the routine's name.
 */
#ifndef _NTIFS_
#define _NTIFS_
#include <ntddk.h>

/* The OEM code page is 437; it and the ANSI one are single-byte. */
NTSYSAPI NTSTATUS NTAPI RtlOemStringToUnicodeString(PUNICODE_STRING DestinationString,
						    PCOEM_STRING SourceString,
						    BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlOemStringToCountedUnicodeString(PUNICODE_STRING DestinationString,
							   PCOEM_STRING SourceString,
							   BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlUnicodeStringToOemString(POEM_STRING DestinationString,
						    PCUNICODE_STRING SourceString,
						    BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlUpcaseUnicodeStringToOemString(POEM_STRING DestinationString,
							  PCUNICODE_STRING SourceString,
							  BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlUnicodeStringToCountedOemString(POEM_STRING DestinationString,
							   PCUNICODE_STRING SourceString,
							   BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlUpcaseUnicodeStringToCountedOemString(
	POEM_STRING DestinationString, PCUNICODE_STRING SourceString,
	BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlOemToUnicodeN(PWCH UnicodeString, ULONG MaxBytesInUnicodeString,
					 PULONG BytesInUnicodeString, PCCH OemString,
					 ULONG BytesInOemString);
NTSYSAPI NTSTATUS NTAPI RtlUnicodeToOemN(PCHAR OemString, ULONG MaxBytesInOemString,
					 PULONG BytesInOemString, PCWCH UnicodeString,
					 ULONG BytesInUnicodeString);
NTSYSAPI NTSTATUS NTAPI RtlUpcaseUnicodeToOemN(PCHAR OemString, ULONG MaxBytesInOemString,
					       PULONG BytesInOemString, PCWCH UnicodeString,
					       ULONG BytesInUnicodeString);
NTSYSAPI NTSTATUS NTAPI RtlUpcaseUnicodeToMultiByteN(PCHAR MultiByteString,
						     ULONG MaxBytesInMultiByteString,
						     PULONG BytesInMultiByteString,
						     PCWCH UnicodeString,
						     ULONG BytesInUnicodeString);
NTSYSAPI ULONG NTAPI RtlxOemStringToUnicodeSize(PCOEM_STRING OemString);
NTSYSAPI ULONG NTAPI RtlxUnicodeStringToOemSize(PCUNICODE_STRING UnicodeString);
#define RtlOemStringToUnicodeSize(STRING)	RtlxOemStringToUnicodeSize(STRING)
#define RtlUnicodeStringToOemSize(STRING)	RtlxUnicodeStringToOemSize(STRING)
#define RtlOemStringToCountedUnicodeSize(STRING) \
	((ULONG)(RtlOemStringToUnicodeSize(STRING) - sizeof(UNICODE_NULL)))
#define RtlUnicodeStringToCountedOemSize(STRING) \
	((ULONG)(RtlUnicodeStringToOemSize(STRING) - sizeof(ANSI_NULL)))
NTSYSAPI VOID NTAPI RtlFreeOemString(POEM_STRING OemString);

/* TRUE when the code page has lead bytes (never, with 1252 and 437). */
extern PBOOLEAN NlsMbCodePageTag;
extern PBOOLEAN NlsMbOemCodePageTag;
#define NLS_MB_CODE_PAGE_TAG		(*NlsMbCodePageTag)
#define NLS_MB_OEM_CODE_PAGE_TAG	(*NlsMbOemCodePageTag)

NTSYSAPI NTSTATUS NTAPI RtlIntegerToChar(ULONG Value, ULONG Base, LONG OutputLength,
					 PSZ String);

/* NT times (100 ns since 1601) and the seconds other systems count. */
NTSYSAPI BOOLEAN NTAPI RtlTimeToSecondsSince1970(PLARGE_INTEGER Time,
						 PULONG ElapsedSeconds);
NTSYSAPI VOID NTAPI RtlSecondsSince1970ToTime(ULONG ElapsedSeconds, PLARGE_INTEGER Time);
NTSYSAPI BOOLEAN NTAPI RtlTimeToSecondsSince1980(PLARGE_INTEGER Time,
						 PULONG ElapsedSeconds);
NTSYSAPI VOID NTAPI RtlSecondsSince1980ToTime(ULONG ElapsedSeconds, PLARGE_INTEGER Time);
#endif

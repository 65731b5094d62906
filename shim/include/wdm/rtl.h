/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdm/rtl.h - the run-time library: lists, interlocked operations, memory and strings, debug output.
 * Part of wdm.h: drivers include <wdm.h> or <ntddk.h>, not this file.
 */
#ifndef _NTSHIM_WDM_RTL_H
#define _NTSHIM_WDM_RTL_H

/* --------------------------------------------------------- Lists (inline) */

FORCEINLINE VOID InitializeListHead(PLIST_ENTRY ListHead)
{
	ListHead->Flink = ListHead->Blink = ListHead;
}

FORCEINLINE BOOLEAN IsListEmpty(const LIST_ENTRY *ListHead)
{
	return (BOOLEAN)(ListHead->Flink == ListHead);
}

FORCEINLINE BOOLEAN RemoveEntryList(PLIST_ENTRY Entry)
{
	PLIST_ENTRY Flink = Entry->Flink;
	PLIST_ENTRY Blink = Entry->Blink;

	Blink->Flink = Flink;
	Flink->Blink = Blink;
	return (BOOLEAN)(Flink == Blink);
}

FORCEINLINE PLIST_ENTRY RemoveHeadList(PLIST_ENTRY ListHead)
{
	PLIST_ENTRY Entry = ListHead->Flink;

	RemoveEntryList(Entry);
	return Entry;
}

FORCEINLINE PLIST_ENTRY RemoveTailList(PLIST_ENTRY ListHead)
{
	PLIST_ENTRY Entry = ListHead->Blink;

	RemoveEntryList(Entry);
	return Entry;
}

FORCEINLINE VOID InsertTailList(PLIST_ENTRY ListHead, PLIST_ENTRY Entry)
{
	PLIST_ENTRY Blink = ListHead->Blink;

	Entry->Flink = ListHead;
	Entry->Blink = Blink;
	Blink->Flink = Entry;
	ListHead->Blink = Entry;
}

FORCEINLINE VOID InsertHeadList(PLIST_ENTRY ListHead, PLIST_ENTRY Entry)
{
	PLIST_ENTRY Flink = ListHead->Flink;

	Entry->Flink = Flink;
	Entry->Blink = ListHead;
	Flink->Blink = Entry;
	ListHead->Flink = Entry;
}

FORCEINLINE VOID AppendTailList(PLIST_ENTRY ListHead, PLIST_ENTRY ListToAppend)
{
	PLIST_ENTRY ListEnd = ListHead->Blink;

	ListHead->Blink->Flink = ListToAppend;
	ListHead->Blink = ListToAppend->Blink;
	ListToAppend->Blink->Flink = ListHead;
	ListToAppend->Blink = ListEnd;
}

FORCEINLINE VOID PushEntryList(PSINGLE_LIST_ENTRY ListHead, PSINGLE_LIST_ENTRY Entry)
{
	Entry->Next = ListHead->Next;
	ListHead->Next = Entry;
}

FORCEINLINE PSINGLE_LIST_ENTRY PopEntryList(PSINGLE_LIST_ENTRY ListHead)
{
	PSINGLE_LIST_ENTRY First = ListHead->Next;

	if (First)
		ListHead->Next = First->Next;
	return First;
}

/* ------------------------------------------------------ Interlocked (inline) */

/* The WDK's names for the compiler's intrinsics (intrin.h). */
#define InterlockedIncrement			_InterlockedIncrement
#define InterlockedDecrement			_InterlockedDecrement
#define InterlockedExchange			_InterlockedExchange
#define InterlockedExchangeAdd			_InterlockedExchangeAdd
#define InterlockedCompareExchange		_InterlockedCompareExchange
#define InterlockedOr				_InterlockedOr
#define InterlockedAnd				_InterlockedAnd
#define InterlockedXor				_InterlockedXor
#define InterlockedIncrement64			_InterlockedIncrement64
#define InterlockedDecrement64			_InterlockedDecrement64
#define InterlockedExchange64			_InterlockedExchange64
#define InterlockedExchangeAdd64		_InterlockedExchangeAdd64
#define InterlockedCompareExchange64		_InterlockedCompareExchange64
#define InterlockedOr64				_InterlockedOr64
#define InterlockedAnd64			_InterlockedAnd64
#define InterlockedExchangePointer		_InterlockedExchangePointer
#define InterlockedCompareExchangePointer	_InterlockedCompareExchangePointer
#define InterlockedIncrement16			_InterlockedIncrement16
#define InterlockedDecrement16			_InterlockedDecrement16
#define InterlockedExchange16			_InterlockedExchange16
#define InterlockedCompareExchange16		_InterlockedCompareExchange16
#define InterlockedOr16				_InterlockedOr16
#define InterlockedAnd16			_InterlockedAnd16
#define InterlockedXor16			_InterlockedXor16
#define InterlockedXor64			_InterlockedXor64
#define InterlockedOr8				_InterlockedOr8
#define InterlockedAnd8				_InterlockedAnd8
#define InterlockedXor8				_InterlockedXor8
#define InterlockedCompareExchange128		_InterlockedCompareExchange128
#define InterlockedAdd(a, v)			(_InterlockedExchangeAdd((a), (v)) + (v))
#define InterlockedAdd64(a, v)			(_InterlockedExchangeAdd64((a), (v)) + (v))
/*
 * The Acquire, Release and NoFence forms: x64's locked instructions are
 * full barriers, so they are the plain forms, as on x64 Windows.
 */
#define InterlockedIncrementAcquire		InterlockedIncrement
#define InterlockedIncrementRelease		InterlockedIncrement
#define InterlockedIncrementNoFence		InterlockedIncrement
#define InterlockedDecrementAcquire		InterlockedDecrement
#define InterlockedDecrementRelease		InterlockedDecrement
#define InterlockedDecrementNoFence		InterlockedDecrement
#define InterlockedExchangeAcquire		InterlockedExchange
#define InterlockedExchangeNoFence		InterlockedExchange
#define InterlockedExchangeAddAcquire		InterlockedExchangeAdd
#define InterlockedExchangeAddRelease		InterlockedExchangeAdd
#define InterlockedExchangeAddNoFence		InterlockedExchangeAdd
#define InterlockedCompareExchangeAcquire	InterlockedCompareExchange
#define InterlockedCompareExchangeRelease	InterlockedCompareExchange
#define InterlockedCompareExchangeNoFence	InterlockedCompareExchange
#define InterlockedOrAcquire			InterlockedOr
#define InterlockedOrRelease			InterlockedOr
#define InterlockedOrNoFence			InterlockedOr
#define InterlockedAndAcquire			InterlockedAnd
#define InterlockedAndRelease			InterlockedAnd
#define InterlockedAndNoFence			InterlockedAnd
#define InterlockedXorAcquire			InterlockedXor
#define InterlockedXorRelease			InterlockedXor
#define InterlockedXorNoFence			InterlockedXor
#define InterlockedCompareExchangeAcquire64	InterlockedCompareExchange64
#define InterlockedCompareExchangeRelease64	InterlockedCompareExchange64
#define InterlockedCompareExchangeNoFence64	InterlockedCompareExchange64
#define InterlockedExchangePointerAcquire	InterlockedExchangePointer
#define InterlockedExchangePointerNoFence	InterlockedExchangePointer
#define InterlockedCompareExchangePointerAcquire InterlockedCompareExchangePointer
#define InterlockedCompareExchangePointerRelease InterlockedCompareExchangePointer
#define InterlockedCompareExchangePointerNoFence InterlockedCompareExchangePointer

/* Interlocked singly linked lists (16-byte aligned heads, as on x64). */
typedef struct _SLIST_ENTRY {
	struct _SLIST_ENTRY *Next;
} __attribute__((__aligned__(16))) SLIST_ENTRY, *PSLIST_ENTRY;

typedef union __attribute__((__aligned__(16))) _SLIST_HEADER {
	struct {
		ULONGLONG Alignment;
		ULONGLONG Region;
	};
	struct {
		ULONGLONG Depth : 16;
		ULONGLONG Sequence : 48;
		ULONGLONG Reserved : 4;
		ULONGLONG NextEntry : 60;
	} HeaderX64;
} SLIST_HEADER, *PSLIST_HEADER;

/* Any IRQL.  (ExInterlocked...SList's lock is not needed: ignored, as on x64.) */
NTKERNELAPI VOID NTAPI InitializeSListHead(PSLIST_HEADER ListHead);
NTKERNELAPI PSLIST_ENTRY NTAPI InterlockedPushEntrySList(PSLIST_HEADER ListHead,
							 PSLIST_ENTRY ListEntry);
NTKERNELAPI PSLIST_ENTRY NTAPI InterlockedPopEntrySList(PSLIST_HEADER ListHead);
NTKERNELAPI PSLIST_ENTRY NTAPI InterlockedFlushSList(PSLIST_HEADER ListHead);
NTKERNELAPI USHORT NTAPI ExQueryDepthSList(PSLIST_HEADER SListHead);
NTKERNELAPI PSLIST_ENTRY NTAPI RtlFirstEntrySList(const SLIST_HEADER *ListHead);
#define QueryDepthSList(Head)			ExQueryDepthSList(Head)
#define ExInitializeSListHead(Head)		InitializeSListHead(Head)
#define ExInterlockedPushEntrySList(Head, Entry, Lock)	InterlockedPushEntrySList(Head, Entry)
#define ExInterlockedPopEntrySList(Head, Lock)	InterlockedPopEntrySList(Head)
#define ExInterlockedFlushSList(Head)		InterlockedFlushSList(Head)

/* ------------------------------------------------------------- Memory, Rtl */

/*
 * The memory routines: macros, as in the WDK, and exported routines of the
 * same names (a driver may take their address).  RtlCopyMemory copes with
 * overlapping buffers, as Windows' implementation does and drivers rely on.
 */
NTSYSAPI VOID NTAPI RtlCopyMemory(VOID *Destination, const VOID *Source, SIZE_T Length);
NTSYSAPI VOID NTAPI RtlMoveMemory(VOID *Destination, const VOID *Source, SIZE_T Length);
NTSYSAPI VOID NTAPI RtlFillMemory(VOID *Destination, SIZE_T Length, UCHAR Fill);
NTSYSAPI VOID NTAPI RtlZeroMemory(VOID *Destination, SIZE_T Length);
NTSYSAPI VOID NTAPI RtlCopyBytes(VOID *Destination, const VOID *Source, SIZE_T Length);
NTSYSAPI VOID NTAPI RtlFillBytes(VOID *Destination, SIZE_T Length, UCHAR Fill);
NTSYSAPI VOID NTAPI RtlZeroBytes(VOID *Destination, SIZE_T Length);
NTSYSAPI VOID NTAPI RtlCopyMemoryNonTemporal(VOID *Destination, const VOID *Source,
					     SIZE_T Length);
NTSYSAPI VOID FASTCALL RtlPrefetchMemoryNonTemporal(PVOID Source, SIZE_T Length);
NTSYSAPI VOID NTAPI RtlFillMemoryUlong(PVOID Destination, SIZE_T Length, ULONG Pattern);
NTSYSAPI SIZE_T NTAPI RtlCompareMemoryUlong(PVOID Source, SIZE_T Length, ULONG Pattern);

#define RtlCopyMemory(Destination, Source, Length) \
	((void)__builtin_memmove((Destination), (Source), (Length)))
#define RtlMoveMemory(Destination, Source, Length) \
	((void)__builtin_memmove((Destination), (Source), (Length)))
#define RtlFillMemory(Destination, Length, Fill) \
	((void)__builtin_memset((Destination), (int)(UCHAR)(Fill), (Length)))
#define RtlZeroMemory(Destination, Length) \
	((void)__builtin_memset((Destination), 0, (Length)))
#define RtlCopyBytes(Destination, Source, Length)	RtlCopyMemory(Destination, Source, Length)
#define RtlFillBytes(Destination, Length, Fill)	RtlFillMemory(Destination, Length, Fill)
#define RtlZeroBytes(Destination, Length)		RtlZeroMemory(Destination, Length)
#define RtlCopyMemoryNonTemporal(Destination, Source, Length) \
	RtlMoveMemory(Destination, Source, Length)
#define RtlEqualMemory(Source1, Source2, Length) \
	(!__builtin_memcmp((Source1), (Source2), (Length)))

/* Zeroes even memory about to go out of scope: the stores are volatile. */
FORCEINLINE PVOID RtlSecureZeroMemory(PVOID Destination, SIZE_T Length)
{
	volatile UCHAR *p = (volatile UCHAR *)Destination;

	while (Length--)
		*p++ = 0;
	return Destination;
}

NTSYSAPI SIZE_T NTAPI RtlCompareMemory(const VOID *Source1, const VOID *Source2,
				       SIZE_T Length);
NTSYSAPI VOID NTAPI RtlInitUnicodeString(PUNICODE_STRING DestinationString,
					 PCWSTR SourceString);
NTSYSAPI VOID NTAPI RtlInitAnsiString(PANSI_STRING DestinationString,
				      PCSZ SourceString);
NTSYSAPI VOID NTAPI RtlInitString(PSTRING DestinationString, PCSZ SourceString);
NTSYSAPI VOID NTAPI RtlCopyUnicodeString(PUNICODE_STRING DestinationString,
					 PCUNICODE_STRING SourceString);
NTSYSAPI BOOLEAN NTAPI RtlEqualUnicodeString(PCUNICODE_STRING String1,
					     PCUNICODE_STRING String2,
					     BOOLEAN CaseInSensitive);
NTSYSAPI NTSTATUS NTAPI RtlInitUnicodeStringEx(PUNICODE_STRING DestinationString,
					       PCWSTR SourceString);
NTSYSAPI NTSTATUS NTAPI RtlInitAnsiStringEx(PANSI_STRING DestinationString,
					    PCSZ SourceString);
NTSYSAPI VOID NTAPI RtlCopyString(PSTRING DestinationString, const STRING *SourceString);
NTSYSAPI BOOLEAN NTAPI RtlCreateUnicodeString(PUNICODE_STRING DestinationString,
					      PCWSTR SourceString);
#define RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE		1
#define RTL_DUPLICATE_UNICODE_STRING_ALLOCATE_NULL_STRING	2
NTSYSAPI NTSTATUS NTAPI RtlDuplicateUnicodeString(ULONG Flags, PCUNICODE_STRING StringIn,
						  PUNICODE_STRING StringOut);
NTSYSAPI VOID NTAPI RtlFreeUnicodeString(PUNICODE_STRING UnicodeString);
NTSYSAPI VOID NTAPI RtlFreeAnsiString(PANSI_STRING AnsiString);
NTSYSAPI NTSTATUS NTAPI RtlAppendUnicodeStringToString(PUNICODE_STRING Destination,
						       PCUNICODE_STRING Source);
NTSYSAPI NTSTATUS NTAPI RtlAppendUnicodeToString(PUNICODE_STRING Destination,
						 PCWSTR Source);
NTSYSAPI NTSTATUS NTAPI RtlAppendStringToString(PSTRING Destination, const STRING *Source);
NTSYSAPI LONG NTAPI RtlCompareUnicodeString(PCUNICODE_STRING String1,
					    PCUNICODE_STRING String2,
					    BOOLEAN CaseInSensitive);
NTSYSAPI LONG NTAPI RtlCompareUnicodeStrings(PCWCH String1, SIZE_T String1Length,
					     PCWCH String2, SIZE_T String2Length,
					     BOOLEAN CaseInSensitive);
NTSYSAPI BOOLEAN NTAPI RtlPrefixUnicodeString(PCUNICODE_STRING String1,
					      PCUNICODE_STRING String2,
					      BOOLEAN CaseInSensitive);
NTSYSAPI LONG NTAPI RtlCompareString(const STRING *String1, const STRING *String2,
				     BOOLEAN CaseInSensitive);
NTSYSAPI BOOLEAN NTAPI RtlEqualString(const STRING *String1, const STRING *String2,
				      BOOLEAN CaseInSensitive);
NTSYSAPI BOOLEAN NTAPI RtlPrefixString(const STRING *String1, const STRING *String2,
				       BOOLEAN CaseInSensitive);
NTSYSAPI WCHAR NTAPI RtlUpcaseUnicodeChar(WCHAR SourceCharacter);
NTSYSAPI WCHAR NTAPI RtlDowncaseUnicodeChar(WCHAR SourceCharacter);
NTSYSAPI CHAR NTAPI RtlUpperChar(CHAR Character);
NTSYSAPI VOID NTAPI RtlUpperString(PSTRING DestinationString, const STRING *SourceString);
NTSYSAPI NTSTATUS NTAPI RtlUpcaseUnicodeString(PUNICODE_STRING DestinationString,
					       PCUNICODE_STRING SourceString,
					       BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlDowncaseUnicodeString(PUNICODE_STRING DestinationString,
						 PCUNICODE_STRING SourceString,
						 BOOLEAN AllocateDestinationString);

/* ANSI is code page 1252, a single-byte code page. */
NTSYSAPI NTSTATUS NTAPI RtlAnsiStringToUnicodeString(PUNICODE_STRING DestinationString,
						     PCANSI_STRING SourceString,
						     BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlUnicodeStringToAnsiString(PANSI_STRING DestinationString,
						     PCUNICODE_STRING SourceString,
						     BOOLEAN AllocateDestinationString);
NTSYSAPI ULONG NTAPI RtlxAnsiStringToUnicodeSize(PCANSI_STRING AnsiString);
NTSYSAPI ULONG NTAPI RtlxUnicodeStringToAnsiSize(PCUNICODE_STRING UnicodeString);
#define RtlAnsiStringToUnicodeSize(STRING)	RtlxAnsiStringToUnicodeSize(STRING)
#define RtlUnicodeStringToAnsiSize(STRING)	RtlxUnicodeStringToAnsiSize(STRING)
NTSYSAPI NTSTATUS NTAPI RtlMultiByteToUnicodeN(PWCH UnicodeString, ULONG MaxBytesInUnicodeString,
					       PULONG BytesInUnicodeString,
					       const CHAR *MultiByteString,
					       ULONG BytesInMultiByteString);
NTSYSAPI NTSTATUS NTAPI RtlUnicodeToMultiByteN(PCHAR MultiByteString,
					       ULONG MaxBytesInMultiByteString,
					       PULONG BytesInMultiByteString,
					       PCWCH UnicodeString, ULONG BytesInUnicodeString);
NTSYSAPI NTSTATUS NTAPI RtlMultiByteToUnicodeSize(PULONG BytesInUnicodeString,
						  const CHAR *MultiByteString,
						  ULONG BytesInMultiByteString);
NTSYSAPI NTSTATUS NTAPI RtlUnicodeToMultiByteSize(PULONG BytesInMultiByteString,
						  PCWCH UnicodeString, ULONG BytesInUnicodeString);

NTSYSAPI NTSTATUS NTAPI RtlUTF8ToUnicodeN(PWSTR UnicodeStringDestination,
					  ULONG UnicodeStringMaxByteCount,
					  PULONG UnicodeStringActualByteCount,
					  PCCH UTF8StringSource, ULONG UTF8StringByteCount);
NTSYSAPI NTSTATUS NTAPI RtlUnicodeToUTF8N(PCHAR UTF8StringDestination,
					  ULONG UTF8StringMaxByteCount,
					  PULONG UTF8StringActualByteCount,
					  PCWCH UnicodeStringSource, ULONG UnicodeStringByteCount);
NTSYSAPI VOID NTAPI RtlInitUTF8String(PUTF8_STRING DestinationString, PCSZ SourceString);
NTSYSAPI NTSTATUS NTAPI RtlInitUTF8StringEx(PUTF8_STRING DestinationString,
					    PCSZ SourceString);
NTSYSAPI NTSTATUS NTAPI RtlUnicodeStringToUTF8String(PUTF8_STRING DestinationString,
						     PCUNICODE_STRING SourceString,
						     BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlUTF8StringToUnicodeString(PUNICODE_STRING DestinationString,
						     PUTF8_STRING SourceString,
						     BOOLEAN AllocateDestinationString);
NTSYSAPI VOID NTAPI RtlFreeUTF8String(PUTF8_STRING utf8String);

/* Numbers and GUIDs as text. */
NTSYSAPI NTSTATUS NTAPI RtlIntegerToUnicodeString(ULONG Value, ULONG Base,
						  PUNICODE_STRING String);
NTSYSAPI NTSTATUS NTAPI RtlInt64ToUnicodeString(ULONGLONG Value, ULONG Base,
						PUNICODE_STRING String);
NTSYSAPI NTSTATUS NTAPI RtlUnicodeStringToInteger(PCUNICODE_STRING String, ULONG Base,
						  PULONG Value);
NTSYSAPI NTSTATUS NTAPI RtlStringFromGUID(const GUID *Guid, PUNICODE_STRING GuidString);
NTSYSAPI NTSTATUS NTAPI RtlGUIDFromString(PCUNICODE_STRING GuidString, GUID *Guid);

/* ----------------------------------------------------------------- Bitmaps */

typedef struct _RTL_BITMAP {
	ULONG SizeOfBitMap;
	PULONG Buffer;
} RTL_BITMAP, *PRTL_BITMAP;

typedef struct _RTL_BITMAP_RUN {
	ULONG StartingIndex;
	ULONG NumberOfBits;
} RTL_BITMAP_RUN, *PRTL_BITMAP_RUN;

NTSYSAPI VOID NTAPI RtlInitializeBitMap(PRTL_BITMAP BitMapHeader, PULONG BitMapBuffer,
					ULONG SizeOfBitMap);
NTSYSAPI VOID NTAPI RtlClearAllBits(PRTL_BITMAP BitMapHeader);
NTSYSAPI VOID NTAPI RtlSetAllBits(PRTL_BITMAP BitMapHeader);
NTSYSAPI VOID NTAPI RtlClearBits(PRTL_BITMAP BitMapHeader, ULONG StartingIndex,
				 ULONG NumberToClear);
NTSYSAPI VOID NTAPI RtlSetBits(PRTL_BITMAP BitMapHeader, ULONG StartingIndex,
			       ULONG NumberToSet);
NTSYSAPI VOID NTAPI RtlClearBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber);
NTSYSAPI VOID NTAPI RtlSetBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber);
NTSYSAPI BOOLEAN NTAPI RtlTestBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber);
#define RtlCheckBit(BMH, BP)	((((BMH)->Buffer[(BP) / 32]) >> ((BP) % 32)) & 0x1)
NTSYSAPI BOOLEAN NTAPI RtlAreBitsClear(PRTL_BITMAP BitMapHeader, ULONG StartingIndex,
				       ULONG Length);
NTSYSAPI BOOLEAN NTAPI RtlAreBitsSet(PRTL_BITMAP BitMapHeader, ULONG StartingIndex,
				     ULONG Length);
NTSYSAPI ULONG NTAPI RtlNumberOfSetBits(PRTL_BITMAP BitMapHeader);
NTSYSAPI ULONG NTAPI RtlNumberOfClearBits(PRTL_BITMAP BitMapHeader);
NTSYSAPI ULONG NTAPI RtlFindClearBits(PRTL_BITMAP BitMapHeader, ULONG NumberToFind,
				      ULONG HintIndex);
NTSYSAPI ULONG NTAPI RtlFindSetBits(PRTL_BITMAP BitMapHeader, ULONG NumberToFind,
				    ULONG HintIndex);
NTSYSAPI ULONG NTAPI RtlFindClearBitsAndSet(PRTL_BITMAP BitMapHeader, ULONG NumberToFind,
					    ULONG HintIndex);
NTSYSAPI ULONG NTAPI RtlFindSetBitsAndClear(PRTL_BITMAP BitMapHeader, ULONG NumberToFind,
					    ULONG HintIndex);
NTSYSAPI ULONG NTAPI RtlFindClearRuns(PRTL_BITMAP BitMapHeader, PRTL_BITMAP_RUN RunArray,
				      ULONG SizeOfRunArray, BOOLEAN LocateLongestRuns);
NTSYSAPI ULONG NTAPI RtlFindFirstRunClear(PRTL_BITMAP BitMapHeader, PULONG StartingIndex);
NTSYSAPI ULONG NTAPI RtlFindLongestRunClear(PRTL_BITMAP BitMapHeader, PULONG StartingIndex);
NTSYSAPI ULONG NTAPI RtlFindNextForwardRunClear(PRTL_BITMAP BitMapHeader, ULONG FromIndex,
						PULONG StartingRunIndex);
NTSYSAPI ULONG NTAPI RtlFindLastBackwardRunClear(PRTL_BITMAP BitMapHeader, ULONG FromIndex,
						 PULONG StartingRunIndex);
NTSYSAPI CCHAR NTAPI RtlFindMostSignificantBit(ULONGLONG Set);
NTSYSAPI CCHAR NTAPI RtlFindLeastSignificantBit(ULONGLONG Set);

/* --------------------------------------------------------- Time and version */

typedef struct _TIME_FIELDS {
	CSHORT Year;		/* 1601... */
	CSHORT Month;		/* 1..12 */
	CSHORT Day;		/* 1..31 */
	CSHORT Hour;		/* 0..23 */
	CSHORT Minute;		/* 0..59 */
	CSHORT Second;		/* 0..59 */
	CSHORT Milliseconds;	/* 0..999 */
	CSHORT Weekday;		/* 0..6, Sunday first */
} TIME_FIELDS, *PTIME_FIELDS;

NTKERNELAPI VOID NTAPI ExSystemTimeToLocalTime(PLARGE_INTEGER SystemTime,
						PLARGE_INTEGER LocalTime);
NTKERNELAPI VOID NTAPI ExLocalTimeToSystemTime(PLARGE_INTEGER LocalTime,
						PLARGE_INTEGER SystemTime);
NTSYSAPI VOID NTAPI RtlTimeToTimeFields(PLARGE_INTEGER Time, PTIME_FIELDS TimeFields);
NTSYSAPI BOOLEAN NTAPI RtlTimeFieldsToTime(PTIME_FIELDS TimeFields, PLARGE_INTEGER Time);

typedef struct _OSVERSIONINFOW {
	ULONG dwOSVersionInfoSize;
	ULONG dwMajorVersion;
	ULONG dwMinorVersion;
	ULONG dwBuildNumber;
	ULONG dwPlatformId;
	WCHAR szCSDVersion[128];
} OSVERSIONINFOW, *POSVERSIONINFOW, *LPOSVERSIONINFOW, RTL_OSVERSIONINFOW, *PRTL_OSVERSIONINFOW;

typedef struct _OSVERSIONINFOEXW {
	ULONG dwOSVersionInfoSize;
	ULONG dwMajorVersion;
	ULONG dwMinorVersion;
	ULONG dwBuildNumber;
	ULONG dwPlatformId;
	WCHAR szCSDVersion[128];
	USHORT wServicePackMajor;
	USHORT wServicePackMinor;
	USHORT wSuiteMask;
	UCHAR wProductType;
	UCHAR wReserved;
} OSVERSIONINFOEXW, *POSVERSIONINFOEXW, *LPOSVERSIONINFOEXW, RTL_OSVERSIONINFOEXW,
  *PRTL_OSVERSIONINFOEXW;

#define VER_PLATFORM_WIN32_NT	2
#define VER_NT_WORKSTATION	0x0000001
#define VER_NT_DOMAIN_CONTROLLER 0x0000002
#define VER_NT_SERVER		0x0000003

NTSYSAPI NTSTATUS NTAPI RtlGetVersion(PRTL_OSVERSIONINFOW lpVersionInformation);
NTSYSAPI BOOLEAN NTAPI RtlIsNtDdiVersionAvailable(ULONG Version);
NTSYSAPI BOOLEAN NTAPI RtlIsServicePackVersionInstalled(ULONG Version);

/* ------------------------------------------------------------------ Debug */

#define DPFLTR_ERROR_LEVEL	0
#define DPFLTR_WARNING_LEVEL	1
#define DPFLTR_TRACE_LEVEL	2
#define DPFLTR_INFO_LEVEL	3
#define DPFLTR_MASK		0x80000000
#define DPFLTR_IHVDRIVER_ID	77
#define DPFLTR_IHVVIDEO_ID	78
#define DPFLTR_IHVAUDIO_ID	79
#define DPFLTR_IHVNETWORK_ID	80
#define DPFLTR_IHVSTREAMING_ID	81
#define DPFLTR_IHVBUS_ID	82
#define DPFLTR_DEFAULT_ID	101

ULONG DbgPrint(PCSTR Format, ...);
ULONG DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...);
ULONG vDbgPrintEx(ULONG ComponentId, ULONG Level, PCCH Format, __builtin_va_list arglist);
NTSYSAPI VOID NTAPI DbgBreakPoint(VOID);
NTSYSAPI VOID NTAPI RtlAssert(PVOID VoidFailedAssertion, PVOID VoidFileName,
			      ULONG LineNumber, PSTR MutableMessage);

FORCEINLINE BOOLEAN __ntshim_assert_failed(PCSTR Exp, PCSTR File, ULONG Line, PSTR Msg)
{
	RtlAssert((PVOID)Exp, (PVOID)File, Line, Msg);
	return FALSE;
}

/*
 * The assertion exception (int 2c) a debugger would stop at: the same
 * assert-failed line as ASSERT, and on.  __annotation only labels code
 * for the debugger; its arguments are never evaluated.
 */
#define DbgRaiseAssertionFailure() \
	((void)__ntshim_assert_failed("DbgRaiseAssertionFailure", __FILE__, __LINE__, NULL))
#define __annotation(...)	((void)0)

#if NTSHIM_DBG
#define KdPrint(_x_)		DbgPrint _x_
#define KdPrintEx(_x_)		DbgPrintEx _x_
#define KdBreakPoint()		DbgBreakPoint()
/*
 * TRUE or FALSE, as the WDK's; and as a statement ("ASSERT(p);") no gcc
 * warning, hence no comma expression.
 */
#define ASSERT(exp) \
	((!(exp)) ? __ntshim_assert_failed(#exp, __FILE__, __LINE__, NULL) : TRUE)
#define ASSERTMSG(msg, exp) \
	((!(exp)) ? __ntshim_assert_failed(#exp, __FILE__, __LINE__, (PSTR)(msg)) : TRUE)
#define PAGED_CODE() \
	((void)((KeGetCurrentIrql() > APC_LEVEL) ? \
		(__ntshim_paged_code_violation(__FILE__, __LINE__), 0) : 0))
#else
#define KdPrint(_x_)		((void)0)
#define KdPrintEx(_x_)		((void)0)
#define KdBreakPoint()		((void)0)
#define ASSERT(exp)		((void)0)
#define ASSERTMSG(msg, exp)	((void)0)
#define PAGED_CODE()		((void)0)
#endif
#define NT_ASSERT(exp)		ASSERT(exp)
#define NT_VERIFY(exp)		((exp) ? TRUE : (ASSERT(exp), FALSE))
#define PAGED_CODE_LOCKED()	((void)0)

#endif /* _NTSHIM_WDM_RTL_H */

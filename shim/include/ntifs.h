/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntifs.h - the file-system and filter driver interface, a superset of
 * ntddk.h.  Beyond ntddk.h, only a few run-time library routines are
 * implemented so far: a driver using a file-system routine fails to link,
 * with the routine's name.
 */
#ifndef _NTIFS_
#define _NTIFS_
#include <ntddk.h>

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

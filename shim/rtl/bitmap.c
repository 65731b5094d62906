// SPDX-License-Identifier: GPL-2.0
/*
 * Run-time library: bitmaps (RTL_BITMAP), bit i being bit i % 32 of
 * Buffer[i / 32].  The scans read whole ULONGs of the driver's buffer and
 * nothing past the last one the bitmap's size reaches (the kernel's bitops
 * read unsigned longs, which could run 4 bytes past it).
 */
#include "rtl.h"
#include <linux/bitops.h>

#define NOT_FOUND	0xffffffffU

static bool bit_get(PRTL_BITMAP b, ULONG i)
{
	return (b->Buffer[i / 32] >> (i % 32)) & 1;
}

static void bits_change(PRTL_BITMAP b, ULONG start, ULONG count, bool set)
{
	ULONG i;

	for (i = start; i < start + count; i++) {
		if (set)
			b->Buffer[i / 32] |= 1U << (i % 32);
		else
			b->Buffer[i / 32] &= ~(1U << (i % 32));
	}
}

/* How many bits equal to set start at i, stopping at end. */
static ULONG run_length(PRTL_BITMAP b, ULONG i, ULONG end, bool set)
{
	ULONG n = 0;

	while (i + n < end && bit_get(b, i + n) == set)
		n++;
	return n;
}

/* The first run of count bits equal to set starting in [from, last], or NOT_FOUND. */
static ULONG run_find(PRTL_BITMAP b, ULONG count, ULONG from, ULONG last, bool set)
{
	ULONG size = b->SizeOfBitMap, i = from, n;

	while (i <= last && i < size) {
		n = run_length(b, i, size, set);
		if (n >= count)
			return i;
		i += n + 1;
	}
	return NOT_FOUND;
}

/* From the hint to the end, then from the start up to the hint. */
static ULONG bits_find(PRTL_BITMAP b, ULONG count, ULONG hint, bool set)
{
	ULONG size = b->SizeOfBitMap, i;

	if (hint >= size)
		hint = 0;
	if (!count)
		return hint & ~7U;
	if (count > size)
		return NOT_FOUND;
	i = run_find(b, count, hint, size - count, set);
	if (i == NOT_FOUND && hint)
		i = run_find(b, count, 0, min(hint - 1, size - count), set);
	return i;
}

VOID NTAPI RtlInitializeBitMap(PRTL_BITMAP BitMapHeader, PULONG BitMapBuffer,
			       ULONG SizeOfBitMap)
{
	BitMapHeader->SizeOfBitMap = SizeOfBitMap;
	BitMapHeader->Buffer = BitMapBuffer;
}
NTSHIM_EXPORT(RtlInitializeBitMap);

/* Whole ULONGs, as NT's: the bits past the size in the last one too. */
VOID NTAPI RtlClearAllBits(PRTL_BITMAP BitMapHeader)
{
	memset(BitMapHeader->Buffer, 0, DIV_ROUND_UP(BitMapHeader->SizeOfBitMap, 32) * 4);
}
NTSHIM_EXPORT(RtlClearAllBits);

VOID NTAPI RtlSetAllBits(PRTL_BITMAP BitMapHeader)
{
	memset(BitMapHeader->Buffer, 0xff, DIV_ROUND_UP(BitMapHeader->SizeOfBitMap, 32) * 4);
}
NTSHIM_EXPORT(RtlSetAllBits);

/* A range past the end is a driver's bug NT would write through: refused. */
static bool range_ok(PRTL_BITMAP b, ULONG start, ULONG count, const char *routine,
		     const void *caller)
{
	if (start <= b->SizeOfBitMap && count <= b->SizeOfBitMap - start)
		return true;
	ntshim_complain(NTC_BAD_ARGUMENT, caller,
			"%s: bits %u..+%u past the bitmap's %u: ignored", routine, start, count,
			b->SizeOfBitMap);
	return false;
}

VOID NTAPI RtlClearBits(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG NumberToClear)
{
	if (range_ok(BitMapHeader, StartingIndex, NumberToClear, "RtlClearBits",
		     (void *)_RET_IP_))
		bits_change(BitMapHeader, StartingIndex, NumberToClear, false);
}
NTSHIM_EXPORT(RtlClearBits);

VOID NTAPI RtlSetBits(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG NumberToSet)
{
	if (range_ok(BitMapHeader, StartingIndex, NumberToSet, "RtlSetBits", (void *)_RET_IP_))
		bits_change(BitMapHeader, StartingIndex, NumberToSet, true);
}
NTSHIM_EXPORT(RtlSetBits);

VOID NTAPI RtlClearBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber)
{
	if (range_ok(BitMapHeader, BitNumber, 1, "RtlClearBit", (void *)_RET_IP_))
		bits_change(BitMapHeader, BitNumber, 1, false);
}
NTSHIM_EXPORT(RtlClearBit);

VOID NTAPI RtlSetBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber)
{
	if (range_ok(BitMapHeader, BitNumber, 1, "RtlSetBit", (void *)_RET_IP_))
		bits_change(BitMapHeader, BitNumber, 1, true);
}
NTSHIM_EXPORT(RtlSetBit);

BOOLEAN NTAPI RtlTestBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber)
{
	if (!range_ok(BitMapHeader, BitNumber, 1, "RtlTestBit", (void *)_RET_IP_))
		return FALSE;
	return bit_get(BitMapHeader, BitNumber);
}
NTSHIM_EXPORT(RtlTestBit);

/* FALSE for an empty range or one past the end. */
static BOOLEAN bits_are(PRTL_BITMAP b, ULONG start, ULONG length, bool set)
{
	if (!length || start >= b->SizeOfBitMap || length > b->SizeOfBitMap - start)
		return FALSE;
	return run_length(b, start, start + length, set) == length;
}

BOOLEAN NTAPI RtlAreBitsClear(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG Length)
{
	return bits_are(BitMapHeader, StartingIndex, Length, false);
}
NTSHIM_EXPORT(RtlAreBitsClear);

BOOLEAN NTAPI RtlAreBitsSet(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG Length)
{
	return bits_are(BitMapHeader, StartingIndex, Length, true);
}
NTSHIM_EXPORT(RtlAreBitsSet);

static ULONG bits_set_count(PRTL_BITMAP b)
{
	ULONG size = b->SizeOfBitMap, i, n = 0;

	for (i = 0; i < size / 32; i++)
		n += hweight32(b->Buffer[i]);
	if (size % 32)
		n += hweight32(b->Buffer[i] & (BIT(size % 32) - 1));
	return n;
}

ULONG NTAPI RtlNumberOfSetBits(PRTL_BITMAP BitMapHeader)
{
	return bits_set_count(BitMapHeader);
}
NTSHIM_EXPORT(RtlNumberOfSetBits);

ULONG NTAPI RtlNumberOfClearBits(PRTL_BITMAP BitMapHeader)
{
	return BitMapHeader->SizeOfBitMap - bits_set_count(BitMapHeader);
}
NTSHIM_EXPORT(RtlNumberOfClearBits);

ULONG NTAPI RtlFindClearBits(PRTL_BITMAP BitMapHeader, ULONG NumberToFind, ULONG HintIndex)
{
	return bits_find(BitMapHeader, NumberToFind, HintIndex, false);
}
NTSHIM_EXPORT(RtlFindClearBits);

ULONG NTAPI RtlFindSetBits(PRTL_BITMAP BitMapHeader, ULONG NumberToFind, ULONG HintIndex)
{
	return bits_find(BitMapHeader, NumberToFind, HintIndex, true);
}
NTSHIM_EXPORT(RtlFindSetBits);

/* Finds a run of count bits equal to set and flips it. */
static ULONG bits_find_flip(PRTL_BITMAP b, ULONG count, ULONG hint, bool set)
{
	ULONG i = bits_find(b, count, hint, set);

	if (i != NOT_FOUND)
		bits_change(b, i, count, !set);
	return i;
}

ULONG NTAPI RtlFindClearBitsAndSet(PRTL_BITMAP BitMapHeader, ULONG NumberToFind,
				   ULONG HintIndex)
{
	return bits_find_flip(BitMapHeader, NumberToFind, HintIndex, false);
}
NTSHIM_EXPORT(RtlFindClearBitsAndSet);

ULONG NTAPI RtlFindSetBitsAndClear(PRTL_BITMAP BitMapHeader, ULONG NumberToFind,
				   ULONG HintIndex)
{
	return bits_find_flip(BitMapHeader, NumberToFind, HintIndex, true);
}
NTSHIM_EXPORT(RtlFindSetBitsAndClear);

/* The first clear run at or after from: its length, 0 when there is none. */
static ULONG next_clear_run(PRTL_BITMAP b, ULONG from, PULONG start)
{
	ULONG size = b->SizeOfBitMap;

	while (from < size && bit_get(b, from))
		from++;
	*start = from;
	return from < size ? run_length(b, from, size, false) : 0;
}

ULONG NTAPI RtlFindNextForwardRunClear(PRTL_BITMAP BitMapHeader, ULONG FromIndex,
				       PULONG StartingRunIndex)
{
	return next_clear_run(BitMapHeader, FromIndex, StartingRunIndex);
}
NTSHIM_EXPORT(RtlFindNextForwardRunClear);

ULONG NTAPI RtlFindFirstRunClear(PRTL_BITMAP BitMapHeader, PULONG StartingIndex)
{
	return next_clear_run(BitMapHeader, 0, StartingIndex);
}
NTSHIM_EXPORT(RtlFindFirstRunClear);

/* The first of the longest clear runs. */
ULONG NTAPI RtlFindLongestRunClear(PRTL_BITMAP BitMapHeader, PULONG StartingIndex)
{
	ULONG from = 0, start, n, best = 0;

	*StartingIndex = 0;
	while ((n = next_clear_run(BitMapHeader, from, &start))) {
		if (n > best) {
			best = n;
			*StartingIndex = start;
		}
		from = start + n;
	}
	return best;
}
NTSHIM_EXPORT(RtlFindLongestRunClear);

/* The clear run that holds FromIndex or ends nearest below it, looking back. */
ULONG NTAPI RtlFindLastBackwardRunClear(PRTL_BITMAP BitMapHeader, ULONG FromIndex,
					PULONG StartingRunIndex)
{
	ULONG size = BitMapHeader->SizeOfBitMap;
	LONG i = min(FromIndex, size ? size - 1 : 0);
	ULONG end;

	*StartingRunIndex = 0;
	if (!size)
		return 0;
	while (i >= 0 && bit_get(BitMapHeader, i))
		i--;
	if (i < 0)
		return 0;
	end = i;
	while (i >= 0 && !bit_get(BitMapHeader, i))
		i--;
	*StartingRunIndex = i + 1;
	return end - i;
}
NTSHIM_EXPORT(RtlFindLastBackwardRunClear);

/*
 * Up to SizeOfRunArray clear runs: the first ones in order, or with
 * LocateLongestRuns the longest ones, longest first.
 */
ULONG NTAPI RtlFindClearRuns(PRTL_BITMAP BitMapHeader, PRTL_BITMAP_RUN RunArray,
			     ULONG SizeOfRunArray, BOOLEAN LocateLongestRuns)
{
	ULONG from = 0, start, n, found = 0, j;

	while (SizeOfRunArray && (n = next_clear_run(BitMapHeader, from, &start))) {
		from = start + n;
		if (found < SizeOfRunArray) {
			j = found++;
		} else if (LocateLongestRuns && n > RunArray[found - 1].NumberOfBits) {
			j = found - 1;
		} else {
			if (!LocateLongestRuns)
				break;
			continue;
		}
		if (LocateLongestRuns)
			for (; j && RunArray[j - 1].NumberOfBits < n; j--)
				RunArray[j] = RunArray[j - 1];
		RunArray[j].StartingIndex = start;
		RunArray[j].NumberOfBits = n;
	}
	return found;
}
NTSHIM_EXPORT(RtlFindClearRuns);

CCHAR NTAPI RtlFindMostSignificantBit(ULONGLONG Set)
{
	return Set ? (CCHAR)(63 - __builtin_clzll(Set)) : -1;
}
NTSHIM_EXPORT(RtlFindMostSignificantBit);

CCHAR NTAPI RtlFindLeastSignificantBit(ULONGLONG Set)
{
	return Set ? (CCHAR)__builtin_ctzll(Set) : -1;
}
NTSHIM_EXPORT(RtlFindLeastSignificantBit);

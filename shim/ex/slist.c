// SPDX-License-Identifier: GPL-2.0
/*
 * Interlocked singly linked lists (SLIST_HEADER): push, pop and flush at
 * any IRQL, an ISR's included.  The header keeps NT's Depth and Sequence
 * (the low word of Alignment, as HeaderX64 reads them) and the first entry
 * as a plain pointer in Region, so entries need no particular alignment.
 * Operations on one header are serialized by one of a small set of raw spin
 * locks, chosen by the header's address, with interrupts off: not
 * lock-free as NT's are, but callable wherever NT's are, PREEMPT_RT
 * included.
 */
#include "ex.h"
#include <linux/hash.h>

#define SLIST_LOCK_BITS	5

static raw_spinlock_t slist_locks[1 << SLIST_LOCK_BITS];

static raw_spinlock_t *slist_lock(PSLIST_HEADER head)
{
	return &slist_locks[hash_ptr(head, SLIST_LOCK_BITS)];
}

#define SLIST_DEPTH_MASK	0xffffULL
#define SLIST_SEQUENCE_ONE	0x10000ULL

static PSLIST_ENTRY slist_first(PSLIST_HEADER head)
{
	return (PSLIST_ENTRY)(ULONG_PTR)head->Region;
}

/* The first entry and the depth change together, the sequence moves on. */
static void slist_set(PSLIST_HEADER head, PSLIST_ENTRY first, ULONGLONG depth)
{
	ULONGLONG sequence = (head->Alignment & ~SLIST_DEPTH_MASK) + SLIST_SEQUENCE_ONE;

	head->Region = (ULONG_PTR)first;
	head->Alignment = sequence | (depth & SLIST_DEPTH_MASK);
}

void ntshim_slist_init_head(PSLIST_HEADER ListHead)
{
	ListHead->Alignment = 0;
	ListHead->Region = 0;
}

VOID NTAPI InitializeSListHead(PSLIST_HEADER ListHead)
{
	ntshim_slist_init_head(ListHead);
}
NTSHIM_EXPORT(InitializeSListHead);

PSLIST_ENTRY ntshim_slist_push(PSLIST_HEADER ListHead, PSLIST_ENTRY ListEntry)
{
	raw_spinlock_t *lock = slist_lock(ListHead);
	unsigned long flags;
	PSLIST_ENTRY first;

	raw_spin_lock_irqsave(lock, flags);
	first = slist_first(ListHead);
	ListEntry->Next = first;
	slist_set(ListHead, ListEntry, ListHead->Alignment + 1);
	raw_spin_unlock_irqrestore(lock, flags);
	return first;
}

PSLIST_ENTRY NTAPI InterlockedPushEntrySList(PSLIST_HEADER ListHead, PSLIST_ENTRY ListEntry)
{
	return ntshim_slist_push(ListHead, ListEntry);
}
NTSHIM_EXPORT(InterlockedPushEntrySList);

PSLIST_ENTRY ntshim_slist_pop(PSLIST_HEADER ListHead)
{
	raw_spinlock_t *lock = slist_lock(ListHead);
	unsigned long flags;
	PSLIST_ENTRY first;

	raw_spin_lock_irqsave(lock, flags);
	first = slist_first(ListHead);
	if (first)
		slist_set(ListHead, first->Next, ListHead->Alignment - 1);
	raw_spin_unlock_irqrestore(lock, flags);
	return first;
}

PSLIST_ENTRY NTAPI InterlockedPopEntrySList(PSLIST_HEADER ListHead)
{
	return ntshim_slist_pop(ListHead);
}
NTSHIM_EXPORT(InterlockedPopEntrySList);

/* The whole chain, for the caller to walk; the list is empty after. */
PSLIST_ENTRY ntshim_slist_flush(PSLIST_HEADER ListHead)
{
	raw_spinlock_t *lock = slist_lock(ListHead);
	unsigned long flags;
	PSLIST_ENTRY first;

	raw_spin_lock_irqsave(lock, flags);
	first = slist_first(ListHead);
	slist_set(ListHead, NULL, 0);
	raw_spin_unlock_irqrestore(lock, flags);
	return first;
}

PSLIST_ENTRY NTAPI InterlockedFlushSList(PSLIST_HEADER ListHead)
{
	return ntshim_slist_flush(ListHead);
}
NTSHIM_EXPORT(InterlockedFlushSList);

USHORT ntshim_slist_depth(PSLIST_HEADER SListHead)
{
	return READ_ONCE(SListHead->Alignment) & SLIST_DEPTH_MASK;
}

USHORT NTAPI ExQueryDepthSList(PSLIST_HEADER SListHead)
{
	return ntshim_slist_depth(SListHead);
}
NTSHIM_EXPORT(ExQueryDepthSList);

PSLIST_ENTRY NTAPI RtlFirstEntrySList(const SLIST_HEADER *ListHead)
{
	return (PSLIST_ENTRY)(ULONG_PTR)READ_ONCE(ListHead->Region);
}
NTSHIM_EXPORT(RtlFirstEntrySList);

int ntshim_slist_init(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(slist_locks); i++)
		raw_spin_lock_init(&slist_locks[i]);
	return 0;
}

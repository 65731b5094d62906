// SPDX-License-Identifier: GPL-2.0
/*
 * Lookaside lists: freed blocks of one size kept on an SLIST for the next
 * allocation, up to a depth; beyond it, or when the list is empty, the
 * driver's Allocate and Free routines (pool by default) are called at the
 * caller's IRQL.  Non-paged lists work up to DISPATCH_LEVEL, paged ones up
 * to APC_LEVEL, as in NT.  NT tunes the depth of each list as it is used;
 * ntshim keeps up to 256 free blocks (NT's maximum) from the start.  The
 * counters are NT's statistics, kept exactly.
 */
#include "ex.h"

#define LOOKASIDE_DEPTH		256
#define LOOKASIDE_EX		1	/* Future[0]: the Ex routines' list */

static void lookaside_count(ULONG *counter)
{
	atomic_inc((atomic_t *)counter);
}

static void lookaside_init(PGENERAL_LOOKASIDE L, PVOID allocate, PVOID free, POOL_TYPE type,
			   SIZE_T size, ULONG tag, bool ex)
{
	memset(L, 0, sizeof(*L));
	ntshim_slist_init_head(&L->ListHead);
	L->Depth = LOOKASIDE_DEPTH;
	L->MaximumDepth = LOOKASIDE_DEPTH;
	L->Type = type;
	L->Tag = tag;
	/* A free block holds the list's link. */
	L->Size = max_t(SIZE_T, size, sizeof(SLIST_ENTRY));
	L->Allocate = allocate;
	L->Free = free;
	L->Future[0] = ex ? LOOKASIDE_EX : 0;
	InitializeListHead(&L->ListEntry);
}

static PVOID lookaside_allocate(PGENERAL_LOOKASIDE L, const void *caller)
{
	PVOID entry;

	lookaside_count(&L->TotalAllocates);
	entry = ntshim_slist_pop(&L->ListHead);
	if (entry)
		return entry;
	lookaside_count(&L->AllocateMisses);
	if (!L->Allocate)
		return ntshim_pool_alloc(L->Type, L->Size, L->Tag, caller);
	if (L->Future[0] == LOOKASIDE_EX)
		return L->AllocateEx(L->Type, L->Size, L->Tag,
				     CONTAINING_RECORD(L, LOOKASIDE_LIST_EX, L));
	return L->Allocate(L->Type, L->Size, L->Tag);
}

static void lookaside_release(PGENERAL_LOOKASIDE L, PVOID entry, const void *caller)
{
	if (!L->Free)
		ntshim_pool_free(entry, 0, false, caller);
	else if (L->Future[0] == LOOKASIDE_EX)
		L->FreeEx(entry, CONTAINING_RECORD(L, LOOKASIDE_LIST_EX, L));
	else
		L->Free(entry);
}

static void lookaside_free(PGENERAL_LOOKASIDE L, PVOID entry, const void *caller)
{
	lookaside_count(&L->TotalFrees);
	if (!entry) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller, "lookaside list %p: NULL entry freed", L);
		return;
	}
	if (ntshim_slist_depth(&L->ListHead) < L->Depth) {
		ntshim_slist_push(&L->ListHead, entry);
		return;
	}
	lookaside_count(&L->FreeMisses);
	lookaside_release(L, entry, caller);
}

/* Every kept block goes back to the driver's Free routine. */
static void lookaside_flush(PGENERAL_LOOKASIDE L, const void *caller)
{
	PSLIST_ENTRY entry = ntshim_slist_flush(&L->ListHead), next;

	for (; entry; entry = next) {
		next = entry->Next;
		lookaside_release(L, entry, caller);
	}
}

VOID NTAPI ExInitializeNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside,
					   PALLOCATE_FUNCTION Allocate, PFREE_FUNCTION Free,
					   ULONG Flags, SIZE_T Size, ULONG Tag, USHORT Depth)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, );
	lookaside_init(&Lookaside->L, Allocate, Free, NonPagedPoolNx, Size, Tag, false);
}
NTSHIM_EXPORT(ExInitializeNPagedLookasideList);

PVOID NTAPI ExAllocateFromNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, NULL);
	return lookaside_allocate(&Lookaside->L, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExAllocateFromNPagedLookasideList);

VOID NTAPI ExFreeToNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside, PVOID Entry)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, );
	lookaside_free(&Lookaside->L, Entry, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExFreeToNPagedLookasideList);

VOID NTAPI ExDeleteNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, );
	lookaside_flush(&Lookaside->L, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExDeleteNPagedLookasideList);

VOID NTAPI ExInitializePagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside,
					  PALLOCATE_FUNCTION Allocate, PFREE_FUNCTION Free,
					  ULONG Flags, SIZE_T Size, ULONG Tag, USHORT Depth)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	lookaside_init(&Lookaside->L, Allocate, Free, PagedPool, Size, Tag, false);
}
NTSHIM_EXPORT(ExInitializePagedLookasideList);

PVOID NTAPI ExAllocateFromPagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, NULL);
	return lookaside_allocate(&Lookaside->L, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExAllocateFromPagedLookasideList);

VOID NTAPI ExFreeToPagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside, PVOID Entry)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	lookaside_free(&Lookaside->L, Entry, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExFreeToPagedLookasideList);

VOID NTAPI ExDeletePagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	lookaside_flush(&Lookaside->L, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExDeletePagedLookasideList);

/* The Ex lists: paged or not by their pool type. */
static KIRQL lookaside_max_irql(PLOOKASIDE_LIST_EX Lookaside)
{
	return (Lookaside->L.Type & 1) ? APC_LEVEL : DISPATCH_LEVEL;
}

NTSTATUS NTAPI ExInitializeLookasideListEx(PLOOKASIDE_LIST_EX Lookaside,
					   PALLOCATE_FUNCTION_EX Allocate, PFREE_FUNCTION_EX Free,
					   POOL_TYPE PoolType, ULONG Flags, SIZE_T Size, ULONG Tag,
					   USHORT Depth)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, STATUS_INVALID_PARAMETER);
	if (!Lookaside || (Flags & ~(EX_LOOKASIDE_LIST_EX_FLAGS_RAISE_ON_FAIL |
				     EX_LOOKASIDE_LIST_EX_FLAGS_FAIL_NO_RAISE)) ||
	    Flags == (EX_LOOKASIDE_LIST_EX_FLAGS_RAISE_ON_FAIL |
		      EX_LOOKASIDE_LIST_EX_FLAGS_FAIL_NO_RAISE) || (Allocate && !Free)) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"ExInitializeLookasideListEx: %p with flags 0x%x: refused",
				Lookaside, Flags);
		return STATUS_INVALID_PARAMETER;
	}
	lookaside_init(&Lookaside->L, Allocate, Free, PoolType, Size, Tag, true);
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(ExInitializeLookasideListEx);

PVOID NTAPI ExAllocateFromLookasideListEx(PLOOKASIDE_LIST_EX Lookaside)
{
	NTSHIM_REQUIRE_IRQL(lookaside_max_irql(Lookaside), NULL);
	return lookaside_allocate(&Lookaside->L, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExAllocateFromLookasideListEx);

VOID NTAPI ExFreeToLookasideListEx(PLOOKASIDE_LIST_EX Lookaside, PVOID Entry)
{
	NTSHIM_REQUIRE_IRQL(lookaside_max_irql(Lookaside), );
	lookaside_free(&Lookaside->L, Entry, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExFreeToLookasideListEx);

VOID NTAPI ExFlushLookasideListEx(PLOOKASIDE_LIST_EX Lookaside)
{
	NTSHIM_REQUIRE_IRQL(lookaside_max_irql(Lookaside), );
	lookaside_flush(&Lookaside->L, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExFlushLookasideListEx);

VOID NTAPI ExDeleteLookasideListEx(PLOOKASIDE_LIST_EX Lookaside)
{
	NTSHIM_REQUIRE_IRQL(lookaside_max_irql(Lookaside), );
	lookaside_flush(&Lookaside->L, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExDeleteLookasideListEx);

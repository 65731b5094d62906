// SPDX-License-Identifier: GPL-2.0
/*
 * The ExInterlocked routines: list and counter operations under a caller's
 * KSPIN_LOCK, with interrupts off on this processor while it is held, so
 * they may be called at any IRQL, an ISR's included, as in NT.  The lock
 * word is the one KeAcquireSpinLock uses.
 */
#include "ex.h"
#include "../ke/ke.h"

/* Any context: interrupts off, then the word (owned by no thread). */
#define EX_LOCKED(lock, flags, body)					\
	do {								\
		local_irq_save(flags);					\
		ntshim_word_lock(lock, 1);				\
		body;							\
		ntshim_word_unlock(lock);				\
		local_irq_restore(flags);				\
	} while (0)

static bool ex_usable(PVOID a, PVOID b, PKSPIN_LOCK lock, const char *fn, const void *caller)
{
	if (likely(a && b && lock))
		return true;
	ntshim_complain(NTC_BAD_ARGUMENT, caller, "%s: NULL list, entry or lock: ignored", fn);
	return false;
}

/*
 * The entry at the end it went in at (first or last) before the insertion,
 * NULL if the list was empty.
 */
static PLIST_ENTRY ex_insert(PLIST_ENTRY ListHead, PLIST_ENTRY ListEntry, PKSPIN_LOCK Lock,
			     bool tail, const char *fn, const void *caller)
{
	PLIST_ENTRY was = NULL;
	unsigned long flags;

	if (!ex_usable(ListHead, ListEntry, Lock, fn, caller))
		return NULL;
	EX_LOCKED(Lock, flags, {
		if (!IsListEmpty(ListHead))
			was = tail ? ListHead->Blink : ListHead->Flink;
		if (tail)
			InsertTailList(ListHead, ListEntry);
		else
			InsertHeadList(ListHead, ListEntry);
	});
	return was;
}

PLIST_ENTRY NTAPI ExInterlockedInsertHeadList(PLIST_ENTRY ListHead, PLIST_ENTRY ListEntry,
					      PKSPIN_LOCK Lock)
{
	return ex_insert(ListHead, ListEntry, Lock, false, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExInterlockedInsertHeadList);

PLIST_ENTRY NTAPI ExInterlockedInsertTailList(PLIST_ENTRY ListHead, PLIST_ENTRY ListEntry,
					      PKSPIN_LOCK Lock)
{
	return ex_insert(ListHead, ListEntry, Lock, true, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExInterlockedInsertTailList);

PLIST_ENTRY NTAPI ExInterlockedRemoveHeadList(PLIST_ENTRY ListHead, PKSPIN_LOCK Lock)
{
	PLIST_ENTRY entry = NULL;
	unsigned long flags;

	if (!ex_usable(ListHead, ListHead, Lock, __func__, (void *)_RET_IP_))
		return NULL;
	EX_LOCKED(Lock, flags, {
		if (!IsListEmpty(ListHead))
			entry = RemoveHeadList(ListHead);
	});
	return entry;
}
NTSHIM_EXPORT(ExInterlockedRemoveHeadList);

/* The first entry before the push, NULL if the list was empty. */
PSINGLE_LIST_ENTRY NTAPI ExInterlockedPushEntryList(PSINGLE_LIST_ENTRY ListHead,
						    PSINGLE_LIST_ENTRY ListEntry,
						    PKSPIN_LOCK Lock)
{
	PSINGLE_LIST_ENTRY first = NULL;
	unsigned long flags;

	if (!ex_usable(ListHead, ListEntry, Lock, __func__, (void *)_RET_IP_))
		return NULL;
	EX_LOCKED(Lock, flags, {
		first = ListHead->Next;
		PushEntryList(ListHead, ListEntry);
	});
	return first;
}
NTSHIM_EXPORT(ExInterlockedPushEntryList);

PSINGLE_LIST_ENTRY NTAPI ExInterlockedPopEntryList(PSINGLE_LIST_ENTRY ListHead,
						   PKSPIN_LOCK Lock)
{
	PSINGLE_LIST_ENTRY entry = NULL;
	unsigned long flags;

	if (!ex_usable(ListHead, ListHead, Lock, __func__, (void *)_RET_IP_))
		return NULL;
	EX_LOCKED(Lock, flags, entry = PopEntryList(ListHead));
	return entry;
}
NTSHIM_EXPORT(ExInterlockedPopEntryList);

/* The value before the addition. */
ULONG NTAPI ExInterlockedAddUlong(PULONG Addend, ULONG Increment, PKSPIN_LOCK Lock)
{
	unsigned long flags;
	ULONG old = 0;

	if (!ex_usable(Addend, Addend, Lock, __func__, (void *)_RET_IP_))
		return 0;
	EX_LOCKED(Lock, flags, {
		old = *Addend;
		*Addend = old + Increment;
	});
	return old;
}
NTSHIM_EXPORT(ExInterlockedAddUlong);

LARGE_INTEGER NTAPI ExInterlockedAddLargeInteger(PLARGE_INTEGER Addend,
						 LARGE_INTEGER Increment, PKSPIN_LOCK Lock)
{
	LARGE_INTEGER old = { .QuadPart = 0 };
	unsigned long flags;

	if (!ex_usable(Addend, Addend, Lock, __func__, (void *)_RET_IP_))
		return old;
	EX_LOCKED(Lock, flags, {
		old = *Addend;
		Addend->QuadPart = old.QuadPart + Increment.QuadPart;
	});
	return old;
}
NTSHIM_EXPORT(ExInterlockedAddLargeInteger);

/* A statistic: atomic without a lock, as NT's is. */
VOID FASTCALL ExInterlockedAddLargeStatistic(PLARGE_INTEGER Addend, ULONG Increment)
{
	atomic64_add(Increment, (atomic64_t *)&Addend->QuadPart);
}
NTSHIM_EXPORT(ExInterlockedAddLargeStatistic);

/* 64 bits compared and exchanged in one instruction (the lock goes unused). */
LONGLONG FASTCALL ExInterlockedCompareExchange64(LONGLONG volatile *Destination,
						 PLONGLONG Exchange, PLONGLONG Comperand,
						 PKSPIN_LOCK Lock)
{
	return cmpxchg64((s64 *)Destination, *Comperand, *Exchange);
}
NTSHIM_EXPORT(ExInterlockedCompareExchange64);

// SPDX-License-Identifier: GPL-2.0
/*
 * Semaphores: a dispatcher object whose SignalState is its count; each wait
 * it satisfies takes one (wait.c), KeReleaseSemaphore gives Adjustment back
 * and wakes as many waiters as it can.  A release past the limit is NT's
 * STATUS_SEMAPHORE_LIMIT_EXCEEDED: NT raises it as an exception; ntshim,
 * which cannot, leaves the count alone and says so.
 */
#include "ke.h"

VOID NTAPI KeInitializeSemaphore(PRKSEMAPHORE Semaphore, LONG Count, LONG Limit)
{
	if (!Semaphore || Count < 0 || Limit <= 0 || Count > Limit) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"KeInitializeSemaphore: %p with count %d, limit %d: not initialized",
				Semaphore, Count, Limit);
		return;
	}
	Semaphore->Header.Type = SemaphoreObject;
	Semaphore->Header.Signalling = 0;
	Semaphore->Header.Size = sizeof(KSEMAPHORE) / sizeof(LONG);
	Semaphore->Header.SignalState = Count;
	InitializeListHead(&Semaphore->Header.WaitListHead);
	Semaphore->Limit = Limit;
}
NTSHIM_EXPORT(KeInitializeSemaphore);

static bool semaphore_usable(PRKSEMAPHORE Semaphore, const void *caller)
{
	if (likely(Semaphore && ntshim_dispatcher_usable(&Semaphore->Header) &&
		   Semaphore->Header.Type == SemaphoreObject))
		return true;
	ntshim_complain(NTC_UNINITIALIZED, caller, "%p is not an initialized semaphore: ignored",
			Semaphore);
	return false;
}

/* The previous count.  Wait = TRUE only lets NT keep its lock for a wait. */
LONG NTAPI KeReleaseSemaphore(PRKSEMAPHORE Semaphore, KPRIORITY Increment, LONG Adjustment,
			      BOOLEAN Wait)
{
	unsigned long flags;
	LONG old, sum;

	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, 0);
	if (!semaphore_usable(Semaphore, (void *)_RET_IP_))
		return 0;
	raw_spin_lock_irqsave(&ntshim_dispatcher_lock, flags);
	old = Semaphore->Header.SignalState;
	if (Adjustment <= 0 || check_add_overflow(old, Adjustment, &sum) ||
	    sum > Semaphore->Limit) {
		raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
		ntshim_complain(NTC_SEMAPHORE_LIMIT, (void *)_RET_IP_,
				"KeReleaseSemaphore: count %d + %d passes limit %d: STATUS_SEMAPHORE_LIMIT_EXCEEDED, not released",
				old, Adjustment, Semaphore->Limit);
		return old;
	}
	Semaphore->Header.SignalState = sum;
	ntshim_signal_waiters(&Semaphore->Header);
	raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
	return old;
}
NTSHIM_EXPORT(KeReleaseSemaphore);

LONG NTAPI KeReadStateSemaphore(PRKSEMAPHORE Semaphore)
{
	if (!semaphore_usable(Semaphore, (void *)_RET_IP_))
		return 0;
	return READ_ONCE(Semaphore->Header.SignalState);
}
NTSHIM_EXPORT(KeReadStateSemaphore);

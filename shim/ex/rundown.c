// SPDX-License-Identifier: GPL-2.0
/*
 * Run-down protection: references that can be taken until the owner starts
 * to run the object down, then waits for the last one to go.  As in NT the
 * whole state is the one word: twice the count, with bit 0 set once the
 * run-down has begun.  The waiter moves the count still out into a wait
 * block on its stack and puts the block's address (with bit 0) in the
 * word; later releases count that block down and the last one signals its
 * event.  Taking and releasing are lock-free, at any IRQL up to
 * DISPATCH_LEVEL, and a release wakes the waiter through the dispatcher,
 * which PREEMPT_RT allows there.
 */
#include "ex.h"
#include "../ke/ke.h"

#define RUNDOWN_ACTIVE	1UL
#define RUNDOWN_ONE	2UL

struct rundown_wait {
	atomic_long_t count;
	KEVENT done;
};

static unsigned long *rundown_word(PEX_RUNDOWN_REF RunRef)
{
	return (unsigned long *)&RunRef->Count;
}

VOID FASTCALL ExInitializeRundownProtection(PEX_RUNDOWN_REF RunRef)
{
	WRITE_ONCE(*rundown_word(RunRef), 0);
}
NTSHIM_EXPORT(ExInitializeRundownProtection);

VOID FASTCALL ExReInitializeRundownProtection(PEX_RUNDOWN_REF RunRef)
{
	smp_store_release(rundown_word(RunRef), 0);
}
NTSHIM_EXPORT(ExReInitializeRundownProtection);

static bool rundown_acquire(PEX_RUNDOWN_REF RunRef, ULONG Count)
{
	unsigned long *word = rundown_word(RunRef);
	unsigned long old = READ_ONCE(*word);

	do {
		if (old & RUNDOWN_ACTIVE)
			return false;
	} while (!try_cmpxchg(word, &old, old + Count * RUNDOWN_ONE));
	return true;
}

BOOLEAN FASTCALL ExAcquireRundownProtectionEx(PEX_RUNDOWN_REF RunRef, ULONG Count)
{
	return rundown_acquire(RunRef, Count);
}
NTSHIM_EXPORT(ExAcquireRundownProtectionEx);

BOOLEAN FASTCALL ExAcquireRundownProtection(PEX_RUNDOWN_REF RunRef)
{
	return rundown_acquire(RunRef, 1);
}
NTSHIM_EXPORT(ExAcquireRundownProtection);

static void rundown_release(PEX_RUNDOWN_REF RunRef, ULONG Count, const void *caller)
{
	unsigned long *word = rundown_word(RunRef);
	unsigned long old = READ_ONCE(*word);
	struct rundown_wait *w;

	do {
		if (old & RUNDOWN_ACTIVE)
			goto waiting;
		if (unlikely(old < Count * RUNDOWN_ONE)) {
			ntshim_complain(NTC_BAD_ARGUMENT, caller,
					"ExReleaseRundownProtection: %lu released, %lu held: ignored",
					(unsigned long)Count, old / RUNDOWN_ONE);
			return;
		}
	} while (!try_cmpxchg(word, &old, old - Count * RUNDOWN_ONE));
	return;
waiting:
	w = (struct rundown_wait *)(old & ~RUNDOWN_ACTIVE);
	if (unlikely(!w)) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller,
				"ExReleaseRundownProtection after the run-down completed: ignored");
		return;
	}
	if (atomic_long_sub_and_test(Count, &w->count))
		ntshim_event_set(&w->done, caller);
}

VOID FASTCALL ExReleaseRundownProtectionEx(PEX_RUNDOWN_REF RunRef, ULONG Count)
{
	rundown_release(RunRef, Count, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExReleaseRundownProtectionEx);

VOID FASTCALL ExReleaseRundownProtection(PEX_RUNDOWN_REF RunRef)
{
	rundown_release(RunRef, 1, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExReleaseRundownProtection);

/* No new references from now on; returns when the last one is released. */
VOID FASTCALL ExWaitForRundownProtectionRelease(PEX_RUNDOWN_REF RunRef)
{
	unsigned long *word = rundown_word(RunRef);
	unsigned long old = READ_ONCE(*word);
	struct rundown_wait w;

	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	ntshim_event_init(&w.done, NotificationEvent, FALSE);
	do {
		if (old & RUNDOWN_ACTIVE) {
			if (old != RUNDOWN_ACTIVE)
				ntshim_complain(NTC_WRONG_CONTEXT, (void *)_RET_IP_,
						"ExWaitForRundownProtectionRelease: another thread is already waiting: refused");
			return;
		}
		atomic_long_set(&w.count, old / RUNDOWN_ONE);
	} while (!try_cmpxchg(word, &old, old ? (unsigned long)&w | RUNDOWN_ACTIVE :
						RUNDOWN_ACTIVE));
	if (old)
		ntshim_wait_single(&w.done, NULL);
	/* Run down: the word no longer points at this stack. */
	smp_store_release(word, RUNDOWN_ACTIVE);
}
NTSHIM_EXPORT(ExWaitForRundownProtectionRelease);

VOID FASTCALL ExRundownCompleted(PEX_RUNDOWN_REF RunRef)
{
	smp_store_release(rundown_word(RunRef), RUNDOWN_ACTIVE);
}
NTSHIM_EXPORT(ExRundownCompleted);

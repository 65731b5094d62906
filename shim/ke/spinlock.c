// SPDX-License-Identifier: GPL-2.0
/*
 * Executive spin locks: KSPIN_LOCK is one pointer-sized word, zero when
 * free, as NT drivers assume (some never initialise a zeroed lock).
 *
 * The word holds its owner while taken.  Holders run at DISPATCH_LEVEL, so
 * with preemption off on every kernel, PREEMPT_RT included: a waiter spins
 * only for as long as a running holder needs.  DPCs exclude each other and
 * threads through the same word, and cannot run on a CPU whose thread holds
 * a lock, since KeAcquireSpinLock turns bottom halves off.
 */
#include "ke.h"
#include <linux/sched.h>

static __always_inline unsigned long spin_owner(void)
{
	/* Distinct for a thread and for the interrupt or DPC on top of it. */
	return (unsigned long)current | (in_interrupt() ? 1 : 0);
}

/*
 * spin_owner() of a thread that turned bottom halves off, which counts as
 * being in an interrupt: known without looking.
 */
static __always_inline unsigned long spin_owner_raised_thread(void)
{
	return (unsigned long)current | 1;
}

static __always_inline void kspin_take_as(PKSPIN_LOCK lock, unsigned long me, unsigned long caller)
{
	if (unlikely(READ_ONCE(*lock) == me)) {
		ntshim_complain(NTC_SPIN_RECURSIVE, (void *)caller,
				"spin lock %p acquired again by its owner: not taken twice", lock);
		return;
	}
	ntshim_word_lock(lock, me);
}

static __always_inline void kspin_take(PKSPIN_LOCK lock, unsigned long caller)
{
	kspin_take_as(lock, spin_owner(), caller);
}

static noinline void kspin_release_refused(PKSPIN_LOCK lock, unsigned long held,
					   unsigned long caller)
{
	if (!held)
		ntshim_complain(NTC_SPIN_NOT_HELD, (void *)caller,
				"spin lock %p released while nobody holds it", lock);
	else
		ntshim_complain(NTC_SPIN_NOT_OWNER, (void *)caller,
				"spin lock %p released by a thread or DPC that does not hold it: left to its owner",
				lock);
}

/* Only its owner frees a lock: another one's release would free it under it. */
static __always_inline void kspin_release(PKSPIN_LOCK lock, unsigned long caller)
{
	unsigned long held = READ_ONCE(*lock);

	if (likely(held == spin_owner()))
		ntshim_word_unlock(lock);
	else
		kspin_release_refused(lock, held, caller);
}

VOID NTAPI KeInitializeSpinLock(PKSPIN_LOCK SpinLock)
{
	*SpinLock = 0;
}
NTSHIM_EXPORT(KeInitializeSpinLock);

static noinline KIRQL spin_acquire_raise_to(PKSPIN_LOCK lock, KIRQL level, unsigned long caller)
{
	KIRQL old = ntshim_current_irql();

	if (old > level)
		ntshim_complain(NTC_IRQL_TOO_HIGH, (void *)caller,
				"spin lock %p acquired at IRQL %u, above %u", lock, old, level);
	else
		ntshim_irql_raise(level);
	kspin_take(lock, caller);
	return old;
}

/* Any other case: the general path, its old level stored once the lock is held. */
static noinline void spin_acquire_raise_into(PKSPIN_LOCK lock, PKIRQL out, unsigned long caller)
{
	*out = spin_acquire_raise_to(lock, DISPATCH_LEVEL, caller);
}

/* A raised thread's lock word taken by someone: perhaps itself. */
static noinline void spin_take_contended_into(PKSPIN_LOCK lock, unsigned long me, PKIRQL out,
					      unsigned long caller)
{
	kspin_take_as(lock, me, caller);
	*out = PASSIVE_LEVEL;
}

/*
 * The old level of a thread raised to DISPATCH_LEVEL holding the lock,
 * stored only once the lock is held (drivers keep it in memory the lock
 * guards).  The commonest case, a thread at PASSIVE_LEVEL taking a free
 * lock, calls nothing and needs no frame.
 */
static __always_inline void spin_acquire_store(PKSPIN_LOCK lock, PKIRQL out, unsigned long caller)
{
	unsigned long me;

	if (unlikely(!ntshim_irql_thread_low() || atomic_read(&ntshim_kthread_apc_count))) {
		spin_acquire_raise_into(lock, out, caller);
		return;
	}
	/* No thread is at APC_LEVEL: this one is at PASSIVE_LEVEL. */
	ntshim_irql_raise_low_only(DISPATCH_LEVEL);
	me = spin_owner_raised_thread();
	if (unlikely(cmpxchg_acquire((unsigned long *)lock, 0UL, me) != 0)) {
		spin_take_contended_into(lock, me, out, caller);
		return;
	}
	*out = PASSIVE_LEVEL;
}

static __always_inline KIRQL spin_acquire_raise(PKSPIN_LOCK lock, unsigned long caller)
{
	KIRQL old;

	spin_acquire_store(lock, &old, caller);
	return old;
}

static noinline void spin_release_lower_slow(PKSPIN_LOCK lock, KIRQL old, unsigned long caller)
{
	kspin_release(lock, caller);
	ntshim_irql_lower_checked(old, (void *)caller);
}

/* The common case first: the owner of a lock taken by spin_acquire_store. */
static __always_inline void spin_release_lower(PKSPIN_LOCK lock, KIRQL old, unsigned long caller)
{
	if (likely(ntshim_irql_low_can_lower(DISPATCH_LEVEL, old) &&
		   READ_ONCE(*lock) == spin_owner_raised_thread())) {
		ntshim_word_unlock(lock);
		ntshim_irql_low_lower(DISPATCH_LEVEL, old);
		return;
	}
	spin_release_lower_slow(lock, old, caller);
}

/* SYNCH_LEVEL is above DISPATCH_LEVEL: interrupts stay off while it is held. */
KIRQL NTAPI KeAcquireSpinLockRaiseToSynch(PKSPIN_LOCK SpinLock)
{
	return spin_acquire_raise_to(SpinLock, SYNCH_LEVEL, _RET_IP_);
}
NTSHIM_EXPORT(KeAcquireSpinLockRaiseToSynch);

KIRQL NTAPI KeAcquireSpinLockRaiseToDpc(PKSPIN_LOCK SpinLock)
{
	return spin_acquire_raise(SpinLock, _RET_IP_);
}
NTSHIM_EXPORT(KeAcquireSpinLockRaiseToDpc);

VOID NTAPI KeAcquireSpinLock(PKSPIN_LOCK SpinLock, PKIRQL OldIrql)
{
	spin_acquire_store(SpinLock, OldIrql, _RET_IP_);
}
NTSHIM_EXPORT(KeAcquireSpinLock);

VOID NTAPI KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql)
{
	spin_release_lower(SpinLock, NewIrql, _RET_IP_);
}
NTSHIM_EXPORT(KeReleaseSpinLock);

VOID NTAPI KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
	NTSHIM_EXPECT_DISPATCH_LEVEL();
	kspin_take(SpinLock, _RET_IP_);
}
NTSHIM_EXPORT(KeAcquireSpinLockAtDpcLevel);

VOID NTAPI KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock)
{
	kspin_release(SpinLock, _RET_IP_);
}
NTSHIM_EXPORT(KeReleaseSpinLockFromDpcLevel);

BOOLEAN NTAPI KeTryToAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
	NTSHIM_EXPECT_DISPATCH_LEVEL();
	return cmpxchg_acquire((unsigned long *)SpinLock, 0UL, spin_owner()) == 0;
}
NTSHIM_EXPORT(KeTryToAcquireSpinLockAtDpcLevel);

BOOLEAN NTAPI KeTestSpinLock(PKSPIN_LOCK SpinLock)
{
	/* TRUE when the lock looks free, as in NT. */
	return READ_ONCE(*SpinLock) == 0;
}
NTSHIM_EXPORT(KeTestSpinLock);

/* In-stack queued spin locks: the same lock word, the old IRQL in the handle. */
VOID NTAPI KeAcquireInStackQueuedSpinLock(PKSPIN_LOCK SpinLock,
					  PKLOCK_QUEUE_HANDLE LockHandle)
{
	LockHandle->LockQueue.Lock = SpinLock;
	spin_acquire_store(SpinLock, &LockHandle->OldIrql, _RET_IP_);
}
NTSHIM_EXPORT(KeAcquireInStackQueuedSpinLock);

VOID NTAPI KeAcquireInStackQueuedSpinLockRaiseToSynch(PKSPIN_LOCK SpinLock,
						     PKLOCK_QUEUE_HANDLE LockHandle)
{
	LockHandle->LockQueue.Lock = SpinLock;
	LockHandle->OldIrql = spin_acquire_raise_to(SpinLock, SYNCH_LEVEL, _RET_IP_);
}
NTSHIM_EXPORT(KeAcquireInStackQueuedSpinLockRaiseToSynch);

/* For code that runs at DISPATCH_LEVEL or below: raised only if it must be. */
VOID NTAPI KeAcquireInStackQueuedSpinLockForDpc(PKSPIN_LOCK SpinLock,
						PKLOCK_QUEUE_HANDLE LockHandle)
{
	LockHandle->LockQueue.Lock = SpinLock;
	spin_acquire_store(SpinLock, &LockHandle->OldIrql, _RET_IP_);
}
NTSHIM_EXPORT(KeAcquireInStackQueuedSpinLockForDpc);

VOID NTAPI KeReleaseInStackQueuedSpinLockForDpc(PKLOCK_QUEUE_HANDLE LockHandle)
{
	spin_release_lower(LockHandle->LockQueue.Lock, LockHandle->OldIrql, _RET_IP_);
}
NTSHIM_EXPORT(KeReleaseInStackQueuedSpinLockForDpc);

VOID NTAPI KeReleaseInStackQueuedSpinLock(PKLOCK_QUEUE_HANDLE LockHandle)
{
	spin_release_lower(LockHandle->LockQueue.Lock, LockHandle->OldIrql, _RET_IP_);
}
NTSHIM_EXPORT(KeReleaseInStackQueuedSpinLock);

VOID NTAPI KeAcquireInStackQueuedSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock,
						    PKLOCK_QUEUE_HANDLE LockHandle)
{
	LockHandle->LockQueue.Lock = SpinLock;
	NTSHIM_EXPECT_DISPATCH_LEVEL();
	kspin_take(SpinLock, _RET_IP_);
}
NTSHIM_EXPORT(KeAcquireInStackQueuedSpinLockAtDpcLevel);

VOID NTAPI KeReleaseInStackQueuedSpinLockFromDpcLevel(PKLOCK_QUEUE_HANDLE LockHandle)
{
	kspin_release(LockHandle->LockQueue.Lock, _RET_IP_);
}
NTSHIM_EXPORT(KeReleaseInStackQueuedSpinLockFromDpcLevel);

/* The system's numbered queued spin locks, shared by every driver. */
static KSPIN_LOCK queued_locks[LockQueueMaximumLock];

static PKSPIN_LOCK queued_lock(KSPIN_LOCK_QUEUE_NUMBER Number, unsigned long caller)
{
	if ((unsigned int)Number < LockQueueMaximumLock)
		return &queued_locks[Number];
	ntshim_complain(NTC_BAD_ARGUMENT, (void *)caller, "queued spin lock number %d unknown",
			Number);
	return NULL;
}

static KIRQL queued_acquire(KSPIN_LOCK_QUEUE_NUMBER Number, KIRQL level, unsigned long caller)
{
	PKSPIN_LOCK lock = queued_lock(Number, caller);

	if (!lock)
		return ntshim_current_irql();
	if (level == DISPATCH_LEVEL)
		return spin_acquire_raise(lock, caller);
	return spin_acquire_raise_to(lock, level, caller);
}

KIRQL ntshim_queued_acquire(KSPIN_LOCK_QUEUE_NUMBER number, const void *caller)
{
	return queued_acquire(number, DISPATCH_LEVEL, (unsigned long)caller);
}

void ntshim_queued_release(KSPIN_LOCK_QUEUE_NUMBER number, KIRQL old, const void *caller)
{
	PKSPIN_LOCK lock = queued_lock(number, (unsigned long)caller);

	if (lock)
		spin_release_lower(lock, old, (unsigned long)caller);
}

/* Whether the current thread, DPC or interrupt holds the lock. */
bool ntshim_queued_owned(KSPIN_LOCK_QUEUE_NUMBER number)
{
	return (unsigned int)number < LockQueueMaximumLock &&
	       READ_ONCE(queued_locks[number]) == spin_owner();
}

KIRQL NTAPI KeAcquireQueuedSpinLock(KSPIN_LOCK_QUEUE_NUMBER Number)
{
	return queued_acquire(Number, DISPATCH_LEVEL, _RET_IP_);
}
NTSHIM_EXPORT(KeAcquireQueuedSpinLock);

KIRQL NTAPI KeAcquireQueuedSpinLockRaiseToSynch(KSPIN_LOCK_QUEUE_NUMBER Number)
{
	return queued_acquire(Number, SYNCH_LEVEL, _RET_IP_);
}
NTSHIM_EXPORT(KeAcquireQueuedSpinLockRaiseToSynch);

VOID NTAPI KeReleaseQueuedSpinLock(KSPIN_LOCK_QUEUE_NUMBER Number, KIRQL OldIrql)
{
	ntshim_queued_release(Number, OldIrql, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeReleaseQueuedSpinLock);

/* Raised only when taken: a failed try leaves the level as it was. */
static LOGICAL queued_try(KSPIN_LOCK_QUEUE_NUMBER Number, KIRQL level, PKIRQL OldIrql,
			  unsigned long caller)
{
	PKSPIN_LOCK lock = queued_lock(Number, caller);
	KIRQL old = ntshim_current_irql();

	if (!lock || !OldIrql || old > level)
		return FALSE;
	ntshim_irql_raise(level);
	if (cmpxchg_acquire((unsigned long *)lock, 0UL, spin_owner()) != 0) {
		ntshim_irql_lower(old);
		return FALSE;
	}
	*OldIrql = old;
	return TRUE;
}

LOGICAL NTAPI KeTryToAcquireQueuedSpinLock(KSPIN_LOCK_QUEUE_NUMBER Number, PKIRQL OldIrql)
{
	return queued_try(Number, DISPATCH_LEVEL, OldIrql, _RET_IP_);
}
NTSHIM_EXPORT(KeTryToAcquireQueuedSpinLock);

LOGICAL NTAPI KeTryToAcquireQueuedSpinLockRaiseToSynch(KSPIN_LOCK_QUEUE_NUMBER Number,
						       PKIRQL OldIrql)
{
	return queued_try(Number, SYNCH_LEVEL, OldIrql, _RET_IP_);
}
NTSHIM_EXPORT(KeTryToAcquireQueuedSpinLockRaiseToSynch);

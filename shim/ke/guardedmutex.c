// SPDX-License-Identifier: GPL-2.0
/*
 * Guarded mutexes, and the sleeping lock they share with fast mutexes: a
 * Linux mutex, so that lockdep checks the order drivers take them in (one
 * class per driver and initializing site).  Neither is recursive: NT
 * deadlocks on a second acquisition by the owner; ntshim complains and
 * refuses it, as it refuses a release by a thread that is not the owner.
 * KeAcquireGuardedMutex enters a guarded region for as long as it holds
 * the mutex; the Unsafe forms leave that to the caller.
 */
#include "ke.h"

#define GMUTEX_MAGIC	0x474d5458	/* initialized */

static struct ntshim_fast_mutex_private *gmutex_of(PKGUARDED_MUTEX m)
{
	return (struct ntshim_fast_mutex_private *)m->NtshimPrivate;
}

void ntshim_gmutex_init(PKGUARDED_MUTEX m, const void *caller)
{
	struct ntshim_fast_mutex_private *gm = gmutex_of(m);
	const struct ntshim_lock_class *class = ntshim_lock_class(caller);

	__mutex_init(&gm->lock, class->name, class->key);
	gm->owner = NULL;
	gm->old_irql = PASSIVE_LEVEL;
	gm->magic = GMUTEX_MAGIC;
}

struct ntshim_fast_mutex_private *ntshim_gmutex_usable(PKGUARDED_MUTEX m, const char *fn,
						       const void *caller)
{
	if (likely(m && gmutex_of(m)->magic == GMUTEX_MAGIC))
		return gmutex_of(m);
	ntshim_complain(m ? NTC_UNINITIALIZED : NTC_BAD_ARGUMENT, caller,
			"%s: %p is not an initialized mutex: ignored", fn, m);
	return NULL;
}

/* Takes the lock (or tries to): false if refused or, for a try, busy. */
bool ntshim_gmutex_lock(struct ntshim_fast_mutex_private *gm, bool try, const char *fn,
			const void *caller)
{
	if (unlikely(READ_ONCE(gm->owner) == current)) {
		if (!try)
			ntshim_complain(NTC_MUTEX_RECURSIVE, caller,
					"%s: already held by this thread (NT deadlocks): refused", fn);
		return false;
	}
	if (try) {
		if (!mutex_trylock(&gm->lock))
			return false;
	} else {
		mutex_lock(&gm->lock);
	}
	WRITE_ONCE(gm->owner, current);
	return true;
}

/* Releases the lock: false (and a complaint) if the caller does not hold it. */
bool ntshim_gmutex_unlock(struct ntshim_fast_mutex_private *gm, const char *fn,
			  const void *caller)
{
	if (unlikely(READ_ONCE(gm->owner) != current)) {
		ntshim_complain(NTC_MUTEX_NOT_OWNED, caller,
				"%s: not held by this thread: not released", fn);
		return false;
	}
	WRITE_ONCE(gm->owner, NULL);
	mutex_unlock(&gm->lock);
	return true;
}

VOID NTAPI KeInitializeGuardedMutex(PKGUARDED_MUTEX Mutex)
{
	if (!Mutex) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"KeInitializeGuardedMutex: NULL mutex");
		return;
	}
	ntshim_gmutex_init(Mutex, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeInitializeGuardedMutex);

static bool guarded_acquire(PKGUARDED_MUTEX Mutex, bool try, bool region, const char *fn,
			    const void *caller)
{
	struct ntshim_fast_mutex_private *gm = ntshim_gmutex_usable(Mutex, fn, caller);

	if (!gm)
		return false;
	if (region)
		ntshim_kthread_regions_move(0, 1);
	if (ntshim_gmutex_lock(gm, try, fn, caller))
		return true;
	if (region)
		ntshim_kthread_regions_move(0, -1);
	return false;
}

static void guarded_release(PKGUARDED_MUTEX Mutex, bool region, const char *fn,
			    const void *caller)
{
	struct ntshim_fast_mutex_private *gm = ntshim_gmutex_usable(Mutex, fn, caller);

	if (gm && ntshim_gmutex_unlock(gm, fn, caller) && region)
		ntshim_kthread_regions_move(0, -1);
}

VOID NTAPI KeAcquireGuardedMutex(PKGUARDED_MUTEX Mutex)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	guarded_acquire(Mutex, false, true, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeAcquireGuardedMutex);

BOOLEAN NTAPI KeTryToAcquireGuardedMutex(PKGUARDED_MUTEX Mutex)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, FALSE);
	return guarded_acquire(Mutex, true, true, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeTryToAcquireGuardedMutex);

VOID NTAPI KeReleaseGuardedMutex(PKGUARDED_MUTEX Mutex)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	guarded_release(Mutex, true, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeReleaseGuardedMutex);

VOID FASTCALL KeAcquireGuardedMutexUnsafe(PKGUARDED_MUTEX Mutex)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	guarded_acquire(Mutex, false, false, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeAcquireGuardedMutexUnsafe);

VOID FASTCALL KeReleaseGuardedMutexUnsafe(PKGUARDED_MUTEX Mutex)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	guarded_release(Mutex, false, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeReleaseGuardedMutexUnsafe);

// SPDX-License-Identifier: GPL-2.0
/*
 * Fast mutexes: the sleeping lock of ke/guardedmutex.c, taken at
 * APC_LEVEL.  ExAcquireFastMutex raises to APC_LEVEL and returns there,
 * remembering the level it came from for ExReleaseFastMutex; the Unsafe
 * forms change no level and expect the caller to be at APC_LEVEL or in a
 * critical region already, as NT does.
 */
#include "ex.h"
#include "../ke/ke.h"

VOID NTAPI ExInitializeFastMutex(PFAST_MUTEX FastMutex)
{
	if (!FastMutex) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"ExInitializeFastMutex: NULL mutex");
		return;
	}
	ntshim_gmutex_init(FastMutex, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExInitializeFastMutex);

static bool fast_acquire(PFAST_MUTEX FastMutex, bool try, const char *fn, const void *caller)
{
	struct ntshim_fast_mutex_private *fm = ntshim_gmutex_usable(FastMutex, fn, caller);
	KIRQL old;

	if (!fm)
		return false;
	old = ntshim_irql_raise(APC_LEVEL);
	if (!ntshim_gmutex_lock(fm, try, fn, caller)) {
		ntshim_irql_lower(old);
		return false;
	}
	fm->old_irql = old;
	return true;
}

VOID FASTCALL ExAcquireFastMutex(PFAST_MUTEX FastMutex)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	fast_acquire(FastMutex, false, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExAcquireFastMutex);

BOOLEAN FASTCALL ExTryToAcquireFastMutex(PFAST_MUTEX FastMutex)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, FALSE);
	return fast_acquire(FastMutex, true, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExTryToAcquireFastMutex);

VOID FASTCALL ExReleaseFastMutex(PFAST_MUTEX FastMutex)
{
	struct ntshim_fast_mutex_private *fm;
	KIRQL old;

	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	fm = ntshim_gmutex_usable(FastMutex, __func__, (void *)_RET_IP_);
	if (!fm)
		return;
	old = fm->old_irql;
	if (ntshim_gmutex_unlock(fm, __func__, (void *)_RET_IP_))
		ntshim_irql_lower(old);
}
NTSHIM_EXPORT(ExReleaseFastMutex);

/* The Unsafe forms: the caller is at APC_LEVEL or in a critical region. */
static struct ntshim_fast_mutex_private *fast_unsafe(PFAST_MUTEX FastMutex, const char *fn,
						     const void *caller)
{
	ntshim_expect_region(fn, caller);
	return ntshim_gmutex_usable(FastMutex, fn, caller);
}

VOID FASTCALL ExAcquireFastMutexUnsafe(PFAST_MUTEX FastMutex)
{
	struct ntshim_fast_mutex_private *fm;

	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	fm = fast_unsafe(FastMutex, __func__, (void *)_RET_IP_);
	if (fm)
		ntshim_gmutex_lock(fm, false, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExAcquireFastMutexUnsafe);

VOID FASTCALL ExReleaseFastMutexUnsafe(PFAST_MUTEX FastMutex)
{
	struct ntshim_fast_mutex_private *fm;

	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	fm = fast_unsafe(FastMutex, __func__, (void *)_RET_IP_);
	if (fm)
		ntshim_gmutex_unlock(fm, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExReleaseFastMutexUnsafe);

// SPDX-License-Identifier: GPL-2.0
/*
 * Push locks: a Linux rw_semaphore, which has NT's push lock rules (one
 * writer or many readers, not recursive, released by the thread that took
 * it) and which lockdep checks, one class per driver and initializing
 * site.  A writer asking again (NT deadlocks) and releases of what is not
 * held are refused with a complaint.  Taken at PASSIVE_LEVEL or APC_LEVEL inside a critical region, as
 * NT asks; outside one, a `wrong-context` complaint.
 */
#include "ex.h"
#include "../ke/ke.h"

#define PUSH_LOCK_MAGIC	0x4b4c5350	/* initialized */

static struct ntshim_push_lock_private *push_lock_of(PEX_PUSH_LOCK l)
{
	return (struct ntshim_push_lock_private *)l->NtshimPrivate;
}

VOID NTAPI ExInitializePushLock(PEX_PUSH_LOCK PushLock)
{
	struct ntshim_push_lock_private *pl;
	const struct ntshim_lock_class *class;

	if (!PushLock) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_, "ExInitializePushLock: NULL lock");
		return;
	}
	pl = push_lock_of(PushLock);
	class = ntshim_lock_class((void *)_RET_IP_);
	__init_rwsem(&pl->sem, class->name, class->key);
	pl->writer = NULL;
	atomic_set(&pl->readers, 0);
	pl->magic = PUSH_LOCK_MAGIC;
}
NTSHIM_EXPORT(ExInitializePushLock);

static struct ntshim_push_lock_private *push_lock_usable(PEX_PUSH_LOCK l, bool taking,
							 const char *fn, const void *caller)
{
	if (unlikely(!l || push_lock_of(l)->magic != PUSH_LOCK_MAGIC)) {
		ntshim_complain(l ? NTC_UNINITIALIZED : NTC_BAD_ARGUMENT, caller,
				"%s: %p is not an initialized push lock: ignored", fn, l);
		return NULL;
	}
	if (taking)
		ntshim_expect_region(fn, caller);
	return push_lock_of(l);
}

VOID NTAPI ExAcquirePushLockExclusiveEx(PEX_PUSH_LOCK PushLock, ULONG Flags)
{
	struct ntshim_push_lock_private *pl;

	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	pl = push_lock_usable(PushLock, true, __func__, (void *)_RET_IP_);
	if (!pl)
		return;
	if (READ_ONCE(pl->writer) == current) {
		ntshim_complain(NTC_MUTEX_RECURSIVE, (void *)_RET_IP_,
				"ExAcquirePushLockExclusive: already held by this thread (NT deadlocks): refused");
		return;
	}
	down_write(&pl->sem);
	WRITE_ONCE(pl->writer, current);
}
NTSHIM_EXPORT(ExAcquirePushLockExclusiveEx);

VOID NTAPI ExAcquirePushLockSharedEx(PEX_PUSH_LOCK PushLock, ULONG Flags)
{
	struct ntshim_push_lock_private *pl;

	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	pl = push_lock_usable(PushLock, true, __func__, (void *)_RET_IP_);
	if (pl) {
		down_read(&pl->sem);
		atomic_inc(&pl->readers);
	}
}
NTSHIM_EXPORT(ExAcquirePushLockSharedEx);

BOOLEAN NTAPI ExTryAcquirePushLockExclusiveEx(PEX_PUSH_LOCK PushLock, ULONG Flags)
{
	struct ntshim_push_lock_private *pl;

	NTSHIM_REQUIRE_IRQL(APC_LEVEL, FALSE);
	pl = push_lock_usable(PushLock, true, __func__, (void *)_RET_IP_);
	if (!pl || !down_write_trylock(&pl->sem))
		return FALSE;
	WRITE_ONCE(pl->writer, current);
	return TRUE;
}
NTSHIM_EXPORT(ExTryAcquirePushLockExclusiveEx);

BOOLEAN NTAPI ExTryAcquirePushLockSharedEx(PEX_PUSH_LOCK PushLock, ULONG Flags)
{
	struct ntshim_push_lock_private *pl;

	NTSHIM_REQUIRE_IRQL(APC_LEVEL, FALSE);
	pl = push_lock_usable(PushLock, true, __func__, (void *)_RET_IP_);
	if (!pl || !down_read_trylock(&pl->sem))
		return FALSE;
	atomic_inc(&pl->readers);
	return TRUE;
}
NTSHIM_EXPORT(ExTryAcquirePushLockSharedEx);

VOID NTAPI ExReleasePushLockExclusiveEx(PEX_PUSH_LOCK PushLock, ULONG Flags)
{
	struct ntshim_push_lock_private *pl;

	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	pl = push_lock_usable(PushLock, false, __func__, (void *)_RET_IP_);
	if (!pl)
		return;
	if (READ_ONCE(pl->writer) != current) {
		ntshim_complain(NTC_MUTEX_NOT_OWNED, (void *)_RET_IP_,
				"ExReleasePushLockExclusive: not held exclusively by this thread: ignored");
		return;
	}
	WRITE_ONCE(pl->writer, NULL);
	up_write(&pl->sem);
}
NTSHIM_EXPORT(ExReleasePushLockExclusiveEx);

VOID NTAPI ExReleasePushLockSharedEx(PEX_PUSH_LOCK PushLock, ULONG Flags)
{
	struct ntshim_push_lock_private *pl;

	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	pl = push_lock_usable(PushLock, false, __func__, (void *)_RET_IP_);
	if (!pl)
		return;
	if (!atomic_add_unless(&pl->readers, -1, 0)) {
		ntshim_complain(NTC_MUTEX_NOT_OWNED, (void *)_RET_IP_,
				"ExReleasePushLockShared: not held shared: ignored");
		return;
	}
	up_read(&pl->sem);
}
NTSHIM_EXPORT(ExReleasePushLockSharedEx);

// SPDX-License-Identifier: GPL-2.0
/*
 * Remove locks: a count of the requests in a driver's hands, so that it
 * can wait for the last before its device goes.  The count starts at one
 * (the lock's own); IoReleaseRemoveLockAndWait marks it removed, drops its
 * caller's hold and that one, and waits for the others.  An acquisition
 * after the removal fails with STATUS_DELETE_PENDING.
 */
#include "io.h"
#include "../ke/ke.h"

static bool remlock_usable(PIO_REMOVE_LOCK lock, ULONG size, const void *caller)
{
	if (lock && size >= sizeof(IO_REMOVE_LOCK))
		return true;
	ntshim_complain(NTC_BAD_ARGUMENT, caller, "remove lock %p of %u bytes", lock, size);
	return false;
}

VOID NTAPI IoInitializeRemoveLockEx(PIO_REMOVE_LOCK Lock, ULONG AllocateTag,
				    ULONG MaxLockedMinutes, ULONG HighWatermark,
				    ULONG RemlockSize)
{
	if (!remlock_usable(Lock, RemlockSize, (void *)_RET_IP_))
		return;
	Lock->Common.Removed = FALSE;
	Lock->Common.IoCount = 1;
	ntshim_event_init(&Lock->Common.RemoveEvent, SynchronizationEvent, FALSE);
}
NTSHIM_EXPORT(IoInitializeRemoveLockEx);

static void remlock_release(PIO_REMOVE_LOCK lock, const void *caller)
{
	LONG count = InterlockedDecrement(&lock->Common.IoCount);

	if (count == 0)
		ntshim_event_set(&lock->Common.RemoveEvent, caller);
	else if (count < 0)
		ntshim_complain(NTC_MUTEX_NOT_OWNED, caller,
				"remove lock %p released more often than acquired", lock);
}

NTSTATUS NTAPI IoAcquireRemoveLockEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag, PCSTR File,
				     ULONG Line, ULONG RemlockSize)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, STATUS_INVALID_PARAMETER);
	if (!remlock_usable(RemoveLock, RemlockSize, (void *)_RET_IP_))
		return STATUS_INVALID_PARAMETER;
	InterlockedIncrement(&RemoveLock->Common.IoCount);
	if (!READ_ONCE(RemoveLock->Common.Removed))
		return STATUS_SUCCESS;
	remlock_release(RemoveLock, (void *)_RET_IP_);
	return STATUS_DELETE_PENDING;
}
NTSHIM_EXPORT(IoAcquireRemoveLockEx);

VOID NTAPI IoReleaseRemoveLockEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag, ULONG RemlockSize)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, );
	if (remlock_usable(RemoveLock, RemlockSize, (void *)_RET_IP_))
		remlock_release(RemoveLock, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoReleaseRemoveLockEx);

VOID NTAPI IoReleaseRemoveLockAndWaitEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag,
					ULONG RemlockSize)
{
	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, );
	if (!remlock_usable(RemoveLock, RemlockSize, (void *)_RET_IP_))
		return;
	WRITE_ONCE(RemoveLock->Common.Removed, TRUE);
	smp_mb();
	/* The caller's hold, then the lock's own: the last request wakes it. */
	if (InterlockedDecrement(&RemoveLock->Common.IoCount) <= 0)
		ntshim_complain(NTC_MUTEX_NOT_OWNED, (void *)_RET_IP_,
				"IoReleaseRemoveLockAndWait on remove lock %p its caller does not hold",
				RemoveLock);
	if (InterlockedDecrement(&RemoveLock->Common.IoCount) > 0)
		ntshim_wait_single(&RemoveLock->Common.RemoveEvent, NULL);
}
NTSHIM_EXPORT(IoReleaseRemoveLockAndWaitEx);

// SPDX-License-Identifier: GPL-2.0
/*
 * Cancelling IRPs: the I/O manager's cancel spin lock (the numbered queued
 * lock LockQueueIoCancelLock, as in NT) and IoCancelIrp.
 *
 * IoCancelIrp sets Irp->Cancel and, under the cancel lock, takes the IRP's
 * cancel routine (IoSetCancelRoutine exchanges it atomically, so a driver
 * that takes it back first keeps the IRP): the routine runs at
 * DISPATCH_LEVEL holding the lock, the level to return to in
 * Irp->CancelIrql, and releases the lock itself.  One that returns still
 * holding it is reported, and the lock released for it.
 */
#include "io.h"
#include "../ke/ke.h"

VOID NTAPI IoAcquireCancelSpinLock(PKIRQL Irql)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, );
	if (!Irql) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"IoAcquireCancelSpinLock: no Irql pointer: not taken");
		return;
	}
	*Irql = ntshim_queued_acquire(LockQueueIoCancelLock, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoAcquireCancelSpinLock);

VOID NTAPI IoReleaseCancelSpinLock(KIRQL Irql)
{
	ntshim_queued_release(LockQueueIoCancelLock, Irql, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoReleaseCancelSpinLock);

/* Calls a cancel routine as NT does: the cancel lock held, released by it. */
void ntshim_irp_call_cancel(PDRIVER_CANCEL routine, PDEVICE_OBJECT device, PIRP irp,
			    KIRQL irql)
{
	irp->CancelIrql = irql;
	routine(device, irp);
	if (ntshim_queued_owned(LockQueueIoCancelLock)) {
		ntshim_complain(NTC_CANCEL_LOCK_HELD, routine,
				"cancel routine %pS returned holding the cancel spin lock: released",
				routine);
		ntshim_queued_release(LockQueueIoCancelLock, irql, routine);
	}
	ntshim_irql_leave(irql, "cancel routine", routine);
}

BOOLEAN ntshim_irp_cancel(PIRP Irp, const void *caller)
{
	PDRIVER_CANCEL routine;
	KIRQL irql;

	if (!Irp || Irp->Type != IO_TYPE_IRP) {
		ntshim_complain(NTC_NOT_AN_OBJECT, caller, "IoCancelIrp: %p is not an IRP", Irp);
		return FALSE;
	}
	irql = ntshim_queued_acquire(LockQueueIoCancelLock, caller);
	Irp->Cancel = TRUE;
	routine = IoSetCancelRoutine(Irp, NULL);
	if (!routine || Irp->CurrentLocation > Irp->StackCount) {
		if (routine)
			ntshim_complain(NTC_IRP_MISUSE, caller,
					"IoCancelIrp: IRP %p has a cancel routine but no driver holds it",
					Irp);
		ntshim_queued_release(LockQueueIoCancelLock, irql, caller);
		return FALSE;
	}
	ntshim_irp_call_cancel(routine, IoGetCurrentIrpStackLocation(Irp)->DeviceObject, Irp,
			       irql);
	return TRUE;
}

BOOLEAN NTAPI IoCancelIrp(PIRP Irp)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, FALSE);
	return ntshim_irp_cancel(Irp, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoCancelIrp);

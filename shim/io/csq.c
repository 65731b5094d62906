// SPDX-License-Identifier: GPL-2.0
/*
 * Cancel-safe queues (IO_CSQ): the driver's queue and lock, behind the
 * I/O manager's rules for racing a cancel.  An inserted IRP is marked
 * pending and gets ntshim's cancel routine; whoever takes that routine
 * back (IoSetCancelRoutine(Irp, NULL)) owns the IRP: a removal under the
 * queue's lock, or the cancel routine, which removes it and hands it to
 * CsqCompleteCanceledIrp.  Irp->Tail.Overlay.DriverContext[3] names the
 * queue, or the IRP's IO_CSQ_IRP_CONTEXT, while the IRP is queued.
 */
#include "io.h"
#include "../ke/ke.h"

static PIO_CSQ csq_of(PIRP irp, PIO_CSQ_IRP_CONTEXT *context)
{
	PVOID p = irp->Tail.Overlay.DriverContext[3];

	*context = NULL;
	if (p && ((PIO_CSQ_IRP_CONTEXT)p)->Type == IO_TYPE_CSQ_IRP_CONTEXT) {
		*context = p;
		return (*context)->Csq;
	}
	return p;
}

/* Off the queue, lock held: its context forgets it. */
static void csq_unlink(PIO_CSQ csq, PIRP irp)
{
	PIO_CSQ_IRP_CONTEXT context;

	csq_of(irp, &context);
	csq->CsqRemoveIrp(csq, irp);
	if (context)
		context->Irp = NULL;
	irp->Tail.Overlay.DriverContext[3] = NULL;
}

static VOID csq_cancel(PDEVICE_OBJECT device, PIRP irp)
{
	PIO_CSQ_IRP_CONTEXT context;
	PIO_CSQ csq;
	KIRQL irql;

	ntshim_queued_release(LockQueueIoCancelLock, irp->CancelIrql, NULL);
	csq = csq_of(irp, &context);
	csq->CsqAcquireLock(csq, &irql);
	csq_unlink(csq, irp);
	csq->CsqReleaseLock(csq, irql);
	csq->CsqCompleteCanceledIrp(csq, irp);
}

static NTSTATUS csq_init(PIO_CSQ csq, ULONG type, PVOID insert, PIO_CSQ_REMOVE_IRP remove,
			 PIO_CSQ_PEEK_NEXT_IRP peek, PIO_CSQ_ACQUIRE_LOCK acquire,
			 PIO_CSQ_RELEASE_LOCK release, PIO_CSQ_COMPLETE_CANCELED_IRP complete,
			 const void *caller)
{
	if (!csq || !insert || !remove || !peek || !acquire || !release || !complete) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller,
				"IoCsqInitialize: no queue, or a routine missing");
		return STATUS_INVALID_PARAMETER;
	}
	csq->Type = type;
	csq->CsqInsertIrp = insert;
	csq->CsqRemoveIrp = remove;
	csq->CsqPeekNextIrp = peek;
	csq->CsqAcquireLock = acquire;
	csq->CsqReleaseLock = release;
	csq->CsqCompleteCanceledIrp = complete;
	csq->ReservePointer = NULL;
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI IoCsqInitialize(PIO_CSQ Csq, PIO_CSQ_INSERT_IRP CsqInsertIrp,
			       PIO_CSQ_REMOVE_IRP CsqRemoveIrp, PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp,
			       PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock,
			       PIO_CSQ_RELEASE_LOCK CsqReleaseLock,
			       PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp)
{
	return csq_init(Csq, IO_TYPE_CSQ, CsqInsertIrp, CsqRemoveIrp, CsqPeekNextIrp,
			CsqAcquireLock, CsqReleaseLock, CsqCompleteCanceledIrp, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoCsqInitialize);

NTSTATUS NTAPI IoCsqInitializeEx(PIO_CSQ Csq, PIO_CSQ_INSERT_IRP_EX CsqInsertIrp,
				 PIO_CSQ_REMOVE_IRP CsqRemoveIrp,
				 PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp,
				 PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock,
				 PIO_CSQ_RELEASE_LOCK CsqReleaseLock,
				 PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp)
{
	return csq_init(Csq, IO_TYPE_CSQ_EX, CsqInsertIrp, CsqRemoveIrp, CsqPeekNextIrp,
			CsqAcquireLock, CsqReleaseLock, CsqCompleteCanceledIrp, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoCsqInitializeEx);

static bool csq_usable(PIO_CSQ csq, PVOID other, const void *caller)
{
	if (csq && (csq->Type == IO_TYPE_CSQ || csq->Type == IO_TYPE_CSQ_EX) && other)
		return true;
	ntshim_complain(csq && other ? NTC_UNINITIALIZED : NTC_BAD_ARGUMENT, caller,
			"cancel-safe queue %p: %s", csq,
			csq && other ? "used before IoCsqInitialize" : "no queue or no IRP");
	return false;
}

static NTSTATUS csq_insert(PIO_CSQ csq, PIRP irp, PIO_CSQ_IRP_CONTEXT context,
			   PVOID insert_context)
{
	NTSTATUS status = STATUS_SUCCESS;
	KIRQL irql;

	csq->CsqAcquireLock(csq, &irql);
	if (csq->Type == IO_TYPE_CSQ_EX)
		status = ((PIO_CSQ_INSERT_IRP_EX)(PVOID)csq->CsqInsertIrp)(csq, irp, insert_context);
	else
		csq->CsqInsertIrp(csq, irp);
	if (!NT_SUCCESS(status)) {
		csq->CsqReleaseLock(csq, irql);
		return status;
	}
	IoMarkIrpPending(irp);
	if (context) {
		context->Type = IO_TYPE_CSQ_IRP_CONTEXT;
		context->Irp = irp;
		context->Csq = csq;
	}
	irp->Tail.Overlay.DriverContext[3] = context ? (PVOID)context : (PVOID)csq;
	IoSetCancelRoutine(irp, csq_cancel);
	/* Cancelled before its routine was set: nobody else will complete it. */
	if (irp->Cancel && IoSetCancelRoutine(irp, NULL)) {
		csq_unlink(csq, irp);
		csq->CsqReleaseLock(csq, irql);
		csq->CsqCompleteCanceledIrp(csq, irp);
		return STATUS_SUCCESS;
	}
	csq->CsqReleaseLock(csq, irql);
	return STATUS_SUCCESS;
}

VOID NTAPI IoCsqInsertIrp(PIO_CSQ Csq, PIRP Irp, PIO_CSQ_IRP_CONTEXT Context)
{
	if (csq_usable(Csq, Irp, (void *)_RET_IP_))
		csq_insert(Csq, Irp, Context, NULL);
}
NTSHIM_EXPORT(IoCsqInsertIrp);

NTSTATUS NTAPI IoCsqInsertIrpEx(PIO_CSQ Csq, PIRP Irp, PIO_CSQ_IRP_CONTEXT Context,
				PVOID InsertContext)
{
	if (!csq_usable(Csq, Irp, (void *)_RET_IP_))
		return STATUS_INVALID_PARAMETER;
	return csq_insert(Csq, Irp, Context, InsertContext);
}
NTSHIM_EXPORT(IoCsqInsertIrpEx);

/* The first IRP the peek routine offers that is not being cancelled. */
PIRP NTAPI IoCsqRemoveNextIrp(PIO_CSQ Csq, PVOID PeekContext)
{
	PIRP irp;
	KIRQL irql;

	if (!csq_usable(Csq, Csq, (void *)_RET_IP_))
		return NULL;
	Csq->CsqAcquireLock(Csq, &irql);
	for (irp = Csq->CsqPeekNextIrp(Csq, NULL, PeekContext); irp;
	     irp = Csq->CsqPeekNextIrp(Csq, irp, PeekContext)) {
		if (IoSetCancelRoutine(irp, NULL)) {
			csq_unlink(Csq, irp);
			break;
		}
	}
	Csq->CsqReleaseLock(Csq, irql);
	return irp;
}
NTSHIM_EXPORT(IoCsqRemoveNextIrp);

/* The context's IRP, unless it is gone or being cancelled (NULL then). */
PIRP NTAPI IoCsqRemoveIrp(PIO_CSQ Csq, PIO_CSQ_IRP_CONTEXT Context)
{
	PIRP irp;
	KIRQL irql;

	if (!csq_usable(Csq, Context, (void *)_RET_IP_))
		return NULL;
	Csq->CsqAcquireLock(Csq, &irql);
	irp = Context->Irp;
	if (irp && IoSetCancelRoutine(irp, NULL))
		csq_unlink(Csq, irp);
	else
		irp = NULL;
	Csq->CsqReleaseLock(Csq, irql);
	return irp;
}
NTSHIM_EXPORT(IoCsqRemoveIrp);

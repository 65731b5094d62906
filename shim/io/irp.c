// SPDX-License-Identifier: GPL-2.0
/*
 * IRPs: allocation, synchronous dispatch to a driver's MajorFunction[] and
 * completion through the stack locations' completion routines.
 */
#include "io.h"
#include "../ex/ex.h"
#include "../ke/ke.h"


static void irp_init(PIRP Irp, USHORT PacketSize, CCHAR StackSize)
{
	memset(Irp, 0, PacketSize);
	Irp->Type = IO_TYPE_IRP;
	Irp->Size = PacketSize;
	Irp->StackCount = StackSize;
	Irp->CurrentLocation = StackSize + 1;
	InitializeListHead(&Irp->ThreadListEntry);
	Irp->Tail.Overlay.CurrentStackLocation =
		(PIO_STACK_LOCATION)(Irp + 1) + StackSize;
}

VOID NTAPI IoInitializeIrp(PIRP Irp, USHORT PacketSize, CCHAR StackSize)
{
	irp_init(Irp, PacketSize, StackSize);
}
NTSHIM_EXPORT(IoInitializeIrp);

#define IRP_TAG 0x20707249	/* "Irp " */

/* IRPs come from nonpaged pool, as in NT: any IRQL up to DISPATCH_LEVEL. */
PIRP ntshim_irp_alloc(CCHAR StackSize, const void *caller)
{
	USHORT size;
	PIRP irp;

	if (StackSize < 0) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller, "IoAllocateIrp: negative StackSize %d",
				StackSize);
		return NULL;
	}
	size = IoSizeOfIrp(StackSize);
	irp = ntshim_pool_alloc(NonPagedPool, size, IRP_TAG, caller);
	if (!irp)
		return NULL;
	irp_init(irp, size, StackSize);
	irp->AllocationFlags = IRP_ALLOCATED_FIXED_SIZE;
	return irp;
}

PIRP NTAPI IoAllocateIrp(CCHAR StackSize, BOOLEAN ChargeQuota)
{
	return ntshim_irp_alloc(StackSize, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoAllocateIrp);

void ntshim_irp_free(PIRP Irp, const void *caller)
{
	if (!Irp || Irp->Type != IO_TYPE_IRP) {
		ntshim_complain(NTC_NOT_AN_OBJECT, caller, "IoFreeIrp: %p is not an IRP: ignored", Irp);
		return;
	}
	Irp->Type = 0;
	ntshim_pool_free(Irp, IRP_TAG, true, caller);
}

VOID NTAPI IoFreeIrp(PIRP Irp)
{
	ntshim_irp_free(Irp, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoFreeIrp);

/* The default for every MajorFunction[] entry, as the NT I/O manager sets. */
static NTSTATUS irp_invalid_request(PDEVICE_OBJECT device, PIRP irp)
{
	irp->IoStatus.Status = STATUS_INVALID_DEVICE_REQUEST;
	irp->IoStatus.Information = 0;
	ntshim_irp_complete(irp, NULL);
	return STATUS_INVALID_DEVICE_REQUEST;
}

/* The dispatch routine for a major function ntshim does not route. */
PDRIVER_DISPATCH ntshim_irp_default_dispatch(void)
{
	return irp_invalid_request;
}

NTSTATUS ntshim_irp_call(PDEVICE_OBJECT DeviceObject, PIRP Irp, const void *caller)
{
	PIO_STACK_LOCATION stack;
	PDRIVER_DISPATCH dispatch;
	NTSTATUS status;
	KIRQL irql;

	if (!DeviceObject || !Irp || !DeviceObject->DriverObject) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller, "IoCallDriver: no %s",
				Irp ? "device object" : "IRP");
		return STATUS_INVALID_PARAMETER;
	}
	if (Irp->CurrentLocation <= 1) {
		ntshim_complain(NTC_IRP_MISUSE, caller,
				"IoCallDriver: IRP %p has no stack location left", Irp);
		return STATUS_INVALID_PARAMETER;
	}
	IoSetNextIrpStackLocation(Irp);
	stack = IoGetCurrentIrpStackLocation(Irp);
	stack->DeviceObject = DeviceObject;
	if (stack->MajorFunction > IRP_MJ_MAXIMUM_FUNCTION)
		return irp_invalid_request(DeviceObject, Irp);
	dispatch = DeviceObject->DriverObject->MajorFunction[stack->MajorFunction];
	irql = ntshim_current_irql();
	status = dispatch(DeviceObject, Irp);
	ntshim_irql_leave(irql, "dispatch routine", dispatch);
	return status;
}

NTSTATUS NTAPI IoCallDriver(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	return ntshim_irp_call(DeviceObject, Irp, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoCallDriver);

static bool irp_wants_completion(PIO_STACK_LOCATION stack, PIRP irp)
{
	if (!stack->CompletionRoutine)
		return false;
	if (irp->Cancel)
		return stack->Control & SL_INVOKE_ON_CANCEL;
	if (NT_SUCCESS(irp->IoStatus.Status))
		return stack->Control & SL_INVOKE_ON_SUCCESS;
	return stack->Control & SL_INVOKE_ON_ERROR;
}

/*
 * Walk back up the stack: each location's completion routine sees the IRP
 * with the location above it current, as in NT.  A routine returning
 * STATUS_MORE_PROCESSING_REQUIRED takes the IRP back.
 */
void ntshim_irp_complete(PIRP Irp, const void *caller)
{
	PIO_COMPLETION_ROUTINE routine;
	PIO_STACK_LOCATION stack;
	PDEVICE_OBJECT upper;
	NTSTATUS status;
	KIRQL irql = ntshim_current_irql();

	if (!Irp || Irp->CurrentLocation > Irp->StackCount) {
		ntshim_complain(NTC_IRP_MISUSE, caller,
				"IoCompleteRequest: IRP %p completed twice or never sent", Irp);
		return;
	}
	if (Irp->IoStatus.Status == STATUS_PENDING) {
		ntshim_complain(NTC_IRP_MISUSE, caller,
				"IoCompleteRequest: IRP %p completed with STATUS_PENDING", Irp);
		Irp->IoStatus.Status = STATUS_INTERNAL_ERROR;
	}
	while (Irp->CurrentLocation <= Irp->StackCount) {
		stack = IoGetCurrentIrpStackLocation(Irp);
		IoSkipCurrentIrpStackLocation(Irp);
		Irp->PendingReturned = stack->Control & SL_PENDING_RETURNED;
		upper = Irp->CurrentLocation <= Irp->StackCount ?
			IoGetCurrentIrpStackLocation(Irp)->DeviceObject : NULL;
		if (irp_wants_completion(stack, Irp)) {
			/* The routine may free the IRP (and return MORE_PROCESSING). */
			routine = stack->CompletionRoutine;
			status = routine(upper, Irp, stack->Context);
			ntshim_irql_leave(irql, "completion routine", routine);
			if (status == STATUS_MORE_PROCESSING_REQUIRED)
				return;
		} else if (Irp->PendingReturned && upper) {
			IoMarkIrpPending(Irp);
		}
	}
	if (Irp->UserIosb)
		*Irp->UserIosb = Irp->IoStatus;
	if (Irp->UserEvent)
		ntshim_event_set(Irp->UserEvent, caller);
}

/* PriorityBoost: Linux's scheduler has no such boost to give. */
VOID NTAPI IoCompleteRequest(PIRP Irp, CCHAR PriorityBoost)
{
	ntshim_irp_complete(Irp, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoCompleteRequest);

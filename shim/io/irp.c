// SPDX-License-Identifier: GPL-2.0
/*
 * IRPs: allocation, dispatch to a driver's MajorFunction[], completion
 * through the stack locations' completion routines, and the IRPs the I/O
 * manager finishes itself at completion (hooks: programs' requests, and
 * the IRPs IoBuild*Request builds for drivers).
 */
#include "io.h"
#include "../ex/ex.h"
#include "../ke/ke.h"
#include "../mm/mm.h"
#include <linux/slab.h>
#include <linux/workqueue.h>

/* Its hook, taken once: NULL if the IRP has none, or it was taken. */
static struct ntshim_irp_hook *irp_hook_take(PIRP irp)
{
	if (!(irp->AllocationFlags & NTSHIM_IRP_HOOKED))
		return NULL;
	return xchg(&ntshim_irp_head(irp)->hook, NULL);
}

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
#define IRP_BUFFER_TAG 0x66427249	/* "IrBf" */

/*
 * IRPs come from nonpaged pool, as in NT: any IRQL up to DISPATCH_LEVEL.
 * One block: before bytes of the caller's, then the IRP, set up.
 */
static void *irp_pool_alloc(CCHAR StackSize, size_t before, const char *fn, const void *caller)
{
	void *block;

	if (StackSize < 0) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller, "%s: negative StackSize %d", fn,
				StackSize);
		return NULL;
	}
	block = ntshim_pool_alloc(NonPagedPool, before + IoSizeOfIrp(StackSize), IRP_TAG, caller);
	if (block)
		ntshim_irp_init_io((PIRP)((char *)block + before), StackSize);
	return block;
}

PIRP ntshim_irp_alloc(CCHAR StackSize, const void *caller)
{
	return irp_pool_alloc(StackSize, 0, "IoAllocateIrp", caller);
}

PIRP NTAPI IoAllocateIrp(CCHAR StackSize, BOOLEAN ChargeQuota)
{
	return ntshim_irp_alloc(StackSize, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoAllocateIrp);

void ntshim_irp_free(PIRP Irp, const void *caller)
{
	struct ntshim_irp_hook *hook;

	if (!Irp || Irp->Type != IO_TYPE_IRP) {
		ntshim_complain(NTC_NOT_AN_OBJECT, caller, "IoFreeIrp: %p is not an IRP: ignored", Irp);
		return;
	}
	if (Irp->AllocationFlags & NTSHIM_IRP_HOOKED) {
		struct ntshim_irp_head *head = ntshim_irp_head(Irp);

		/* A built IRP its caller frees itself (asynchronous ones): buffers and all. */
		hook = READ_ONCE(head->hook);
		if (!hook || !hook->freed || cmpxchg(&head->hook, hook, NULL) != hook) {
			ntshim_complain(NTC_IRP_MISUSE, caller,
					"IoFreeIrp: IRP %p carries a program's request, the I/O manager's to free: ignored",
					Irp);
			return;
		}
		hook->freed(hook);
		return;
	}
	Irp->Type = 0;
	ntshim_pool_free(Irp, IRP_TAG, true, caller);
}

/*
 * A program's request's IRP: the I/O manager's alone, so plain kernel
 * memory, with room for its head; IoFreeIrp of one is refused above (its
 * hook has no freed), and ExFreePool of one is no live pool block.
 */
PIRP ntshim_irp_alloc_io(CCHAR stack_size)
{
	struct ntshim_irp_head *head;
	PIRP irp;

	/* StackSize is the driver's to write: one that leaves no location is refused. */
	if (stack_size < 1)
		return NULL;
	head = kmalloc(sizeof(*head) + IoSizeOfIrp(stack_size), GFP_KERNEL);
	if (!head)
		return NULL;
	irp = (PIRP)(head + 1);
	ntshim_irp_init_io(irp, stack_size);
	return irp;
}

/* An IRP of IoSizeOfIrp(stack_size) bytes, allocated at that fixed size. */
void ntshim_irp_init_io(PIRP irp, CCHAR stack_size)
{
	irp_init(irp, IoSizeOfIrp(stack_size), stack_size);
	irp->AllocationFlags = IRP_ALLOCATED_FIXED_SIZE;
}

void ntshim_irp_free_io(PIRP irp)
{
	irp->Type = 0;
	kfree(ntshim_irp_head(irp));
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
	irql = ntshim_irql_now();
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
	struct ntshim_irp_hook *hook;
	PIO_COMPLETION_ROUTINE routine;
	PIO_STACK_LOCATION stack;
	PDEVICE_OBJECT upper;
	NTSTATUS status;
	KIRQL irql = ntshim_irql_now();

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
	hook = irp_hook_take(Irp);
	if (hook) {
		hook->done(hook);
		return;
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

/*
 * IRPs built for a driver to send (IoBuild*Request).  The I/O manager
 * finishes them at completion, as NT does for its threaded IRPs: buffered
 * output copied back to the caller's buffer, the system buffer freed, the
 * MDL unlocked and freed, the status in the caller's IO_STATUS_BLOCK, its
 * event set, the IRP freed.  An asynchronous one's completion routine
 * usually frees it first (IoFreeIrp, STATUS_MORE_PROCESSING_REQUIRED).
 */
struct irp_built {
	struct ntshim_irp_hook hook;
	PVOID out;		/* the caller's buffer buffered output goes back to */
	ULONG out_len;
	PMDL mdl;		/* its MDLs, once the IRP is gone */
	struct work_struct work;
	struct ntshim_irp_head head;	/* last: the IRP follows, in the same block */
};

static void irp_built_buffer_free(PIRP irp)
{
	if ((irp->Flags & IRP_DEALLOCATE_BUFFER) && irp->AssociatedIrp.SystemBuffer)
		ntshim_pool_free(irp->AssociatedIrp.SystemBuffer, IRP_BUFFER_TAG, true, NULL);
}

static void irp_built_free(struct irp_built *b)
{
	irp_built_buffer_free(b->hook.irp);
	b->hook.irp->Type = 0;
	ntshim_pool_free(b, IRP_TAG, true, NULL);
}

/* Freed by its caller before it completed: its own buffer goes with it. */
static void irp_built_drop(struct ntshim_irp_hook *hook)
{
	irp_built_free(container_of(hook, struct irp_built, hook));
}

/* Unmapping an MDL the driver mapped sleeps: after a DPC's completion, in a worker. */
static void irp_built_mdls(struct irp_built *b)
{
	PMDL mdl, next;

	for (mdl = b->mdl; mdl; mdl = next) {
		next = mdl->Next;
		ntshim_mdl_free(mdl);
	}
	ntshim_pool_free(b, IRP_TAG, true, NULL);
}

static void irp_built_mdls_work(struct work_struct *work)
{
	irp_built_mdls(container_of(work, struct irp_built, work));
}

static void irp_built_done(struct ntshim_irp_hook *hook)
{
	struct irp_built *b = container_of(hook, struct irp_built, hook);
	PIRP irp = hook->irp;

	if ((irp->Flags & IRP_INPUT_OPERATION) && b->out && NT_SUCCESS(irp->IoStatus.Status))
		memcpy(b->out, irp->AssociatedIrp.SystemBuffer,
		       min_t(ULONG_PTR, irp->IoStatus.Information, b->out_len));
	irp_built_buffer_free(irp);
	b->mdl = irp->MdlAddress;
	if (irp->UserIosb)
		*irp->UserIosb = irp->IoStatus;
	if (irp->UserEvent)
		ntshim_event_set(irp->UserEvent, NULL);
	irp->Type = 0;
	if (b->mdl && !(in_task() && preemptible())) {
		INIT_WORK(&b->work, irp_built_mdls_work);
		schedule_work(&b->work);
	} else {
		irp_built_mdls(b);
	}
}

/* The IRP and what the I/O manager keeps to finish it: one pool block. */
static PIRP irp_build(PDEVICE_OBJECT device, UCHAR major, PKEVENT event, PIO_STATUS_BLOCK iosb,
		      struct irp_built **built, const void *caller)
{
	struct irp_built *b;
	PIRP irp;

	BUILD_BUG_ON(offsetofend(struct irp_built, head) != sizeof(struct irp_built));
	if (!device || !ntshim_device_known(device)) {
		ntshim_complain(NTC_NOT_AN_OBJECT, caller, "IoBuild*Request: %p is not a live device",
				device);
		return NULL;
	}
	b = irp_pool_alloc(device->StackSize, sizeof(*b), "IoBuild*Request", caller);
	if (!b)
		return NULL;
	memset(b, 0, sizeof(*b));
	irp = (PIRP)(b + 1);
	irp->UserEvent = event;
	irp->UserIosb = iosb;
	irp->RequestorMode = KernelMode;
	irp->Tail.Overlay.Thread = (PETHREAD)ntshim_kthread_identity(current);
	IoGetNextIrpStackLocation(irp)->MajorFunction = major;
	b->hook.done = irp_built_done;
	b->hook.freed = irp_built_drop;
	*built = b;
	return irp;
}

/* A system buffer: a copy of in (length bytes), room for out_len. */
static bool irp_system_buffer(PIRP irp, PVOID in, ULONG in_len, ULONG len)
{
	if (!len)
		return true;
	irp->AssociatedIrp.SystemBuffer = ntshim_pool_alloc(NonPagedPool, len, IRP_BUFFER_TAG,
							      NULL);
	if (!irp->AssociatedIrp.SystemBuffer)
		return false;
	memset(irp->AssociatedIrp.SystemBuffer, 0, len);
	if (in && in_len)
		memcpy(irp->AssociatedIrp.SystemBuffer, in, in_len);
	irp->Flags |= IRP_BUFFERED_IO | IRP_DEALLOCATE_BUFFER;
	return true;
}

/* An MDL over the caller's kernel buffer, its pages recorded. */
static bool irp_mdl(PIRP irp, PVOID buffer, ULONG length, LOCK_OPERATION op)
{
	PMDL mdl;

	if (!length)
		return true;
	mdl = ntshim_mdl_alloc(buffer, length, NULL);
	if (!mdl)
		return false;
	if (!ntshim_mdl_lock(mdl, op)) {
		ntshim_pool_free(mdl, 0, false, NULL);
		return false;
	}
	irp->MdlAddress = mdl;
	return true;
}

/* Built, or undone: NULL if a buffer could not be made. */
static PIRP irp_built(PIRP irp, struct irp_built *b, bool ok)
{
	if (ok) {
		ntshim_irp_hook_set(&b->hook, irp);
		return irp;
	}
	if (irp->MdlAddress)
		ntshim_pool_free(irp->MdlAddress, 0, false, NULL);
	b->hook.irp = irp;
	irp_built_free(b);
	return NULL;
}

PIRP NTAPI IoBuildDeviceIoControlRequest(ULONG IoControlCode, PDEVICE_OBJECT DeviceObject,
					 PVOID InputBuffer, ULONG InputBufferLength,
					 PVOID OutputBuffer, ULONG OutputBufferLength,
					 BOOLEAN InternalDeviceIoControl, PKEVENT Event,
					 PIO_STATUS_BLOCK IoStatusBlock)
{
	PIO_STACK_LOCATION stack;
	struct irp_built *b;
	bool ok = true;
	PIRP irp;

	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, NULL);
	irp = irp_build(DeviceObject, InternalDeviceIoControl ? IRP_MJ_INTERNAL_DEVICE_CONTROL :
			IRP_MJ_DEVICE_CONTROL, Event, IoStatusBlock, &b, (void *)_RET_IP_);
	if (!irp)
		return NULL;
	stack = IoGetNextIrpStackLocation(irp);
	stack->Parameters.DeviceIoControl.IoControlCode = IoControlCode;
	stack->Parameters.DeviceIoControl.InputBufferLength = InputBufferLength;
	stack->Parameters.DeviceIoControl.OutputBufferLength = OutputBufferLength;
	switch (IoControlCode & 3) {
	case METHOD_BUFFERED:
		ok = irp_system_buffer(irp, InputBuffer, InputBufferLength,
				       max(InputBufferLength, OutputBufferLength));
		if (OutputBufferLength) {
			irp->Flags |= IRP_INPUT_OPERATION;
			b->out = OutputBuffer;
			b->out_len = OutputBufferLength;
		}
		irp->UserBuffer = OutputBuffer;
		break;
	case METHOD_IN_DIRECT:
	case METHOD_OUT_DIRECT:
		ok = irp_system_buffer(irp, InputBuffer, InputBufferLength, InputBufferLength) &&
		     irp_mdl(irp, OutputBuffer, OutputBufferLength,
			     (IoControlCode & 3) == METHOD_IN_DIRECT ? IoReadAccess : IoWriteAccess);
		break;
	default:
		irp->UserBuffer = OutputBuffer;
		stack->Parameters.DeviceIoControl.Type3InputBuffer = InputBuffer;
		break;
	}
	return irp_built(irp, b, ok);
}
NTSHIM_EXPORT(IoBuildDeviceIoControlRequest);

/* Reads, writes, flushes and shutdowns, with the buffer as the device takes it. */
static PIRP irp_build_fsd(ULONG major, PDEVICE_OBJECT device, PVOID buffer, ULONG length,
			  PLARGE_INTEGER offset, PKEVENT event, PIO_STATUS_BLOCK iosb,
			  const void *caller)
{
	PIO_STACK_LOCATION stack;
	struct irp_built *b;
	bool ok = true;
	PIRP irp;

	if (major != IRP_MJ_READ && major != IRP_MJ_WRITE && major != IRP_MJ_FLUSH_BUFFERS &&
	    major != IRP_MJ_SHUTDOWN && major != IRP_MJ_PNP && major != IRP_MJ_POWER) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller, "IoBuild*FsdRequest: major function %u",
				major);
		return NULL;
	}
	irp = irp_build(device, major, event, iosb, &b, caller);
	if (!irp)
		return NULL;
	stack = IoGetNextIrpStackLocation(irp);
	if (major == IRP_MJ_READ || major == IRP_MJ_WRITE) {
		stack->Parameters.Read.Length = length;
		stack->Parameters.Read.ByteOffset.QuadPart = offset ? offset->QuadPart : 0;
		if (device->Flags & DO_BUFFERED_IO) {
			ok = irp_system_buffer(irp, major == IRP_MJ_WRITE ? buffer : NULL, length,
					       length);
			if (major == IRP_MJ_READ) {
				irp->Flags |= IRP_INPUT_OPERATION;
				b->out = buffer;
				b->out_len = length;
			}
		} else if (device->Flags & DO_DIRECT_IO) {
			ok = irp_mdl(irp, buffer, length,
				     major == IRP_MJ_READ ? IoWriteAccess : IoReadAccess);
		} else {
			irp->UserBuffer = buffer;
		}
	}
	return irp_built(irp, b, ok);
}

PIRP NTAPI IoBuildSynchronousFsdRequest(ULONG MajorFunction, PDEVICE_OBJECT DeviceObject,
					PVOID Buffer, ULONG Length, PLARGE_INTEGER StartingOffset,
					PKEVENT Event, PIO_STATUS_BLOCK IoStatusBlock)
{
	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, NULL);
	return irp_build_fsd(MajorFunction, DeviceObject, Buffer, Length, StartingOffset, Event,
			     IoStatusBlock, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoBuildSynchronousFsdRequest);

PIRP NTAPI IoBuildAsynchronousFsdRequest(ULONG MajorFunction, PDEVICE_OBJECT DeviceObject,
					 PVOID Buffer, ULONG Length,
					 PLARGE_INTEGER StartingOffset,
					 PIO_STATUS_BLOCK IoStatusBlock)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, NULL);
	return irp_build_fsd(MajorFunction, DeviceObject, Buffer, Length, StartingOffset, NULL,
			     IoStatusBlock, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoBuildAsynchronousFsdRequest);

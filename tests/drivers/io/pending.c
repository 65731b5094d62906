/*
 * ntt_pending: requests a driver pends, as NT drivers do (the program is
 * tests/user/ntt_pending.c): completed later from a timer's DPC, held with
 * a cancel routine until the requester gives up (a signal, or its exit),
 * or held with none until another request lets it go; and a program's
 * event, referenced by handle and set later from a DPC.  From DriverEntry:
 * IoCancelIrp and the cancel spin lock on IRPs the driver sends itself.
 */
#define NTTEST_NAME "ntt_pending"
#include "nttest.h"
#include "pending.h"

static PDEVICE_OBJECT Device;
static NTT_PENDING_STATS Stats;
static KSPIN_LOCK Lock;			/* guards the lists and Stuck */
static LIST_ENTRY Later, Held;
static PIRP Stuck;
static KTIMER LaterTimer, EventTimer;
static KDPC LaterDpc, EventDpc;
static PKEVENT UserEvent;
static PVOID Kept;		/* a reference never dropped: ntshim drops it at unload */

static NTSTATUS Complete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
	Irp->IoStatus.Status = Status;
	Irp->IoStatus.Information = Information;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return Status;
}

static VOID LaterRoutine(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
	PLIST_ENTRY entry;
	PIRP irp;

	for (;;) {
		KeAcquireSpinLockAtDpcLevel(&Lock);
		entry = IsListEmpty(&Later) ? NULL : RemoveHeadList(&Later);
		KeReleaseSpinLockFromDpcLevel(&Lock);
		if (!entry)
			break;
		irp = CONTAINING_RECORD(entry, IRP, Tail.Overlay.ListEntry);
		InterlockedIncrement((volatile LONG *)&Stats.Later);
		RtlCopyMemory(irp->AssociatedIrp.SystemBuffer, "later", 5);
		Complete(irp, STATUS_SUCCESS, 5);
	}
}

/* As Microsoft's event sample does: the program's event, set from a DPC. */
static VOID EventRoutine(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
	PKEVENT event = InterlockedExchangePointer((PVOID *)&UserEvent, NULL);

	if (event) {
		KeSetEvent(event, IO_NO_INCREMENT, FALSE);
		ObDereferenceObject(event);
	}
}

static NTSTATUS TakeEvent(PIRP Irp, PIO_STACK_LOCATION stack)
{
	LARGE_INTEGER due = { .QuadPart = -1000000 };	/* 100 ms */
	PVOID event;
	NTSTATUS status;

	if (stack->Parameters.DeviceIoControl.InputBufferLength < sizeof(ULONGLONG))
		return Complete(Irp, STATUS_INVALID_PARAMETER, 0);
	status = ObReferenceObjectByHandle((HANDLE)*(ULONG_PTR *)Irp->AssociatedIrp.SystemBuffer,
					   EVENT_MODIFY_STATE, *ExEventObjectType,
					   Irp->RequestorMode, &event, NULL);
	if (!NT_SUCCESS(status))
		return Complete(Irp, status, 0);
	if (InterlockedCompareExchangePointer((PVOID *)&UserEvent, event, NULL)) {
		ObDereferenceObject(event);
		return Complete(Irp, STATUS_DEVICE_BUSY, 0);
	}
	KeSetTimer(&EventTimer, due, &EventDpc);
	return Complete(Irp, STATUS_SUCCESS, 0);
}

static NTSTATUS KeepEvent(PIRP Irp, PIO_STACK_LOCATION stack)
{
	PVOID event;
	NTSTATUS status;

	if (Kept || stack->Parameters.DeviceIoControl.InputBufferLength < sizeof(ULONGLONG))
		return Complete(Irp, STATUS_INVALID_PARAMETER, 0);
	status = ObReferenceObjectByHandle((HANDLE)*(ULONG_PTR *)Irp->AssociatedIrp.SystemBuffer,
					   EVENT_MODIFY_STATE, *ExEventObjectType,
					   Irp->RequestorMode, &event, NULL);
	if (NT_SUCCESS(status)) {
		ObReferenceObject(event);
		ObDereferenceObject(event);
		Kept = event;
	}
	return Complete(Irp, status, 0);
}

static VOID CancelHeld(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	KIRQL irql;

	IoReleaseCancelSpinLock(Irp->CancelIrql);
	KeAcquireSpinLock(&Lock, &irql);
	RemoveEntryList(&Irp->Tail.Overlay.ListEntry);
	Stats.Holding--;
	KeReleaseSpinLock(&Lock, irql);
	InterlockedIncrement((volatile LONG *)&Stats.Cancelled);
	Complete(Irp, STATUS_CANCELLED, 0);
}

/* Queues a cancelable IRP, or completes it at once if it is cancelled already. */
static NTSTATUS Hold(PIRP Irp)
{
	KIRQL irql;

	IoMarkIrpPending(Irp);
	KeAcquireSpinLock(&Lock, &irql);
	InsertTailList(&Held, &Irp->Tail.Overlay.ListEntry);
	IoSetCancelRoutine(Irp, CancelHeld);
	if (Irp->Cancel && IoSetCancelRoutine(Irp, NULL)) {
		RemoveEntryList(&Irp->Tail.Overlay.ListEntry);
		KeReleaseSpinLock(&Lock, irql);
		Complete(Irp, STATUS_CANCELLED, 0);
		return STATUS_PENDING;
	}
	Stats.Holding++;
	KeReleaseSpinLock(&Lock, irql);
	return STATUS_PENDING;
}

static NTSTATUS DevControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
	ULONG out = stack->Parameters.DeviceIoControl.OutputBufferLength;
	LARGE_INTEGER due = { .QuadPart = -1000000 };	/* 100 ms */
	PIRP stuck;
	KIRQL irql;

	switch (stack->Parameters.DeviceIoControl.IoControlCode) {
	case IOCTL_NTT_PEND_LATER:
		if (out < 5)
			return Complete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
		IoMarkIrpPending(Irp);
		KeAcquireSpinLock(&Lock, &irql);
		InsertTailList(&Later, &Irp->Tail.Overlay.ListEntry);
		KeReleaseSpinLock(&Lock, irql);
		KeSetTimer(&LaterTimer, due, &LaterDpc);
		return STATUS_PENDING;
	case IOCTL_NTT_PEND_HELD:
		return Hold(Irp);
	case IOCTL_NTT_PEND_STUCK:
		KeAcquireSpinLock(&Lock, &irql);
		stuck = Stuck ? NULL : Irp;
		if (stuck) {
			IoMarkIrpPending(Irp);
			Stuck = Irp;
		}
		KeReleaseSpinLock(&Lock, irql);
		return stuck ? STATUS_PENDING : Complete(Irp, STATUS_DEVICE_BUSY, 0);
	case IOCTL_NTT_PEND_RELEASE:
		KeAcquireSpinLock(&Lock, &irql);
		stuck = Stuck;
		Stuck = NULL;
		KeReleaseSpinLock(&Lock, irql);
		if (stuck) {
			InterlockedIncrement((volatile LONG *)&Stats.Released);
			Complete(stuck, STATUS_SUCCESS, 0);
		}
		return Complete(Irp, stuck ? STATUS_SUCCESS : STATUS_NOT_FOUND, 0);
	case IOCTL_NTT_PEND_EVENT:
		return TakeEvent(Irp, stack);
	case IOCTL_NTT_PEND_KEEP:
		return KeepEvent(Irp, stack);
	case IOCTL_NTT_PEND_FREE:
		/* A driver bug: the IRP is the I/O manager's, which refuses. */
		IoFreeIrp(Irp);
		return Complete(Irp, STATUS_SUCCESS, 0);
	case IOCTL_NTT_PEND_STATS:
		if (out < sizeof(Stats))
			return Complete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
		RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, &Stats, sizeof(Stats));
		return Complete(Irp, STATUS_SUCCESS, sizeof(Stats));
	}
	return Complete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
}

static NTSTATUS DevCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	return Complete(Irp, STATUS_SUCCESS, 0);
}

/* As NT drivers do: the closing file object's held requests end here. */
static NTSTATUS DevCleanup(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PFILE_OBJECT file = IoGetCurrentIrpStackLocation(Irp)->FileObject;
	PLIST_ENTRY entry, next;
	LIST_ENTRY done;
	PIRP held;
	KIRQL irql;

	InitializeListHead(&done);
	KeAcquireSpinLock(&Lock, &irql);
	for (entry = Held.Flink; entry != &Held; entry = next) {
		next = entry->Flink;
		held = CONTAINING_RECORD(entry, IRP, Tail.Overlay.ListEntry);
		/* A request whose cancel routine is running is that routine's. */
		if (IoGetCurrentIrpStackLocation(held)->FileObject != file ||
		    !IoSetCancelRoutine(held, NULL))
			continue;
		RemoveEntryList(entry);
		InsertTailList(&done, entry);
		Stats.Holding--;
	}
	KeReleaseSpinLock(&Lock, irql);
	while (!IsListEmpty(&done)) {
		held = CONTAINING_RECORD(RemoveHeadList(&done), IRP, Tail.Overlay.ListEntry);
		InterlockedIncrement((volatile LONG *)&Stats.CleanedUp);
		Complete(held, STATUS_CANCELLED, 0);
	}
	InterlockedIncrement((volatile LONG *)&Stats.Cleanups);
	return Complete(Irp, STATUS_SUCCESS, 0);
}

/* ---- From DriverEntry: IRPs sent to the driver's own device. */

static volatile LONG CancelCalls, CancelAtDispatch;
static volatile KIRQL CancelIrql;

static VOID CancelAndKeep(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	InterlockedIncrement(&CancelCalls);
	CancelAtDispatch = KeGetCurrentIrql() == DISPATCH_LEVEL;
	CancelIrql = Irp->CancelIrql;
	IoReleaseCancelSpinLock(Irp->CancelIrql);
}

/* Returns without releasing the cancel lock: reported, and released for it. */
static VOID CancelForgetful(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	InterlockedIncrement(&CancelCalls);
}

static VOID CheckCancel(VOID)
{
	PIRP irp = IoAllocateIrp(Device->StackSize, FALSE);
	KIRQL irql;

	if (!irp) {
		NTTEST("irp_allocated", FALSE);
		return;
	}
	/* Not with any driver yet: nothing to call. */
	NTTEST("cancel_without_routine", !IoCancelIrp(irp) && irp->Cancel);
	irp->Cancel = FALSE;
	IoSetNextIrpStackLocation(irp);		/* as if a driver held it */
	IoSetCancelRoutine(irp, CancelAndKeep);
	NTTEST("cancel_calls_routine", IoCancelIrp(irp) && CancelCalls == 1 && irp->Cancel);
	NTTEST("routine_at_dispatch_level", CancelAtDispatch && CancelIrql == PASSIVE_LEVEL);
	NTTEST("routine_taken", !irp->CancelRoutine);
	NTTEST("second_cancel_finds_none", !IoCancelIrp(irp) && CancelCalls == 1);
	NTTEST("back_at_passive", KeGetCurrentIrql() == PASSIVE_LEVEL);
	IoSetCancelRoutine(irp, CancelForgetful);
	NTTEST("forgetful_routine_called", IoCancelIrp(irp) && CancelCalls == 2);
	NTTEST("lock_released_for_it", KeGetCurrentIrql() == PASSIVE_LEVEL);
	IoAcquireCancelSpinLock(&irql);
	NTTEST("cancel_lock_at_dispatch", KeGetCurrentIrql() == DISPATCH_LEVEL && irql == PASSIVE_LEVEL);
	IoReleaseCancelSpinLock(irql);
	IoFreeIrp(irp);
}

static VOID DevUnload(PDRIVER_OBJECT DriverObject)
{
	UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\NttPending");

	KeCancelTimer(&LaterTimer);
	if (KeCancelTimer(&EventTimer))
		EventRoutine(NULL, NULL, NULL, NULL);
	KeFlushQueuedDpcs();
	NTTEST("nothing_held_at_unload", IsListEmpty(&Held) && IsListEmpty(&Later) && !Stuck);
	IoDeleteSymbolicLink(&link);
	IoDeleteDevice(Device);
	NtTestUnloadDone();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\NttPending");
	UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\NttPending");
	NTSTATUS status;

	KeInitializeSpinLock(&Lock);
	InitializeListHead(&Later);
	InitializeListHead(&Held);
	KeInitializeTimer(&LaterTimer);
	KeInitializeDpc(&LaterDpc, LaterRoutine, NULL);
	KeInitializeTimer(&EventTimer);
	KeInitializeDpc(&EventDpc, EventRoutine, NULL);
	DriverObject->MajorFunction[IRP_MJ_CREATE] = DevCreateClose;
	DriverObject->MajorFunction[IRP_MJ_CLOSE] = DevCreateClose;
	DriverObject->MajorFunction[IRP_MJ_CLEANUP] = DevCleanup;
	DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = DevControl;
	status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &Device);
	NTTEST("device_created", NT_SUCCESS(status));
	if (!NT_SUCCESS(status))
		return status;
	Device->Flags |= DO_BUFFERED_IO;
	NTTEST("link_created", NT_SUCCESS(IoCreateSymbolicLink(&link, &name)));
	CheckCancel();
	DriverObject->DriverUnload = DevUnload;
	return NtTestEntryDone();
}

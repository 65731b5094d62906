/*
 * ntt_startio: the I/O manager's queueing of requests, from DriverEntry:
 * KDEVICE_QUEUE (FIFO and by key), StartIo one request at a time at
 * DISPATCH_LEVEL with queued packets cancelled through their routine,
 * deferred StartIo (IoSetStartIoAttributes: no recursion, no cancel
 * routine), cancel-safe queues with every race NT defines (cancelled before
 * insertion, while queued, removal by context), and remove locks waited
 * for while a DPC releases the last hold.
 */
#define NTTEST_NAME "ntt_startio"
#include "nttest.h"

static PDEVICE_OBJECT Device;
static PDEVICE_OBJECT Chained;	/* its StartIo starts the next packet from inside */

static PIRP NewIrp(VOID)
{
	PIRP irp = IoAllocateIrp(Device->StackSize, FALSE);

	if (irp) {
		/* As a driver holding it sees it: its stack location current. */
		IoSetNextIrpStackLocation(irp);
		IoGetCurrentIrpStackLocation(irp)->DeviceObject = Device;
	}
	return irp;
}

static VOID Finish(PIRP Irp, NTSTATUS Status)
{
	Irp->IoStatus.Status = Status;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
}

/* ---- KDEVICE_QUEUE */

static VOID CheckDeviceQueue(VOID)
{
	KDEVICE_QUEUE q;
	KDEVICE_QUEUE_ENTRY e[5];
	PKDEVICE_QUEUE_ENTRY got;
	KIRQL irql;

	KeInitializeDeviceQueue(&q);
	KeRaiseIrql(DISPATCH_LEVEL, &irql);
	NTTEST("idle_queue_not_inserted", !KeInsertDeviceQueue(&q, &e[0]) && q.Busy &&
	       !e[0].Inserted);
	NTTEST("busy_queue_inserts", KeInsertDeviceQueue(&q, &e[1]) &&
	       KeInsertDeviceQueue(&q, &e[2]) && e[1].Inserted && e[2].Inserted);
	NTTEST("fifo_order", KeRemoveDeviceQueue(&q) == &e[1] && !e[1].Inserted);
	NTTEST("remove_entry_queued", KeRemoveEntryDeviceQueue(&q, &e[2]) && !e[2].Inserted);
	NTTEST("remove_entry_not_queued", !KeRemoveEntryDeviceQueue(&q, &e[2]));
	NTTEST("empty_remove_goes_idle", !KeRemoveDeviceQueue(&q) && !q.Busy);

	KeInsertByKeyDeviceQueue(&q, &e[0], 0);		/* idle: only busy now */
	KeInsertByKeyDeviceQueue(&q, &e[1], 5);
	KeInsertByKeyDeviceQueue(&q, &e[2], 1);
	KeInsertByKeyDeviceQueue(&q, &e[3], 3);
	KeInsertByKeyDeviceQueue(&q, &e[4], 3);
	got = KeRemoveByKeyDeviceQueue(&q, 2);
	NTTEST("by_key_first_at_least_key", got == &e[3] && got->SortKey == 3);
	NTTEST("equal_keys_in_order", KeRemoveByKeyDeviceQueue(&q, 3) == &e[4]);
	NTTEST("no_key_that_high_takes_head", KeRemoveByKeyDeviceQueue(&q, 9) == &e[2]);
	NTTEST("sorted_by_key", KeRemoveDeviceQueue(&q) == &e[1] && !KeRemoveDeviceQueue(&q));
	KeLowerIrql(irql);
}

/* ---- StartIo */

static PIRP Started[8];
static volatile LONG StartCount, StartAtDispatch = 1, StartCancelled;

static volatile LONG ChainDepth, ChainMaxDepth, ChainCount, ChainCancelable;
static BOOLEAN ChainHold;

/* As many drivers do: the packet done at once, and the next one started. */
static VOID ChainStartIo(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	LONG depth = InterlockedIncrement(&ChainDepth);

	if (depth > ChainMaxDepth)
		ChainMaxDepth = depth;
	InterlockedIncrement(&ChainCount);
	if (!ChainHold) {
		if (IoSetCancelRoutine(Irp, NULL))
			InterlockedIncrement(&ChainCancelable);
		IoStartNextPacket(DeviceObject, FALSE);
		Finish(Irp, STATUS_SUCCESS);
	}
	InterlockedDecrement(&ChainDepth);
}

static VOID StartIo(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	if (DeviceObject == Chained) {
		ChainStartIo(DeviceObject, Irp);
		return;
	}
	if (KeGetCurrentIrql() != DISPATCH_LEVEL || DeviceObject->CurrentIrp != Irp)
		StartAtDispatch = 0;
	if (StartCount < 8)
		Started[StartCount] = Irp;
	InterlockedIncrement(&StartCount);
}

/* The packet's cancel routine: off the device queue, completed cancelled. */
static VOID CancelPacket(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	BOOLEAN queued = KeRemoveEntryDeviceQueue(&DeviceObject->DeviceQueue,
						  &Irp->Tail.Overlay.DeviceQueueEntry);

	IoReleaseCancelSpinLock(Irp->CancelIrql);
	if (queued) {
		InterlockedIncrement(&StartCancelled);
		Finish(Irp, STATUS_CANCELLED);
	}
}

/* The current request is done: complete it and start the next, as drivers do. */
static VOID FinishCurrent(VOID)
{
	PIRP irp = Device->CurrentIrp;
	KIRQL irql;

	KeRaiseIrql(DISPATCH_LEVEL, &irql);
	IoStartNextPacket(Device, TRUE);
	KeLowerIrql(irql);
	if (irp)
		Finish(irp, STATUS_SUCCESS);
}

static VOID CheckStartIo(VOID)
{
	PIRP irp[6];
	ULONG key = 7;
	int i;

	for (i = 0; i < 6; i++) {
		irp[i] = NewIrp();
		if (!irp[i]) {
			NTTEST("irps_allocated", FALSE);
			return;
		}
	}
	IoStartPacket(Device, irp[0], NULL, CancelPacket);
	NTTEST("idle_device_starts_at_once", StartCount == 1 && Started[0] == irp[0] &&
	       Device->CurrentIrp == irp[0]);
	IoStartPacket(Device, irp[1], NULL, CancelPacket);
	IoStartPacket(Device, irp[2], &key, CancelPacket);
	IoStartPacket(Device, irp[3], NULL, CancelPacket);
	NTTEST("busy_device_queues", StartCount == 1);
	NTTEST("cancel_queued_packet", IoCancelIrp(irp[3]) && StartCancelled == 1);
	irp[4]->Cancel = TRUE;
	IoStartPacket(Device, irp[4], NULL, CancelPacket);
	NTTEST("cancelled_before_queued", StartCancelled == 2 && StartCount == 1);
	FinishCurrent();
	NTTEST("next_packet_started", StartCount == 2 && Started[1] == irp[1]);
	FinishCurrent();
	NTTEST("keyed_packet_started", StartCount == 3 && Started[2] == irp[2]);
	FinishCurrent();
	NTTEST("queue_empty_device_idle", StartCount == 3 && !Device->CurrentIrp &&
	       !Device->DeviceQueue.Busy);
	IoStartPacket(Device, irp[5], NULL, NULL);
	NTTEST("idle_again_starts", StartCount == 4 && Started[3] == irp[5]);
	FinishCurrent();
	NTTEST("start_io_at_dispatch_level_current_irp", StartAtDispatch);
	for (i = 0; i < 6; i++)
		IoFreeIrp(irp[i]);
}

/*
 * One packet held in StartIo while three queue behind it (with a cancel
 * routine), then the chain started: each StartIo starts the next.
 */
static VOID RunChain(BOOLEAN Deferred)
{
	PIRP irp[4];
	KIRQL irql;
	int i;

	for (i = 0; i < 4; i++)
		irp[i] = NewIrp();
	if (!irp[0] || !irp[1] || !irp[2] || !irp[3]) {
		NTTEST("chain_irps_allocated", FALSE);
		goto out;
	}
	IoSetStartIoAttributes(Chained, Deferred, Deferred);
	ChainDepth = ChainMaxDepth = ChainCount = ChainCancelable = 0;
	ChainHold = TRUE;
	IoStartPacket(Chained, irp[0], NULL, NULL);
	ChainHold = FALSE;
	for (i = 1; i < 4; i++)
		IoStartPacket(Chained, irp[i], NULL, CancelPacket);
	KeRaiseIrql(DISPATCH_LEVEL, &irql);
	IoStartNextPacket(Chained, FALSE);
	KeLowerIrql(irql);
	Finish(irp[0], STATUS_SUCCESS);
	NTTEST(Deferred ? "deferred_chain_all_started" : "chain_all_started",
	       ChainCount == 4 && !Chained->CurrentIrp && !Chained->DeviceQueue.Busy);
	if (Deferred) {
		NTTEST("deferred_start_io_not_nested", ChainMaxDepth == 1);
		NTTEST("non_cancelable_in_start_io", ChainCancelable == 0);
	} else {
		NTTEST("start_io_nested_as_nt", ChainMaxDepth == 3);
		NTTEST("cancel_routine_kept_in_start_io", ChainCancelable == 3);
	}
out:
	for (i = 0; i < 4; i++)
		if (irp[i])
			IoFreeIrp(irp[i]);
}

static VOID CheckDeferredStartIo(VOID)
{
	NTSTATUS status = IoCreateDevice(Device->DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0,
					 FALSE, &Chained);

	NTTEST("chained_device_created", NT_SUCCESS(status));
	if (!NT_SUCCESS(status))
		return;
	RunChain(FALSE);
	RunChain(TRUE);
}

/* ---- Cancel-safe queue */

static IO_CSQ Csq;
static LIST_ENTRY CsqList;
static KSPIN_LOCK CsqLock;
static volatile LONG CsqCancelled;
static BOOLEAN RefuseInsert;

static NTSTATUS CsqInsert(PIO_CSQ Q, PIRP Irp, PVOID InsertContext)
{
	if (RefuseInsert)
		return STATUS_DEVICE_BUSY;
	InsertTailList(&CsqList, &Irp->Tail.Overlay.ListEntry);
	return STATUS_SUCCESS;
}

static VOID CsqRemove(PIO_CSQ Q, PIRP Irp)
{
	RemoveEntryList(&Irp->Tail.Overlay.ListEntry);
}

/* The next IRP after Irp (or the first) whose file object is PeekContext, if given. */
static PIRP CsqPeek(PIO_CSQ Q, PIRP Irp, PVOID PeekContext)
{
	PLIST_ENTRY next = Irp ? Irp->Tail.Overlay.ListEntry.Flink : CsqList.Flink;
	PIRP irp;

	for (; next != &CsqList; next = next->Flink) {
		irp = CONTAINING_RECORD(next, IRP, Tail.Overlay.ListEntry);
		if (!PeekContext || irp->Tail.Overlay.OriginalFileObject == PeekContext)
			return irp;
	}
	return NULL;
}

static VOID CsqAcquire(PIO_CSQ Q, PKIRQL Irql)
{
	KeAcquireSpinLock(&CsqLock, Irql);
}

static VOID CsqRelease(PIO_CSQ Q, KIRQL Irql)
{
	KeReleaseSpinLock(&CsqLock, Irql);
}

static VOID CsqCompleteCanceled(PIO_CSQ Q, PIRP Irp)
{
	InterlockedIncrement(&CsqCancelled);
	Finish(Irp, STATUS_CANCELLED);
}

static VOID CheckCsq(VOID)
{
	IO_CSQ_IRP_CONTEXT context;
	FILE_OBJECT marker;
	PIRP irp[5];
	int i;

	KeInitializeSpinLock(&CsqLock);
	InitializeListHead(&CsqList);
	NTTEST("csq_initialized",
	       NT_SUCCESS(IoCsqInitializeEx(&Csq, CsqInsert, CsqRemove, CsqPeek, CsqAcquire,
					    CsqRelease, CsqCompleteCanceled)));
	for (i = 0; i < 5; i++) {
		irp[i] = NewIrp();
		if (!irp[i]) {
			NTTEST("irps_allocated", FALSE);
			return;
		}
	}
	irp[1]->Tail.Overlay.OriginalFileObject = &marker;
	IoCsqInsertIrp(&Csq, irp[0], NULL);
	IoCsqInsertIrp(&Csq, irp[1], NULL);
	IoCsqInsertIrp(&Csq, irp[2], &context);
	NTTEST("insert_marks_pending", IoGetCurrentIrpStackLocation(irp[0])->Control &
	       SL_PENDING_RETURNED);
	NTTEST("peek_context_filters", IoCsqRemoveNextIrp(&Csq, &marker) == irp[1]);
	NTTEST("remove_by_context", IoCsqRemoveIrp(&Csq, &context) == irp[2] && !context.Irp);
	NTTEST("removed_context_gives_none", !IoCsqRemoveIrp(&Csq, &context));
	NTTEST("cancel_while_queued", IoCancelIrp(irp[0]) && CsqCancelled == 1 &&
	       IsListEmpty(&CsqList));
	irp[3]->Cancel = TRUE;
	IoCsqInsertIrp(&Csq, irp[3], NULL);
	NTTEST("cancelled_before_insertion", CsqCancelled == 2 && IsListEmpty(&CsqList));
	RefuseInsert = TRUE;
	NTTEST("insert_ex_refused", IoCsqInsertIrpEx(&Csq, irp[4], NULL, NULL) ==
	       STATUS_DEVICE_BUSY && IsListEmpty(&CsqList) && !irp[4]->CancelRoutine);
	NTTEST("removed_irp_not_cancelled", !IoCancelIrp(irp[1]) && CsqCancelled == 2);
	NTTEST("empty_queue_gives_none", !IoCsqRemoveNextIrp(&Csq, NULL));
	Finish(irp[1], STATUS_SUCCESS);
	Finish(irp[2], STATUS_SUCCESS);
	for (i = 0; i < 5; i++)
		IoFreeIrp(irp[i]);
}

/* ---- Remove locks */

static IO_REMOVE_LOCK RemoveLock;
static KTIMER RemoveTimer;
static KDPC RemoveDpc;
static volatile LONG DpcReleased;

static VOID ReleaseLater(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
	IoReleaseRemoveLock(&RemoveLock, NULL);
	InterlockedExchange(&DpcReleased, 1);
	IoReleaseRemoveLock(&RemoveLock, NULL);
}

static VOID CheckRemoveLock(VOID)
{
	LARGE_INTEGER due = { .QuadPart = -1000000 };	/* 100 ms */

	IoInitializeRemoveLock(&RemoveLock, 'tNtN', 0, 0);
	NTTEST("acquire", IoAcquireRemoveLock(&RemoveLock, NULL) == STATUS_SUCCESS);
	NTTEST("acquire_twice_more", NT_SUCCESS(IoAcquireRemoveLock(&RemoveLock, NULL)) &&
	       NT_SUCCESS(IoAcquireRemoveLock(&RemoveLock, NULL)));
	KeInitializeDpc(&RemoveDpc, ReleaseLater, NULL);
	KeInitializeTimer(&RemoveTimer);
	KeSetTimer(&RemoveTimer, due, &RemoveDpc);
	IoReleaseRemoveLockAndWait(&RemoveLock, NULL);
	NTTEST("wait_until_last_release", DpcReleased == 1 && RemoveLock.Common.IoCount == 0);
	NTTEST("acquire_after_removal", IoAcquireRemoveLock(&RemoveLock, NULL) ==
	       STATUS_DELETE_PENDING);
}

static VOID DevUnload(PDRIVER_OBJECT DriverObject)
{
	if (Chained)
		IoDeleteDevice(Chained);
	IoDeleteDevice(Device);
	NtTestUnloadDone();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	NTSTATUS status;

	DriverObject->DriverStartIo = StartIo;
	status = IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &Device);
	NTTEST("device_created", NT_SUCCESS(status));
	if (!NT_SUCCESS(status))
		return status;
	CheckDeviceQueue();
	CheckStartIo();
	CheckDeferredStartIo();
	CheckCsq();
	CheckRemoveLock();
	KeFlushQueuedDpcs();
	DriverObject->DriverUnload = DevUnload;
	return NtTestEntryDone();
}

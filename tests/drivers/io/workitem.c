/*
 * ntt_workitem: work items as NT defines them: IoAllocateWorkItem and
 * IoInitializeWorkItem items, IoQueueWorkItem(Ex) and ExQueueWorkItem, run
 * at PASSIVE_LEVEL in the System process with their device and context,
 * queued from DPCs, requeued and freed by their own routines; a full
 * queue, items queued twice or freed while queued; and an item still
 * running when the driver unloads, which holds the unload until it returns.
 */
#define NTTEST_NAME "ntt_workitem"
#include "nttest.h"

#define BLOCKERS 8

static PDEVICE_OBJECT Device;
static PDRIVER_OBJECT Driver;
static KEVENT Ran, Gate;
static volatile LONG Runs, Wrong, Blocked;
static LONG Cookie;
static KDPC QueueDpc;
static PIO_WORKITEM DpcItem, LateItem;
static WORK_QUEUE_ITEM Blockers[BLOCKERS], Extra;

static VOID CheckContext(PDEVICE_OBJECT DeviceObject, PVOID Context, PVOID Expected)
{
	if (KeGetCurrentIrql() != PASSIVE_LEVEL || PsGetCurrentProcess() != PsInitialSystemProcess ||
	    Context != Expected)
		InterlockedIncrement(&Wrong);
}

static VOID Simple(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
	CheckContext(DeviceObject, Context, &Cookie);
	if (DeviceObject != Device)
		InterlockedIncrement(&Wrong);
	InterlockedIncrement(&Runs);
	KeSetEvent(&Ran, IO_NO_INCREMENT, FALSE);
}

static BOOLEAN WaitRan(VOID)
{
	LARGE_INTEGER limit = { .QuadPart = -50000000 };
	BOOLEAN ok = KeWaitForSingleObject(&Ran, Executive, KernelMode, FALSE, &limit) ==
		     STATUS_WAIT_0;

	KeClearEvent(&Ran);
	return ok;
}

static VOID QueueFromDpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
	IoQueueWorkItem(DpcItem, Simple, CriticalWorkQueue, &Cookie);
}

static VOID CheckAllocated(VOID)
{
	PIO_WORKITEM item = IoAllocateWorkItem(Device);

	NTTEST("allocated", item != NULL);
	if (!item)
		return;
	IoQueueWorkItem(item, Simple, DelayedWorkQueue, &Cookie);
	NTTEST("runs_at_passive_in_system", WaitRan() && Runs == 1 && Wrong == 0);
	DpcItem = item;
	KeInitializeDpc(&QueueDpc, QueueFromDpc, NULL);
	KeInsertQueueDpc(&QueueDpc, NULL, NULL);
	NTTEST("queued_from_dpc", WaitRan() && Runs == 2 && Wrong == 0);
	KeFlushQueuedDpcs();
	IoFreeWorkItem(item);
	NTTEST("not_a_device_refused", IoAllocateWorkItem((PDEVICE_OBJECT)&Cookie) == NULL);
}

/* An Ex item on a caller's storage, for the driver object, requeued by itself. */
static VOID Again(PVOID IoObject, PVOID Context, PIO_WORKITEM IoWorkItem)
{
	if (IoObject != Driver || KeGetCurrentIrql() != PASSIVE_LEVEL)
		InterlockedIncrement(&Wrong);
	if (InterlockedIncrement(&Runs) < 3)
		IoQueueWorkItemEx(IoWorkItem, Again, DelayedWorkQueue, Context);
	else
		KeSetEvent(&Ran, IO_NO_INCREMENT, FALSE);
}

static VOID CheckInitialized(VOID)
{
	PIO_WORKITEM item = ExAllocatePool2(POOL_FLAG_NON_PAGED, IoSizeofWorkItem(), 'tIwN');

	NTTEST("size_known", IoSizeofWorkItem() > 0 && item != NULL);
	if (!item)
		return;
	Runs = 0;
	IoInitializeWorkItem(Driver, item);
	IoQueueWorkItemEx(item, Again, DelayedWorkQueue, NULL);
	NTTEST("requeued_by_its_routine", WaitRan() && Runs == 3 && Wrong == 0);
	IoUninitializeWorkItem(item);
	ExFreePoolWithTag(item, 'tIwN');
}

/* Frees itself, as drivers commonly do at the end of the routine. */
static VOID FreesItself(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
	IoFreeWorkItem((PIO_WORKITEM)Context);
	KeSetEvent(&Ran, IO_NO_INCREMENT, FALSE);
}

static VOID Blocker(PVOID Parameter)
{
	InterlockedIncrement(&Blocked);
	KeWaitForSingleObject(&Gate, Executive, KernelMode, FALSE, NULL);
	InterlockedDecrement(&Blocked);
}

static VOID ExtraRan(PVOID Parameter)
{
	InterlockedIncrement(&Runs);
}

/* All workers of the queue busy: items wait, and misuse is seen for sure. */
static VOID CheckFullQueue(VOID)
{
	LARGE_INTEGER ms = { .QuadPart = -10000 };
	PIO_WORKITEM twice = IoAllocateWorkItem(Device), freed = IoAllocateWorkItem(Device);
	int i;

	KeInitializeEvent(&Gate, NotificationEvent, FALSE);
	for (i = 0; i < BLOCKERS; i++) {
		ExInitializeWorkItem(&Blockers[i], Blocker, NULL);
		ExQueueWorkItem(&Blockers[i], DelayedWorkQueue);
	}
	for (i = 0; i < 500 && Blocked < BLOCKERS; i++)
		KeDelayExecutionThread(KernelMode, FALSE, &ms);
	NTTEST("workers_all_busy", Blocked == BLOCKERS);
	Runs = 0;
	ExInitializeWorkItem(&Extra, ExtraRan, NULL);
	ExQueueWorkItem(&Extra, DelayedWorkQueue);
	ExQueueWorkItem(&Extra, DelayedWorkQueue);
	IoQueueWorkItem(twice, FreesItself, DelayedWorkQueue, twice);
	IoQueueWorkItem(twice, FreesItself, DelayedWorkQueue, twice);
	IoQueueWorkItem(freed, Simple, DelayedWorkQueue, &Cookie);
	IoFreeWorkItem(freed);
	for (i = 0; i < 20; i++)
		KeDelayExecutionThread(KernelMode, FALSE, &ms);
	NTTEST("nothing_runs_while_full", Runs == 0);
	KeSetEvent(&Gate, IO_NO_INCREMENT, FALSE);
	NTTEST("queued_items_run_once", WaitRan());
	for (i = 0; i < 500 && (Blocked || Runs < 1); i++)
		KeDelayExecutionThread(KernelMode, FALSE, &ms);
	for (i = 0; i < 20; i++)
		KeDelayExecutionThread(KernelMode, FALSE, &ms);
	NTTEST("extra_ran_once_freed_item_never", Runs == 1 && Blocked == 0 && Wrong == 0);
}

/* Still running when the driver unloads: the unload waits for it. */
static VOID Late(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
	LARGE_INTEGER wait = { .QuadPart = -3000000 };	/* 300 ms */

	KeDelayExecutionThread(KernelMode, FALSE, &wait);
	DbgPrint("ntt_workitem: late work item returned, device %p type %lu\n", DeviceObject,
		 DeviceObject->DeviceType);
	IoFreeWorkItem(LateItem);
}

static DRIVER_UNLOAD WorkUnload;

static VOID WorkUnload(PDRIVER_OBJECT DriverObject)
{
	LateItem = IoAllocateWorkItem(Device);
	if (LateItem)
		IoQueueWorkItem(LateItem, Late, DelayedWorkQueue, NULL);
	IoDeleteDevice(Device);
	NtTestUnloadDone();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	NTSTATUS status;

	Driver = DriverObject;
	KeInitializeEvent(&Ran, NotificationEvent, FALSE);
	status = IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &Device);
	NTTEST("device", NT_SUCCESS(status));
	if (!NT_SUCCESS(status))
		return status;
	CheckAllocated();
	CheckInitialized();
	CheckFullQueue();
	DriverObject->DriverUnload = WorkUnload;
	return NtTestEntryDone();
}

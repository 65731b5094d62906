/*
 * ntt_misuse: a careless driver.  Every call here breaks an NT rule; ntshim
 * must refuse or repair each with one complaint (counted by identity in
 * debugfs, checked by ntshim_test.sh) and keep the kernel healthy.
 */
#define NTTEST_NAME "ntt_misuse"
#include "nttest.h"

static PDRIVER_OBJECT Driver;
static KSPIN_LOCK FreeLock, HeldLock, EntryLock, UnloadLock, DispatchLock, CompletionLock;
static volatile LONG HolderState;
static BOOLEAN StillHeldInHolder;
static KTIMER ZeroTimer;
static KEVENT ZeroEvent;
static KDPC ZeroDpc;
static ULONG StaticWord;
static volatile LONG IoTimerRan;

static VOID Sleep(LONG Ms)
{
	LARGE_INTEGER t = { .QuadPart = -10000LL * Ms };

	KeDelayExecutionThread(KernelMode, FALSE, &t);
}

/*
 * A DPC on the other processor holds HeldLock until DriverEntry, at
 * DISPATCH_LEVEL on its own processor (so neither waits for the other to
 * be scheduled), has tried to release it.
 */
static KDPC HolderDpc;

static VOID Holder(PKDPC Dpc, PVOID Ctx, PVOID A1, PVOID A2)
{
	LONG i;

	UNREFERENCED_PARAMETER(Dpc);
	UNREFERENCED_PARAMETER(Ctx);
	UNREFERENCED_PARAMETER(A1);
	UNREFERENCED_PARAMETER(A2);
	KeAcquireSpinLockAtDpcLevel(&HeldLock);
	InterlockedExchange(&HolderState, 1);
	for (i = 0; i < 5000000 && HolderState != 2; i++)
		KeStallExecutionProcessor(1);
	StillHeldInHolder = !KeTestSpinLock(&HeldLock);
	KeReleaseSpinLockFromDpcLevel(&HeldLock);
	InterlockedExchange(&HolderState, 3);
}

static VOID CheckSpinLocks(VOID)
{
	ULONG cpus = KeQueryActiveProcessorCount(NULL);
	BOOLEAN still_held = FALSE;
	KIRQL old;
	LONG i;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeReleaseSpinLock(&FreeLock, old);
	NTTEST("release_free_lock_lowers", KeGetCurrentIrql() == PASSIVE_LEVEL);
	NTTEST("free_lock_stays_free", KeTestSpinLock(&FreeLock));

	if (cpus < 2) {
		NTTEST("foreign_release_needs_two_processors", FALSE);
		return;
	}
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeInitializeDpc(&HolderDpc, Holder, NULL);
	KeSetTargetProcessorDpc(&HolderDpc, (CCHAR)((KeGetCurrentProcessorNumber() + 1) % cpus));
	KeInsertQueueDpc(&HolderDpc, NULL, NULL);
	for (i = 0; i < 5000000 && HolderState != 1; i++)
		KeStallExecutionProcessor(1);
	if (HolderState == 1) {
		KeReleaseSpinLockFromDpcLevel(&HeldLock);
		still_held = !KeTestSpinLock(&HeldLock);
	}
	InterlockedExchange(&HolderState, 2);
	KeLowerIrql(old);
	for (i = 0; i < 5000 && HolderState != 3; i++)
		Sleep(1);
	NTTEST("foreign_release_leaves_lock_held", still_held && StillHeldInHolder);
	NTTEST("owner_release_frees", HolderState == 3 && KeTestSpinLock(&HeldLock));
}

static BOOLEAN Isr(PKINTERRUPT Interrupt, PVOID Context)
{
	UNREFERENCED_PARAMETER(Interrupt);
	UNREFERENCED_PARAMETER(Context);
	return FALSE;
}

static VOID Reinit(PDRIVER_OBJECT DriverObject, PVOID Context, ULONG Count)
{
	UNREFERENCED_PARAMETER(DriverObject);
	UNREFERENCED_PARAMETER(Context);
	UNREFERENCED_PARAMETER(Count);
	DbgPrint("nttest-misuse: reinitialization routine registered from another thread ran\n");
}

static VOID RegisterReinitFromThread(PVOID Ctx)
{
	UNREFERENCED_PARAMETER(Ctx);
	IoRegisterDriverReinitialization(Driver, Reinit, NULL);
}

static VOID CheckBadArguments(VOID)
{
	PKINTERRUPT in = NULL;
	PVOID objects[2] = { NULL, NULL };
	KEVENT ev;

	NTTEST("connect_null_object", IoConnectInterrupt(NULL, Isr, NULL, NULL, 1, 5, 5, Latched,
							 FALSE, 1, FALSE) == STATUS_INVALID_PARAMETER);
	NTTEST("connect_null_isr", IoConnectInterrupt(&in, NULL, NULL, NULL, 1, 5, 5, Latched,
						      FALSE, 1, FALSE) == STATUS_INVALID_PARAMETER &&
	       in == NULL);
	NTTEST("delay_null_interval",
	       KeDelayExecutionThread(KernelMode, FALSE, NULL) == STATUS_INVALID_PARAMETER);
	KeInitializeEvent(&ev, NotificationEvent, TRUE);
	objects[0] = &ev;
	/* CHAR and CCHAR are signed on both sides, whatever the kernel's char. */
	NTTEST("negative_stack_size_refused", IoAllocateIrp(-1, FALSE) == NULL);
	NTTEST("negative_processor_refused", (KeSetTargetProcessorDpc(&ZeroDpc, -1),
					      ZeroDpc.Number == 0));
	NTTEST("wait_multiple_null_entry",
	       KeWaitForMultipleObjects(2, objects, WaitAny, Executive, KernelMode, FALSE, NULL,
					NULL) == STATUS_INVALID_PARAMETER);
	NTTEST("reinit_from_other_thread", NtTestRunThread(RegisterReinitFromThread));
}

static VOID CheckUninitializedObjects(VOID)
{
	LARGE_INTEGER zero = { .QuadPart = 0 }, due = { .QuadPart = -10000 };

	NTTEST("set_zero_timer", KeSetTimer(&ZeroTimer, due, NULL) == FALSE);
	NTTEST("cancel_zero_timer", KeCancelTimer(&ZeroTimer) == FALSE);
	NTTEST("set_zero_event", KeSetEvent(&ZeroEvent, IO_NO_INCREMENT, FALSE) == 0);
	NTTEST("wait_zero_event", KeWaitForSingleObject(&ZeroEvent, Executive, KernelMode, FALSE,
							&zero) == STATUS_INVALID_PARAMETER);
	NTTEST("insert_zero_dpc", KeInsertQueueDpc(&ZeroDpc, NULL, NULL) == FALSE);
}

static VOID CheckBadFrees(VOID)
{
	PHYSICAL_ADDRESS ioapic = { .QuadPart = 0xfec00000 };
	ULONG onstack = 0;
	PVOID big, io;
	KIRQL old;

	big = ExAllocatePoolWithTag(NonPagedPool, 8 << 20, 'gibT');
	NTTEST("large_block", big != NULL);
	if (big) {
		ExFreePoolWithTag(big, 'gibT');
		ExFreePoolWithTag(big, 'gibT');
	}
	io = MmMapIoSpace(ioapic, 0x1000, MmNonCached);
	NTTEST("io_space_mapped", io != NULL);
	if (io) {
		ExFreePool(io);
		MmUnmapIoSpace(io, 0x1000);
	}
	ExFreePool(&onstack);
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	ExFreePool(&StaticWord);
	KeLowerIrql(old);
	ExFreePool(NULL);
	NTTEST("bad_frees_survived", TRUE);
}

static VOID CheckBadStrings(VOID)
{
	UNICODE_STRING bad = { .Length = 8, .MaximumLength = 8,
			       .Buffer = (PWCH)(ULONG_PTR)0xdead0000 };

	DbgPrint("nttest-misuse: status as string: %s\n",
		 (PCSTR)(ULONG_PTR)STATUS_UNSUCCESSFUL);
	DbgPrint("nttest-misuse: wide: %ws\n", (PCWSTR)(ULONG_PTR)0x10);
	DbgPrint("nttest-misuse: counted: %wZ\n", &bad);
	NTTEST("bad_strings_survived", TRUE);
}

static VOID CheckEdgeValues(VOID)
{
	LARGE_INTEGER farthest = { .QuadPart = -0x7fffffffffffffffLL - 1 };
	PDEVICE_OBJECT dev = (PDEVICE_OBJECT)1;
	KTIMER timer;

	NTTEST("huge_extension_refused",
	       IoCreateDevice(Driver, 16 << 20, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &dev) ==
	       STATUS_INSUFFICIENT_RESOURCES && dev == NULL);
	KeInitializeTimer(&timer);
	KeSetTimer(&timer, farthest, NULL);
	Sleep(50);
	NTTEST("farthest_future_not_fired", !KeReadStateTimer(&timer));
	NTTEST("farthest_future_still_armed", KeCancelTimer(&timer));
}

/* Routines that return with a spin lock held. */
static NTSTATUS Completion(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
	KIRQL old;

	UNREFERENCED_PARAMETER(DeviceObject);
	UNREFERENCED_PARAMETER(Irp);
	UNREFERENCED_PARAMETER(Context);
	KeAcquireSpinLock(&CompletionLock, &old);
	return STATUS_SUCCESS;
}

static NTSTATUS Dispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	KIRQL old;

	UNREFERENCED_PARAMETER(DeviceObject);
	Irp->IoStatus.Status = STATUS_SUCCESS;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	KeAcquireSpinLock(&DispatchLock, &old);
	return STATUS_SUCCESS;
}

/* At DISPATCH_LEVEL already: an interrupt spin lock's level is left behind. */
static VOID IoTimerRoutine(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
	KIRQL old;

	UNREFERENCED_PARAMETER(Context);
	IoStopTimer(DeviceObject);
	if (InterlockedIncrement(&IoTimerRan) == 1)
		KeRaiseIrql(HIGH_LEVEL, &old);
}

static VOID CheckRoutinesLeftRaised(VOID)
{
	PDEVICE_OBJECT dev;
	PIRP irp;
	LONG i;

	if (!NT_SUCCESS(IoCreateDevice(Driver, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &dev))) {
		NTTEST("device", FALSE);
		return;
	}
	Driver->MajorFunction[IRP_MJ_DEVICE_CONTROL] = Dispatch;
	irp = IoAllocateIrp(1, FALSE);
	if (irp) {
		IoSetCompletionRoutine(irp, Completion, NULL, TRUE, TRUE, TRUE);
		IoGetNextIrpStackLocation(irp)->MajorFunction = IRP_MJ_DEVICE_CONTROL;
		IoCallDriver(dev, irp);
		IoFreeIrp(irp);
	}
	NTTEST("dispatch_restored", KeGetCurrentIrql() == PASSIVE_LEVEL);
	IoInitializeTimer(dev, IoTimerRoutine, NULL);
	IoStartTimer(dev);
	for (i = 0; i < 300 && !IoTimerRan; i++)
		Sleep(10);
	NTTEST("iotimer_ran", IoTimerRan == 1);
	IoDeleteDevice(dev);
}

static VOID Unload(PDRIVER_OBJECT DriverObject)
{
	KIRQL old;

	UNREFERENCED_PARAMETER(DriverObject);
	NtTestUnloadDone();
	KeAcquireSpinLock(&UnloadLock, &old);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	KIRQL old;

	UNREFERENCED_PARAMETER(RegistryPath);
	Driver = DriverObject;
	CheckSpinLocks();
	CheckBadArguments();
	CheckUninitializedObjects();
	CheckBadFrees();
	CheckBadStrings();
	CheckEdgeValues();
	CheckRoutinesLeftRaised();
	DriverObject->DriverUnload = Unload;
	/* Returns holding a spin lock: ntshim restores PASSIVE_LEVEL. */
	KeAcquireSpinLock(&EntryLock, &old);
	return NtTestEntryDone();
}

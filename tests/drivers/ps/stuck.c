/*
 * ntt_stuck: a driver whose system thread outlives its DriverUnload by a
 * few seconds, with a periodic timer, its DPC, an IoTimer and a shutdown
 * registration all left live.  Once DriverUnload has returned none of them
 * may run again (the thread checks), and a power-off meanwhile must not send
 * IRP_MJ_SHUTDOWN to its device.
 */
#define NTTEST_NAME "ntt_stuck"
#include "nttest.h"

#define STUCK_MS	3000

static KTIMER Timer;
static KDPC Dpc;
static volatile BOOLEAN UnloadReturned;
static volatile LONG RanAfterUnload, Ticks;

static VOID Tick(PKDPC D, PVOID Ctx, PVOID A1, PVOID A2)
{
	UNREFERENCED_PARAMETER(D);
	UNREFERENCED_PARAMETER(Ctx);
	UNREFERENCED_PARAMETER(A1);
	UNREFERENCED_PARAMETER(A2);
	InterlockedIncrement(&Ticks);
	if (UnloadReturned)
		InterlockedIncrement(&RanAfterUnload);
}

static VOID IoTick(PDEVICE_OBJECT DeviceObject, PVOID Ctx)
{
	UNREFERENCED_PARAMETER(DeviceObject);
	UNREFERENCED_PARAMETER(Ctx);
	if (UnloadReturned)
		InterlockedIncrement(&RanAfterUnload);
}

static NTSTATUS Shutdown(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	UNREFERENCED_PARAMETER(DeviceObject);
	NtTestShutdownReport('S', Irp);
	return STATUS_SUCCESS;
}

/*
 * ntshim stops the driver's timers, DPCs and IoTimers as soon as
 * DriverUnload returns, before it waits for this thread: counted from
 * 100 ms after the return, nothing may run any more.
 */
static VOID Worker(PVOID Ctx)
{
	LARGE_INTEGER step = { .QuadPart = -100000 };	/* 10 ms */
	LONG since = -1, seen = 0;
	int i;

	UNREFERENCED_PARAMETER(Ctx);
	for (i = 0; i < STUCK_MS / 10; i++) {
		KeDelayExecutionThread(KernelMode, FALSE, &step);
		if (UnloadReturned && ++since == 10)
			seen = RanAfterUnload;
	}
	if (since >= 10)
		NTTEST("nothing_ran_after_unload", RanAfterUnload == seen);
}

static VOID Unload(PDRIVER_OBJECT DriverObject)
{
	UNREFERENCED_PARAMETER(DriverObject);
	NTTEST("timer_ran_before_unload", Ticks > 0);
	NtTestUnloadDone();
	UnloadReturned = TRUE;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	LARGE_INTEGER due = { .QuadPart = -100000 };
	PDEVICE_OBJECT dev;
	HANDLE h;

	UNREFERENCED_PARAMETER(RegistryPath);
	DriverObject->MajorFunction[IRP_MJ_SHUTDOWN] = Shutdown;
	NTTEST("device", NT_SUCCESS(IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0,
						   FALSE, &dev)));
	if (dev) {
		NTTEST("shutdown_registered", NT_SUCCESS(IoRegisterShutdownNotification(dev)));
		NTTEST("iotimer", NT_SUCCESS(IoInitializeTimer(dev, IoTick, NULL)));
		IoStartTimer(dev);
	}
	KeInitializeTimerEx(&Timer, NotificationTimer);
	KeInitializeDpc(&Dpc, Tick, NULL);
	KeSetTimerEx(&Timer, due, 10, &Dpc);
	NTTEST("thread", NT_SUCCESS(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL,
							  Worker, NULL)));
	ZwClose(h);
	DriverObject->DriverUnload = Unload;
	return NtTestEntryDone();
}

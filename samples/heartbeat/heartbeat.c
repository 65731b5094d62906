/*
 * heartbeat: timers, DPCs, events and a system thread, as an NT driver
 * uses them.
 *
 * A periodic KTIMER beats four times a second; its DPC counts the beat and
 * sets an event.  A worker thread waits on that event at PASSIVE_LEVEL and
 * handles each beat.  An IoTimer watchdog checks once a second that the
 * beats keep coming.  DriverUnload stops everything in NT's order and waits
 * for the worker to end.
 */
#include <ntddk.h>

#define BEAT_MS		250
#define BEATS_PER_SEC	(1000 / BEAT_MS)

typedef struct _HEARTBEAT {
	KTIMER Timer;
	KDPC BeatDpc;
	KEVENT BeatEvent;
	KEVENT StopEvent;
	PVOID Worker;
	volatile LONG Beats;
	LONG Handled;
	LONG LastChecked;
	ULONG Checks;
} HEARTBEAT, *PHEARTBEAT;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD HeartbeatUnload;
KDEFERRED_ROUTINE HeartbeatDpc;
IO_TIMER_ROUTINE HeartbeatWatchdog;
KSTART_ROUTINE HeartbeatWorker;

VOID HeartbeatDpc(PKDPC Dpc, PVOID Context, PVOID SystemArgument1, PVOID SystemArgument2)
{
	PHEARTBEAT hb = Context;

	UNREFERENCED_PARAMETER(Dpc);
	UNREFERENCED_PARAMETER(SystemArgument1);
	UNREFERENCED_PARAMETER(SystemArgument2);
	InterlockedIncrement(&hb->Beats);
	KeSetEvent(&hb->BeatEvent, IO_NO_INCREMENT, FALSE);
}

VOID HeartbeatWatchdog(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
	PHEARTBEAT hb = Context;
	LONG beats = hb->Beats, recent = beats - hb->LastChecked;

	UNREFERENCED_PARAMETER(DeviceObject);
	hb->LastChecked = beats;
	hb->Checks++;
	DbgPrint("heartbeat: watchdog (IRQL %d): %ld beat(s) in the last second%s\n",
		 KeGetCurrentIrql(), recent, recent < BEATS_PER_SEC - 1 ? ": LATE" : ", steady");
}

VOID HeartbeatWorker(PVOID Context)
{
	PHEARTBEAT hb = Context;
	PVOID objects[2] = { &hb->StopEvent, &hb->BeatEvent };
	NTSTATUS status;

	for (;;) {
		status = KeWaitForMultipleObjects(2, objects, WaitAny, Executive, KernelMode,
						  FALSE, NULL, NULL);
		if (status != STATUS_WAIT_1)
			break;
		if (++hb->Handled % BEATS_PER_SEC == 0)
			DbgPrint("heartbeat: worker (IRQL %d): handled beat %ld\n",
				 KeGetCurrentIrql(), hb->Handled);
	}
	DbgPrint("heartbeat: worker: stop event seen, exiting\n");
	PsTerminateSystemThread(STATUS_SUCCESS);
}

VOID HeartbeatUnload(PDRIVER_OBJECT DriverObject)
{
	PDEVICE_OBJECT device = DriverObject->DeviceObject;
	PHEARTBEAT hb = device->DeviceExtension;

	IoStopTimer(device);
	KeCancelTimer(&hb->Timer);
	KeFlushQueuedDpcs();
	KeSetEvent(&hb->StopEvent, IO_NO_INCREMENT, FALSE);
	KeWaitForSingleObject(hb->Worker, Executive, KernelMode, FALSE, NULL);
	ObDereferenceObject(hb->Worker);
	DbgPrint("heartbeat: stopped after %ld beats, %ld handled, %lu watchdog check(s)\n",
		 hb->Beats, hb->Handled, hb->Checks);
	IoDeleteDevice(device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNICODE_STRING name;
	PDEVICE_OBJECT device;
	LARGE_INTEGER due;
	PHEARTBEAT hb;
	HANDLE thread;
	NTSTATUS status;

	UNREFERENCED_PARAMETER(RegistryPath);
	RtlInitUnicodeString(&name, L"\\Device\\Heartbeat");
	status = IoCreateDevice(DriverObject, sizeof(HEARTBEAT), &name, FILE_DEVICE_UNKNOWN,
				0, FALSE, &device);
	if (!NT_SUCCESS(status))
		return status;
	hb = device->DeviceExtension;
	KeInitializeTimerEx(&hb->Timer, NotificationTimer);
	KeInitializeDpc(&hb->BeatDpc, HeartbeatDpc, hb);
	KeInitializeEvent(&hb->BeatEvent, SynchronizationEvent, FALSE);
	KeInitializeEvent(&hb->StopEvent, NotificationEvent, FALSE);

	status = PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL,
				      HeartbeatWorker, hb);
	if (!NT_SUCCESS(status))
		goto fail;
	status = ObReferenceObjectByHandle(thread, THREAD_ALL_ACCESS, *PsThreadType,
					   KernelMode, &hb->Worker, NULL);
	ZwClose(thread);
	if (!NT_SUCCESS(status))
		goto fail;

	status = IoInitializeTimer(device, HeartbeatWatchdog, hb);
	if (!NT_SUCCESS(status))
		goto fail;
	IoStartTimer(device);
	due.QuadPart = -(LONGLONG)BEAT_MS * 10000;
	KeSetTimerEx(&hb->Timer, due, BEAT_MS, &hb->BeatDpc);

	DbgPrint("heartbeat: beating every %d ms, watchdog once a second\n", BEAT_MS);
	device->Flags &= ~DO_DEVICE_INITIALIZING;
	DriverObject->DriverUnload = HeartbeatUnload;
	return STATUS_SUCCESS;

fail:
	DbgPrint("heartbeat: setup failed: 0x%08lx\n", status);
	if (hb->Worker) {
		KeSetEvent(&hb->StopEvent, IO_NO_INCREMENT, FALSE);
		KeWaitForSingleObject(hb->Worker, Executive, KernelMode, FALSE, NULL);
		ObDereferenceObject(hb->Worker);
	}
	IoDeleteDevice(device);
	return status;
}

/* ntt_timer: KTIMER, KEVENT, waits and IoTimer, by the rules of nt-semantics.md. */
#define NTTEST_NAME "ntt_timer"
#include "nttest.h"
#include "ntthelper.h"

#define MS(x)	((LONGLONG)(x) * 10000)		/* 100 ns units */

static KTIMER Timer;
static KEVENT Event, Event2;
static KDPC TimerDpc;
static volatile LONG DpcCount;
static volatile LONGLONG DpcArgTime, DpcRunTime, DpcInterrupt;

static LARGE_INTEGER Rel(LONGLONG ms)
{
	LARGE_INTEGER t;

	t.QuadPart = -MS(ms);
	return t;
}

static LARGE_INTEGER AbsIn(LONGLONG ms)
{
	LARGE_INTEGER t;

	KeQuerySystemTime(&t);
	t.QuadPart += MS(ms);
	return t;
}

static VOID CountDpc(PKDPC Dpc, PVOID Ctx, PVOID A1, PVOID A2)
{
	LARGE_INTEGER now;

	UNREFERENCED_PARAMETER(Dpc);
	UNREFERENCED_PARAMETER(Ctx);
	KeQuerySystemTime(&now);
	DpcArgTime = (LONGLONG)(((ULONGLONG)(ULONG)(ULONG_PTR)A2 << 32) | (ULONG)(ULONG_PTR)A1);
	DpcRunTime = now.QuadPart;
	DpcInterrupt = (LONGLONG)KeQueryInterruptTime();
	InterlockedIncrement(&DpcCount);
}

static VOID CheckSetCancel(VOID)
{
	LARGE_INTEGER t;

	KeInitializeTimer(&Timer);
	NTTEST("initialized_not_signaled", KeReadStateTimer(&Timer) == FALSE &&
	       Timer.Header.Type == TimerNotificationObject);
	NTTEST("set_idle_returns_false", KeSetTimer(&Timer, Rel(5000), NULL) == FALSE);
	NTTEST("set_armed_returns_true", KeSetTimer(&Timer, Rel(5000), NULL) == TRUE);
	NTTEST("cancel_armed_returns_true", KeCancelTimer(&Timer) == TRUE);
	NTTEST("cancel_idle_returns_false", KeCancelTimer(&Timer) == FALSE);
	KeSetTimer(&Timer, Rel(10), NULL);
	NTTEST("one_shot_fires", KeWaitForSingleObject(&Timer, Executive, KernelMode, FALSE,
						       &(LARGE_INTEGER){ .QuadPart = -MS(2000) }) ==
	       STATUS_SUCCESS && KeReadStateTimer(&Timer));
	NTTEST("cancel_after_expiry_returns_false", KeCancelTimer(&Timer) == FALSE);
	NTTEST("cancel_keeps_signal_state", KeReadStateTimer(&Timer) == TRUE);
	KeSetTimer(&Timer, Rel(5000), NULL);
	NTTEST("set_clears_signal_state", KeReadStateTimer(&Timer) == FALSE);
	KeCancelTimer(&Timer);

	t.QuadPart = 0;
	KeSetTimer(&Timer, t, NULL);
	NTTEST("absolute_zero_fires_at_once", KeWaitForSingleObject(&Timer, Executive, KernelMode,
	       FALSE, &(LARGE_INTEGER){ .QuadPart = -MS(1000) }) == STATUS_SUCCESS);
}

static VOID CheckDueTimes(VOID)
{
	ULONGLONG start, late, maxLate = 0;
	BOOLEAN early = FALSE;
	LARGE_INTEGER due, now;
	ULONG i;

	KeInitializeDpc(&TimerDpc, CountDpc, NULL);
	for (i = 0; i < 20; i++) {
		DpcCount = 0;
		start = KeQueryInterruptTime();
		KeSetTimer(&Timer, Rel(10), &TimerDpc);
		KeWaitForSingleObject(&Timer, Executive, KernelMode, FALSE, NULL);
		KeFlushQueuedDpcs();
		if ((ULONGLONG)DpcInterrupt < start + MS(10))
			early = TRUE;
		late = (ULONGLONG)DpcInterrupt - (start + MS(10));
		if (!early && late > maxLate)
			maxLate = late;
	}
	DbgPrint("nttest-info: relative 10 ms timer, 20 runs: max lateness %I64u us\n",
		 maxLate / 10);
	NTTEST("relative_never_early", !early);

	due = AbsIn(100);
	DpcCount = 0;
	KeSetTimer(&Timer, due, &TimerDpc);
	KeWaitForSingleObject(&Timer, Executive, KernelMode, FALSE, NULL);
	KeFlushQueuedDpcs();
	KeQuerySystemTime(&now);
	NTTEST("absolute_fires_not_before_due", DpcCount == 1 && DpcRunTime >= due.QuadPart &&
	       now.QuadPart - due.QuadPart < MS(1000));
	NTTEST("dpc_gets_system_time_arguments", DpcArgTime >= due.QuadPart &&
	       DpcArgTime <= DpcRunTime);
}

static VOID CheckClockChange(VOID)
{
	LARGE_INTEGER due = AbsIn(10000);
	NTSTATUS st;

	/* Ten seconds ahead on the wall clock; then the clock jumps there. */
	KeSetTimer(&Timer, due, NULL);
	NTTEST("absolute_not_yet_due", KeWaitForSingleObject(&Timer, Executive, KernelMode, FALSE,
	       &(LARGE_INTEGER){ .QuadPart = -MS(200) }) == STATUS_TIMEOUT);
	NTTEST("clock_moved", ntt_helper_shift_clock(10 * 1000000000LL) == 0);
	st = KeWaitForSingleObject(&Timer, Executive, KernelMode, FALSE,
				   &(LARGE_INTEGER){ .QuadPart = -MS(2000) });
	ntt_helper_shift_clock(-10 * 1000000000LL);
	NTTEST("absolute_follows_wall_clock", st == STATUS_SUCCESS);

	KeSetTimer(&Timer, Rel(3000), NULL);
	ntt_helper_shift_clock(10 * 1000000000LL);
	st = KeWaitForSingleObject(&Timer, Executive, KernelMode, FALSE,
				   &(LARGE_INTEGER){ .QuadPart = -MS(300) });
	ntt_helper_shift_clock(-10 * 1000000000LL);
	KeCancelTimer(&Timer);
	NTTEST("relative_ignores_wall_clock", st == STATUS_TIMEOUT);
}

/* A DPC that sets its own timer again, on the other clock each time. */
static KTIMER SwitchTimer;
static KDPC SwitchDpc;
static KEVENT SwitchDone;
static volatile LONG SwitchCount;

static VOID SwitchRoutine(PKDPC Dpc, PVOID Ctx, PVOID A1, PVOID A2)
{
	LONG n = InterlockedIncrement(&SwitchCount);

	if (n >= 20) {
		KeSetEvent(&SwitchDone, IO_NO_INCREMENT, FALSE);
		return;
	}
	KeSetTimer(&SwitchTimer, (n & 1) ? AbsIn(1) : Rel(1), &SwitchDpc);
}

static VOID CheckClockSwitch(VOID)
{
	NTSTATUS st;

	KeInitializeTimer(&SwitchTimer);
	KeInitializeDpc(&SwitchDpc, SwitchRoutine, NULL);
	KeInitializeEvent(&SwitchDone, NotificationEvent, FALSE);
	KeSetTimer(&SwitchTimer, Rel(1), &SwitchDpc);
	st = KeWaitForSingleObject(&SwitchDone, Executive, KernelMode, FALSE,
				   &(LARGE_INTEGER){ .QuadPart = -MS(5000) });
	NTTEST("clock_switched_from_dpc", st == STATUS_SUCCESS && SwitchCount == 20);
	KeFlushQueuedDpcs();
}

/* Above DISPATCH_LEVEL (an ISR's, say) NT forbids both: refused, counted. */
static VOID CheckAboveDispatch(VOID)
{
	BOOLEAN set, cancelled;
	KIRQL old;

	KeInitializeTimer(&SwitchTimer);
	KeRaiseIrql(HIGH_LEVEL, &old);
	set = KeSetTimer(&SwitchTimer, Rel(1), NULL);
	cancelled = KeCancelTimer(&SwitchTimer);
	KeLowerIrql(old);
	NTTEST("set_above_dispatch_refused", !set && !cancelled &&
	       KeWaitForSingleObject(&SwitchTimer, Executive, KernelMode, FALSE,
				     &(LARGE_INTEGER){ .QuadPart = -MS(50) }) == STATUS_TIMEOUT);
}

static VOID CheckPeriodic(VOID)
{
	ULONGLONG start = KeQueryInterruptTime(), elapsed;
	LONG n;

	DpcCount = 0;
	KeSetTimerEx(&Timer, Rel(20), 20, &TimerDpc);
	KeDelayExecutionThread(KernelMode, FALSE, &(LARGE_INTEGER){ .QuadPart = -MS(500) });
	NTTEST("cancel_periodic_returns_true", KeCancelTimer(&Timer) == TRUE);
	elapsed = KeQueryInterruptTime() - start;
	KeFlushQueuedDpcs();
	n = DpcCount;
	DbgPrint("nttest-info: periodic 20 ms timer: %ld runs in %I64u ms\n", n, elapsed / 10000);
	NTTEST("periodic_count_matches_interval", n >= 15 && (ULONGLONG)n <= elapsed / MS(20));
	KeFlushQueuedDpcs();
	n = DpcCount;
	KeDelayExecutionThread(KernelMode, FALSE, &(LARGE_INTEGER){ .QuadPart = -MS(100) });
	NTTEST("cancelled_periodic_stays_quiet", DpcCount == n);
}

/* Waiters for the release checks, in helper threads. */
static PVOID WaitObject;
static volatile LONG Released;

static VOID Waiter(PVOID Context, INT Index)
{
	UNREFERENCED_PARAMETER(Context);
	UNREFERENCED_PARAMETER(Index);
	if (KeWaitForSingleObject(WaitObject, Executive, KernelMode, FALSE,
				  &(LARGE_INTEGER){ .QuadPart = -MS(1500) }) == STATUS_SUCCESS)
		InterlockedIncrement(&Released);
}

static VOID SignalLater(PVOID Context, INT Index)
{
	if (Index == 0) {
		Waiter(Context, Index);
		return;
	}
	if (Index == 1) {
		Waiter(Context, Index);
		return;
	}
	KeDelayExecutionThread(KernelMode, FALSE, &(LARGE_INTEGER){ .QuadPart = -MS(200) });
	if (Context)
		KeSetTimer(&Timer, Rel(1), NULL);
	else
		KeSetEvent(&Event, 0, FALSE);
}

static LONG ReleasedBy(PVOID Object, BOOLEAN ByTimer)
{
	WaitObject = Object;
	Released = 0;
	ntt_helper_run_threads(3, SignalLater, ByTimer ? (PVOID)1 : NULL);
	return Released;
}

static VOID CheckRelease(VOID)
{
	KeInitializeTimerEx(&Timer, NotificationTimer);
	NTTEST("notification_timer_releases_all", ReleasedBy(&Timer, TRUE) == 2);
	KeInitializeTimerEx(&Timer, SynchronizationTimer);
	NTTEST("synchronization_timer_releases_one", ReleasedBy(&Timer, TRUE) == 1 &&
	       KeReadStateTimer(&Timer) == FALSE);
	KeInitializeEvent(&Event, NotificationEvent, FALSE);
	NTTEST("notification_event_releases_all", ReleasedBy(&Event, FALSE) == 2 &&
	       KeReadStateEvent(&Event) == 1);
	KeInitializeEvent(&Event, SynchronizationEvent, FALSE);
	NTTEST("synchronization_event_releases_one", ReleasedBy(&Event, FALSE) == 1 &&
	       KeReadStateEvent(&Event) == 0);
	KeInitializeTimer(&Timer);
}

static VOID CheckEvents(VOID)
{
	LARGE_INTEGER zero = { .QuadPart = 0 };

	KeInitializeEvent(&Event, NotificationEvent, FALSE);
	NTTEST("event_initial_state", KeReadStateEvent(&Event) == 0 &&
	       Event.Header.Type == EventNotificationObject);
	NTTEST("set_event_returns_previous", KeSetEvent(&Event, 0, FALSE) == 0 &&
	       KeSetEvent(&Event, 0, FALSE) == 1);
	NTTEST("notification_stays_signaled", KeWaitForSingleObject(&Event, Executive, KernelMode,
	       FALSE, &zero) == STATUS_SUCCESS && KeReadStateEvent(&Event) == 1);
	NTTEST("reset_event_returns_previous", KeResetEvent(&Event) == 1 && KeResetEvent(&Event) == 0);
	KeSetEvent(&Event, 0, FALSE);
	KeClearEvent(&Event);
	NTTEST("clear_event", KeReadStateEvent(&Event) == 0);
	NTTEST("pulse_leaves_reset", KePulseEvent(&Event, 0, FALSE) == 0 &&
	       KeReadStateEvent(&Event) == 0);
	KeInitializeEvent(&Event2, SynchronizationEvent, TRUE);
	NTTEST("synchronization_event_auto_resets", KeWaitForSingleObject(&Event2, Executive,
	       KernelMode, FALSE, &zero) == STATUS_SUCCESS && KeReadStateEvent(&Event2) == 0);
}

static VOID CheckTimeouts(VOID)
{
	LARGE_INTEGER zero = { .QuadPart = 0 }, abs;
	PVOID both[2] = { &Event, &Event2 };
	KWAIT_BLOCK blocks[4];
	ULONGLONG start;
	NTSTATUS st;
	KIRQL old;

	KeInitializeEvent(&Event, NotificationEvent, FALSE);
	KeInitializeEvent(&Event2, SynchronizationEvent, FALSE);
	NTTEST("poll_unsignaled_times_out", KeWaitForSingleObject(&Event, Executive, KernelMode,
	       FALSE, &zero) == STATUS_TIMEOUT);
	start = KeQueryInterruptTime();
	st = KeWaitForSingleObject(&Event, Executive, KernelMode, FALSE,
				   &(LARGE_INTEGER){ .QuadPart = -MS(50) });
	NTTEST("relative_timeout", st == STATUS_TIMEOUT && KeQueryInterruptTime() - start >= MS(50));
	abs = AbsIn(60);
	st = KeWaitForSingleObject(&Event, Executive, KernelMode, FALSE, &abs);
	KeQuerySystemTime(&zero);
	NTTEST("absolute_timeout", st == STATUS_TIMEOUT && zero.QuadPart >= abs.QuadPart);
	zero.QuadPart = 0;

	KeInitializeDpc(&TimerDpc, CountDpc, NULL);
	KeSetEvent(&Event, 0, FALSE);
	NTTEST("forever_wait_on_signaled", KeWaitForSingleObject(&Event, Executive, KernelMode,
	       FALSE, NULL) == STATUS_SUCCESS);
	KeClearEvent(&Event);

	KeSetEvent(&Event2, 0, FALSE);
	NTTEST("wait_any_returns_index", KeWaitForMultipleObjects(2, both, WaitAny, Executive,
	       KernelMode, FALSE, &zero, NULL) == STATUS_WAIT_1 && KeReadStateEvent(&Event2) == 0);
	KeSetEvent(&Event, 0, FALSE);
	NTTEST("wait_all_needs_all", KeWaitForMultipleObjects(2, both, WaitAll, Executive,
	       KernelMode, FALSE, &(LARGE_INTEGER){ .QuadPart = -MS(30) }, NULL) == STATUS_TIMEOUT);
	KeSetEvent(&Event2, 0, FALSE);
	NTTEST("wait_all_satisfied", KeWaitForMultipleObjects(2, both, WaitAll, Executive,
	       KernelMode, FALSE, NULL, blocks) == STATUS_SUCCESS &&
	       KeReadStateEvent(&Event) == 1 && KeReadStateEvent(&Event2) == 0);
	KeClearEvent(&Event);
	KeSetTimer(&Timer, Rel(20), NULL);
	both[1] = &Timer;
	NTTEST("wait_any_on_timer_and_event", KeWaitForMultipleObjects(2, both, WaitAny, Executive,
	       KernelMode, FALSE, &(LARGE_INTEGER){ .QuadPart = -MS(2000) }, NULL) == STATUS_WAIT_1);

	start = KeQueryInterruptTime();
	KeDelayExecutionThread(KernelMode, FALSE, &(LARGE_INTEGER){ .QuadPart = -MS(30) });
	NTTEST("delay_execution_not_short", KeQueryInterruptTime() - start >= MS(30));

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	st = KeWaitForSingleObject(&Event, Executive, KernelMode, FALSE, NULL);
	NTTEST("dispatch_level_poll_allowed", KeWaitForSingleObject(&Event, Executive, KernelMode,
	       FALSE, &zero) == STATUS_TIMEOUT);
	KeLowerIrql(old);
	NTTEST("dispatch_level_wait_refused", st == STATUS_INVALID_PARAMETER);
}

static NTSTATUS CompleteIt(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	UNREFERENCED_PARAMETER(DeviceObject);
	Irp->IoStatus.Status = STATUS_SUCCESS;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
	return STATUS_SUCCESS;
}

/* IoTimer cadence, and a routine that stops itself. */
static volatile LONG Ticks, SelfTicks;
static volatile ULONGLONG TickTimes[16];
static volatile KIRQL TickIrql;

static VOID TickRoutine(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
	LONG n = InterlockedIncrement(&Ticks);

	UNREFERENCED_PARAMETER(DeviceObject);
	UNREFERENCED_PARAMETER(Context);
	TickIrql = KeGetCurrentIrql();
	if (n <= 16)
		TickTimes[n - 1] = KeQueryInterruptTime();
}

static VOID SelfStopRoutine(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
	UNREFERENCED_PARAMETER(Context);
	if (InterlockedIncrement(&SelfTicks) == 2)
		IoStopTimer(DeviceObject);
}

static VOID CheckIoTimer(PDRIVER_OBJECT DriverObject)
{
	PDEVICE_OBJECT dev, dev2;
	BOOLEAN cadence = TRUE;
	KEVENT done;
	PIRP irp;
	LONG i, n;

	if (!NT_SUCCESS(IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &dev)) ||
	    !NT_SUCCESS(IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &dev2)))
		return;
	NTTEST("io_initialize_timer", IoInitializeTimer(dev, TickRoutine, NULL) == STATUS_SUCCESS &&
	       IoInitializeTimer(dev2, SelfStopRoutine, NULL) == STATUS_SUCCESS && dev->Timer);
	IoStartTimer(dev);
	IoStartTimer(dev2);
	KeDelayExecutionThread(KernelMode, FALSE, &(LARGE_INTEGER){ .QuadPart = -MS(4500) });
	IoStopTimer(dev);
	n = Ticks;
	for (i = 1; i < n && i < 16; i++) {
		ULONGLONG d = TickTimes[i] - TickTimes[i - 1];

		DbgPrint("nttest-info: IoTimer interval %I64u ms\n", d / 10000);
		cadence &= d >= MS(900) && d <= MS(1300);
	}
	NTTEST("io_timer_once_a_second", n >= 4 && n <= 5 && cadence);
	NTTEST("io_timer_at_dispatch_level", TickIrql == DISPATCH_LEVEL);
	NTTEST("io_stop_timer_from_its_routine", SelfTicks == 2);
	KeDelayExecutionThread(KernelMode, FALSE, &(LARGE_INTEGER){ .QuadPart = -MS(1200) });
	NTTEST("io_stop_timer_stops", Ticks == n);

	/* IoCompleteRequest signals the IRP's UserEvent. */
	DriverObject->MajorFunction[IRP_MJ_FLUSH_BUFFERS] = CompleteIt;
	KeInitializeEvent(&done, NotificationEvent, FALSE);
	irp = IoAllocateIrp(1, FALSE);
	if (irp) {
		irp->UserEvent = &done;
		IoGetNextIrpStackLocation(irp)->MajorFunction = IRP_MJ_FLUSH_BUFFERS;
		IoCallDriver(dev, irp);
		NTTEST("irp_user_event_signaled", KeReadStateEvent(&done) == 1);
		IoFreeIrp(irp);
	}
	IoStartTimer(dev);	/* IoDeleteDevice must take it away */
	IoDeleteDevice(dev);
	IoDeleteDevice(dev2);
}

/* A timer in pool freed while armed must never fire. */
static VOID CheckFreedArmed(VOID)
{
	PKTIMER t = ExAllocatePoolWithTag(NonPagedPool, sizeof(KTIMER), 'mTTN');

	if (!t)
		return;
	KeInitializeTimer(t);
	DpcCount = 0;
	KeSetTimerEx(t, Rel(200), 10, &TimerDpc);
	ExFreePoolWithTag(t, 'mTTN');
	KeDelayExecutionThread(KernelMode, FALSE, &(LARGE_INTEGER){ .QuadPart = -MS(100) });
	KeFlushQueuedDpcs();
	NTTEST("freed_armed_timer_never_fires", DpcCount == 0);
}

/*
 * A static timer with no DPC: nothing of it points into the driver's code,
 * only its address lies in the driver's data.
 */
static KTIMER BareTimer;

static VOID TimerUnload(PDRIVER_OBJECT DriverObject)
{
	UNREFERENCED_PARAMETER(DriverObject);
	/* Left armed on purpose: ntshim cancels both before the image goes. */
	KeSetTimerEx(&Timer, Rel(50), 50, &TimerDpc);
	KeInitializeTimer(&BareTimer);
	KeSetTimer(&BareTimer, Rel(2000), NULL);
	NtTestUnloadDone();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNREFERENCED_PARAMETER(RegistryPath);
	CheckSetCancel();
	CheckDueTimes();
	CheckClockChange();
	CheckClockSwitch();
	CheckAboveDispatch();
	CheckPeriodic();
	CheckRelease();
	CheckEvents();
	CheckTimeouts();
	CheckIoTimer(DriverObject);
	CheckFreedArmed();
	DriverObject->DriverUnload = TimerUnload;
	return NtTestEntryDone();
}

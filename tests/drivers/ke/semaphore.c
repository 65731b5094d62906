/*
 * ntt_semaphore: KSEMAPHORE as NT defines it: the count, the limit, one
 * count per satisfied wait, a release of N waking N waiters, WaitAll that
 * takes nothing until it can take everything, releases from a DPC.
 */
#define NTTEST_NAME "ntt_semaphore"
#include "nttest.h"

static KSEMAPHORE Gate;
static volatile LONG Woken;
static KDPC ReleaseDpc;

static VOID GateWaiter(PVOID Context)
{
	if (KeWaitForSingleObject(&Gate, Executive, KernelMode, FALSE, NULL) == STATUS_WAIT_0)
		InterlockedIncrement(&Woken);
	PsTerminateSystemThread(STATUS_SUCCESS);
}

static VOID ReleaseFromDpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
	KeReleaseSemaphore((PRKSEMAPHORE)Context, IO_NO_INCREMENT, 1, FALSE);
}

static VOID CheckCounts(VOID)
{
	LARGE_INTEGER zero = { .QuadPart = 0 };
	KSEMAPHORE s;

	KeInitializeSemaphore(&s, 2, 3);
	NTTEST("initial_count", KeReadStateSemaphore(&s) == 2);
	NTTEST("waits_take_one_each",
	       KeWaitForSingleObject(&s, Executive, KernelMode, FALSE, &zero) == STATUS_WAIT_0 &&
	       KeWaitForSingleObject(&s, Executive, KernelMode, FALSE, &zero) == STATUS_WAIT_0 &&
	       KeWaitForSingleObject(&s, Executive, KernelMode, FALSE, &zero) == STATUS_TIMEOUT &&
	       KeReadStateSemaphore(&s) == 0);
	NTTEST("release_returns_previous", KeReleaseSemaphore(&s, IO_NO_INCREMENT, 3, FALSE) == 0 &&
	       KeReadStateSemaphore(&s) == 3);
	NTTEST("release_past_limit_refused", KeReleaseSemaphore(&s, IO_NO_INCREMENT, 1, FALSE) == 3 &&
	       KeReadStateSemaphore(&s) == 3);
	NTTEST("release_zero_refused", KeReleaseSemaphore(&s, IO_NO_INCREMENT, 0, FALSE) == 3 &&
	       KeReadStateSemaphore(&s) == 3);
	KeInitializeSemaphore(&s, 2, 1);
}

static VOID CheckWaitAll(VOID)
{
	LARGE_INTEGER zero = { .QuadPart = 0 };
	KSEMAPHORE s;
	KEVENT e;
	PVOID both[2] = { &s, &e };

	KeInitializeSemaphore(&s, 1, 1);
	KeInitializeEvent(&e, NotificationEvent, FALSE);
	NTTEST("wait_all_takes_nothing_until_all",
	       KeWaitForMultipleObjects(2, both, WaitAll, Executive, KernelMode, FALSE, &zero,
					NULL) == STATUS_TIMEOUT && KeReadStateSemaphore(&s) == 1);
	KeSetEvent(&e, IO_NO_INCREMENT, FALSE);
	NTTEST("wait_all_takes_one",
	       KeWaitForMultipleObjects(2, both, WaitAll, Executive, KernelMode, FALSE, &zero,
					NULL) == STATUS_WAIT_0 && KeReadStateSemaphore(&s) == 0 &&
	       KeReadStateEvent(&e) == 1);
	NTTEST("wait_any_reports_index",
	       KeWaitForMultipleObjects(2, both, WaitAny, Executive, KernelMode, FALSE, &zero,
					NULL) == STATUS_WAIT_0 + 1);
}

/* Three threads block; releasing two wakes exactly two, then the third. */
static VOID CheckWakeups(VOID)
{
	LARGE_INTEGER settle = { .QuadPart = -1000000 };	/* 100 ms */
	LARGE_INTEGER limit = { .QuadPart = -50000000 };	/* 5 s */
	PVOID threads[3] = { NULL, NULL, NULL };
	HANDLE h;
	int i, made = 0;

	KeInitializeSemaphore(&Gate, 0, 10);
	for (i = 0; i < 3; i++) {
		if (!NT_SUCCESS(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL,
						     GateWaiter, NULL)))
			break;
		if (NT_SUCCESS(ObReferenceObjectByHandle(h, THREAD_ALL_ACCESS, *PsThreadType,
							 KernelMode, &threads[i], NULL)))
			made++;
		ZwClose(h);
	}
	NTTEST("waiters_started", made == 3);
	KeDelayExecutionThread(KernelMode, FALSE, &settle);
	NTTEST("nobody_passes_a_closed_gate", Woken == 0);
	KeReleaseSemaphore(&Gate, IO_NO_INCREMENT, 2, FALSE);
	KeDelayExecutionThread(KernelMode, FALSE, &settle);
	NTTEST("release_of_two_wakes_two", Woken == 2 && KeReadStateSemaphore(&Gate) == 0);
	KeReleaseSemaphore(&Gate, IO_NO_INCREMENT, 1, FALSE);
	NTTEST("all_waiters_ended",
	       made == 3 && KeWaitForMultipleObjects(3, threads, WaitAll, Executive, KernelMode,
						     FALSE, &limit, NULL) == STATUS_WAIT_0 &&
	       Woken == 3);
	for (i = 0; i < 3; i++)
		if (threads[i])
			ObDereferenceObject(threads[i]);
}

static VOID CheckDpcRelease(VOID)
{
	LARGE_INTEGER limit = { .QuadPart = -50000000 };
	KSEMAPHORE s;

	KeInitializeSemaphore(&s, 0, 1);
	KeInitializeDpc(&ReleaseDpc, ReleaseFromDpc, &s);
	KeInsertQueueDpc(&ReleaseDpc, NULL, NULL);
	NTTEST("released_from_dpc",
	       KeWaitForSingleObject(&s, Executive, KernelMode, FALSE, &limit) == STATUS_WAIT_0);
	KeFlushQueuedDpcs();
}

static DRIVER_UNLOAD SemaphoreUnload;

static VOID SemaphoreUnload(PDRIVER_OBJECT DriverObject)
{
	NtTestUnloadDone();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	CheckCounts();
	CheckWaitAll();
	CheckWakeups();
	CheckDpcRelease();
	DriverObject->DriverUnload = SemaphoreUnload;
	return NtTestEntryDone();
}

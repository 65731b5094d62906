/*
 * ntt_rundown: run-down protection as NT defines it: references until the
 * run-down begins, none after; the wait returns when the last reference
 * goes, released from a DPC; re-initialization starts over.
 */
#define NTTEST_NAME "ntt_rundown"
#include "nttest.h"
#include "ntthelper.h"

#define ROUNDS 20000

static EX_RUNDOWN_REF Ref;
static KDPC ReleaseDpc;
static KTIMER ReleaseTimer;
static volatile LONG Held, Refused, DpcRan;

static VOID ReleaseFromDpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
	InterlockedExchange(&DpcRan, 1);
	ExReleaseRundownProtectionEx(&Ref, 2);
}

static VOID CheckBasics(VOID)
{
	LARGE_INTEGER due = { .QuadPart = -2000000 };	/* 200 ms */

	ExInitializeRundownProtection(&Ref);
	NTTEST("acquire_and_release", ExAcquireRundownProtection(&Ref));
	ExReleaseRundownProtection(&Ref);
	NTTEST("acquire_two", ExAcquireRundownProtectionEx(&Ref, 2));
	KeInitializeDpc(&ReleaseDpc, ReleaseFromDpc, NULL);
	KeInitializeTimer(&ReleaseTimer);
	KeSetTimer(&ReleaseTimer, due, &ReleaseDpc);
	ExWaitForRundownProtectionRelease(&Ref);
	NTTEST("wait_returns_after_last_release", DpcRan == 1);
	NTTEST("no_reference_after_rundown", !ExAcquireRundownProtection(&Ref));
	ExRundownCompleted(&Ref);
	NTTEST("none_after_completed", !ExAcquireRundownProtection(&Ref));
	ExReInitializeRundownProtection(&Ref);
	NTTEST("reinitialized", ExAcquireRundownProtection(&Ref));
	ExReleaseRundownProtection(&Ref);
	ExWaitForRundownProtectionRelease(&Ref);
	NTTEST("wait_with_none_out_returns", !ExAcquireRundownProtection(&Ref));
	ExReInitializeRundownProtection(&Ref);
	ExReleaseRundownProtection(&Ref);
	NTTEST("release_of_none_refused", ExAcquireRundownProtection(&Ref));
	ExReleaseRundownProtection(&Ref);
}

/* Threads take and drop references while another runs the object down. */
static VOID Churn(PVOID Context, INT Index)
{
	LONG i;

	if (Index == 0) {
		LARGE_INTEGER settle = { .QuadPart = -100000 };	/* 10 ms */

		KeDelayExecutionThread(KernelMode, FALSE, &settle);
		ExWaitForRundownProtectionRelease(&Ref);
		if (Held != 0)
			InterlockedIncrement(&Refused);
		return;
	}
	for (i = 0; i < ROUNDS; i++) {
		if (!ExAcquireRundownProtection(&Ref))
			break;
		InterlockedIncrement(&Held);
		InterlockedDecrement(&Held);
		ExReleaseRundownProtection(&Ref);
	}
}

static VOID CheckRace(VOID)
{
	Held = 0;
	Refused = 0;
	ExInitializeRundownProtection(&Ref);
	NTTEST("threads_ran", ntt_helper_run_threads(3, Churn, NULL) == 0);
	NTTEST("nothing_held_when_wait_returned", Refused == 0);
	NTTEST("run_down_for_good", !ExAcquireRundownProtection(&Ref));
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	CheckBasics();
	CheckRace();
	KeFlushQueuedDpcs();
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}

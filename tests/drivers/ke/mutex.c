/*
 * ntt_mutex: KMUTEX as NT defines it: states, ownership and recursion, the
 * critical region while held, releases by others refused, abandonment when
 * the owner ends, mixed waits, exact counts under contention; and the
 * critical and guarded regions themselves.
 */
#define NTTEST_NAME "ntt_mutex"
#include "nttest.h"
#include "ntthelper.h"

#define ROUNDS 3000

static KMUTEX Shared;
static LONG Counter;		/* guarded by Shared only */
static volatile LONG Failures;
static KEVENT Taken, Finish;
static LONG OtherRelease;

static VOID CheckStates(VOID)
{
	LARGE_INTEGER zero = { .QuadPart = 0 };
	KMUTEX m;

	KeInitializeMutex(&m, 0);
	NTTEST("initially_signalled", KeReadStateMutex(&m) == 1);
	NTTEST("not_in_region_before", !KeAreApcsDisabled());
	NTTEST("first_acquire",
	       KeWaitForSingleObject(&m, Executive, KernelMode, FALSE, NULL) == STATUS_WAIT_0 &&
	       KeReadStateMutex(&m) == 0);
	NTTEST("held_means_critical_region", KeAreApcsDisabled() && !KeAreAllApcsDisabled());
	NTTEST("owner_is_current_thread", m.OwnerThread == KeGetCurrentThread());
	NTTEST("recursive_acquire_by_owner",
	       KeWaitForMutexObject(&m, Executive, KernelMode, FALSE, &zero) == STATUS_WAIT_0 &&
	       KeReadStateMutex(&m) == -1);
	NTTEST("release_returns_previous_state",
	       KeReleaseMutex(&m, FALSE) == -1 && KeReadStateMutex(&m) == 0 && KeAreApcsDisabled());
	NTTEST("last_release_frees", KeReleaseMutex(&m, FALSE) == 0 && KeReadStateMutex(&m) == 1 &&
	       !KeAreApcsDisabled());
	NTTEST("release_when_free_refused", KeReleaseMutex(&m, FALSE) == 1 &&
	       KeReadStateMutex(&m) == 1);
}

/* Another thread holds the mutex while this one tries it. */
static VOID Holder(PVOID Context)
{
	PKMUTEX m = Context;

	KeWaitForSingleObject(m, Executive, KernelMode, FALSE, NULL);
	if (m->OwnerThread != KeGetCurrentThread())
		InterlockedIncrement(&Failures);
	KeSetEvent(&Taken, IO_NO_INCREMENT, FALSE);
	KeWaitForSingleObject(&Finish, Executive, KernelMode, FALSE, NULL);
	if (KeReleaseMutex(m, FALSE) != 0)
		InterlockedIncrement(&Failures);
	PsTerminateSystemThread(STATUS_SUCCESS);
}

/* Ends holding the mutex: it is abandoned. */
static VOID Abandoner(PVOID Context)
{
	KeWaitForSingleObject(Context, Executive, KernelMode, FALSE, NULL);
	KeSetEvent(&Taken, IO_NO_INCREMENT, FALSE);
}

static PVOID StartThread(PKSTART_ROUTINE Routine, PVOID Context)
{
	PVOID object = NULL;
	HANDLE h;

	if (!NT_SUCCESS(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, Routine,
					     Context)))
		return NULL;
	if (!NT_SUCCESS(ObReferenceObjectByHandle(h, THREAD_ALL_ACCESS, *PsThreadType,
						  KernelMode, &object, NULL)))
		object = NULL;
	ZwClose(h);
	return object;
}

static VOID CheckOwnership(VOID)
{
	LARGE_INTEGER zero = { .QuadPart = 0 }, limit = { .QuadPart = -50000000 };
	KMUTEX m;
	KEVENT e;
	PVOID both[2] = { &m, &e }, thread;

	KeInitializeMutex(&m, 0);
	KeInitializeEvent(&e, NotificationEvent, TRUE);
	KeInitializeEvent(&Taken, NotificationEvent, FALSE);
	KeInitializeEvent(&Finish, NotificationEvent, FALSE);
	thread = StartThread(Holder, &m);
	NTTEST("holder_started", thread && KeWaitForSingleObject(&Taken, Executive, KernelMode,
								 FALSE, &limit) == STATUS_WAIT_0);
	NTTEST("owned_by_other_times_out",
	       KeWaitForSingleObject(&m, Executive, KernelMode, FALSE, &zero) == STATUS_TIMEOUT);
	NTTEST("wait_any_skips_owned_mutex",
	       KeWaitForMultipleObjects(2, both, WaitAny, Executive, KernelMode, FALSE, &zero,
					NULL) == STATUS_WAIT_0 + 1);
	NTTEST("wait_all_needs_the_mutex",
	       KeWaitForMultipleObjects(2, both, WaitAll, Executive, KernelMode, FALSE, &zero,
					NULL) == STATUS_TIMEOUT);
	OtherRelease = KeReleaseMutex(&m, FALSE);
	NTTEST("release_by_non_owner_refused", OtherRelease == 0 && KeReadStateMutex(&m) == 0);
	KeSetEvent(&Finish, IO_NO_INCREMENT, FALSE);
	NTTEST("wait_all_after_release",
	       KeWaitForMultipleObjects(2, both, WaitAll, Executive, KernelMode, FALSE, &limit,
					NULL) == STATUS_WAIT_0 && KeReadStateMutex(&m) == 0);
	KeReleaseMutex(&m, FALSE);
	if (thread) {
		KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, &limit);
		ObDereferenceObject(thread);
	}
	NTTEST("holder_owned_as_its_thread_object", thread && Failures == 0);
}

static VOID CheckAbandoned(VOID)
{
	LARGE_INTEGER zero = { .QuadPart = 0 }, limit = { .QuadPart = -50000000 };
	KMUTEX m;
	PVOID thread;

	KeInitializeMutex(&m, 0);
	KeInitializeEvent(&Taken, NotificationEvent, FALSE);
	thread = StartThread(Abandoner, &m);
	NTTEST("abandoner_ended",
	       thread && KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, &limit) ==
	       STATUS_WAIT_0);
	NTTEST("abandoned_is_signalled", KeReadStateMutex(&m) == 1);
	NTTEST("next_owner_told_abandoned",
	       KeWaitForSingleObject(&m, Executive, KernelMode, FALSE, &zero) ==
	       STATUS_ABANDONED_WAIT_0);
	NTTEST("abandonment_reported_once", KeReleaseMutex(&m, FALSE) == 0 &&
	       KeWaitForSingleObject(&m, Executive, KernelMode, FALSE, &zero) == STATUS_WAIT_0);
	KeReleaseMutex(&m, FALSE);
	if (thread)
		ObDereferenceObject(thread);
}

/* Threads on every processor count under the mutex, recursively. */
static VOID CountUnderMutex(PVOID Context, INT Index)
{
	LONG i, seen;

	for (i = 0; i < ROUNDS; i++) {
		KeWaitForSingleObject(&Shared, Executive, KernelMode, FALSE, NULL);
		KeWaitForSingleObject(&Shared, Executive, KernelMode, FALSE, NULL);
		seen = Counter;
		if (!KeAreApcsDisabled())
			InterlockedIncrement(&Failures);
		Counter = seen + 1;
		KeReleaseMutex(&Shared, FALSE);
		KeReleaseMutex(&Shared, FALSE);
	}
}

static VOID CheckContention(VOID)
{
	Failures = 0;
	Counter = 0;
	KeInitializeMutex(&Shared, 0);
	NTTEST("threads_ran", ntt_helper_run_threads(4, CountUnderMutex, NULL) == 0);
	NTTEST("exact_count_under_contention", Counter == 4 * ROUNDS && Failures == 0 &&
	       KeReadStateMutex(&Shared) == 1);
}

static VOID Ends(PVOID Context)
{
}

/*
 * One wait over every kind of dispatcher object, each taken by its own
 * rule: a synchronization event reset, a semaphore counted down, a mutex
 * owned, a notification timer and an ended thread left signalled.  Six
 * objects need the caller's wait blocks.
 */
static KWAIT_BLOCK EveryBlocks[6];
static KEVENT EverySync, EveryNotify;
static KSEMAPHORE EverySemaphore;
static KTIMER EveryTimer;
static KMUTEX EveryMutex;

static VOID CheckEveryType(VOID)
{
	LARGE_INTEGER zero = { .QuadPart = 0 }, due = { .QuadPart = -1 };
	PVOID thread, all[6];

	KeInitializeEvent(&EverySync, SynchronizationEvent, TRUE);
	KeInitializeEvent(&EveryNotify, NotificationEvent, TRUE);
	KeInitializeSemaphore(&EverySemaphore, 2, 2);
	KeInitializeTimer(&EveryTimer);
	KeSetTimer(&EveryTimer, due, NULL);
	KeInitializeMutex(&EveryMutex, 0);
	thread = StartThread(Ends, NULL);
	if (!thread)
		return;
	KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, NULL);
	KeWaitForSingleObject(&EveryTimer, Executive, KernelMode, FALSE, NULL);
	all[0] = &EverySync;
	all[1] = &EveryNotify;
	all[2] = &EverySemaphore;
	all[3] = &EveryTimer;
	all[4] = &EveryMutex;
	all[5] = thread;
	NTTEST("six_without_blocks_refused",
	       KeWaitForMultipleObjects(6, all, WaitAll, Executive, KernelMode, FALSE, &zero,
					NULL) == STATUS_INVALID_PARAMETER);
	NTTEST("wait_all_every_type",
	       KeWaitForMultipleObjects(6, all, WaitAll, Executive, KernelMode, FALSE, &zero,
					EveryBlocks) == STATUS_WAIT_0);
	NTTEST("each_taken_by_its_rule", KeReadStateEvent(&EverySync) == 0 &&
	       KeReadStateEvent(&EveryNotify) == 1 && KeReadStateSemaphore(&EverySemaphore) == 1 &&
	       KeReadStateTimer(&EveryTimer) && KeReadStateMutex(&EveryMutex) == 0);
	NTTEST("wait_any_first_signalled",
	       KeWaitForMultipleObjects(6, all, WaitAny, Executive, KernelMode, FALSE, &zero,
					EveryBlocks) == STATUS_WAIT_0 + 1);
	NTTEST("wait_all_again_needs_the_sync_event",
	       KeWaitForMultipleObjects(6, all, WaitAll, Executive, KernelMode, FALSE, &zero,
					EveryBlocks) == STATUS_TIMEOUT &&
	       KeReadStateSemaphore(&EverySemaphore) == 1 && KeReadStateMutex(&EveryMutex) == 0);
	KeReleaseMutex(&EveryMutex, FALSE);
	ObDereferenceObject(thread);
}

static VOID CheckRegions(VOID)
{
	KIRQL old;

	KeEnterCriticalRegion();
	NTTEST("critical_region", KeAreApcsDisabled() && !KeAreAllApcsDisabled());
	KeEnterCriticalRegion();
	KeLeaveCriticalRegion();
	NTTEST("critical_region_nests", KeAreApcsDisabled());
	KeLeaveCriticalRegion();
	NTTEST("critical_region_left", !KeAreApcsDisabled());
	KeEnterGuardedRegion();
	NTTEST("guarded_region", KeAreApcsDisabled() && KeAreAllApcsDisabled() &&
	       KeGetCurrentIrql() == PASSIVE_LEVEL);
	KeLeaveGuardedRegion();
	NTTEST("guarded_region_left", !KeAreAllApcsDisabled());
	KeRaiseIrql(APC_LEVEL, &old);
	NTTEST("apc_level_disables_all", KeAreAllApcsDisabled() && !KeAreApcsDisabled());
	KeLowerIrql(old);
	KeLeaveCriticalRegion();
	KeLeaveGuardedRegion();
	NTTEST("unbalanced_leaves_ignored", !KeAreApcsDisabled() && !KeAreAllApcsDisabled());
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	CheckStates();
	CheckOwnership();
	CheckAbandoned();
	CheckContention();
	CheckEveryType();
	CheckRegions();
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}

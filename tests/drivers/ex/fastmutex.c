/*
 * ntt_fastmutex: fast and guarded mutexes as NT defines them: the levels
 * and regions they put their holder in, exclusion under contention with
 * exact counts, try-acquire, the Unsafe forms, and the misuse NT deadlocks
 * or stops on (a second acquisition by the owner, a release by another
 * thread) refused.  On the debug flavours lockdep watches every acquisition.
 */
#define NTTEST_NAME "ntt_fastmutex"
#include "nttest.h"
#include "ntthelper.h"

#define ROUNDS 3000

static FAST_MUTEX Fast, Inner;
static KGUARDED_MUTEX Guarded;
static LONG FastCounter, GuardedCounter;
static volatile LONG Failures;
static KEVENT Taken, Finish;

static VOID CheckFastMutex(VOID)
{
	FAST_MUTEX m;
	KIRQL old;

	ExInitializeFastMutex(&m);
	ExAcquireFastMutex(&m);
	NTTEST("acquire_raises_to_apc", KeGetCurrentIrql() == APC_LEVEL);
	ExReleaseFastMutex(&m);
	NTTEST("release_restores_passive", KeGetCurrentIrql() == PASSIVE_LEVEL);
	NTTEST("try_when_free", ExTryToAcquireFastMutex(&m) && KeGetCurrentIrql() == APC_LEVEL);
	ExAcquireFastMutex(&m);
	NTTEST("recursive_acquire_refused", KeGetCurrentIrql() == APC_LEVEL);
	NTTEST("try_by_owner_fails", !ExTryToAcquireFastMutex(&m) &&
	       KeGetCurrentIrql() == APC_LEVEL);
	ExReleaseFastMutex(&m);
	NTTEST("released_once", KeGetCurrentIrql() == PASSIVE_LEVEL);
	ExReleaseFastMutex(&m);
	NTTEST("release_when_free_refused", KeGetCurrentIrql() == PASSIVE_LEVEL);

	KeRaiseIrql(APC_LEVEL, &old);
	ExAcquireFastMutex(&m);
	ExReleaseFastMutex(&m);
	NTTEST("from_apc_stays_apc", KeGetCurrentIrql() == APC_LEVEL);
	KeLowerIrql(old);

	KeEnterCriticalRegion();
	ExAcquireFastMutexUnsafe(&m);
	NTTEST("unsafe_keeps_level", KeGetCurrentIrql() == PASSIVE_LEVEL);
	NTTEST("unsafe_excludes", !ExTryToAcquireFastMutex(&m));
	ExReleaseFastMutexUnsafe(&m);
	KeLeaveCriticalRegion();
	NTTEST("unsafe_released", ExTryToAcquireFastMutex(&m));
	ExReleaseFastMutex(&m);
}

/* Nested in one order everywhere: lockdep learns it and stays quiet. */
static VOID CheckNesting(VOID)
{
	ExInitializeFastMutex(&Fast);
	ExInitializeFastMutex(&Inner);
	ExAcquireFastMutex(&Fast);
	ExAcquireFastMutex(&Inner);
	NTTEST("nested_at_apc", KeGetCurrentIrql() == APC_LEVEL);
	ExReleaseFastMutex(&Inner);
	NTTEST("inner_release_keeps_apc", KeGetCurrentIrql() == APC_LEVEL);
	ExReleaseFastMutex(&Fast);
	NTTEST("outer_release_restores", KeGetCurrentIrql() == PASSIVE_LEVEL);
}

static VOID CheckGuardedMutex(VOID)
{
	KGUARDED_MUTEX m;

	KeInitializeGuardedMutex(&m);
	KeAcquireGuardedMutex(&m);
	NTTEST("guarded_keeps_passive_in_guarded_region",
	       KeGetCurrentIrql() == PASSIVE_LEVEL && KeAreAllApcsDisabled());
	NTTEST("guarded_try_by_owner_fails", !KeTryToAcquireGuardedMutex(&m));
	KeReleaseGuardedMutex(&m);
	NTTEST("guarded_region_left", !KeAreAllApcsDisabled());
	NTTEST("guarded_try_when_free", KeTryToAcquireGuardedMutex(&m) && KeAreAllApcsDisabled());
	KeReleaseGuardedMutex(&m);
	KeEnterGuardedRegion();
	KeAcquireGuardedMutexUnsafe(&m);
	KeReleaseGuardedMutexUnsafe(&m);
	KeLeaveGuardedRegion();
	NTTEST("guarded_unsafe_balanced", !KeAreAllApcsDisabled());
}

/* Another thread holds it: try fails, release by us is refused. */
static VOID Holder(PVOID Context)
{
	ExAcquireFastMutex(&Fast);
	KeSetEvent(&Taken, IO_NO_INCREMENT, FALSE);
	KeWaitForSingleObject(&Finish, Executive, KernelMode, FALSE, NULL);
	ExReleaseFastMutex(&Fast);
	PsTerminateSystemThread(STATUS_SUCCESS);
}

static VOID CheckOtherOwner(VOID)
{
	LARGE_INTEGER limit = { .QuadPart = -50000000 };
	PVOID thread = NULL;
	HANDLE h;

	KeInitializeEvent(&Taken, NotificationEvent, FALSE);
	KeInitializeEvent(&Finish, NotificationEvent, FALSE);
	if (NT_SUCCESS(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, Holder,
					    NULL))) {
		ObReferenceObjectByHandle(h, THREAD_ALL_ACCESS, *PsThreadType, KernelMode, &thread,
					  NULL);
		ZwClose(h);
	}
	NTTEST("holder_took_it", thread && KeWaitForSingleObject(&Taken, Executive, KernelMode,
								 FALSE, &limit) == STATUS_WAIT_0);
	NTTEST("try_while_other_holds_fails", !ExTryToAcquireFastMutex(&Fast) &&
	       KeGetCurrentIrql() == PASSIVE_LEVEL);
	ExReleaseFastMutex(&Fast);
	NTTEST("release_by_other_refused", !ExTryToAcquireFastMutex(&Fast));
	KeSetEvent(&Finish, IO_NO_INCREMENT, FALSE);
	if (thread) {
		KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, &limit);
		ObDereferenceObject(thread);
	}
	NTTEST("free_after_holder", ExTryToAcquireFastMutex(&Fast));
	ExReleaseFastMutex(&Fast);
}

static VOID CountUnderLocks(PVOID Context, INT Index)
{
	LONG i, seen;

	for (i = 0; i < ROUNDS; i++) {
		if (Index & 1) {
			KeAcquireGuardedMutex(&Guarded);
			if (!KeAreAllApcsDisabled())
				InterlockedIncrement(&Failures);
			seen = GuardedCounter;
			GuardedCounter = seen + 1;
			KeReleaseGuardedMutex(&Guarded);
			continue;
		}
		ExAcquireFastMutex(&Fast);
		if (KeGetCurrentIrql() != APC_LEVEL)
			InterlockedIncrement(&Failures);
		seen = FastCounter;
		FastCounter = seen + 1;
		ExReleaseFastMutex(&Fast);
	}
}

/* Two threads on each lock, each lock with its own counter: exact totals. */
static VOID CheckContention(VOID)
{
	FastCounter = 0;
	GuardedCounter = 0;
	Failures = 0;
	ExInitializeFastMutex(&Fast);
	KeInitializeGuardedMutex(&Guarded);
	NTTEST("threads_ran", ntt_helper_run_threads(4, CountUnderLocks, NULL) == 0);
	NTTEST("exact_counts_under_contention", FastCounter == 2 * ROUNDS &&
	       GuardedCounter == 2 * ROUNDS && Failures == 0);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	CheckFastMutex();
	CheckNesting();
	CheckGuardedMutex();
	CheckOtherOwner();
	CheckContention();
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}

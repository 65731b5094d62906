/*
 * ntt_resource: ERESOURCE as NT defines it: exclusive and shared holds and
 * their recursion, what a waiting writer holds back (and what it does
 * not: a sharer's recursion, ExAcquireSharedStarveExclusive), every sharer
 * let in when a writer leaves, conversion to shared, release for another
 * thread, exact counts under contention, and the misuse NT stops on.
 */
#define NTTEST_NAME "ntt_resource"
#include "nttest.h"
#include "ntthelper.h"

#define ROUNDS 2000

static ERESOURCE Res;
static volatile LONG Step, Order, WriterAt, SharersIn, Torn;
static LONG Data[2];
static BOOLEAN TryShared, TryStarve;
static ERESOURCE_THREAD OtherThread;

static PVOID Start(PKSTART_ROUTINE Routine)
{
	PVOID object = NULL;
	HANDLE h;

	if (!NT_SUCCESS(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, Routine,
					     NULL)))
		return NULL;
	ObReferenceObjectByHandle(h, THREAD_ALL_ACCESS, *PsThreadType, KernelMode, &object, NULL);
	ZwClose(h);
	return object;
}

static VOID Join(PVOID Thread)
{
	if (Thread) {
		KeWaitForSingleObject(Thread, Executive, KernelMode, FALSE, NULL);
		ObDereferenceObject(Thread);
	}
}

/* Until Cond holds or 5 s pass. */
#define WAIT_UNTIL(Cond)							\
	do {									\
		LARGE_INTEGER ms_ = { .QuadPart = -10000 };			\
		int i_;								\
		for (i_ = 0; i_ < 500 && !(Cond); i_++)				\
			KeDelayExecutionThread(KernelMode, FALSE, &ms_);	\
	} while (0)

static VOID CheckRecursion(VOID)
{
	KeEnterCriticalRegion();
	NTTEST("exclusive", ExAcquireResourceExclusiveLite(&Res, TRUE) &&
	       ExIsResourceAcquiredExclusiveLite(&Res) && ExIsResourceAcquiredSharedLite(&Res) == 1);
	NTTEST("exclusive_recursion", ExAcquireResourceExclusiveLite(&Res, FALSE) &&
	       ExAcquireResourceSharedLite(&Res, FALSE) && ExIsResourceAcquiredSharedLite(&Res) == 3);
	ExReleaseResourceLite(&Res);
	ExReleaseResourceLite(&Res);
	ExReleaseResourceLite(&Res);
	NTTEST("exclusive_released", !ExIsResourceAcquiredExclusiveLite(&Res) &&
	       ExIsResourceAcquiredSharedLite(&Res) == 0);
	NTTEST("shared_recursion", ExAcquireResourceSharedLite(&Res, TRUE) &&
	       ExAcquireResourceSharedLite(&Res, FALSE) && ExIsResourceAcquiredSharedLite(&Res) == 2 &&
	       !ExIsResourceAcquiredExclusiveLite(&Res));
	NTTEST("sharer_asking_exclusive_refused", !ExAcquireResourceExclusiveLite(&Res, TRUE));
	NTTEST("sharer_trying_exclusive_fails", !ExAcquireResourceExclusiveLite(&Res, FALSE));
	NTTEST("sharer_wait_for_exclusive_without_writers",
	       ExAcquireSharedWaitForExclusive(&Res, FALSE) &&
	       ExIsResourceAcquiredSharedLite(&Res) == 3);
	ExReleaseResourceLite(&Res);
	ExReleaseResourceLite(&Res);
	ExReleaseResourceLite(&Res);
	ExReleaseResourceLite(&Res);
	NTTEST("release_not_held_ignored", ExIsResourceAcquiredSharedLite(&Res) == 0 &&
	       ExAcquireResourceExclusiveLite(&Res, FALSE));
	ExReleaseResourceLite(&Res);
	KeLeaveCriticalRegion();
}

static VOID Writer(PVOID Ctx)
{
	KeEnterCriticalRegion();
	ExAcquireResourceExclusiveLite(&Res, TRUE);
	WriterAt = InterlockedIncrement(&Order);
	ExReleaseResourceLite(&Res);
	KeLeaveCriticalRegion();
}

static VOID OtherSharer(PVOID Ctx)
{
	KeEnterCriticalRegion();
	TryShared = ExAcquireResourceSharedLite(&Res, FALSE);
	TryStarve = ExAcquireSharedStarveExclusive(&Res, FALSE);
	if (TryShared)
		ExReleaseResourceLite(&Res);
	if (TryStarve)
		ExReleaseResourceLite(&Res);
	KeLeaveCriticalRegion();
}

/* A writer waits behind our shared hold: who may still come in. */
static VOID CheckWaitingWriter(VOID)
{
	PVOID writer, other;

	Order = 0;
	WriterAt = 0;
	KeEnterCriticalRegion();
	ExAcquireResourceSharedLite(&Res, TRUE);
	writer = Start(Writer);
	WAIT_UNTIL(ExGetExclusiveWaiterCount(&Res) == 1);
	NTTEST("writer_waits", writer && ExGetExclusiveWaiterCount(&Res) == 1 && WriterAt == 0);
	NTTEST("sharer_recursion_passes_writer", ExAcquireResourceSharedLite(&Res, FALSE));
	ExReleaseResourceLite(&Res);
	NTTEST("wait_for_exclusive_honours_writer", !ExAcquireSharedWaitForExclusive(&Res, FALSE));
	other = Start(OtherSharer);
	Join(other);
	NTTEST("new_sharer_held_back", other && !TryShared);
	NTTEST("starve_exclusive_passes_writer", TryStarve);
	InterlockedIncrement(&Order);
	ExReleaseResourceLite(&Res);
	KeLeaveCriticalRegion();
	Join(writer);
	NTTEST("writer_in_after_last_sharer", WriterAt == 2);
}

static VOID Sharer(PVOID Ctx)
{
	KeEnterCriticalRegion();
	ExAcquireResourceSharedLite(&Res, TRUE);
	InterlockedIncrement(&SharersIn);
	InterlockedIncrement(&Order);
	WAIT_UNTIL(WriterAt || SharersIn == 3);
	ExReleaseResourceLite(&Res);
	KeLeaveCriticalRegion();
}

/* A writer leaves: every sharer comes in, before the next writer. */
static VOID CheckSharersFirst(VOID)
{
	PVOID t[4];
	int i;

	Order = 0;
	WriterAt = 0;
	SharersIn = 0;
	KeEnterCriticalRegion();
	ExAcquireResourceExclusiveLite(&Res, TRUE);
	for (i = 0; i < 3; i++)
		t[i] = Start(Sharer);
	WAIT_UNTIL(ExGetSharedWaiterCount(&Res) == 3);
	t[3] = Start(Writer);
	WAIT_UNTIL(ExGetExclusiveWaiterCount(&Res) == 1);
	NTTEST("waiters_counted", ExGetSharedWaiterCount(&Res) == 3 &&
	       ExGetExclusiveWaiterCount(&Res) == 1);
	ExReleaseResourceLite(&Res);
	KeLeaveCriticalRegion();
	for (i = 0; i < 4; i++)
		Join(t[i]);
	NTTEST("all_sharers_before_writer", SharersIn == 3 && WriterAt == 4);
}

/* Converted to shared: the waiting sharer comes in while we still share. */
static VOID CheckConvert(VOID)
{
	PVOID t;

	SharersIn = 0;
	WriterAt = 0;
	KeEnterCriticalRegion();
	ExAcquireResourceExclusiveLite(&Res, TRUE);
	t = Start(Sharer);
	WAIT_UNTIL(ExGetSharedWaiterCount(&Res) == 1);
	ExConvertExclusiveToSharedLite(&Res);
	WAIT_UNTIL(SharersIn == 1);
	NTTEST("convert_lets_sharers_in", SharersIn == 1 && !ExIsResourceAcquiredExclusiveLite(&Res) &&
	       ExIsResourceAcquiredSharedLite(&Res) == 1);
	WriterAt = 1;
	ExReleaseResourceLite(&Res);
	KeLeaveCriticalRegion();
	Join(t);
}

static VOID HoldsAndLeaves(PVOID Ctx)
{
	KeEnterCriticalRegion();
	ExAcquireResourceSharedLite(&Res, TRUE);
	OtherThread = ExGetCurrentResourceThread();
	KeLeaveCriticalRegion();
}

static VOID CheckForThread(VOID)
{
	Join(Start(HoldsAndLeaves));
	KeEnterCriticalRegion();
	NTTEST("held_by_other", OtherThread && !ExAcquireResourceExclusiveLite(&Res, FALSE));
	ExReleaseResourceForThreadLite(&Res, OtherThread);
	NTTEST("released_for_other", ExAcquireResourceExclusiveLite(&Res, FALSE));
	ExReleaseResourceLite(&Res);
	KeLeaveCriticalRegion();
}

static VOID Mix(PVOID Ctx, INT Index)
{
	int i;

	KeEnterCriticalRegion();
	for (i = 0; i < ROUNDS; i++) {
		if (Index & 1) {
			ExAcquireResourceExclusiveLite(&Res, TRUE);
			Data[0]++;
			Data[1]++;
		} else {
			ExAcquireResourceSharedLite(&Res, TRUE);
			if (Data[0] != Data[1])
				InterlockedIncrement(&Torn);
		}
		ExReleaseResourceLite(&Res);
	}
	KeLeaveCriticalRegion();
}

static VOID CheckContention(VOID)
{
	NTTEST("threads_ran", ntt_helper_run_threads(4, Mix, NULL) == 0);
	NTTEST("exact_counts_no_torn_reads", Data[0] == 2 * ROUNDS && Data[1] == 2 * ROUNDS &&
	       Torn == 0);
}

/* The shortcuts: a critical region with the resource, and out of both. */
static VOID CheckShortcuts(VOID)
{
	ExEnterCriticalRegionAndAcquireResourceExclusive(&Res);
	ExEnterCriticalRegionAndAcquireResourceShared(&Res);
	NTTEST("shortcut_region_and_hold", KeAreApcsDisabled() &&
	       ExIsResourceAcquiredExclusiveLite(&Res) && ExIsResourceAcquiredSharedLite(&Res) == 2);
	ExReleaseResourceAndLeaveCriticalRegion(&Res);
	ExReleaseResourceAndLeaveCriticalRegion(&Res);
	NTTEST("shortcut_released_and_left", !KeAreApcsDisabled() &&
	       ExIsResourceAcquiredSharedLite(&Res) == 0);
	ExEnterCriticalRegionAndAcquireSharedWaitForExclusive(&Res);
	NTTEST("shortcut_shared", ExIsResourceAcquiredSharedLite(&Res) == 1 &&
	       !ExIsResourceAcquiredExclusiveLite(&Res));
	ExReleaseResourceAndLeaveCriticalRegion(&Res);
}

static VOID CheckMisuse(VOID)
{
	ERESOURCE r;

	ExInitializeResourceLite(&r);
	NTTEST("outside_critical_region_still_works", ExAcquireResourceExclusiveLite(&r, TRUE));
	NTTEST("delete_while_held_refused", ExDeleteResourceLite(&r) == STATUS_RESOURCE_IN_USE);
	ExReleaseResourceLite(&r);
	NTTEST("delete", ExDeleteResourceLite(&r) == STATUS_SUCCESS);
	NTTEST("deleted_refused", !ExAcquireResourceSharedLite(&r, FALSE));
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	NTTEST("initialized", ExInitializeResourceLite(&Res) == STATUS_SUCCESS);
	CheckRecursion();
	CheckWaitingWriter();
	CheckSharersFirst();
	CheckConvert();
	CheckForThread();
	CheckContention();
	CheckShortcuts();
	CheckMisuse();
	NTTEST("deleted", ExDeleteResourceLite(&Res) == STATUS_SUCCESS);
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}

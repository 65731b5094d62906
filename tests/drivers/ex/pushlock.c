/*
 * ntt_pushlock: push locks as NT defines them: one writer or many
 * readers, try forms, exact counts under contention, and the misuse NT
 * deadlocks on (a writer asking again) or corrupts (releasing what is not
 * held) refused.
 */
#define NTTEST_NAME "ntt_pushlock"
#include "nttest.h"
#include "ntthelper.h"

#define ROUNDS 3000

static EX_PUSH_LOCK Lock;
static LONG Data[2];
static volatile LONG Torn;
static BOOLEAN OtherTriedShared, OtherTriedExclusive;

static VOID OtherTries(PVOID Ctx)
{
	KeEnterCriticalRegion();
	OtherTriedShared = ExTryAcquirePushLockSharedEx(&Lock, 0);
	if (OtherTriedShared)
		ExReleasePushLockShared(&Lock);
	OtherTriedExclusive = ExTryAcquirePushLockExclusiveEx(&Lock, 0);
	if (OtherTriedExclusive)
		ExReleasePushLockExclusive(&Lock);
	KeLeaveCriticalRegion();
}

static VOID RunOther(VOID)
{
	PVOID object = NULL;
	HANDLE h;

	if (!NT_SUCCESS(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, OtherTries,
					     NULL)))
		return;
	ObReferenceObjectByHandle(h, THREAD_ALL_ACCESS, *PsThreadType, KernelMode, &object, NULL);
	ZwClose(h);
	if (object) {
		KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL);
		ObDereferenceObject(object);
	}
}

static VOID CheckRules(VOID)
{
	ExInitializePushLock(&Lock);
	KeEnterCriticalRegion();
	ExAcquirePushLockShared(&Lock);
	RunOther();
	NTTEST("readers_share", OtherTriedShared && !OtherTriedExclusive);
	ExReleasePushLockShared(&Lock);
	ExAcquirePushLockExclusive(&Lock);
	RunOther();
	NTTEST("writer_excludes", !OtherTriedShared && !OtherTriedExclusive);
	ExAcquirePushLockExclusive(&Lock);
	ExReleasePushLockExclusive(&Lock);
	RunOther();
	NTTEST("second_exclusive_refused_then_released", OtherTriedShared && OtherTriedExclusive);
	ExReleasePushLockExclusive(&Lock);
	ExReleasePushLockShared(&Lock);
	NTTEST("releases_of_nothing_ignored", ExTryAcquirePushLockExclusiveEx(&Lock, 0));
	ExReleasePushLockExclusive(&Lock);
	KeLeaveCriticalRegion();
}

static VOID Mix(PVOID Ctx, INT Index)
{
	int i;

	KeEnterCriticalRegion();
	for (i = 0; i < ROUNDS; i++) {
		if (Index & 1) {
			ExAcquirePushLockExclusive(&Lock);
			Data[0]++;
			Data[1]++;
			ExReleasePushLockExclusive(&Lock);
		} else {
			ExAcquirePushLockShared(&Lock);
			if (Data[0] != Data[1])
				InterlockedIncrement(&Torn);
			ExReleasePushLockShared(&Lock);
		}
	}
	KeLeaveCriticalRegion();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	CheckRules();
	NTTEST("threads_ran", ntt_helper_run_threads(4, Mix, NULL) == 0);
	NTTEST("exact_counts_no_torn_reads", Data[0] == 2 * ROUNDS && Data[1] == 2 * ROUNDS &&
	       Torn == 0);
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}

/*
 * ntt_thread: thread objects, handles and references from every context;
 * APC_LEVEL and spin locks left behind by threads that end; what a thread
 * learns of itself and its process, and its priority.
 */
#define NTTEST_NAME "ntt_thread"
#include "nttest.h"
#include "ntthelper.h"
#include <ntshimext.h>

#define ROUNDS 2000

static PVOID Thread;
static KDPC Dpcs[2];
static KEVENT Stop;
static volatile LONG DpcRounds, ThreadRounds, DpcFailures;
static KSPIN_LOCK Lock;

/* References from a DPC, on each processor, while threads do the same. */
static VOID RefDpc(PKDPC Dpc, PVOID Ctx, PVOID A1, PVOID A2)
{
	UNREFERENCED_PARAMETER(Ctx);
	UNREFERENCED_PARAMETER(A1);
	UNREFERENCED_PARAMETER(A2);
	if (KeGetCurrentIrql() != DISPATCH_LEVEL)
		InterlockedIncrement(&DpcFailures);
	ObReferenceObject(Thread);
	ObDereferenceObject(Thread);
	if (InterlockedIncrement(&DpcRounds) < ROUNDS)
		KeInsertQueueDpc(Dpc, NULL, NULL);
}

static VOID RefThread(PVOID Ctx, INT Index)
{
	LONG i;

	UNREFERENCED_PARAMETER(Ctx);
	UNREFERENCED_PARAMETER(Index);
	for (i = 0; i < ROUNDS; i++) {
		ObReferenceObject(Thread);
		ObDereferenceObject(Thread);
		InterlockedIncrement(&ThreadRounds);
	}
}

static VOID Waiter(PVOID Ctx)
{
	UNREFERENCED_PARAMETER(Ctx);
	KeWaitForSingleObject(&Stop, Executive, KernelMode, FALSE, NULL);
	PsTerminateSystemThread(STATUS_SUCCESS);
}

static VOID CheckConcurrentReferences(VOID)
{
	HANDLE h;
	LONG i;

	KeInitializeEvent(&Stop, NotificationEvent, FALSE);
	NTTEST("create", NT_SUCCESS(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL,
							  Waiter, NULL)));
	NTTEST("reference_by_handle", NT_SUCCESS(ObReferenceObjectByHandle(
		h, THREAD_ALL_ACCESS, *PsThreadType, KernelMode, &Thread, NULL)));
	NTTEST("close", ZwClose(h) == STATUS_SUCCESS);
	NTTEST("second_close_refused", ZwClose(h) == STATUS_INVALID_HANDLE);
	NTTEST("closed_handle_refused",
	       ObReferenceObjectByHandle(h, THREAD_ALL_ACCESS, *PsThreadType, KernelMode,
					 &(PVOID){ NULL }, NULL) == STATUS_INVALID_HANDLE);
	NTTEST("object_is_not_a_handle", ZwClose((HANDLE)Thread) == STATUS_INVALID_HANDLE);

	for (i = 0; i < 2; i++) {
		KeInitializeDpc(&Dpcs[i], RefDpc, NULL);
		KeSetTargetProcessorDpc(&Dpcs[i], (CCHAR)i);
		KeInsertQueueDpc(&Dpcs[i], NULL, NULL);
	}
	ntt_helper_run_threads(2, RefThread, NULL);
	KeFlushQueuedDpcs();
	for (i = 0; i < 100 && DpcRounds < ROUNDS; i++) {
		LARGE_INTEGER ms = { .QuadPart = -10000 };

		KeDelayExecutionThread(KernelMode, FALSE, &ms);
		KeFlushQueuedDpcs();
	}
	NTTEST("dpc_rounds", DpcRounds >= ROUNDS && DpcFailures == 0);
	NTTEST("thread_rounds", ThreadRounds == 2 * ROUNDS);

	KeSetEvent(&Stop, IO_NO_INCREMENT, FALSE);
	NTTEST("wait_for_end", KeWaitForSingleObject(Thread, Executive, KernelMode, FALSE,
						     NULL) == STATUS_WAIT_0);
	ObDereferenceObject(Thread);
}

/* Threads that end at APC_LEVEL or holding a spin lock. */
static VOID EndsAtApc(PVOID Ctx)
{
	KIRQL old;

	UNREFERENCED_PARAMETER(Ctx);
	KeRaiseIrql(APC_LEVEL, &old);
}

static VOID LinuxThreadEndsAtApc(PVOID Ctx, INT Index)
{
	UNREFERENCED_PARAMETER(Index);
	EndsAtApc(Ctx);
}

static VOID EndsHoldingLock(PVOID Ctx)
{
	KIRQL old;

	UNREFERENCED_PARAMETER(Ctx);
	KeAcquireSpinLock(&Lock, &old);
}

static VOID TerminatesHoldingLock(PVOID Ctx)
{
	KIRQL old;

	UNREFERENCED_PARAMETER(Ctx);
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	PsTerminateSystemThread(STATUS_SUCCESS);
}

/* The thread has ended; its exit may take a moment to reach the records. */
static BOOLEAN NoApcRecords(VOID)
{
	LARGE_INTEGER ms = { .QuadPart = -10000 };
	int i;

	for (i = 0; i < 200 && NtshimQueryApcLevelThreads(); i++)
		KeDelayExecutionThread(KernelMode, FALSE, &ms);
	return NtshimQueryApcLevelThreads() == 0;
}

static VOID CheckThreadEnds(VOID)
{
	NTTEST("system_thread_ends_at_apc", NtTestRunThread(EndsAtApc));
	NTTEST("apc_record_gone_with_system_thread", NoApcRecords());
	ntt_helper_run_threads(1, LinuxThreadEndsAtApc, NULL);
	NTTEST("apc_record_gone_with_any_thread", NoApcRecords());
	NTTEST("thread_ends_holding_lock", NtTestRunThread(EndsHoldingLock));
	NTTEST("thread_terminates_raised", NtTestRunThread(TerminatesHoldingLock));
}

/* What a system thread sees of itself, written down for DriverEntry. */
static PKTHREAD SelfSeen;
static HANDLE SelfId, SelfProcessId;
static PEPROCESS SelfProcess;
static KPRIORITY PriorityAtStart, PriorityOld, PrioritySet;
static BOOLEAN SelfSystem, RegionsInThread, AffinityOk;

/* Onto each processor in turn, then back to all of them. */
static BOOLEAN CheckAffinity(VOID)
{
	KAFFINITY all = KeQueryActiveProcessors(), old, seen;
	BOOLEAN ok = all != 0;
	ULONG cpu;

	for (cpu = 0; cpu < 64; cpu++) {
		if (!(all & (1ULL << cpu)))
			continue;
		old = KeSetSystemAffinityThreadEx(1ULL << cpu);
		ok &= KeGetCurrentProcessorNumber() == cpu;
		KeRevertToUserAffinityThreadEx(old);
	}
	KeSetSystemAffinityThread(all);
	KeRevertToUserAffinityThread();
	seen = KeSetSystemAffinityThreadEx(0);
	KeRevertToUserAffinityThreadEx(seen);
	return ok && seen == all;
}

static VOID LooksAtItself(PVOID Ctx)
{
	UNREFERENCED_PARAMETER(Ctx);
	SelfSeen = KeGetCurrentThread();
	SelfId = PsGetCurrentThreadId();
	SelfProcess = PsGetCurrentProcess();
	SelfProcessId = PsGetCurrentProcessId();
	SelfSystem = PsIsSystemThread(PsGetCurrentThread());
	PriorityAtStart = KeQueryPriorityThread(KeGetCurrentThread());
	PriorityOld = KeSetPriorityThread(KeGetCurrentThread(), LOW_REALTIME_PRIORITY);
	PrioritySet = KeQueryPriorityThread(KeGetCurrentThread());
	KeEnterCriticalRegion();
	RegionsInThread = KeAreApcsDisabled();
	KeLeaveCriticalRegion();
	AffinityOk = CheckAffinity();
	PsTerminateSystemThread(STATUS_SUCCESS);
}

static VOID Quick(PVOID Ctx)
{
	UNREFERENCED_PARAMETER(Ctx);
}

/* Windows accepts APC_LEVEL, though the WDK asks for PASSIVE_LEVEL. */
static BOOLEAN CreateAtApcLevel(VOID)
{
	PVOID object = NULL;
	NTSTATUS status;
	KIRQL old;
	HANDLE h;

	KeRaiseIrql(APC_LEVEL, &old);
	status = PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, Quick, NULL);
	KeLowerIrql(old);
	if (!NT_SUCCESS(status))
		return FALSE;
	ObReferenceObjectByHandle(h, THREAD_ALL_ACCESS, *PsThreadType, KernelMode, &object, NULL);
	ZwClose(h);
	if (!object)
		return FALSE;
	status = KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL);
	ObDereferenceObject(object);
	return status == STATUS_WAIT_0;
}

static VOID CheckQueries(VOID)
{
	CLIENT_ID id = { NULL, NULL };
	PVOID object = NULL;
	HANDLE h;

	NTTEST("create_with_client_id",
	       NT_SUCCESS(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, &id,
					       LooksAtItself, NULL)) &&
	       NT_SUCCESS(ObReferenceObjectByHandle(h, THREAD_ALL_ACCESS, *PsThreadType,
						    KernelMode, &object, NULL)));
	ZwClose(h);
	if (!object)
		return;
	KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL);
	NTTEST("current_thread_is_its_object", SelfSeen == (PKTHREAD)object);
	NTTEST("thread_id_is_client_id", SelfId == id.UniqueThread && SelfId != NULL &&
	       PsGetThreadId((PETHREAD)object) == SelfId);
	NTTEST("system_thread_in_system_process", SelfProcess == PsInitialSystemProcess &&
	       SelfProcessId == id.UniqueProcess && SelfProcessId == (HANDLE)4 &&
	       PsGetProcessId(PsInitialSystemProcess) == (HANDLE)4);
	NTTEST("is_system_thread", SelfSystem && PsIsSystemThread((PETHREAD)object));
	NTTEST("system_thread_process", PsGetThreadProcessId((PETHREAD)object) == (HANDLE)4 &&
	       PsGetThreadProcess((PETHREAD)object) == PsInitialSystemProcess);
	NTTEST("priority_starts_at_8", PriorityAtStart == 8);
	NTTEST("priority_set_returns_old", PriorityOld == 8 && PrioritySet == LOW_REALTIME_PRIORITY);
	NTTEST("region_in_system_thread", RegionsInThread && !KeAreApcsDisabled());
	NTTEST("affinity_moves_thread", AffinityOk);
	ObDereferenceObject(object);
	/* DriverEntry runs in insmod: a process of its own, not a system thread. */
	NTTEST("loader_is_a_process", PsGetCurrentProcess() != PsInitialSystemProcess &&
	       PsGetProcessId(PsGetCurrentProcess()) == PsGetCurrentProcessId() &&
	       PsGetCurrentProcessId() != (HANDLE)4);
	NTTEST("loader_not_system_thread", !PsIsSystemThread(PsGetCurrentThread()) &&
	       PsGetThreadId(PsGetCurrentThread()) == PsGetCurrentThreadId());
	NTTEST("loader_thread_process", PsGetThreadProcessId(PsGetCurrentThread()) ==
	       PsGetCurrentProcessId() && PsGetThreadProcess(PsGetCurrentThread()) ==
	       PsGetCurrentProcess());
	NTTEST("loader_priority_normal", KeQueryPriorityThread(KeGetCurrentThread()) == 8);
	NTTEST("created_at_apc_level", CreateAtApcLevel());
	NTTEST("bad_priority_refused", KeSetPriorityThread(KeGetCurrentThread(), 0) == 0 &&
	       KeSetPriorityThread(KeGetCurrentThread(), 32) == 0);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNREFERENCED_PARAMETER(RegistryPath);
	CheckConcurrentReferences();
	CheckThreadEnds();
	CheckQueries();
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}

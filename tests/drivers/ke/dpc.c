/* ntt_dpc: every DPC rule of nt-semantics.md, and a stress run. */
#define NTTEST_NAME "ntt_dpc"
#include "nttest.h"
#include "ntthelper.h"

typedef struct _SEEN {
	PKDPC Dpc;
	PVOID Context, Arg1, Arg2;
	KIRQL Irql;
	ULONG Cpu;
	volatile LONG Runs;
} SEEN, *PSEEN;

static SEEN Seen;
static KDPC A, B, Targeted[3];
static CHAR Order[8];
static volatile LONG OrderLen;

static VOID Record(PKDPC Dpc, PVOID Ctx, PVOID A1, PVOID A2)
{
	Seen.Dpc = Dpc;
	Seen.Context = Ctx;
	Seen.Arg1 = A1;
	Seen.Arg2 = A2;
	Seen.Irql = KeGetCurrentIrql();
	Seen.Cpu = KeGetCurrentProcessorNumber();
	InterlockedIncrement(&Seen.Runs);
}

static VOID Requeue(PKDPC Dpc, PVOID Ctx, PVOID A1, PVOID A2)
{
	UNREFERENCED_PARAMETER(Ctx);
	UNREFERENCED_PARAMETER(A2);
	if (InterlockedIncrement(&Seen.Runs) < 5)
		NTTEST("requeue_from_routine_accepted",
		       KeInsertQueueDpc(Dpc, (PVOID)((ULONG_PTR)A1 + 1), NULL));
	Seen.Arg1 = A1;
}

static VOID Ordered(PKDPC Dpc, PVOID Ctx, PVOID A1, PVOID A2)
{
	UNREFERENCED_PARAMETER(Dpc);
	UNREFERENCED_PARAMETER(A1);
	UNREFERENCED_PARAMETER(A2);
	Order[InterlockedIncrement(&OrderLen) - 1] = (CHAR)(ULONG_PTR)Ctx;
}

static VOID IoDpc(PKDPC Dpc, PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
	Record(Dpc, DeviceObject, Irp, Context);
}

static VOID Reset(VOID)
{
	RtlZeroMemory(&Seen, sizeof(Seen));
}

static VOID CheckBasics(VOID)
{
	KIRQL old;

	KeInitializeDpc(&A, Record, (PVOID)0x1234);
	NTTEST("initialized_fields", A.Importance == MediumImportance &&
	       A.DeferredRoutine == Record && A.DeferredContext == (PVOID)0x1234);
	NTTEST("remove_idle_returns_false", KeRemoveQueueDpc(&A) == FALSE);

	Reset();
	NTTEST("insert_returns_true", KeInsertQueueDpc(&A, (PVOID)1, (PVOID)2) == TRUE);
	NTTEST("passive_insert_runs_before_return", Seen.Runs == 1);
	NTTEST("routine_gets_dpc_context_and_args", Seen.Dpc == &A &&
	       Seen.Context == (PVOID)0x1234 && Seen.Arg1 == (PVOID)1 && Seen.Arg2 == (PVOID)2);
	NTTEST("routine_runs_at_dispatch_level", Seen.Irql == DISPATCH_LEVEL);

	Reset();
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeInsertQueueDpc(&A, (PVOID)3, (PVOID)4);
	NTTEST("insert_while_queued_returns_false", KeInsertQueueDpc(&A, (PVOID)5, (PVOID)6) == FALSE);
	NTTEST("queued_args_unchanged_by_failed_insert", A.SystemArgument1 == (PVOID)3 &&
	       A.SystemArgument2 == (PVOID)4);
	KeLowerIrql(old);
	NTTEST("runs_once_with_first_args", Seen.Runs == 1 && Seen.Arg1 == (PVOID)3 &&
	       Seen.Arg2 == (PVOID)4);

	Reset();
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeInsertQueueDpc(&A, NULL, NULL);
	NTTEST("remove_queued_returns_true", KeRemoveQueueDpc(&A) == TRUE);
	NTTEST("remove_twice_returns_false", KeRemoveQueueDpc(&A) == FALSE);
	KeLowerIrql(old);
	KeFlushQueuedDpcs();
	NTTEST("removed_dpc_never_runs", Seen.Runs == 0);
	NTTEST("insert_after_remove", KeInsertQueueDpc(&A, (PVOID)7, NULL) && Seen.Runs == 1 &&
	       Seen.Arg1 == (PVOID)7);

	Reset();
	KeInitializeDpc(&B, Requeue, NULL);
	KeInsertQueueDpc(&B, (PVOID)1, NULL);
	KeFlushQueuedDpcs();
	NTTEST("requeued_from_routine_runs_again", Seen.Runs == 5 && Seen.Arg1 == (PVOID)5);
}

static VOID CheckImportanceAndTarget(VOID)
{
	ULONG cpus = KeQueryActiveProcessorCount(NULL), cpu;
	BOOLEAN all = TRUE;
	KIRQL old;

	KeInitializeDpc(&A, Ordered, (PVOID)'M');
	KeInitializeDpc(&B, Ordered, (PVOID)'H');
	KeSetImportanceDpc(&B, HighImportance);
	NTTEST("set_importance", B.Importance == HighImportance);
	OrderLen = 0;
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeInsertQueueDpc(&A, NULL, NULL);
	KeInsertQueueDpc(&B, NULL, NULL);
	KeLowerIrql(old);
	KeFlushQueuedDpcs();
	NTTEST("high_importance_runs_before_medium_queued_earlier",
	       OrderLen == 2 && Order[0] == 'H' && Order[1] == 'M');

	NTTEST("two_processors", cpus >= 2 && KeNumberProcessors == (CCHAR)cpus);
	KeInitializeDpc(&A, Record, NULL);
	for (cpu = 0; cpu < cpus; cpu++) {
		Reset();
		KeSetTargetProcessorDpc(&A, (CCHAR)cpu);
		KeInsertQueueDpc(&A, NULL, NULL);
		KeFlushQueuedDpcs();
		all &= Seen.Runs == 1 && Seen.Cpu == cpu && Seen.Irql == DISPATCH_LEVEL;
	}
	NTTEST("targeted_dpc_runs_on_its_processor", all);

	Reset();
	KeSetTargetProcessorDpc(&A, (CCHAR)(cpus - 1));
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeInsertQueueDpc(&A, NULL, NULL);
	KeLowerIrql(old);
	KeFlushQueuedDpcs();
	NTTEST("flush_waits_for_queued_dpcs", Seen.Runs == 1);

	/* Several on their way to another processor keep their order. */
	for (cpu = 0; cpu < 3; cpu++)
		KeInitializeDpc(&Targeted[cpu], Ordered, (PVOID)(ULONG_PTR)('1' + cpu));
	OrderLen = 0;
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	for (cpu = 0; cpu < 3; cpu++) {
		KeSetTargetProcessorDpc(&Targeted[cpu],
					(CCHAR)((KeGetCurrentProcessorNumber() + 1) % cpus));
		KeInsertQueueDpc(&Targeted[cpu], NULL, NULL);
	}
	KeLowerIrql(old);
	KeFlushQueuedDpcs();
	NTTEST("targeted_dpcs_run_in_insertion_order", OrderLen == 3 && Order[0] == '1' &&
	       Order[1] == '2' && Order[2] == '3');
}

static VOID CheckIoDpc(PDRIVER_OBJECT DriverObject)
{
	PDEVICE_OBJECT dev;

	if (!NT_SUCCESS(IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &dev)))
		return;
	IoInitializeDpcRequest(dev, IoDpc);
	Reset();
	IoRequestDpc(dev, (PIRP)0x5678, (PVOID)0x9abc);
	KeFlushQueuedDpcs();
	NTTEST("dpc_for_isr_arguments", Seen.Runs == 1 && Seen.Dpc == &dev->Dpc &&
	       Seen.Context == dev && Seen.Arg1 == (PVOID)0x5678 && Seen.Arg2 == (PVOID)0x9abc);
	IoDeleteDevice(dev);
}

/* A DPC in a pool block freed while queued must never run. */
static VOID CheckFreedWhileQueued(VOID)
{
	PKDPC d = ExAllocatePoolWithTag(NonPagedPool, sizeof(KDPC), 'cpDT');
	KIRQL old;

	if (!d)
		return;
	KeInitializeDpc(d, Record, NULL);
	Reset();
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeInsertQueueDpc(d, NULL, NULL);
	ExFreePoolWithTag(d, 'cpDT');
	KeLowerIrql(old);
	KeFlushQueuedDpcs();
	NTTEST("freed_while_queued_never_runs", Seen.Runs == 0);
}

/*
 * A KDPC on a thread's stack, run on the other processor, whose routine
 * signals the thread: the thread returns as soon as it wakes, and nothing
 * may write into that frame afterwards.  The next frame there holds a
 * pattern, checked after the other processor has had time to finish.
 */
static VOID SignalDpc(PKDPC Dpc, PVOID Ctx, PVOID A1, PVOID A2)
{
	UNREFERENCED_PARAMETER(Dpc);
	UNREFERENCED_PARAMETER(A1);
	UNREFERENCED_PARAMETER(A2);
	KeSetEvent((PKEVENT)Ctx, 0, FALSE);
}

static DECLSPEC_NOINLINE BOOLEAN StackDpcOnce(CCHAR Cpu)
{
	KEVENT done;
	KDPC dpc;

	KeInitializeEvent(&done, NotificationEvent, FALSE);
	KeInitializeDpc(&dpc, SignalDpc, &done);
	KeSetTargetProcessorDpc(&dpc, Cpu);
	if (!KeInsertQueueDpc(&dpc, NULL, NULL))
		return FALSE;
	return KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL) == STATUS_SUCCESS;
}

static DECLSPEC_NOINLINE BOOLEAN StackPatternKept(VOID)
{
	volatile ULONG64 frame[64];
	LARGE_INTEGER delay = { .QuadPart = -2000 };	/* 200 us */
	ULONG i;

	for (i = 0; i < 64; i++)
		frame[i] = 0x5a5a5a5a5a5a5a5aULL ^ i;
	KeDelayExecutionThread(KernelMode, FALSE, &delay);
	for (i = 0; i < 64; i++)
		if (frame[i] != (0x5a5a5a5a5a5a5a5aULL ^ i))
			return FALSE;
	return TRUE;
}

static VOID CheckStackDpc(VOID)
{
	CCHAR other = (CCHAR)((KeGetCurrentProcessorNumber() + 1) %
			      KeQueryActiveProcessorCount(NULL));
	BOOLEAN ran = TRUE, kept = TRUE;
	ULONG i;

	for (i = 0; i < 200; i++) {
		ran &= StackDpcOnce(other);
		kept &= StackPatternKept();
	}
	NTTEST("stack_dpc_on_other_processor_signals_its_thread", ran);
	NTTEST("stack_dpc_frame_untouched_after_routine", kept);
}

/*
 * NT lets a DPC queued again while its routine runs run on another
 * processor at the same time: the first run waits (at most 2 s) for the
 * second to start elsewhere.
 */
static KDPC Twice;
static volatile LONG TwiceRuns, TwiceOverlapped;

static VOID TwiceDpc(PKDPC Dpc, PVOID Ctx, PVOID A1, PVOID A2)
{
	ULONG waited;

	UNREFERENCED_PARAMETER(Ctx);
	UNREFERENCED_PARAMETER(A2);
	if (InterlockedIncrement(&TwiceRuns) != 1)
		return;
	KeSetTargetProcessorDpc(Dpc, (CCHAR)(ULONG_PTR)A1);
	KeInsertQueueDpc(Dpc, A1, NULL);
	for (waited = 0; waited < 2000000 && TwiceRuns < 2; waited += 10)
		KeStallExecutionProcessor(10);
	TwiceOverlapped = TwiceRuns >= 2;
}

static VOID CheckConcurrentRun(VOID)
{
	ULONG cpus = KeQueryActiveProcessorCount(NULL);
	ULONG here;
	KIRQL old;

	KeInitializeDpc(&Twice, TwiceDpc, NULL);
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	here = KeGetCurrentProcessorNumber();
	KeSetTargetProcessorDpc(&Twice, (CCHAR)here);
	KeInsertQueueDpc(&Twice, (PVOID)(ULONG_PTR)((here + 1) % cpus), NULL);
	KeLowerIrql(old);
	KeFlushQueuedDpcs();
	NTTEST("dpc_requeued_in_its_routine_runs_on_another_processor_meanwhile",
	       TwiceRuns == 2 && TwiceOverlapped);
}

/* Stress: threads on every CPU insert and remove shared and own DPCs. */
#define SHARED	4
#define THREADS	4
#define ROUNDS	30000

static KDPC Stress[SHARED + THREADS];
static volatile LONG64 Inserted[SHARED + THREADS], Removed[SHARED + THREADS];
static volatile LONG64 Ran[SHARED + THREADS], BadArgs;

static VOID StressDpc(PKDPC Dpc, PVOID Ctx, PVOID A1, PVOID A2)
{
	ULONG_PTR i = (ULONG_PTR)Ctx;

	UNREFERENCED_PARAMETER(Dpc);
	if ((ULONG_PTR)A2 != ((ULONG_PTR)A1 ^ 0x5a5a5a5a))
		InterlockedIncrement64(&BadArgs);
	InterlockedIncrement64(&Ran[i]);
}

static VOID StressThread(PVOID Context, INT Index)
{
	ULONG seed = 0x9e3779b9 * (Index + 1), i, d;
	KIRQL old = PASSIVE_LEVEL;
	BOOLEAN raised = FALSE;

	UNREFERENCED_PARAMETER(Context);
	for (i = 0; i < ROUNDS; i++) {
		seed = seed * 1664525 + 1013904223;
		d = (seed >> 8) % 2 ? SHARED + Index : (seed >> 12) % SHARED;
		if (((seed >> 16) & 7) == 0 && !raised) {
			KeRaiseIrql(DISPATCH_LEVEL, &old);
			raised = TRUE;
		} else if (((seed >> 16) & 7) == 1 && raised) {
			KeLowerIrql(old);
			raised = FALSE;
		}
		if ((seed >> 20) & 1) {
			if (KeInsertQueueDpc(&Stress[d], (PVOID)(ULONG_PTR)i,
					     (PVOID)((ULONG_PTR)i ^ 0x5a5a5a5a)))
				InterlockedIncrement64(&Inserted[d]);
		} else if (KeRemoveQueueDpc(&Stress[d])) {
			InterlockedIncrement64(&Removed[d]);
		}
	}
	if (raised)
		KeLowerIrql(old);
}

static VOID CheckStress(VOID)
{
	LONG64 inserted = 0, ran = 0, removed = 0;
	BOOLEAN exact = TRUE;
	ULONG i;

	for (i = 0; i < SHARED + THREADS; i++) {
		KeInitializeDpc(&Stress[i], StressDpc, (PVOID)(ULONG_PTR)i);
		KeSetTargetProcessorDpc(&Stress[i], (CCHAR)(i % KeQueryActiveProcessorCount(NULL)));
	}
	NTTEST("stress_threads_ran", ntt_helper_run_threads(THREADS, StressThread, NULL) == 0);
	KeFlushQueuedDpcs();
	for (i = 0; i < SHARED + THREADS; i++) {
		exact &= Inserted[i] == Ran[i] + Removed[i];
		inserted += Inserted[i];
		ran += Ran[i];
		removed += Removed[i];
	}
	DbgPrint("nttest-info: stress inserted %I64d ran %I64d removed %I64d\n",
		 inserted, ran, removed);
	NTTEST("stress_every_insert_ran_or_was_removed_once", exact && ran > 0 && removed > 0);
	NTTEST("stress_routines_got_their_arguments", BadArgs == 0);
}

static VOID DpcUnload(PDRIVER_OBJECT DriverObject)
{
	UNREFERENCED_PARAMETER(DriverObject);
	NtTestUnloadDone();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNREFERENCED_PARAMETER(RegistryPath);
	CheckBasics();
	CheckImportanceAndTarget();
	CheckIoDpc(DriverObject);
	CheckFreedWhileQueued();
	CheckStackDpc();
	CheckConcurrentRun();
	CheckStress();
	DriverObject->DriverUnload = DpcUnload;
	return NtTestEntryDone();
}

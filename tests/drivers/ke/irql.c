/* ntt_irql: IRQL in every context, KeRaiseIrql/KeLowerIrql, spin locks. */
#define NTTEST_NAME "ntt_irql"
#include "nttest.h"
#include "ntthelper.h"

static KIRQL SeenIrql;
static volatile LONG DpcRan;
static KDPC Dpc;
static KSPIN_LOCK ZeroLock;		/* never initialised: zero is free */

static VOID RecordIrql(PVOID Context)
{
	UNREFERENCED_PARAMETER(Context);
	SeenIrql = KeGetCurrentIrql();
}

static VOID CountDpc(PKDPC D, PVOID Ctx, PVOID A1, PVOID A2)
{
	UNREFERENCED_PARAMETER(D);
	UNREFERENCED_PARAMETER(A1);
	UNREFERENCED_PARAMETER(A2);
	SeenIrql = KeGetCurrentIrql();
	if (Ctx == (PVOID)3) {
		KIRQL old;

		/* Up and back down again inside a DPC. */
		KeRaiseIrql(HIGH_LEVEL, &old);
		SeenIrql = ntt_helper_irqs_disabled() ? KeGetCurrentIrql() : 0;
		KeLowerIrql(old);
		if (SeenIrql == HIGH_LEVEL && old == DISPATCH_LEVEL && !ntt_helper_irqs_disabled())
			SeenIrql = KeGetCurrentIrql();
	} else if (Ctx) {
		KIRQL old;

		/* Lowering below the level a DPC runs at is refused. */
		KeLowerIrql(PASSIVE_LEVEL);
		SeenIrql = KeGetCurrentIrql();
		if (Ctx == (PVOID)2)
			KeRaiseIrql(HIGH_LEVEL, &old);	/* and left raised */
	}
	InterlockedIncrement(&DpcRan);
}

static VOID CheckRaiseLower(VOID)
{
	KIRQL old, old2;

	NTTEST("passive_in_driver_entry", KeGetCurrentIrql() == PASSIVE_LEVEL &&
	       ntt_helper_preemptible());
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	NTTEST("raise_to_dispatch", old == PASSIVE_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL);
	NTTEST("dispatch_is_not_preemptible", !ntt_helper_preemptible());
	NTTEST("dispatch_keeps_interrupts_on", !ntt_helper_irqs_disabled());

	DpcRan = 0;
	KeInsertQueueDpc(&Dpc, NULL, NULL);
	NTTEST("dispatch_holds_off_dpcs", DpcRan == 0);

	KeRaiseIrql(HIGH_LEVEL, &old2);
	NTTEST("raise_to_high", old2 == DISPATCH_LEVEL && KeGetCurrentIrql() == HIGH_LEVEL &&
	       ntt_helper_irqs_disabled());
	KeRaiseIrql(DISPATCH_LEVEL, &old2);
	NTTEST("raise_below_current_refused", old2 == HIGH_LEVEL &&
	       KeGetCurrentIrql() == HIGH_LEVEL && ntt_helper_irqs_disabled());
	KeLowerIrql(DISPATCH_LEVEL);
	NTTEST("lower_to_dispatch", KeGetCurrentIrql() == DISPATCH_LEVEL &&
	       !ntt_helper_irqs_disabled() && !ntt_helper_preemptible());
	KeLowerIrql(HIGH_LEVEL);
	NTTEST("lower_above_current_refused", KeGetCurrentIrql() == DISPATCH_LEVEL &&
	       !ntt_helper_irqs_disabled());
	KeLowerIrql(old);
	NTTEST("lower_to_passive", KeGetCurrentIrql() == PASSIVE_LEVEL && ntt_helper_preemptible());
	NTTEST("dpc_runs_when_level_drops", DpcRan == 1 && SeenIrql == DISPATCH_LEVEL);

	old = KeRaiseIrqlToDpcLevel();
	NTTEST("raise_irql_to_dpc_level", old == PASSIVE_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL);
	KeLowerIrql(old);

	KeRaiseIrql(APC_LEVEL, &old);
	NTTEST("apc_level", old == PASSIVE_LEVEL && KeGetCurrentIrql() == APC_LEVEL &&
	       ntt_helper_preemptible());
	KeRaiseIrql(DISPATCH_LEVEL, &old2);
	KeLowerIrql(old2);
	NTTEST("apc_level_kept_across_dispatch", old2 == APC_LEVEL && KeGetCurrentIrql() == APC_LEVEL);
	KeLowerIrql(old);
	NTTEST("apc_lowered_to_passive", KeGetCurrentIrql() == PASSIVE_LEVEL);
}

static VOID CheckContexts(VOID)
{
	SeenIrql = 0;
	ntt_helper_in_hardirq(RecordIrql, NULL);
	NTTEST("irql_in_hardirq_is_device_level", SeenIrql > DISPATCH_LEVEL && SeenIrql <= HIGH_LEVEL);
	SeenIrql = 0;
	ntt_helper_irqs_off(RecordIrql, NULL);
	NTTEST("irql_with_interrupts_off_is_high", SeenIrql == HIGH_LEVEL);

	DpcRan = 0;
	KeInitializeDpc(&Dpc, CountDpc, (PVOID)1);
	KeInsertQueueDpc(&Dpc, NULL, NULL);
	NTTEST("lower_below_dpc_level_refused", DpcRan == 1 && SeenIrql == DISPATCH_LEVEL);
	KeInitializeDpc(&Dpc, CountDpc, (PVOID)3);
	SeenIrql = 0;
	KeInsertQueueDpc(&Dpc, NULL, NULL);
	NTTEST("raise_and_lower_inside_dpc", DpcRan == 2 && SeenIrql == DISPATCH_LEVEL);
	DpcRan = 1;
	KeInitializeDpc(&Dpc, CountDpc, (PVOID)2);
	KeInsertQueueDpc(&Dpc, NULL, NULL);
	NTTEST("dpc_left_raised_is_restored", DpcRan == 2 && KeGetCurrentIrql() == PASSIVE_LEVEL &&
	       !ntt_helper_irqs_disabled() && ntt_helper_preemptible());
	KeInitializeDpc(&Dpc, CountDpc, NULL);
}

/* Spin locks. */

static KSPIN_LOCK Lock;
static volatile ULONG Counter;
static volatile LONG DpcIncrements;
static KDPC LockDpcs[8];
#define THREAD_ROUNDS	20000
#define DPC_ROUNDS	50

/* A read-modify-write that tears without mutual exclusion. */
static VOID SlowIncrement(VOID)
{
	ULONG v = Counter;

	KeStallExecutionProcessor(0);
	Counter = v + 1;
}

static VOID LockDpc(PKDPC D, PVOID Ctx, PVOID A1, PVOID A2)
{
	ULONG i;

	UNREFERENCED_PARAMETER(D);
	UNREFERENCED_PARAMETER(Ctx);
	UNREFERENCED_PARAMETER(A1);
	UNREFERENCED_PARAMETER(A2);
	for (i = 0; i < DPC_ROUNDS; i++) {
		KeAcquireSpinLockAtDpcLevel(&Lock);
		SlowIncrement();
		KeReleaseSpinLockFromDpcLevel(&Lock);
	}
	InterlockedExchangeAdd(&DpcIncrements, DPC_ROUNDS);
}

static VOID LockThread(PVOID Context, INT Index)
{
	KLOCK_QUEUE_HANDLE h;
	KIRQL old;
	ULONG i;

	UNREFERENCED_PARAMETER(Context);
	for (i = 0; i < THREAD_ROUNDS; i++) {
		if (i & 1) {
			KeAcquireSpinLock(&Lock, &old);
			SlowIncrement();
			KeReleaseSpinLock(&Lock, old);
		} else {
			KeAcquireInStackQueuedSpinLock(&Lock, &h);
			SlowIncrement();
			KeReleaseInStackQueuedSpinLock(&h);
		}
		if ((i % 500) == 0)
			KeInsertQueueDpc(&LockDpcs[Index], NULL, NULL);
	}
}

static VOID CheckSpinLocks(VOID)
{
	KSPIN_LOCK other;
	KIRQL old, old2;
	ULONG i, threads = 4;

	NTTEST("spin_lock_is_pointer_sized", sizeof(KSPIN_LOCK) == sizeof(PVOID));
	NTTEST("zeroed_lock_is_free", KeTestSpinLock(&ZeroLock));
	KeAcquireSpinLock(&ZeroLock, &old);
	NTTEST("acquire_raises_to_dispatch", old == PASSIVE_LEVEL &&
	       KeGetCurrentIrql() == DISPATCH_LEVEL && !ntt_helper_preemptible());
	NTTEST("held_lock_is_busy", !KeTestSpinLock(&ZeroLock) && ZeroLock != 0 &&
	       !KeTryToAcquireSpinLockAtDpcLevel(&ZeroLock));
	KeInitializeSpinLock(&other);
	KeAcquireSpinLockAtDpcLevel(&other);
	NTTEST("nested_lock_at_dpc_level", KeGetCurrentIrql() == DISPATCH_LEVEL && other != 0);
	KeReleaseSpinLockFromDpcLevel(&other);
	KeAcquireSpinLock(&ZeroLock, &old2);	/* its owner again: refused, logged */
	NTTEST("recursive_acquire_refused", old2 == DISPATCH_LEVEL);
	KeReleaseSpinLock(&ZeroLock, old);
	NTTEST("release_restores_level", KeGetCurrentIrql() == PASSIVE_LEVEL && ZeroLock == 0 &&
	       ntt_helper_preemptible());
	old = KeAcquireSpinLockRaiseToDpc(&other);
	NTTEST("acquire_raise_to_dpc", old == PASSIVE_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL);
	KeReleaseSpinLock(&other, old);

	KeInitializeSpinLock(&Lock);
	Counter = 0;
	DpcIncrements = 0;
	for (i = 0; i < threads; i++)
		KeInitializeDpc(&LockDpcs[i], LockDpc, NULL);
	NTTEST("threads_ran", ntt_helper_run_threads(threads, LockThread, NULL) == 0);
	KeFlushQueuedDpcs();
	DbgPrint("nttest-info: spin lock counter %lu, %ld from DPCs\n", Counter, DpcIncrements);
	NTTEST("mutual_exclusion_threads_and_dpcs", DpcIncrements > 0 &&
	       Counter == threads * THREAD_ROUNDS + (ULONG)DpcIncrements);
}

static VOID IrqlUnload(PDRIVER_OBJECT DriverObject)
{
	UNREFERENCED_PARAMETER(DriverObject);
	NtTestUnloadDone();
}

/* The numbered system locks, the RaiseToSynch and ForDpc forms: their levels. */
static VOID CheckQueuedLocks(VOID)
{
	KLOCK_QUEUE_HANDLE h;
	KSPIN_LOCK l = 0;
	KIRQL old, tried = HIGH_LEVEL;

	old = KeAcquireQueuedSpinLock(LockQueueIoCancelLock);
	NTTEST("queued_lock_raises", old == PASSIVE_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL);
	NTTEST("queued_try_when_held_fails",
	       !KeTryToAcquireQueuedSpinLock(LockQueueIoCancelLock, &tried) &&
	       KeGetCurrentIrql() == DISPATCH_LEVEL && tried == HIGH_LEVEL);
	KeReleaseQueuedSpinLock(LockQueueIoCancelLock, old);
	NTTEST("queued_release_lowers", KeGetCurrentIrql() == PASSIVE_LEVEL);
	NTTEST("queued_try_when_free",
	       KeTryToAcquireQueuedSpinLockRaiseToSynch(LockQueueIoCancelLock, &tried) &&
	       tried == PASSIVE_LEVEL && KeGetCurrentIrql() == SYNCH_LEVEL);
	KeReleaseQueuedSpinLock(LockQueueIoCancelLock, tried);
	NTTEST("bad_queue_number", KeAcquireQueuedSpinLock((KSPIN_LOCK_QUEUE_NUMBER)99) ==
	       PASSIVE_LEVEL && KeGetCurrentIrql() == PASSIVE_LEVEL);

	old = KeAcquireSpinLockRaiseToSynch(&l);
	NTTEST("raise_to_synch", old == PASSIVE_LEVEL && KeGetCurrentIrql() == SYNCH_LEVEL &&
	       !KeTestSpinLock(&l));
	KeReleaseSpinLock(&l, old);
	KeAcquireInStackQueuedSpinLockRaiseToSynch(&l, &h);
	NTTEST("in_stack_raise_to_synch", KeGetCurrentIrql() == SYNCH_LEVEL);
	KeReleaseInStackQueuedSpinLock(&h);
	KeAcquireInStackQueuedSpinLockForDpc(&l, &h);
	NTTEST("for_dpc_raises_from_passive", KeGetCurrentIrql() == DISPATCH_LEVEL);
	KeReleaseInStackQueuedSpinLockForDpc(&h);
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	KeAcquireInStackQueuedSpinLockForDpc(&l, &h);
	KeReleaseInStackQueuedSpinLockForDpc(&h);
	NTTEST("for_dpc_at_dispatch_stays", KeGetCurrentIrql() == DISPATCH_LEVEL && KeTestSpinLock(&l));
	KeLowerIrql(old);
	NTTEST("all_released", KeGetCurrentIrql() == PASSIVE_LEVEL && KeTestSpinLock(&l));
}

/* Between a save and its restore the FPU is the caller's, with preemption off. */
static VOID CheckFloatingPoint(VOID)
{
	KFLOATING_SAVE outer, inner;
	XSTATE_SAVE x;

	NTTEST("fp_save", NT_SUCCESS(KeSaveFloatingPointState(&outer)) &&
	       KeGetCurrentIrql() == DISPATCH_LEVEL);
	NTTEST("fp_save_nests", NT_SUCCESS(KeSaveFloatingPointState(&inner)));
	NTTEST("fp_inner_restore_keeps_level",
	       NT_SUCCESS(KeRestoreFloatingPointState(&inner)) &&
	       KeGetCurrentIrql() == DISPATCH_LEVEL);
	NTTEST("fp_outer_restore_lowers", NT_SUCCESS(KeRestoreFloatingPointState(&outer)) &&
	       KeGetCurrentIrql() == PASSIVE_LEVEL);
	NTTEST("fp_restore_without_save_refused",
	       KeRestoreFloatingPointState(&outer) == STATUS_INVALID_PARAMETER &&
	       KeGetCurrentIrql() == PASSIVE_LEVEL);
	NTTEST("xstate_save", NT_SUCCESS(KeSaveExtendedProcessorState(XSTATE_MASK_LEGACY, &x)) &&
	       KeGetCurrentIrql() == DISPATCH_LEVEL);
	KeRestoreExtendedProcessorState(&x);
	NTTEST("xstate_restore_lowers", KeGetCurrentIrql() == PASSIVE_LEVEL);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNREFERENCED_PARAMETER(RegistryPath);
	CheckQueuedLocks();
	CheckFloatingPoint();
	KeInitializeDpc(&Dpc, CountDpc, NULL);
	CheckRaiseLower();
	CheckContexts();
	CheckSpinLocks();
	DriverObject->DriverUnload = IrqlUnload;
	return NtTestEntryDone();
}

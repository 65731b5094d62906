/* ntt_interrupt: interrupt objects on software interrupt lines. */
#define NTTEST_NAME "ntt_interrupt"
#include "nttest.h"
#include "ntthelper.h"

typedef struct _ISR_CTX {
	volatile LONG Calls;
	BOOLEAN Decline;
	KIRQL Irql;
	PKINTERRUPT Seen;
} ISR_CTX, *PISR_CTX;

static ISR_CTX A, B;
static volatile ULONG Counter;
static BOOLEAN Count;
static INT Irq1, Irq2, Irq3;

static VOID SlowIncrement(VOID)
{
	ULONG v = Counter;

	KeStallExecutionProcessor(0);
	Counter = v + 1;
}

static BOOLEAN Isr(PKINTERRUPT Interrupt, PVOID Context)
{
	PISR_CTX c = Context;

	InterlockedIncrement(&c->Calls);
	c->Irql = KeGetCurrentIrql();
	c->Seen = Interrupt;
	if (Count)
		SlowIncrement();
	return !c->Decline;
}

static KIRQL SyncIrql;

static BOOLEAN SyncIncrement(PVOID Context)
{
	SyncIrql = KeGetCurrentIrql();
	SlowIncrement();
	return Context != NULL;
}

static NTSTATUS Connect(PKINTERRUPT *In, PISR_CTX Ctx, INT Irq, BOOLEAN Share,
			PKSPIN_LOCK Lock, KAFFINITY Mask)
{
	return IoConnectInterrupt(In, Isr, Ctx, Lock, Irq, 5, 6, LevelSensitive, Share, Mask,
				  FALSE);
}

static VOID Reset(VOID)
{
	RtlZeroMemory(&A, sizeof(A));
	RtlZeroMemory(&B, sizeof(B));
}

static VOID CheckVectors(VOID)
{
	KAFFINITY aff = 0;
	KIRQL irql = 0;

	NTTEST("internal_vector_is_the_line",
	       HalGetInterruptVector(Internal, 0, Irq1, Irq1, &irql, &aff) == (ULONG)Irq1 &&
	       irql > DISPATCH_LEVEL && irql < HIGH_LEVEL && aff != 0);
	NTTEST("unknown_line_gives_zero", HalGetInterruptVector(Internal, 0, 1000000, 1000000,
							       &irql, &aff) == 0);
	NTTEST("isa_beyond_15_gives_zero", HalGetInterruptVector(Isa, 0, 40, 40, &irql, &aff) == 0);
	NTTEST("unsupported_bus_gives_zero",
	       HalGetInterruptVector(MicroChannel, 0, Irq1, Irq1, &irql, &aff) == 0);
}

static VOID CheckErrors(VOID)
{
	PKINTERRUPT in = NULL, in2 = NULL;

	NTTEST("empty_processor_mask_refused",
	       Connect(&in, &A, Irq1, FALSE, NULL, 0) == STATUS_INVALID_PARAMETER);
	NTTEST("offline_processor_mask_refused",
	       Connect(&in, &A, Irq1, FALSE, NULL, (KAFFINITY)1 << 40) == STATUS_INVALID_PARAMETER);
	NTTEST("synchronize_irql_below_irql_refused",
	       IoConnectInterrupt(&in, Isr, &A, NULL, Irq1, 6, 5, LevelSensitive, FALSE, 1, FALSE) ==
	       STATUS_INVALID_PARAMETER);
	NTTEST("dispatch_level_irql_refused",
	       IoConnectInterrupt(&in, Isr, &A, NULL, Irq1, DISPATCH_LEVEL, DISPATCH_LEVEL,
				  LevelSensitive, FALSE, 1, FALSE) == STATUS_INVALID_PARAMETER);
	NTTEST("unknown_vector_refused",
	       Connect(&in, &A, 1000000, FALSE, NULL, 1) == STATUS_INVALID_PARAMETER);
	NTTEST("no_isr_refused", IoConnectInterrupt(&in, NULL, &A, NULL, Irq1, 5, 5,
						    LevelSensitive, FALSE, 1, FALSE) ==
	       STATUS_INVALID_PARAMETER);
	NTTEST("connect", Connect(&in, &A, Irq1, FALSE, NULL, 1) == STATUS_SUCCESS && in);
	NTTEST("busy_unshared_vector_refused",
	       Connect(&in2, &B, Irq1, FALSE, NULL, 1) == STATUS_INVALID_PARAMETER && !in2);
	IoDisconnectInterrupt(in);
	IoDisconnectInterrupt(in);	/* twice: refused with a log line */
}

static VOID CheckIsr(BOOLEAN Rt)
{
	PKINTERRUPT in;
	LONG calls;

	Reset();
	if (Connect(&in, &A, Irq1, FALSE, NULL, 1) != STATUS_SUCCESS)
		return;
	ntt_helper_swirq_fire(Irq1, 50, 200);
	NTTEST("isr_called_per_interrupt", Rt ? A.Calls >= 1 && A.Calls <= 50 : A.Calls == 50);
	NTTEST("isr_gets_object_and_context", A.Seen == in);
	NTTEST("isr_runs_at_synchronize_irql", A.Irql == 6);
	IoDisconnectInterrupt(in);
	calls = A.Calls;
	ntt_helper_swirq_fire(Irq1, 10, 200);
	NTTEST("no_isr_after_disconnect", A.Calls == calls);
}

static VOID CheckShared(BOOLEAN Rt)
{
	PKINTERRUPT a, b;
	UINT unhandled;

	Reset();
	if (Connect(&a, &A, Irq2, TRUE, NULL, 1) != STATUS_SUCCESS)
		return;
	if (Connect(&b, &B, Irq2, TRUE, NULL, 1) != STATUS_SUCCESS) {
		IoDisconnectInterrupt(a);
		return;
	}
	B.Decline = TRUE;
	ntt_helper_swirq_fire(Irq2, 20, 200);
	/* On PREEMPT_RT each handler has its own thread, which coalesces on its own. */
	NTTEST("shared_line_calls_both_when_one_declines",
	       Rt ? A.Calls >= 1 && B.Calls >= 1 : A.Calls == 20 && B.Calls == 20);
	/*
	 * All declining is IRQ_NONE.  genirq restarts its unhandled count at 1
	 * after 100 ms without one, so start from quiet and expect them all.
	 */
	A.Decline = TRUE;
	KeDelayExecutionThread(KernelMode, FALSE, &(LARGE_INTEGER){ .QuadPart = -1500000 });
	ntt_helper_swirq_fire(Irq2, 10, 200);
	unhandled = ntt_helper_swirq_unhandled(Irq2);
	NTTEST("all_declined_is_unhandled", Rt ? unhandled >= 1 : unhandled == 10);
	IoDisconnectInterrupt(b);
	IoDisconnectInterrupt(a);
}

/* Threads on both CPUs: storms on two lines, and KeSynchronizeExecution. */
static PKINTERRUPT SyncObject;
#define SYNC_ROUNDS	20000
#define STORM		4000

static VOID StormThread(PVOID Context, INT Index)
{
	ULONG i;

	UNREFERENCED_PARAMETER(Context);
	if (Index == 0)
		ntt_helper_swirq_fire(Irq1, STORM, 0);
	else if (Index == 1)
		ntt_helper_swirq_fire(Irq3, STORM, 0);
	else
		for (i = 0; i < SYNC_ROUNDS; i++)
			KeSynchronizeExecution(SyncObject, SyncIncrement, NULL);
}

static VOID CheckExclusion(VOID)
{
	KSPIN_LOCK shared;
	PKINTERRUPT a, b;
	LONG a0, b0;
	KIRQL old;

	Reset();
	KeInitializeSpinLock(&shared);
	if (Connect(&a, &A, Irq1, FALSE, &shared, 1) != STATUS_SUCCESS)
		return;
	if (Connect(&b, &B, Irq3, FALSE, &shared, 2) != STATUS_SUCCESS) {
		IoDisconnectInterrupt(a);
		return;
	}
	NTTEST("synchronize_returns_routine_result",
	       KeSynchronizeExecution(a, SyncIncrement, (PVOID)1) == TRUE &&
	       KeSynchronizeExecution(a, SyncIncrement, NULL) == FALSE);
	NTTEST("synchronize_routine_at_synchronize_irql", SyncIrql == 6 &&
	       KeGetCurrentIrql() == PASSIVE_LEVEL);
	old = KeAcquireInterruptSpinLock(b);
	NTTEST("interrupt_spin_lock_raises", old == PASSIVE_LEVEL && KeGetCurrentIrql() == 6 &&
	       ntt_helper_irqs_disabled());
	KeReleaseInterruptSpinLock(b, old);
	NTTEST("interrupt_spin_lock_released", KeGetCurrentIrql() == PASSIVE_LEVEL &&
	       !ntt_helper_irqs_disabled());

	/*
	 * Count from here: a line fired while nothing was connected is
	 * pending, and Linux replays it when a handler is connected.
	 */
	a0 = A.Calls;
	b0 = B.Calls;
	Counter = 0;
	Count = TRUE;
	SyncObject = b;
	ntt_helper_run_threads(3, StormThread, NULL);
	Count = FALSE;
	DbgPrint("nttest-info: exclusion counter %lu = %ld + %ld ISR calls + %d synchronized\n",
		 Counter, A.Calls - a0, B.Calls - b0, SYNC_ROUNDS);
	NTTEST("shared_spin_lock_and_synchronize_exclude_isrs",
	       A.Calls > a0 && B.Calls > b0 &&
	       Counter == (ULONG)(A.Calls - a0 + B.Calls - b0) + SYNC_ROUNDS);
	IoDisconnectInterrupt(b);
	IoDisconnectInterrupt(a);
}

static PKINTERRUPT Storming;

static VOID DisconnectThread(PVOID Context, INT Index)
{
	UNREFERENCED_PARAMETER(Context);
	if (Index == 0) {
		ntt_helper_swirq_fire(Irq1, 20 * STORM, 0);
		return;
	}
	KeDelayExecutionThread(KernelMode, FALSE, &(LARGE_INTEGER){ .QuadPart = -200000 });
	IoDisconnectInterrupt(Storming);
	A.Decline = A.Calls > 0;	/* record, as a flag, that calls had begun */
	B.Calls = A.Calls;		/* the count when disconnect returned */
}

static VOID CheckDisconnectDuringStorm(VOID)
{
	Reset();
	if (Connect(&Storming, &A, Irq1, FALSE, NULL, 1) != STATUS_SUCCESS)
		return;
	ntt_helper_run_threads(2, DisconnectThread, NULL);
	NTTEST("disconnect_during_storm", A.Decline && A.Calls == B.Calls);
}

static VOID CheckAffinityAndFpu(VOID)
{
	KAFFINITY mask = 0;
	PKINTERRUPT in;

	KeQueryActiveProcessorCount(&mask);
	Reset();
	NTTEST("affinity_to_one_processor",
	       Connect(&in, &A, Irq1, FALSE, NULL, mask & ~(KAFFINITY)1) == STATUS_SUCCESS);
	IoDisconnectInterrupt(in);
	NTTEST("floating_save_connects",
	       IoConnectInterrupt(&in, Isr, &A, NULL, Irq1, 5, 5, Latched, FALSE, mask, TRUE) ==
	       STATUS_SUCCESS);
	ntt_helper_swirq_fire(Irq1, 5, 200);
	NTTEST("floating_save_isr_runs", A.Calls >= 1);
	IoDisconnectInterrupt(in);
}

static PKINTERRUPT LeftConnected;

static VOID InterruptUnload(PDRIVER_OBJECT DriverObject)
{
	UNREFERENCED_PARAMETER(DriverObject);
	ntt_helper_swirq_destroy(Irq1);
	ntt_helper_swirq_destroy(Irq2);
	/* Irq3 keeps an interrupt connected on purpose: ntshim disconnects it. */
	NtTestUnloadDone();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	BOOLEAN rt = (BOOLEAN)ntt_helper_preempt_rt();

	UNREFERENCED_PARAMETER(RegistryPath);
	Irq1 = ntt_helper_swirq_create();
	Irq2 = ntt_helper_swirq_create();
	Irq3 = ntt_helper_swirq_create();
	NTTEST("software_lines", Irq1 > 0 && Irq2 > 0 && Irq3 > 0);
	if (Irq1 > 0 && Irq2 > 0 && Irq3 > 0) {
		CheckVectors();
		CheckErrors();
		CheckIsr(rt);
		CheckShared(rt);
		CheckExclusion();
		CheckDisconnectDuringStorm();
		CheckAffinityAndFpu();
		Reset();
		NTTEST("left_connected", Connect(&LeftConnected, &A, Irq3, FALSE, NULL, 1) ==
		       STATUS_SUCCESS);
	}
	DriverObject->DriverUnload = InterruptUnload;
	return NtTestEntryDone();
}

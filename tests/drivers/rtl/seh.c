/*
 * ntt_seh: structured exception handling with meaning: ExRaiseStatus and
 * the probes raise, the innermost __try takes the exception, its filter
 * decides, __finally blocks run on the way out, and every context (a
 * thread, a DPC, an interrupt, several threads at once) has its own.
 *
 * Variables changed inside a __try and read after a raise are volatile:
 * C's rule for code that comes back through setjmp (see the README).
 */
#define NTTEST_NAME "ntt_seh"
#include "nttest.h"
#include "ntthelper.h"

#define STATUS_NTT_ONE		((NTSTATUS)0xE0000001L)
#define STATUS_NTT_TWO		((NTSTATUS)0xE0000002L)

static __declspec(noinline) VOID Deep(int Depth, NTSTATUS Status)
{
	volatile int pad[4] = { Depth };

	if (Depth > 0)
		Deep(Depth - 1, Status);
	else
		ExRaiseStatus(Status);
	pad[1] = pad[0];
}

static NTSTATUS Caught(NTSTATUS Status, int Depth)
{
	volatile NTSTATUS code = STATUS_SUCCESS;

	__try {
		Deep(Depth, Status);
		code = STATUS_UNSUCCESSFUL;
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		code = GetExceptionCode();
	}
	return code;
}

static int Filter(NTSTATUS Code, NTSTATUS Wanted, volatile NTSTATUS *Seen)
{
	*Seen = Code;
	return Code == Wanted ? EXCEPTION_EXECUTE_HANDLER : EXCEPTION_CONTINUE_SEARCH;
}

/* A filter written as drivers write them, on the exception's record. */
static int RecordFilter(PEXCEPTION_POINTERS Pointers, volatile NTSTATUS *Seen)
{
	*Seen = Pointers->ExceptionRecord->ExceptionCode;
	return Pointers->ExceptionRecord->ExceptionFlags & EXCEPTION_NONCONTINUABLE ?
	       EXCEPTION_EXECUTE_HANDLER : EXCEPTION_CONTINUE_SEARCH;
}

static VOID CheckInformation(VOID)
{
	volatile NTSTATUS seen = 0, code = 0;

	__try {
		Deep(2, STATUS_NTT_TWO);
	} __except (RecordFilter(GetExceptionInformation(), &seen)) {
		code = GetExceptionCode();
	}
	NTTEST("exception_information_record", seen == STATUS_NTT_TWO && code == STATUS_NTT_TWO);
}

/* Returns from inside a __try: its frame must be gone afterwards. */
static int ReturnInside(VOID)
{
	__try {
		return 7;
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		return -1;
	}
	return 0;
}

static VOID CheckFilters(VOID)
{
	volatile NTSTATUS seen = 0, outer = 0;
	volatile int inner = 0;

	__try {
		__try {
			ExRaiseStatus(STATUS_NTT_TWO);
		} __except (Filter(GetExceptionCode(), STATUS_NTT_ONE, &seen)) {
			inner = 1;
		}
	} __except (GetExceptionCode() == STATUS_NTT_TWO ? EXCEPTION_EXECUTE_HANDLER :
		    EXCEPTION_CONTINUE_SEARCH) {
		outer = GetExceptionCode();
	}
	NTTEST("filter_sees_code", seen == STATUS_NTT_TWO);
	NTTEST("continue_search_goes_outwards", !inner && outer == STATUS_NTT_TWO);

	outer = 0;
	__try {
		__try {
			ExRaiseStatus(STATUS_NTT_ONE);
		} __except (EXCEPTION_CONTINUE_EXECUTION) {
			inner = 2;
		}
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		outer = GetExceptionCode();
	}
	NTTEST("continue_execution_is_noncontinuable",
	       inner != 2 && outer == STATUS_NONCONTINUABLE_EXCEPTION);
}

static VOID CheckFinally(VOID)
{
	volatile NTSTATUS outer = 0;
	volatile int fin = 0, abnormal = -1, step = 0;

	__try {
		__try {
			step = 1;
			ExRaiseStatus(STATUS_NTT_ONE);
			step = 2;
		} __finally {
			fin = 1;
			abnormal = AbnormalTermination();
		}
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		outer = GetExceptionCode();
	}
	NTTEST("finally_runs_on_raise", fin == 1 && abnormal == 1 && step == 1);
	NTTEST("raise_goes_on_after_finally", outer == STATUS_NTT_ONE);

	fin = 0;
	__try {
		__leave;
	} __finally {
		fin = 1;
		abnormal = AbnormalTermination();
	}
	NTTEST("finally_after_leave_is_normal", fin == 1 && abnormal == 0);
}

static VOID CheckBasics(VOID)
{
	volatile int step, i;
	NTSTATUS code;
	KIRQL old;

	NTTEST("raise_reaches_except_with_its_code", Caught(STATUS_NTT_ONE, 0) == STATUS_NTT_ONE);
	NTTEST("raise_from_forty_calls_deep", Caught(STATUS_NTT_TWO, 40) == STATUS_NTT_TWO);
	NTTEST("access_violation_raise", Caught(STATUS_ACCESS_VIOLATION, 1) == STATUS_ACCESS_VIOLATION);

	/* break and continue act on the loop around, from every block. */
	step = 0;
	for (i = 0; i < 10; i++) {
		__try {
			if (i == 2)
				continue;
			ExRaiseStatus(STATUS_NTT_ONE);
		} __except (EXCEPTION_EXECUTE_HANDLER) {
			step++;
			if (i == 4)
				break;
		}
	}
	NTTEST("break_and_continue_reach_the_loop", i == 4 && step == 4);

	NTTEST("return_inside_try", ReturnInside() == 7);
	NTTEST("no_frame_left_by_return", Caught(STATUS_NTT_TWO, 2) == STATUS_NTT_TWO);

	/* Many rounds: each frame goes, whichever way its __try ended. */
	step = 0;
	for (i = 0; i < 5000; i++) {
		__try {
			if (i & 1)
				ExRaiseStatus(STATUS_NTT_ONE);
		} __except (EXCEPTION_EXECUTE_HANDLER) {
			step++;
		}
	}
	NTTEST("five_thousand_rounds", step == 2500);

	/* At DISPATCH_LEVEL in a thread: the handler runs there (NT leaves the level). */
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	code = Caught(STATUS_NTT_ONE, 3);
	NTTEST("dispatch_level_kept", KeGetCurrentIrql() == DISPATCH_LEVEL);
	KeLowerIrql(old);
	NTTEST("raise_at_dispatch_level", code == STATUS_NTT_ONE);
}

static VOID CheckProbes(VOID)
{
	static UCHAR pool[64];
	volatile NTSTATUS code;

	code = STATUS_SUCCESS;
	__try {
		ProbeForRead(pool, 0, 8);
		ProbeForWrite(NULL, 0, 1);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		code = GetExceptionCode();
	}
	NTTEST("zero_length_probes_nothing", code == STATUS_SUCCESS);
	__try {
		ProbeForRead(pool + 1, 8, 4);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		code = GetExceptionCode();
	}
	NTTEST("misaligned_probe", code == STATUS_DATATYPE_MISALIGNMENT);
	code = STATUS_SUCCESS;
	__try {
		ProbeForWrite(pool, sizeof(pool), 1);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		code = GetExceptionCode();
	}
	NTTEST("kernel_address_is_no_user_buffer", code == STATUS_ACCESS_VIOLATION);
	code = STATUS_SUCCESS;
	__try {
		ProbeForRead((PVOID)0x1000, ~(SIZE_T)0 - 0x10, 1);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		code = GetExceptionCode();
	}
	NTTEST("wrapping_range", code == STATUS_ACCESS_VIOLATION);
}

static VOID CheckLocks(VOID)
{
	static UCHAR pool[64];
	volatile NTSTATUS code;
	PMDL mdl;

	mdl = IoAllocateMdl(pool, sizeof(pool), FALSE, FALSE, NULL);
	if (!mdl) {
		NTTEST("mdl_allocated", FALSE);
		return;
	}
	code = STATUS_SUCCESS;
	__try {
		MmProbeAndLockPages(mdl, UserMode, IoReadAccess);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		code = GetExceptionCode();
	}
	NTTEST("lock_for_requester_of_kernel_memory",
	       code == STATUS_ACCESS_VIOLATION && !(mdl->MdlFlags & MDL_PAGES_LOCKED));
	code = STATUS_SUCCESS;
	__try {
		MmProbeAndLockPages(mdl, KernelMode, IoReadAccess);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		code = GetExceptionCode();
	}
	NTTEST("lock_kernel_mode", code == STATUS_SUCCESS && (mdl->MdlFlags & MDL_PAGES_LOCKED));
	if (mdl->MdlFlags & MDL_PAGES_LOCKED)
		MmUnlockPages(mdl);
	IoFreeMdl(mdl);
}

/* Other contexts: each has its own frames. */
static KDPC Dpc;
static KEVENT DpcDone;
static volatile NTSTATUS DpcCode, IrqCode;
static volatile LONG DpcUnhandled, ThreadsOk;

static VOID RaisingDpc(PKDPC D, PVOID Context, PVOID A1, PVOID A2)
{
	DpcCode = Caught(STATUS_NTT_TWO, 5);
	/* None of its own: the raise must not land in the waiting thread's. */
	ExRaiseStatus(STATUS_NTT_ONE);
	DpcUnhandled = 1;
	KeSetEvent(&DpcDone, 0, FALSE);
}

static VOID InHardirq(PVOID Context)
{
	IrqCode = Caught(STATUS_NTT_ONE, 2);
}

static VOID Racer(PVOID Context, INT Index)
{
	NTSTATUS mine = (NTSTATUS)(0xE0001000L + Index);
	int i, ok = 0;

	for (i = 0; i < 2000; i++)
		ok += Caught(mine, i % 7) == mine;
	if (ok == 2000)
		InterlockedIncrement(&ThreadsOk);
}

/* Threads in a __try at once: more than ntshim keeps at hand without a lock. */
#define CROWD 160
static volatile LONG CrowdIn, CrowdOk;

static VOID Crowd(PVOID Context, INT Index)
{
	NTSTATUS mine = (NTSTATUS)(0xE0002000L + Index);
	LARGE_INTEGER pause = { .QuadPart = -10000 };	/* 1 ms */
	volatile NTSTATUS code = STATUS_SUCCESS;

	__try {
		InterlockedIncrement(&CrowdIn);
		while (CrowdIn < CROWD)
			KeDelayExecutionThread(KernelMode, FALSE, &pause);
		/* Every thread has a frame now: each raise must land in its own thread's. */
		if (Caught(mine, Index % 5) == mine)
			ExRaiseStatus(mine);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		code = GetExceptionCode();
	}
	if (code == mine)
		InterlockedIncrement(&CrowdOk);
}

static VOID CheckContexts(VOID)
{
	volatile NTSTATUS code = STATUS_SUCCESS;
	volatile int after = 0;

	KeInitializeEvent(&DpcDone, NotificationEvent, FALSE);
	KeInitializeDpc(&Dpc, RaisingDpc, NULL);
	__try {
		KeInsertQueueDpc(&Dpc, NULL, NULL);
		KeWaitForSingleObject(&DpcDone, Executive, KernelMode, FALSE, NULL);
		after = 1;
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		code = GetExceptionCode();
	}
	NTTEST("raise_in_dpc_caught_there", DpcCode == STATUS_NTT_TWO);
	NTTEST("dpc_raise_without_try_stays_in_dpc",
	       DpcUnhandled == 1 && after == 1 && code == STATUS_SUCCESS);
	ntt_helper_in_hardirq(InHardirq, NULL);
	NTTEST("raise_in_interrupt_context", IrqCode == STATUS_NTT_ONE);
	NTTEST("four_threads_at_once",
	       ntt_helper_run_threads(4, Racer, NULL) == 0 && ThreadsOk == 4);
	NTTEST("crowd_of_threads_in_try_at_once",
	       ntt_helper_run_threads(CROWD, Crowd, NULL) == 0 && CrowdOk == CROWD);
}

static volatile LONG EndFinally;

static VOID EndInsideTry(PVOID Context)
{
	__try {
		PsTerminateSystemThread(STATUS_SUCCESS);
	} __finally {
		/* Never: a thread ends without unwinding, as in NT. */
		EndFinally = 1;
	}
}

/* Its frame leaves with it: threads made after it (maybe at its address) have none. */
static VOID CheckThreadEnd(VOID)
{
	PVOID thread = NULL;
	NTSTATUS status;
	HANDLE h;

	status = PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, EndInsideTry, NULL);
	if (NT_SUCCESS(status)) {
		ObReferenceObjectByHandle(h, THREAD_ALL_ACCESS, *PsThreadType, KernelMode, &thread,
					  NULL);
		ZwClose(h);
	}
	NTTEST("thread_ends_inside_try", thread &&
	       KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, NULL) == STATUS_SUCCESS &&
	       !EndFinally);
	if (thread)
		ObDereferenceObject(thread);
	ThreadsOk = 0;
	NTTEST("threads_after_it_raise_in_their_own",
	       ntt_helper_run_threads(16, Racer, NULL) == 0 && ThreadsOk == 16);
}

static VOID CheckUnhandled(VOID)
{
	volatile int after = 0;

	ExRaiseStatus(STATUS_NTT_ONE);
	after = 1;
	NTTEST("unhandled_raise_returns", after == 1);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	CheckBasics();
	CheckFilters();
	CheckInformation();
	CheckFinally();
	CheckProbes();
	CheckLocks();
	CheckContexts();
	CheckThreadEnd();
	CheckUnhandled();
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}

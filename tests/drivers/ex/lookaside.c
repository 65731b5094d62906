/*
 * ntt_lookaside: SLISTs and lookaside lists as NT defines them: LIFO order,
 * depth, flush; exact counts with threads and DPCs pushing and popping at
 * once; lookaside hits and misses, the driver's Allocate and Free routines
 * called exactly when NT calls them, NT's statistics, the Ex lists, and
 * use from DPCs.
 */
#define NTTEST_NAME "ntt_lookaside"
#include "nttest.h"
#include "ntthelper.h"

#define NODES 64
#define ROUNDS 4000

typedef struct _NODE {
	SLIST_ENTRY Link;
	LONG Value;
} NODE;

static SLIST_HEADER Stack;
static NODE Nodes[NODES];
static volatile LONG Lost, Allocs, Frees, ExAllocs, ExFrees, DpcRounds, DpcFailures;
static NPAGED_LOOKASIDE_LIST NPaged;
static LOOKASIDE_LIST_EX ExList;
static KDPC Dpcs[2];

static VOID CheckSList(VOID)
{
	PSLIST_ENTRY chain;
	int i, n;

	InitializeSListHead(&Stack);
	NTTEST("empty", ExQueryDepthSList(&Stack) == 0 && InterlockedPopEntrySList(&Stack) == NULL);
	NTTEST("push_returns_previous_first",
	       InterlockedPushEntrySList(&Stack, &Nodes[0].Link) == NULL &&
	       InterlockedPushEntrySList(&Stack, &Nodes[1].Link) == &Nodes[0].Link &&
	       ExInterlockedPushEntrySList(&Stack, &Nodes[2].Link, NULL) == &Nodes[1].Link);
	NTTEST("depth_and_first", QueryDepthSList(&Stack) == 3 &&
	       RtlFirstEntrySList(&Stack) == &Nodes[2].Link);
	NTTEST("pop_is_lifo", InterlockedPopEntrySList(&Stack) == &Nodes[2].Link &&
	       ExQueryDepthSList(&Stack) == 2);
	chain = InterlockedFlushSList(&Stack);
	for (n = 0; chain; chain = chain->Next)
		n++;
	NTTEST("flush_takes_all", n == 2 && ExQueryDepthSList(&Stack) == 0 &&
	       InterlockedPopEntrySList(&Stack) == NULL);
	for (i = 0; i < NODES; i++)
		InterlockedPushEntrySList(&Stack, &Nodes[i].Link);
}

/* Pop one, push it back: no node is lost or doubled, whoever does it. */
static BOOLEAN Churn(VOID)
{
	PSLIST_ENTRY e = InterlockedPopEntrySList(&Stack);

	if (!e)
		return FALSE;
	InterlockedIncrement(&CONTAINING_RECORD(e, NODE, Link)->Value);
	InterlockedPushEntrySList(&Stack, e);
	return TRUE;
}

static VOID ChurnDpc(PKDPC Dpc, PVOID Ctx, PVOID A1, PVOID A2)
{
	if (!Churn())
		InterlockedIncrement(&Lost);
	if (KeGetCurrentIrql() != DISPATCH_LEVEL)
		InterlockedIncrement(&DpcFailures);
	if (InterlockedIncrement(&DpcRounds) < ROUNDS)
		KeInsertQueueDpc(Dpc, NULL, NULL);
}

static VOID ChurnThread(PVOID Ctx, INT Index)
{
	int i;

	for (i = 0; i < ROUNDS; i++)
		if (!Churn())
			InterlockedIncrement(&Lost);
}

static VOID CheckSListContention(VOID)
{
	LARGE_INTEGER ms = { .QuadPart = -10000 };
	LONG total = 0;
	int i;

	for (i = 0; i < 2; i++) {
		KeInitializeDpc(&Dpcs[i], ChurnDpc, NULL);
		KeSetTargetProcessorDpc(&Dpcs[i], (CCHAR)i);
		KeInsertQueueDpc(&Dpcs[i], NULL, NULL);
	}
	ntt_helper_run_threads(2, ChurnThread, NULL);
	for (i = 0; i < 500 && DpcRounds < ROUNDS; i++)
		KeDelayExecutionThread(KernelMode, FALSE, &ms);
	KeFlushQueuedDpcs();
	for (i = 0; i < NODES; i++)
		total += Nodes[i].Value;
	NTTEST("contention_keeps_every_node", ExQueryDepthSList(&Stack) == NODES && Lost == 0 &&
	       DpcFailures == 0);
	NTTEST("contention_exact_count", total == 2 * ROUNDS + DpcRounds);
}

static PVOID CountingAllocate(POOL_TYPE Type, SIZE_T Bytes, ULONG Tag)
{
	InterlockedIncrement(&Allocs);
	return ExAllocatePoolWithTag(Type, Bytes, Tag);
}

static VOID CountingFree(PVOID Buffer)
{
	InterlockedIncrement(&Frees);
	ExFreePool(Buffer);
}

static VOID CheckNPaged(VOID)
{
	static PVOID many[300];
	PVOID a, b;
	int i;

	ExInitializeNPagedLookasideList(&NPaged, CountingAllocate, CountingFree, 0, 40, 'tLwN', 0);
	a = ExAllocateFromNPagedLookasideList(&NPaged);
	NTTEST("empty_list_calls_allocate", a && Allocs == 1 && NPaged.L.TotalAllocates == 1 &&
	       NPaged.L.AllocateMisses == 1);
	ExFreeToNPagedLookasideList(&NPaged, a);
	NTTEST("free_keeps_block", Frees == 0 && NPaged.L.TotalFrees == 1 &&
	       NPaged.L.FreeMisses == 0);
	b = ExAllocateFromNPagedLookasideList(&NPaged);
	NTTEST("kept_block_reused", b == a && Allocs == 1 && NPaged.L.TotalAllocates == 2 &&
	       NPaged.L.AllocateMisses == 1);
	ExFreeToNPagedLookasideList(&NPaged, b);
	for (i = 0; i < 300; i++)
		many[i] = ExAllocateFromNPagedLookasideList(&NPaged);
	for (i = 0; i < 300; i++)
		ExFreeToNPagedLookasideList(&NPaged, many[i]);
	NTTEST("beyond_depth_calls_free", Allocs == 300 && NPaged.L.FreeMisses == Frees &&
	       Frees == 300 - NPaged.L.Depth && NPaged.L.TotalFrees == 302);
	ExDeleteNPagedLookasideList(&NPaged);
	NTTEST("delete_frees_kept_blocks", Frees == Allocs);
}

static VOID LookasideDpc(PKDPC Dpc, PVOID Ctx, PVOID A1, PVOID A2)
{
	PVOID p = ExAllocateFromNPagedLookasideList(&NPaged);

	if (!p || KeGetCurrentIrql() != DISPATCH_LEVEL)
		InterlockedIncrement(&DpcFailures);
	if (p)
		ExFreeToNPagedLookasideList(&NPaged, p);
	InterlockedIncrement(&DpcRounds);
}

static VOID CheckFromDpc(VOID)
{
	PAGED_LOOKASIDE_LIST paged;
	KIRQL old;

	DpcRounds = 0;
	DpcFailures = 0;
	ExInitializeNPagedLookasideList(&NPaged, NULL, NULL, 0, 100, 'tLwN', 0);
	KeInitializeDpc(&Dpcs[0], LookasideDpc, NULL);
	KeInsertQueueDpc(&Dpcs[0], NULL, NULL);
	KeFlushQueuedDpcs();
	NTTEST("npaged_from_dpc", DpcRounds == 1 && DpcFailures == 0);
	ExDeleteNPagedLookasideList(&NPaged);

	ExInitializePagedLookasideList(&paged, NULL, NULL, 0, 64, 'tLwN', 0);
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	NTTEST("paged_at_dispatch_refused", ExAllocateFromPagedLookasideList(&paged) == NULL);
	KeLowerIrql(old);
	ExFreeToPagedLookasideList(&paged, ExAllocateFromPagedLookasideList(&paged));
	NTTEST("paged_at_passive", paged.L.TotalAllocates == 1 && paged.L.TotalFrees == 1);
	ExDeletePagedLookasideList(&paged);
}

static PVOID ExAllocate(POOL_TYPE Type, SIZE_T Bytes, ULONG Tag, PLOOKASIDE_LIST_EX Lookaside)
{
	if (Lookaside == &ExList)
		InterlockedIncrement(&ExAllocs);
	return ExAllocatePoolWithTag(Type, Bytes, Tag);
}

static VOID ExFree(PVOID Buffer, PLOOKASIDE_LIST_EX Lookaside)
{
	if (Lookaside == &ExList)
		InterlockedIncrement(&ExFrees);
	ExFreePool(Buffer);
}

static VOID CheckEx(VOID)
{
	PVOID p;

	NTTEST("ex_bad_flags_refused",
	       ExInitializeLookasideListEx(&ExList, ExAllocate, ExFree, NonPagedPoolNx, 3, 32,
					   'tLwN', 0) == STATUS_INVALID_PARAMETER);
	NTTEST("ex_initialized",
	       ExInitializeLookasideListEx(&ExList, ExAllocate, ExFree, NonPagedPoolNx, 0, 32,
					   'tLwN', 0) == STATUS_SUCCESS);
	p = ExAllocateFromLookasideListEx(&ExList);
	ExFreeToLookasideListEx(&ExList, p);
	NTTEST("ex_routines_get_the_list", p && ExAllocs == 1 && ExFrees == 0);
	ExFlushLookasideListEx(&ExList);
	NTTEST("ex_flush_frees", ExFrees == 1);
	p = ExAllocateFromLookasideListEx(&ExList);
	ExFreeToLookasideListEx(&ExList, p);
	ExDeleteLookasideListEx(&ExList);
	NTTEST("ex_delete_frees", ExAllocs == 2 && ExFrees == 2);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	CheckSList();
	CheckSListContention();
	CheckNPaged();
	CheckFromDpc();
	CheckEx();
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}

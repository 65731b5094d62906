/*
 * ntt_interlocked: the ExInterlocked routines: NT's return values, use
 * from a hard interrupt, and exact totals under contention from threads on
 * both processors.
 */
#define NTTEST_NAME "ntt_interlocked"
#include "nttest.h"
#include "ntthelper.h"

#define ROUNDS 20000

static KSPIN_LOCK Lock;
static LIST_ENTRY List;
static LIST_ENTRY IsrEntry;
static ULONG Counter;
static LARGE_INTEGER Statistic;

static VOID InsertFromIsr(PVOID Context)
{
	ExInterlockedInsertTailList(&List, &IsrEntry, &Lock);
}

static VOID AddMany(PVOID Context, INT Index)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		ExInterlockedAddUlong(&Counter, 1, &Lock);
		ExInterlockedAddLargeStatistic(&Statistic, 2);
	}
}

static VOID CheckLists(VOID)
{
	LIST_ENTRY a, b;
	SINGLE_LIST_ENTRY head = { NULL }, x, y;

	InitializeListHead(&List);
	NTTEST("insert_head_into_empty_returns_null",
	       ExInterlockedInsertHeadList(&List, &a, &Lock) == NULL);
	NTTEST("insert_tail_returns_last", ExInterlockedInsertTailList(&List, &b, &Lock) == &a);
	NTTEST("insert_head_returns_first",
	       ExInterlockedInsertHeadList(&List, &IsrEntry, &Lock) == &a);
	NTTEST("remove_head_in_order",
	       ExInterlockedRemoveHeadList(&List, &Lock) == &IsrEntry &&
	       ExInterlockedRemoveHeadList(&List, &Lock) == &a &&
	       ExInterlockedRemoveHeadList(&List, &Lock) == &b &&
	       ExInterlockedRemoveHeadList(&List, &Lock) == NULL);
	ntt_helper_in_hardirq(InsertFromIsr, NULL);
	NTTEST("insert_from_hard_interrupt", List.Flink == &IsrEntry && List.Blink == &IsrEntry);
	NTTEST("push_pop_single_list",
	       ExInterlockedPushEntryList(&head, &x, &Lock) == NULL &&
	       ExInterlockedPushEntryList(&head, &y, &Lock) == &x &&
	       ExInterlockedPopEntryList(&head, &Lock) == &y &&
	       ExInterlockedPopEntryList(&head, &Lock) == &x &&
	       ExInterlockedPopEntryList(&head, &Lock) == NULL);
	NTTEST("lock_free_after_use", KeTestSpinLock(&Lock));
}

static VOID CheckCounters(VOID)
{
	LARGE_INTEGER big = { .QuadPart = 0x100000000LL }, old;
	LONGLONG v = 5, x = 9, c = 5;

	Counter = 7;
	NTTEST("add_ulong_returns_old", ExInterlockedAddUlong(&Counter, 3, &Lock) == 7 &&
	       Counter == 10);
	old = ExInterlockedAddLargeInteger(&big, big, &Lock);
	NTTEST("add_large_integer", old.QuadPart == 0x100000000LL &&
	       big.QuadPart == 0x200000000LL);
	NTTEST("compare_exchange_64",
	       ExInterlockedCompareExchange64(&v, &x, &c, &Lock) == 5 && v == 9 &&
	       ExInterlockedCompareExchange64(&v, &c, &c, &Lock) == 9 && v == 9);
	Counter = 0;
	Statistic.QuadPart = 0;
	NTTEST("threads_ran", ntt_helper_run_threads(2, AddMany, NULL) == 0);
	NTTEST("contended_totals_exact", Counter == 2 * ROUNDS &&
	       Statistic.QuadPart == 4LL * ROUNDS && KeTestSpinLock(&Lock));
}

static DRIVER_UNLOAD InterlockedUnload;

static VOID InterlockedUnload(PDRIVER_OBJECT DriverObject)
{
	NtTestUnloadDone();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	KeInitializeSpinLock(&Lock);
	CheckLists();
	CheckCounters();
	DriverObject->DriverUnload = InterlockedUnload;
	return NtTestEntryDone();
}

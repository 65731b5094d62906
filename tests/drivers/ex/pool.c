/* ntt_pool: executive pool allocations at every legal IRQL and pool type. */
#define NTTEST_NAME "ntt_pool"
#include "nttest.h"

#define TAG_A 'AtNT'
#define TAG_B 'BtNT'

static PVOID Kept;

static VOID PoolUnload(PDRIVER_OBJECT DriverObject)
{
	UNREFERENCED_PARAMETER(DriverObject);
	ExFreePoolWithTag(Kept, TAG_A);
	NtTestUnloadDone();
}

static BOOLEAN Aligned(PVOID p, ULONG_PTR a)
{
	return ((ULONG_PTR)p & (a - 1)) == 0;
}

/* Allocate, use and free at DISPATCH_LEVEL; count what worked. */
static ULONG DispatchRound(VOID)
{
	ULONG ok = 0, i;
	PUCHAR p;
	PIRP irp;

	for (i = 0; i < 40; i++) {
		p = ExAllocatePoolWithTag(NonPagedPool, 16 + i * 100, TAG_B);
		if (p) {
			RtlFillMemory(p, 16 + i * 100, 0xa5);
			ok += p[15 + i * 100] == 0xa5;
			ExFreePoolWithTag(p, TAG_B);
		}
	}
	irp = IoAllocateIrp(2, FALSE);
	if (irp) {
		ok += irp->StackCount == 2;
		IoFreeIrp(irp);
	}
	return ok;
}

static volatile ULONG DpcOk;
static volatile KIRQL DpcIrql;

static VOID PoolDpc(PKDPC Dpc, PVOID Ctx, PVOID A1, PVOID A2)
{
	UNREFERENCED_PARAMETER(Dpc);
	UNREFERENCED_PARAMETER(Ctx);
	UNREFERENCED_PARAMETER(A1);
	UNREFERENCED_PARAMETER(A2);
	DpcIrql = KeGetCurrentIrql();
	DpcOk = DispatchRound();
}

static VOID CheckDispatchLevel(VOID)
{
	KDPC dpc;
	KIRQL old;
	ULONG ok;

	KeRaiseIrql(DISPATCH_LEVEL, &old);
	ok = DispatchRound();
	NTTEST("paged_pool_refused_at_dispatch",
	       ExAllocatePoolWithTag(PagedPool, 64, TAG_B) == NULL);
	KeLowerIrql(old);
	NTTEST("nonpaged_at_dispatch_level", ok == 41);

	KeInitializeDpc(&dpc, PoolDpc, NULL);
	DpcOk = 0;
	KeInsertQueueDpc(&dpc, NULL, NULL);
	KeFlushQueuedDpcs();
	NTTEST("nonpaged_in_a_dpc", DpcIrql == DISPATCH_LEVEL && DpcOk == 41);
}

/* Priorities and extended parameters only pick the pool; a secure pool is refused. */
static VOID CheckPriorityAndPool3(VOID)
{
	POOL_EXTENDED_PARAMETER params[2] = { 0 };
	PUCHAR p;

	p = ExAllocatePoolWithTagPriority(NonPagedPoolNx, 64, TAG_A, LowPoolPriority);
	NTTEST("priority_allocates", p != NULL);
	if (p)
		ExFreePoolWithTag(p, TAG_A);
	params[0].Type = PoolExtendedParameterPriority;
	params[0].Priority = HighPoolPriority;
	params[1].Type = PoolExtendedParameterNumaNode;
	p = ExAllocatePool3(POOL_FLAG_NON_PAGED, 64, TAG_A, params, 2);
	NTTEST("pool3_allocates_zeroed", p != NULL && p[0] == 0 && p[63] == 0);
	if (p)
		ExFreePoolWithTag(p, TAG_A);
	params[0].Type = PoolExtendedParameterSecurePool;
	NTTEST("pool3_secure_pool_refused",
	       ExAllocatePool3(POOL_FLAG_NON_PAGED, 64, TAG_A, params, 1) == NULL);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	PUCHAR p, q, big;
	ULONG i;
	BOOLEAN ok = TRUE;

	UNREFERENCED_PARAMETER(RegistryPath);
	p = ExAllocatePoolWithTag(NonPagedPool, 100, TAG_A);
	NTTEST("nonpaged_allocates", p != NULL);
	NTTEST("nonpaged_aligned_16", Aligned(p, 16));
	if (p) {
		RtlFillMemory(p, 100, 0x5a);
		NTTEST("nonpaged_writable", p[0] == 0x5a && p[99] == 0x5a);
		ExFreePoolWithTag(p, TAG_A);
	}
	q = ExAllocatePoolWithTag(PagedPool, 4096 * 3, TAG_B);
	NTTEST("paged_allocates_at_passive", q != NULL);
	if (q)
		ExFreePool(q);
	p = ExAllocatePool(NonPagedPoolNx, 1);
	NTTEST("untagged_allocates", p != NULL);
	if (p)
		ExFreePool(p);
	p = ExAllocatePoolWithTag(NonPagedPoolCacheAligned, 10, TAG_A);
	NTTEST("cache_aligned_is_aligned", p != NULL && Aligned(p, 64));
	if (p)
		ExFreePoolWithTag(p, TAG_A);
	p = ExAllocatePoolWithTag(NonPagedPool, 0, TAG_A);
	NTTEST("zero_bytes_gives_block", p != NULL);
	if (p)
		ExFreePoolWithTag(p, TAG_A);

	/* 8 MiB: beyond kmalloc, still served at PASSIVE_LEVEL. */
	big = ExAllocatePoolWithTag(NonPagedPool, 8u << 20, TAG_B);
	NTTEST("large_allocates", big != NULL);
	if (big) {
		for (i = 0; i < (8u << 20); i += 4096)
			big[i] = (UCHAR)i;
		for (i = 0; i < (8u << 20); i += 4096)
			ok &= big[i] == (UCHAR)i;
		NTTEST("large_writable", ok);
		ExFreePoolWithTag(big, TAG_B);
	}
	NTTEST("huge_request_fails_cleanly",
	       ExAllocatePoolWithTag(NonPagedPool, (SIZE_T)-8, TAG_A) == NULL);

	CheckDispatchLevel();
	CheckPriorityAndPool3();

	/* Freed by DriverUnload: a block may outlive DriverEntry. */
	Kept = ExAllocatePoolWithTag(NonPagedPool, 32, TAG_A);
	NTTEST("kept_block", Kept != NULL);
	DriverObject->DriverUnload = PoolUnload;
	return NtTestEntryDone();
}

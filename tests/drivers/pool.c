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

	/* Freed by DriverUnload: a block may outlive DriverEntry. */
	Kept = ExAllocatePoolWithTag(NonPagedPool, 32, TAG_A);
	NTTEST("kept_block", Kept != NULL);
	DriverObject->DriverUnload = PoolUnload;
	return NtTestEntryDone();
}

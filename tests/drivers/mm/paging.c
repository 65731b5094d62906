/* ntt_paging: section handles and their counts, MmPageEntireDriver, IRQL rules. */
#define NTTEST_NAME "ntt_paging"
#include "nttest.h"

/* ntshim's own extension, for this check only. */
#include <ntshimext.h>

static ULONG PagedData = 1;

#pragma alloc_text(PAGE, PagedRoutine)
static VOID PagedRoutine(VOID)
{
	PAGED_CODE();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	PVOID code, code2, data;
	KIRQL old;
	ULONG local = 0;

	UNREFERENCED_PARAMETER(RegistryPath);
	code = MmLockPagableCodeSection((PVOID)PagedRoutine);
	NTTEST("code_section_handle", code != NULL && NtshimQuerySectionLocks(code) == 1);
	code2 = MmLockPagableCodeSection((PVOID)DriverEntry);
	NTTEST("same_section_same_handle", code2 == code && NtshimQuerySectionLocks(code) == 2);
	MmLockPagableSectionByHandle(code);
	NTTEST("lock_by_handle_counts", NtshimQuerySectionLocks(code) == 3);
	data = MmLockPagableDataSection(&PagedData);
	NTTEST("data_section_handle", data != NULL && data != code &&
	       NtshimQuerySectionLocks(data) == 1);
	MmUnlockPagableImageSection(code);
	MmUnlockPagableImageSection(code);
	MmUnlockPagableImageSection(code);
	NTTEST("unlocks_count_down", NtshimQuerySectionLocks(code) == 0);
	MmUnlockPagableImageSection(code);	/* unbalanced: reported */
	NTTEST("unbalanced_unlock_reported_not_counted", NtshimQuerySectionLocks(code) == 0);
	MmUnlockPagableImageSection(data);
	NTTEST("outside_driver_refused", MmLockPagableCodeSection(&local) == NULL);
	NTTEST("page_entire_driver_returns_image_base",
	       MmPageEntireDriver((PVOID)DriverEntry) == DriverObject->DriverStart);
	MmResetDriverPaging((PVOID)DriverEntry);
	PagedRoutine();				/* at PASSIVE_LEVEL: silent */
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	NTTEST("lock_at_dispatch_refused", MmLockPagableCodeSection((PVOID)DriverEntry) == NULL);
	PagedRoutine();				/* PAGED_CODE reports this one */
	KeLowerIrql(old);
	code = MmLockPagableCodeSection((PVOID)DriverEntry);	/* left locked: noted at unload */
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}
